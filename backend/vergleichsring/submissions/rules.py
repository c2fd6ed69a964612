"""Plausibility rules: pure functions, dataclasses in, findings out (no database, no web).

Hard rules (severity ``error``) block submitting: counts are whole numbers ≥ 0, a share's
numerator does not exceed its denominator, parts do not exceed their total (and complete parts
add up to it within the catalogue's tolerance), every base figure has a value or a status, and
``not_collectable`` carries a comment.

Soft rules (severity ``warning``) ask for a comment: a change against the previous data year
beyond a relative *and* an absolute threshold, a key figure far outside the other cities of the
round (robust z on median and MAD above 3.5, or beyond 3 × IQR from the quartiles), the
population more than 2 % off the official figure, and a rate above 100 %.

Every finding explains itself in German and English with the numbers. The other cities enter
only as anonymous numbers (``peers``); their names never reach this module.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from vergleichsring.catalog.formula import Formula

FloatArray = NDArray[np.float64]
COUNT_UNITS = frozenset({"Personen", "Anzahl"})
FLAG_UNITS = frozenset({"ja/nein"})
MISSING_STATUSES = frozenset({"not_collectable", "not_delivered", "suppressed"})
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class FigureMeta:
    """What the rules need to know about a base figure."""

    code: str
    name_de: str
    name_en: str
    unit: str
    field: str | None = None

    @property
    def may_be_negative(self) -> bool:
        return "SALDO" in self.code  # a balance (in minus out) can be below zero

    @property
    def is_count(self) -> bool:
        return self.unit in COUNT_UNITS and not self.may_be_negative


@dataclass(frozen=True)
class Entry:
    """A value as entered: the number (or none), its status and comment."""

    value: float | None
    status: str = "ok"
    comment: str | None = None

    @property
    def has_comment(self) -> bool:
        return bool(self.comment and self.comment.strip())


@dataclass(frozen=True)
class Share:
    """A key figure whose numerator is a subset of its denominator (both one base figure)."""

    indicator: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class PartTotal:
    total: str
    parts: tuple[str, ...]
    complete: bool = False
    tolerance: float = 0.0


@dataclass(frozen=True)
class KeyFigure:
    """A key figure computed for plausibility: numerator / denominator × multiplier."""

    code: str
    name_de: str
    name_en: str
    unit: str
    multiplier: float
    numerator: Formula
    denominator: Formula | None
    field: str | None = None

    @property
    def anchor(self) -> str | None:
        """The base figure a finding on this key figure is attached to (the numerator's)."""
        refs = sorted(self.numerator.references())
        return refs[0].code if refs else None


@dataclass(frozen=True)
class RuleConfig:
    change_relative: float = 0.25  # 25 % against the previous year …
    change_absolute: float = 50.0  # … and at least 50 units
    robust_z: float = 3.5
    iqr_factor: float = 3.0
    min_peers: int = 5
    population_tolerance: float = 0.02
    population_code: str = "G-BEV-GES"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    base_figure: str | None
    indicator: str | None
    field: str | None
    message_de: str
    message_en: str
    numbers: dict[str, float | None] = dataclasses.field(default_factory=dict)


# --- number formatting ----------------------------------------------------------------------


def fmt_de(value: float, decimals: int | None = None) -> str:
    """German notation: ``1.234,5``."""
    text = fmt_en(value, decimals)
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_en(value: float, decimals: int | None = None) -> str:
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{decimals}f}"


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit else text


# --- hard rules -----------------------------------------------------------------------------


