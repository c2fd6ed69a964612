"""Statistical confidentiality (Geheimhaltung): primary and secondary suppression, redaction.

The service calls :func:`primary_suppression`, then :func:`secondary_suppression`, then
:func:`redact`, before anything is computed or leaves the server.

- Primary: a value whose numerator is at least 1 and below the indicator's threshold (column
  ``suppression_threshold``, else 3) is suppressed: threshold 3 hides numerators 1 and 2, 5 (for
  sensitive topics) 1 to 4, 1 nothing. A numerator of 0 is not suppressed.
- Secondary, for gap indicators: when any of the measures ``A``, ``B``, ``gap`` (A − B) and
  ``ratio`` (A / B) of a city, year and indicator is suppressed, all four are, so that no
  suppressed value can be recomputed from the others.

Reasons are kept in ``suppression_reason`` (``"primary: Fallzahl < 3"``,
``"secondary: A suppressed"``, ``"primary: marked at source"`` for a row suppressed on input).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from vergleichsring.comparison.engine.grouping import combined_codes

__all__ = ["primary_suppression", "redact", "secondary_suppression"]

DEFAULT_SUPPRESSION_THRESHOLD: Final = 3
GAP_MEASURES: Final = ("A", "B", "gap", "ratio")
_KEYS: Final = ["indicator", "ags", "year"]
_SOURCE_REASON: Final = "primary: marked at source"
#: The suppressed measures named by each set of bits (bit i = GAP_MEASURES[i]).
_LABELS: Final = [
    ", ".join(m for i, m in enumerate(GAP_MEASURES) if mask >> i & 1)
    for mask in range(1 << len(GAP_MEASURES))
]


def _flags_and_reasons(
    frame: pd.DataFrame,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.object_]]:
    flags = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False).copy()
    if "suppression_reason" in frame.columns:
        reasons = frame["suppression_reason"].to_numpy(dtype=object).copy()
        reasons[pd.isna(reasons)] = None
    else:
        reasons = np.full(len(frame), None, dtype=object)
    reasons[flags & pd.isna(reasons)] = _SOURCE_REASON
    return flags, reasons


def _with(
    frame: pd.DataFrame, flags: npt.NDArray[np.bool_], reasons: npt.NDArray[np.object_]
) -> pd.DataFrame:
    result = frame.copy()
    result["suppressed"] = flags
    result["suppression_reason"] = pd.Series(reasons, index=frame.index, dtype=object)
    return result


def primary_suppression(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with ``suppressed`` and ``suppression_reason`` set for small numerators.

    Rows already suppressed keep their reason. Values are not touched: see :func:`redact`.
    """
    flags, reasons = _flags_and_reasons(frame)
    if "suppression_threshold" in frame.columns:
        limits = frame["suppression_threshold"].to_numpy(dtype=np.float64, na_value=np.nan)
        limits = np.where(np.isnan(limits), DEFAULT_SUPPRESSION_THRESHOLD, limits)
    else:
        limits = np.full(len(frame), float(DEFAULT_SUPPRESSION_THRESHOLD))
    if (limits < 1).any():
        raise ValueError("a suppression threshold must be at least 1 (1 = no suppression)")
    numerator = frame["numerator"].to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        small = np.isfinite(numerator) & (numerator > 0) & (numerator < limits)
    new = small & ~flags
    reasons[new] = [f"primary: Fallzahl < {t:g}" for t in limits[new]]
    return _with(frame, flags | small, reasons)


def _gap_measure(measure: pd.Series) -> npt.NDArray[np.int64]:
    """Per row the place of its measure in :data:`GAP_MEASURES`, -1 for any other measure."""
    known = pd.Index(GAP_MEASURES)
    if isinstance(measure.dtype, pd.CategoricalDtype):
        per_category = np.append(known.get_indexer(measure.cat.categories), -1)
        return per_category.take(measure.cat.codes.to_numpy()).astype(np.int64)
    return known.get_indexer(pd.Index(measure.to_numpy(dtype=object))).astype(np.int64)


def secondary_suppression(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which a gap indicator's measures are suppressed together, per city and year.

    Newly suppressed rows get the reason ``"secondary: A suppressed"``, naming the measures that
    were suppressed already. Rows of other measures are left alone.
    """
    flags, reasons = _flags_and_reasons(frame)
    which = _gap_measure(frame["measure"])
    rows = np.flatnonzero(which >= 0)
    key = combined_codes(frame, _KEYS)[0].take(rows)
    hidden = flags[rows]
    # Per city, year and indicator with a suppressed measure: the set of them, as bits.
    marked, inverse = np.unique(key[hidden], return_inverse=True)
    bits = np.zeros(marked.size, dtype=np.int64)
    np.bitwise_or.at(bits, inverse.reshape(-1), np.left_shift(1, which.take(rows[hidden])))
    found = np.zeros(rows.size, dtype=np.int64)
    if marked.size:
        place = np.minimum(np.searchsorted(marked, key), marked.size - 1)
        found = np.where(marked[place] == key, bits[place], 0)
    new = (found > 0) & ~hidden
    flags[rows[new]] = True
    reasons[rows[new]] = [f"secondary: {_LABELS[mask]} suppressed" for mask in found[new]]
    return _with(frame, flags, reasons)


def redact(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every suppressed row's value, numerator and denominator are NaN.

    The service must call this before anything leaves the server (API answers, reports,
    exports): until then a suppressed row still holds its numbers.
    """
    result = frame.copy()
    hidden = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    for column in ("value", "numerator", "denominator"):
        result[column] = result[column].astype(np.float64).mask(hidden)
    return result
