"""Numbers, labels and cell safety for reports and exports (German by default, English on request)."""

from __future__ import annotations

import math
from typing import Literal

Lang = Literal["de", "en"]

# Characters with which a spreadsheet starts a formula (OWASP "CSV injection"), plus the control
# characters that some spreadsheets strip before looking.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe."""
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def number(value: float | None, decimals: int, lang: Lang, *, sign: bool = False) -> str:
    """``1.234,5`` (de) or ``1,234.5`` (en); ``–`` for nothing."""
    if value is None or not math.isfinite(value):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # no "−0,0"
        if sign:
            return "±" + number(0.0, decimals, lang)
    text = f"{value:{'+' if sign else ''},.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text.replace("-", "−")


def unit_text(unit: str, measure: str, lang: Lang) -> str:
    """The unit of a shown value; a gap between two shares is in percentage points."""
    if measure == "ratio":
        return "×"
    if measure == "gap" and unit == "%":
        return "Pp." if lang == "de" else "pp"
    return unit


def inline_unit(unit: str, measure: str, lang: Lang) -> str:
    """The unit written beside each number: only % and percentage points; others go in the
    heading (e.g. "je 1.000 EW"), and a plain count needs none."""
    shown = unit_text(unit, measure, lang)
    return shown if shown in ("%", "Pp.", "pp") else ""


def heading_unit(unit: str, measure: str, lang: Lang) -> str:
    shown = unit_text(unit, measure, lang)
    if shown in ("%", "Pp.", "pp", "Anzahl", "count", ""):
        return ""
    return shown


def with_unit(value: float | None, decimals: int, unit: str, measure: str, lang: Lang) -> str:
    if value is None:
        return "–"
    shown = inline_unit(unit, measure, lang)
    text = number(value, decimals, lang)
    return f"{text} {shown}".rstrip() if shown else text


def plain_float(value: float | None, lang: Lang) -> str:
    """A full-precision number for CSV (no grouping); decimal comma for German."""
    if value is None or not math.isfinite(value):
        return ""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    if "e" in text or "E" in text:
        text = f"{value:.10f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text