def hard_findings(
    figures: Mapping[str, FigureMeta],
    entries: Mapping[str, Entry],
    *,
    shares: Iterable[Share] = (),
    part_totals: Iterable[PartTotal] = (),
    required: Iterable[str] | None = None,
) -> list[Finding]:
    """Every hard-rule violation of one city-year; an empty list allows submitting."""
    found: list[Finding] = []
    for code in required if required is not None else figures:
        meta = figures[code]
        entry = entries.get(code)
        if entry is None or (entry.value is None and entry.status not in MISSING_STATUSES):
            found.append(
                _finding(
                    "required",
                    ERROR,
                    meta,
                    None,
                    f"{meta.code} ({meta.name_de}): kein Wert und kein Status (z. B. "
                    "„nicht erhebbar“ mit Kommentar).",
                    f"{meta.code} ({meta.name_en}): no value and no status (e.g. "
                    "'not collectable' with a comment).",
                    {},
                )
            )
        elif entry.status == "not_collectable" and not entry.has_comment:
            found.append(
                _finding(
                    "not_collectable_comment",
                    ERROR,
                    meta,
                    None,
                    f"{meta.code}: „nicht erhebbar“ braucht einen Kommentar mit dem Grund.",
                    f"{meta.code}: 'not collectable' needs a comment giving the reason.",
                    {},
                )
            )
    for code, entry in entries.items():
        known = figures.get(code)
        if known is None or entry.value is None:
            continue
        meta, value = known, entry.value
        if meta.is_count and (value < 0 or not float(value).is_integer()):
            found.append(
                _finding(
                    "count",
                    ERROR,
                    meta,
                    None,
                    f"{meta.code}: {fmt_de(value)} ist keine Anzahl – Anzahlen sind ganze "
                    "Zahlen ≥ 0.",
                    f"{meta.code}: {fmt_en(value)} is not a count – counts are whole numbers ≥ 0.",
                    {"value": value},
                )
            )
        elif meta.unit in FLAG_UNITS and value not in (0.0, 1.0):
            found.append(
                _finding(
                    "flag",
                    ERROR,
                    meta,
                    None,
                    f"{meta.code}: {fmt_de(value)} – erlaubt sind 1 (ja) und 0 (nein).",
                    f"{meta.code}: {fmt_en(value)} – allowed are 1 (yes) and 0 (no).",
                    {"value": value},
                )
            )
        elif value < 0 and not meta.may_be_negative and not meta.is_count:
            found.append(
                _finding(
                    "negative",
                    ERROR,
                    meta,
                    None,
                    f"{meta.code}: {fmt_de(value)} ist negativ; der Wert kann nicht unter 0 liegen.",
                    f"{meta.code}: {fmt_en(value)} is negative; the value cannot be below 0.",
                    {"value": value},
                )
            )
    for share in shares:
        num, den = _value(entries, share.numerator), _value(entries, share.denominator)
        if num is None or den is None or num <= den:
            continue
        meta = figures[share.numerator]
        found.append(
            _finding(
                "share",
                ERROR,
                meta,
                share.indicator,
                f"{share.numerator} ({fmt_de(num)}) ist größer als {share.denominator} "
                f"({fmt_de(den)}); der Zähler von {share.indicator} darf den Nenner nicht "
                "übersteigen.",
                f"{share.numerator} ({fmt_en(num)}) is larger than {share.denominator} "
                f"({fmt_en(den)}); the numerator of {share.indicator} may not exceed its "
                "denominator.",
                {"numerator": num, "denominator": den},
            )
        )
    for rel in part_totals:
        total = _value(entries, rel.total)
        values = [_value(entries, p) for p in rel.parts]
        present = [v for v in values if v is not None]
        if total is None or not present:
            continue
        parts_sum = math.fsum(present)
        meta = figures[rel.parts[0]] if len(rel.parts) == 1 else figures[rel.total]
        names = " + ".join(rel.parts)
        allowed = total * (1 + rel.tolerance)
        if parts_sum > allowed:
            found.append(
                _finding(
                    "part_total",
                    ERROR,
                    meta,
                    None,
                    f"{names} = {fmt_de(parts_sum)} übersteigt die Gesamtzahl {rel.total} = "
                    f"{fmt_de(total)}.",
                    f"{names} = {fmt_en(parts_sum)} exceeds the total {rel.total} = "
                    f"{fmt_en(total)}.",
                    {"parts": parts_sum, "total": total},
                )
            )
        elif rel.complete and len(present) == len(values):
            gap = abs(parts_sum - total)
            if gap > rel.tolerance * total:
                pct = 100 * rel.tolerance
                found.append(
                    _finding(
                        "part_total",
                        ERROR,
                        figures[rel.total],
                        None,
                        f"{names} = {fmt_de(parts_sum)} ergibt nicht die Gesamtzahl {rel.total} "
                        f"= {fmt_de(total)} (Abweichung {fmt_de(gap)}, zulässig "
                        f"{fmt_de(pct, 1)} %).",
                        f"{names} = {fmt_en(parts_sum)} does not add up to the total "
                        f"{rel.total} = {fmt_en(total)} (difference {fmt_en(gap)}, allowed "
                        f"{fmt_en(pct, 1)} %).",
                        {"parts": parts_sum, "total": total, "difference": gap},
                    )
                )
    return found


# --- soft rules -----------------------------------------------------------------------------


