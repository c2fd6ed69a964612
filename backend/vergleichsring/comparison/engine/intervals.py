"""Uncertainty of values built on small counts: Wilson and exact Poisson intervals.

A rate of 2 out of 40 is not the same evidence as 200 out of 4,000. The Wilson score interval
(the default of official statistics for proportions; it stays inside [0, 1] and behaves well for
small counts and rates near 0 or 1) tells whether a city's rate really differs from a reference
such as the group median, or only by chance.

A rate of events or persons per 1,000 or 100,000 (a numerator that is a count in a large
population, not a share of it) gets the exact (Garwood) Poisson interval of its count divided by
the population, from the chi-square quantiles. Which one a key figure gets is declared in the
catalogue (the value frame's ``interval`` column); growth rates, differences and other kinds get
none.

Intervals are proportions (rates per 1); :func:`differs_from` and :func:`rate_intervals` scale them
by the key figure's multiplier (100 for %, 1,000 for ‰, …) to compare in the key figure's unit.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import chi2

__all__ = ["differs_from", "poisson_interval", "rate_intervals", "wilson_interval"]

FloatArray = npt.NDArray[np.float64]


def _critical_value(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def wilson_interval(
    successes: npt.ArrayLike, trials: npt.ArrayLike, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """The Wilson score interval ``(low, high)`` of the proportion ``successes / trials``.

    Vectorised over arrays (scalars give 0-d arrays). NaN where ``trials <= 0``,
    ``successes < 0``, ``successes > trials`` or an input is missing.
    """
    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    k, n = np.broadcast_arrays(k, n)
    z = _critical_value(confidence)
    usable = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0) & (k <= n)
    low = np.full(k.shape, np.nan)
    high = np.full(k.shape, np.nan)
    kk, nn = k[usable], n[usable]
    p = kk / nn
    z2 = z * z
    denominator = 1 + z2 / nn
    centre = (p + z2 / (2 * nn)) / denominator
    half_width = z * np.sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denominator
    low[usable] = np.clip(centre - half_width, 0.0, 1.0)
    high[usable] = np.clip(centre + half_width, 0.0, 1.0)
    return low, high


def poisson_interval(
    events: npt.ArrayLike, exposure: npt.ArrayLike, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """The exact (Garwood) Poisson interval ``(low, high)`` of the rate ``events / exposure``.

    ``low = χ²(α/2; 2k) / 2n`` (0 for k = 0), ``high = χ²(1 − α/2; 2k + 2) / 2n``. Vectorised;
    NaN where ``exposure <= 0``, ``events < 0`` or an input is missing.
    """
    k = np.asarray(events, dtype=np.float64)
    n = np.asarray(exposure, dtype=np.float64)
    k, n = np.broadcast_arrays(k, n)
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")
    alpha = 1 - confidence
    usable = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0)
    low = np.full(k.shape, np.nan)
    high = np.full(k.shape, np.nan)
    kk, nn = k[usable], n[usable]
    with np.errstate(invalid="ignore"):
        lower_count = np.where(kk > 0, chi2.ppf(alpha / 2, 2 * kk) / 2, 0.0)
    low[usable] = lower_count / nn
    high[usable] = chi2.ppf(1 - alpha / 2, 2 * kk + 2) / 2 / nn
    return low, high


def differs_from(
    low: npt.ArrayLike,
    high: npt.ArrayLike,
    reference: npt.ArrayLike,
    multiplier: npt.ArrayLike = 1.0,
) -> pd.arrays.BooleanArray:
    """Whether ``reference`` lies outside ``[low × multiplier, high × multiplier]``.

    ``low`` and ``high`` are proportions (as from :func:`wilson_interval`), ``reference`` is in
    the key figure's unit (e.g. the group median in %, with ``multiplier=100``). A reference on a
    bound does not differ. NA where any input is missing.
    """
    lo = np.asarray(low, dtype=np.float64)
    hi = np.asarray(high, dtype=np.float64)
    ref = np.asarray(reference, dtype=np.float64)
    scale = np.asarray(multiplier, dtype=np.float64)
    lo, hi, ref, scale = np.broadcast_arrays(lo, hi, ref, scale)
    lower, upper = lo * scale, hi * scale
    missing = ~(np.isfinite(lower) & np.isfinite(upper) & np.isfinite(ref))
    with np.errstate(invalid="ignore"):
        outside = (ref < lower) | (ref > upper)
    return pd.arrays.BooleanArray(np.where(missing, False, outside).ravel(), missing.ravel())


def rate_intervals(frame: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Per row the interval of ``numerator / denominator`` in the key figure's unit.

    The ``interval`` column chooses it per row: ``wilson`` (:func:`wilson_interval`),
    ``poisson`` (:func:`poisson_interval`) or ``none``; without that column every row is taken
    as a share (Wilson). Columns ``ci_low`` and ``ci_high`` (× the ``multiplier`` column, else
    × 1), index = the input's. NaN where the row is suppressed, has no interval, or does not fit
    it (no counts; for Wilson a numerator above its denominator), so that an interval never
    reveals a suppressed count.
    """
    numerator = frame["numerator"].to_numpy(dtype=np.float64, na_value=np.nan)
    denominator = frame["denominator"].to_numpy(dtype=np.float64, na_value=np.nan)
    if "suppressed" in frame.columns:
        hidden = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
        numerator = np.where(hidden, np.nan, numerator)
    if "multiplier" in frame.columns:
        scale = frame["multiplier"].to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        scale = np.ones(len(frame))
    if "interval" not in frame.columns:
        low, high = wilson_interval(numerator, denominator, confidence=confidence)
        return pd.DataFrame({"ci_low": low * scale, "ci_high": high * scale}, index=frame.index)
    kind = frame["interval"].to_numpy(dtype=object)
    low = np.full(len(frame), np.nan)
    high = np.full(len(frame), np.nan)
    for name, interval in (("wilson", wilson_interval), ("poisson", poisson_interval)):
        rows = np.flatnonzero(kind == name)
        if rows.size:
            low[rows], high[rows] = interval(
                numerator[rows], denominator[rows], confidence=confidence
            )
    return pd.DataFrame({"ci_low": low * scale, "ci_high": high * scale}, index=frame.index)
