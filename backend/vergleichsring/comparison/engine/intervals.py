"""Uncertainty of values built on small counts: 95 % intervals by the kind the catalogue declares.

A rate of 2 out of 40 is not the same evidence as 200 out of 4,000: the interval tells whether a
city's value really differs from a reference such as the group median, or only by chance. The
value frame's ``interval`` column chooses it per row:

* ``wilson``, a share: the Wilson score interval (the default of official statistics for
  proportions; it stays inside [0, 1] and behaves well for small counts and shares near 0 or 1);
* ``poisson``, a rate of events or persons per 1,000 or 100,000: the exact (Garwood) Poisson
  interval of the count divided by the population, from the chi-square quantiles;
* ``none``: growth rates, differences, densities, … and a gap's own measures get none.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.stats import chi2

__all__ = ["differs_from", "poisson_interval", "rate_intervals", "wilson_interval"]

FloatArray = npt.NDArray[np.float64]

_ALPHA = 1 - 0.95
_Z = NormalDist().inv_cdf(1 - _ALPHA / 2)


def _arrays(*values: npt.ArrayLike) -> tuple[FloatArray, ...]:
    return np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in values))


def wilson_interval(
    successes: npt.ArrayLike, trials: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """The Wilson score interval ``(low, high)`` of the proportion ``successes / trials``.

    Vectorised (scalars give 0-d arrays). NaN where ``trials <= 0``, ``successes < 0``,
    ``successes > trials`` or an input is missing.
    """
    k, n = _arrays(successes, trials)
    usable = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0) & (k <= n)
    z2 = _Z * _Z
    with np.errstate(all="ignore"):
        p = k / n
        denominator = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denominator
        half_width = _Z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    low = np.where(usable, np.clip(centre - half_width, 0.0, 1.0), np.nan)
    high = np.where(usable, np.clip(centre + half_width, 0.0, 1.0), np.nan)
    return low, high


def poisson_interval(
    events: npt.ArrayLike, exposure: npt.ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """The exact Poisson interval ``(low, high)`` of the rate ``events / exposure``.

    ``low = χ²(α/2; 2k) / 2n`` (0 for k = 0), ``high = χ²(1 − α/2; 2k + 2) / 2n``. Vectorised;
    NaN where ``exposure <= 0``, ``events < 0`` or an input is missing.
    """
    k, n = _arrays(events, exposure)
    usable = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0)
    with np.errstate(all="ignore"):
        low = np.where(k > 0, chi2.ppf(_ALPHA / 2, 2 * k) / 2, 0.0) / n
        high = chi2.ppf(1 - _ALPHA / 2, 2 * k + 2) / 2 / n
    return np.where(usable, low, np.nan), np.where(usable, high, np.nan)


def differs_from(
    low: npt.ArrayLike, high: npt.ArrayLike, reference: npt.ArrayLike
) -> pd.arrays.BooleanArray:
    """Whether ``reference`` lies outside ``[low, high]`` (on a bound it does not differ).

    NA where any input is missing.
    """
    lo, hi, ref = _arrays(low, high, reference)
    missing = ~(np.isfinite(lo) & np.isfinite(hi) & np.isfinite(ref))
    with np.errstate(invalid="ignore"):
        outside = (ref < lo) | (ref > hi)
    return pd.arrays.BooleanArray(np.where(missing, False, outside).ravel(), missing.ravel())


def rate_intervals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per row of the value frame the interval of ``numerator / denominator``, in its unit.

    Columns ``ci_low`` and ``ci_high`` (× ``multiplier``), index = the input's. NaN where the row
    is suppressed, has no interval or does not fit it (no counts; for Wilson a numerator above
    its denominator), so that an interval never reveals a suppressed count.
    """
    hidden = frame["suppressed"].to_numpy(dtype=np.bool_, na_value=False)
    numerator = np.where(hidden, np.nan, frame["numerator"].to_numpy(np.float64, na_value=np.nan))
    denominator = frame["denominator"].to_numpy(dtype=np.float64, na_value=np.nan)
    kind = frame["interval"].to_numpy(dtype=object)
    low = np.full(len(frame), np.nan)
    high = np.full(len(frame), np.nan)
    for name, interval in (("wilson", wilson_interval), ("poisson", poisson_interval)):
        rows = kind == name
        low[rows], high[rows] = interval(numerator[rows], denominator[rows])
    scale = frame["multiplier"].to_numpy(dtype=np.float64, na_value=np.nan)
    return pd.DataFrame({"ci_low": low * scale, "ci_high": high * scale}, index=frame.index)