def change_findings(
    figures: Mapping[str, FigureMeta],
    entries: Mapping[str, Entry],
    previous: Mapping[str, float | None],
    config: RuleConfig = RuleConfig(),
) -> list[Finding]:
    """Values that moved against the previous data year beyond both thresholds."""
    found: list[Finding] = []
    for code, entry in entries.items():
        prev = previous.get(code)
        meta = figures.get(code)
        if meta is None or entry.value is None or prev is None:
            continue
        delta = entry.value - prev
        if abs(delta) < config.change_absolute or prev == 0:
            continue
        rel = delta / abs(prev)
        if abs(rel) <= config.change_relative:
            continue
        word_de = "gestiegen" if delta > 0 else "gesunken"
        word_en = "rose" if delta > 0 else "fell"
        found.append(
            _finding(
                "change",
                WARNING,
                meta,
                None,
                f"{meta.code} ist gegenüber dem Vorjahr um {fmt_de(abs(100 * rel), 1)} % "
                f"{word_de} ({fmt_de(prev)} → {fmt_de(entry.value)}).",
                f"{meta.code} {word_en} by {fmt_en(abs(100 * rel), 1)} % against the previous "
                f"year ({fmt_en(prev)} → {fmt_en(entry.value)}).",
                {"previous": prev, "value": entry.value, "change_pct": 100 * rel},
            )
        )
    return found


def population_findings(
    figures: Mapping[str, FigureMeta],
    entries: Mapping[str, Entry],
    official: float | None,
    config: RuleConfig = RuleConfig(),
) -> list[Finding]:
    """The submitted population against the official figure."""
    code = config.population_code
    value = _value(entries, code)
    if value is None or official is None or official <= 0 or code not in figures:
        return []
    off = (value - official) / official
    if abs(off) <= config.population_tolerance:
        return []
    return [
        _finding(
            "population",
            WARNING,
            figures[code],
            None,
            f"{code}: {fmt_de(value)} weicht um {fmt_de(100 * off, 1)} % von der amtlichen "
            f"Einwohnerzahl ab ({fmt_de(official)}; toleriert "
            f"{fmt_de(100 * config.population_tolerance, 0)} %).",
            f"{code}: {fmt_en(value)} differs by {fmt_en(100 * off, 1)} % from the official "
            f"population ({fmt_en(official)}; tolerated "
            f"{fmt_en(100 * config.population_tolerance, 0)} %).",
            {"value": value, "official": official, "difference_pct": 100 * off},
        )
    ]


def key_figure_values(
    key_figures: Iterable[KeyFigure],
    entries: Mapping[str, Entry],
    previous: Mapping[str, float | None] | None = None,
) -> dict[str, float | None]:
    """Key figures of one city-year through the catalogue's formula module."""
    prev = previous or {}

    def lookup(code: str, is_previous: bool) -> float | None:
        if is_previous:
            return prev.get(code)
        return _value(entries, code)

    result: dict[str, float | None] = {}
    for kf in key_figures:
        num = kf.numerator.evaluate(lookup)
        den = 1.0 if kf.denominator is None else kf.denominator.evaluate(lookup)
        if num is None or den is None or den == 0:
            result[kf.code] = None
        else:
            result[kf.code] = num / den * kf.multiplier
    return result


def key_figure_arrays(
    key_figures: Iterable[KeyFigure],
    columns: Mapping[str, FloatArray],
    previous: Mapping[str, FloatArray],
    size: int,
) -> dict[str, FloatArray]:
    """Key figures of many cities at once (one array element per city; NaN where missing)."""
    empty = np.full(size, np.nan)

    def lookup(code: str, is_previous: bool) -> FloatArray:
        return (previous if is_previous else columns).get(code, empty)

    result: dict[str, FloatArray] = {}
    for kf in key_figures:
        num = kf.numerator.evaluate(lookup)
        den = np.ones(size) if kf.denominator is None else kf.denominator.evaluate(lookup)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where((den != 0) & np.isfinite(den), num / den * kf.multiplier, np.nan)
        result[kf.code] = out.astype(np.float64)
    return result


def rate_findings(
    key_figures: Iterable[KeyFigure], values: Mapping[str, float | None], shares: Iterable[Share]
) -> list[Finding]:
    """Rates above 100 % that are not already a hard share error."""
    hard = {s.indicator for s in shares}
    found: list[Finding] = []
    for kf in key_figures:
        value = values.get(kf.code)
        if kf.unit != "%" or value is None or value <= 100 or kf.code in hard:
            continue
        found.append(
            Finding(
                rule="rate_above_100",
                severity=WARNING,
                base_figure=kf.anchor,
                indicator=kf.code,
                field=kf.field,
                message_de=f"{kf.name_de} ({kf.code}): {fmt_de(value, 1)} % liegt über 100 %.",
                message_en=f"{kf.name_en} ({kf.code}): {fmt_en(value, 1)} % is above 100 %.",
                numbers={"value": value},
            )
        )
    return found


