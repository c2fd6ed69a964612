"""Statistical confidentiality (Geheimhaltung): primary and secondary suppression, redaction.

The order of work in the service: :func:`primary_suppression`, then
:func:`secondary_suppression`, then the comparison (statistics, positions and intervals leave
suppressed rows out by themselves), and finally :func:`redact` on every frame that carries a
city's value, numerator or denominator. **The service must call** :func:`redact` **before
anything leaves the server**: until then a suppressed row still holds its numbers (the engine
needs them for nothing, but the frame came from the database with them).

- Primary: a value whose numerator is at least 1 and below the indicator's threshold is
  suppressed (threshold 3: numerators 1 and 2; 5 for sensitive topics; 1: never). A numerator of
  0 is not suppressed.
- Secondary, for gap indicators: when any of the measures ``A``, ``B``, ``gap`` (A − B) and
  ``ratio`` (A / B) of a city, year and indicator is suppressed, all four are, so that no
  suppressed value can be recomputed from the others (A from B and the gap, and so on).

Reasons are kept in ``suppression_reason`` (``"primary: Fallzahl < 3"``,
``"secondary: A suppressed"``); the public sign for a suppressed value is ``"."``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "DEFAULT_SUPPRESSION_THRESHOLD",
    "GAP_MEASURES",
    "SENSITIVE_SUPPRESSION_THRESHOLD",
    "primary_suppression",
    "redact",
    "secondary_suppression",
]

#: Numerators 1 and 2 are suppressed.
DEFAULT_SUPPRESSION_THRESHOLD: Final[int] = 3
#: Sensitive topics (e.g. discrimination cases): numerators 1 to 4 are suppressed.
SENSITIVE_SUPPRESSION_THRESHOLD: Final[int] = 5
#: The measures of a gap indicator that hide together.
GAP_MEASURES: Final[tuple[str, ...]] = ("A", "B", "gap", "ratio")
_SOURCE_REASON: Final[str] = "primary: marked at source"


def _flags_and_reasons(
    frame: pd.DataFrame,
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.object_]]:
    if "suppressed" in frame.columns:
        flags = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False).copy()
    else:
        flags = np.zeros(len(frame), dtype=np.bool_)
    if "suppression_reason" in frame.columns:
        reasons = frame["suppression_reason"].to_numpy(dtype=object).copy()
        reasons[pd.isna(reasons)] = None
    else:
        reasons = np.full(len(frame), None, dtype=object)
    unexplained = flags & pd.isna(reasons)
    reasons[unexplained] = _SOURCE_REASON
    return flags, reasons


def _thresholds(
    frame: pd.DataFrame, threshold: int | Mapping[str, int] | None
) -> npt.NDArray[np.float64]:
    if "suppression_threshold" in frame.columns:
        fallback = frame["suppression_threshold"].to_numpy(dtype=np.float64, na_value=np.nan)
        fallback = np.where(np.isnan(fallback), DEFAULT_SUPPRESSION_THRESHOLD, fallback)
    else:
        fallback = np.full(len(frame), float(DEFAULT_SUPPRESSION_THRESHOLD))
    if threshold is None:
        result = fallback
    elif isinstance(threshold, Mapping):
        mapped = frame["indicator"].map(dict(threshold)).to_numpy(dtype=np.float64, na_value=np.nan)
        result = np.where(np.isnan(mapped), fallback, mapped)
    else:
        result = np.full(len(frame), float(threshold))
    if (result < 1).any():
        raise ValueError("a suppression threshold must be at least 1 (1 = no suppression)")
    return result


def primary_suppression(
    frame: pd.DataFrame, *, threshold: int | Mapping[str, int] | None = None
) -> pd.DataFrame:
    """Suppress values whose numerator is at least 1 and below the indicator's threshold.

    ``threshold``: one number for every row, a mapping indicator → threshold, or None for the
    column ``suppression_threshold``; where neither gives one, 3. Returns a copy with
    ``suppressed`` set and ``suppression_reason`` filled (``"primary: Fallzahl < 3"``); rows
    already suppressed keep their reason (``"primary: marked at source"`` when none is given).
    Values are not touched: see :func:`redact`.
    """
    result = frame.copy()
    flags, reasons = _flags_and_reasons(frame)
    limits = _thresholds(frame, threshold)
    numerator = frame["numerator"].to_numpy(dtype=np.float64, na_value=np.nan)
    with np.errstate(invalid="ignore"):
        small = np.isfinite(numerator) & (numerator > 0) & (numerator < limits)
    new = small & ~flags
    if new.any():
        labels = {float(t): f"primary: Fallzahl < {t:g}" for t in np.unique(limits[new])}
        reasons[new] = [labels[float(t)] for t in limits[new]]
    result["suppressed"] = flags | small
    result["suppression_reason"] = pd.Series(reasons, index=frame.index, dtype=object)
    return result


def secondary_suppression(
    frame: pd.DataFrame,
    *,
    by: Sequence[str] = ("indicator", "ags", "year"),
    measures: Sequence[str] = GAP_MEASURES,
) -> pd.DataFrame:
    """Suppress the whole set ``measures`` of a gap indicator where any one is suppressed.

    Rows are matched by ``by`` (indicator, city and year); rows of other measures (a plain key
    figure's ``"value"``) are left alone. Newly suppressed rows get the reason
    ``"secondary: A suppressed"`` (naming the measures that were suppressed already).
    Returns a copy; call it after :func:`primary_suppression`.
    """
    result = frame.copy()
    flags, reasons = _flags_and_reasons(frame)
    in_set = frame["measure"].isin(list(measures)).to_numpy(dtype=np.bool_)
    rows = np.flatnonzero(in_set)
    if rows.size:
        subset = frame.iloc[rows]
        codes = np.zeros(rows.size, dtype=np.int64)
        for column in by:  # one code per key combination (mixed radix of the columns' codes)
            part, uniques = pd.factorize(subset[column])
            codes = codes * len(uniques) + part
        codes = pd.factorize(codes)[0]
        hidden = flags[rows]
        measure = subset["measure"].to_numpy(dtype=object)
        labels = np.full(codes.max() + 1, "", dtype=object)
        for name in measures:
            has = np.bincount(codes, weights=hidden & (measure == name), minlength=labels.size)
            labels = np.where(has > 0, np.where(labels == "", name, labels + ", " + name), labels)
        new = (labels != "")[codes] & ~hidden
        flags[rows[new]] = True
        reasons[rows[new]] = [f"secondary: {label} suppressed" for label in labels[codes[new]]]
    result["suppressed"] = flags
    result["suppression_reason"] = pd.Series(reasons, index=frame.index, dtype=object)
    return result


def redact(
    frame: pd.DataFrame, *, columns: Sequence[str] = ("value", "numerator", "denominator")
) -> pd.DataFrame:
    """A copy in which every suppressed row's ``columns`` (those present) are NaN.

    The service must call this on every frame before it leaves the server (API answers,
    reports, exports); the engine's own results never carry a suppressed value.
    """
    result = frame.copy()
    if "suppressed" not in frame.columns:
        return result
    hidden = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    for column in columns:
        if column in result.columns:
            result[column] = result[column].astype(np.float64).mask(hidden)
    return result