@dataclass(frozen=True)
class PeerPosition:
    median: float
    q1: float
    q3: float
    robust_z: float | None
    outside_iqr: bool
    n: int


def peer_position(value: float, peers: Sequence[float], config: RuleConfig) -> PeerPosition | None:
    """Where a value lies among the other cities' values (which exclude the city itself)."""
    arr = np.asarray([p for p in peers if p is not None and math.isfinite(p)], dtype=float)
    if arr.size < config.min_peers:
        return None
    median = float(np.median(arr))
    q1, q3 = (float(q) for q in np.quantile(arr, [0.25, 0.75]))
    mad = float(np.median(np.abs(arr - median)))
    robust_z = None if mad == 0 else (value - median) / (1.4826 * mad)
    iqr = q3 - q1
    outside = value < q1 - config.iqr_factor * iqr or value > q3 + config.iqr_factor * iqr
    if iqr == 0:
        outside = False  # a degenerate spread says nothing
    return PeerPosition(median, q1, q3, robust_z, outside, int(arr.size))


def outlier_findings(
    key_figures: Iterable[KeyFigure],
    values: Mapping[str, float | None],
    peers: Mapping[str, Sequence[float]],
    config: RuleConfig = RuleConfig(),
) -> list[Finding]:
    """Key figures far outside the other cities of the round (robust z or 3 × IQR)."""
    found: list[Finding] = []
    for kf in key_figures:
        value = values.get(kf.code)
        if value is None:
            continue
        pos = peer_position(value, peers.get(kf.code, ()), config)
        if pos is None:
            continue
        flagged_z = pos.robust_z is not None and abs(pos.robust_z) > config.robust_z
        if not (flagged_z or pos.outside_iqr):
            continue
        above = value > pos.median
        unit = kf.unit if kf.unit == "%" else ""
        v_de, m_de = _with_unit(fmt_de(value, 1), unit), _with_unit(fmt_de(pos.median, 1), unit)
        v_en, m_en = _with_unit(fmt_en(value, 1), unit), _with_unit(fmt_en(pos.median, 1), unit)
        if pos.robust_z is not None:
            why_de = f"robuster z-Wert {fmt_de(pos.robust_z, 1)}"
            why_en = f"robust z {fmt_en(pos.robust_z, 1)}"
        else:
            why_de = (
                f"außerhalb von 3 × IQR um die Quartile {fmt_de(pos.q1, 1)}–{fmt_de(pos.q3, 1)}"
            )
            why_en = f"outside 3 × IQR around the quartiles {fmt_en(pos.q1, 1)}–{fmt_en(pos.q3, 1)}"
        found.append(
            Finding(
                rule="outlier",
                severity=WARNING,
                base_figure=kf.anchor,
                indicator=kf.code,
                field=kf.field,
                message_de=(
                    f"{kf.name_de} {v_de} liegt weit {'über' if above else 'unter'} dem Median "
                    f"der Ring-Städte ({m_de}, {why_de})."
                ),
                message_en=(
                    f"{kf.name_en} {v_en} lies far {'above' if above else 'below'} the median "
                    f"of the ring's cities ({m_en}, {why_en})."
                ),
                numbers={
                    "value": value,
                    "median": pos.median,
                    "q1": pos.q1,
                    "q3": pos.q3,
                    "robust_z": pos.robust_z,
                    "n": float(pos.n),
                },
            )
        )
    return found


def unexplained_warnings(
    findings: Iterable[Finding], entries: Mapping[str, Entry]
) -> list[Finding]:
    """Warnings whose base figure carries no comment: these block submitting until explained."""
    return [
        f
        for f in findings
        if f.severity == WARNING
        and (f.base_figure is None or not _has_comment(entries, f.base_figure))
    ]


def _has_comment(entries: Mapping[str, Entry], code: str) -> bool:
    entry = entries.get(code)
    return entry is not None and entry.has_comment


def _value(entries: Mapping[str, Entry], code: str) -> float | None:
    entry = entries.get(code)
    return None if entry is None else entry.value


def _finding(
    rule: str,
    severity: str,
    meta: FigureMeta,
    indicator: str | None,
    de: str,
    en: str,
    numbers: dict[str, float | None],
) -> Finding:
    return Finding(rule, severity, meta.code, indicator, meta.field, de, en, numbers)
