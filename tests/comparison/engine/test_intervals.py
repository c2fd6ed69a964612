"""Wilson and exact Poisson intervals against statsmodels, the choice by the declared kind, and
the test whether a reference lies outside."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson

from vergleichsring.comparison.engine.intervals import (
    differs_from,
    poisson_interval,
    rate_intervals,
    wilson_interval,
)


def test_wilson_agrees_with_statsmodels() -> None:
    trials = np.array([1, 2, 3, 5, 10, 10, 10, 40, 40, 100, 1000, 250_000])
    successes = np.array([0, 1, 3, 2, 0, 5, 10, 2, 39, 50, 1, 12_345])
    low, high = wilson_interval(successes, trials)
    expected_low, expected_high = proportion_confint(successes, trials, method="wilson")
    np.testing.assert_allclose(low, expected_low, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(high, expected_high, rtol=1e-12, atol=1e-15)


def test_wilson_by_hand() -> None:
    # 2 of 40 at 95 %: z = 1.959964, z² = 3.841459, d = 1 + z²/40 = 1.096036;
    # centre (0.05 + z²/80) / d = 0.089430; half width z·√(0.05·0.95/40 + z²/6400) / d = 0.075609.
    low, high = wilson_interval(2, 40)
    assert low.shape == ()
    assert float(low) == pytest.approx(0.013821, abs=1e-6)
    assert float(high) == pytest.approx(0.165039, abs=1e-6)


def test_wilson_is_nan_where_undefined() -> None:
    low, high = wilson_interval([1, 5, 3, -1, np.nan, 2], [0, 4, -3, 10, 10, np.nan])
    assert np.isnan(low).all()
    assert np.isnan(high).all()


def test_wilson_stays_within_zero_and_one() -> None:
    low, high = wilson_interval([0, 7], [7, 7])
    assert low[0] == 0.0
    assert high[1] == 1.0


def test_differs_from() -> None:
    low, high = np.array([0.10, 0.10, 0.10, np.nan]), np.array([0.20, 0.20, 0.20, 0.3])
    result = differs_from(low, high, [0.25, 0.15, 0.20, 0.10])
    assert isinstance(result, pd.arrays.BooleanArray)
    assert result.tolist() == [True, False, False, pd.NA]  # 0.2 lies on the bound: no difference
    assert differs_from(low[:1], high[:1], [np.nan]).tolist() == [pd.NA]


def test_differs_from_with_wilson_small_and_large_counts() -> None:
    # The same rate of 5 % is compatible with a median of 8 % on 2 / 40, not on 200 / 4000.
    low, high = wilson_interval([2, 200], [40, 4000])
    assert differs_from(low, high, 0.08).tolist() == [False, True]


def test_rate_intervals_in_the_key_figures_unit() -> None:
    frame = pd.DataFrame(
        {
            "numerator": [2.0, 2.0, 5.0, np.nan],
            "denominator": [40.0, 40.0, 4.0, 10.0],
            "multiplier": [100.0, 1000.0, 100.0, 100.0],
            "interval": "wilson",
            "suppressed": [False, False, False, False],
        }
    )
    intervals = rate_intervals(frame)
    assert list(intervals.columns) == ["ci_low", "ci_high"]
    assert intervals["ci_low"].iloc[0] == pytest.approx(1.3821, abs=1e-4)
    assert intervals["ci_low"].iloc[1] == pytest.approx(13.821, abs=1e-3)
    assert math.isnan(intervals["ci_low"].iloc[2])  # numerator above denominator: no proportion
    assert math.isnan(intervals["ci_high"].iloc[3])
    hidden = rate_intervals(frame.assign(suppressed=[True, False, False, False]))
    assert math.isnan(hidden["ci_low"].iloc[0])
    assert math.isnan(hidden["ci_high"].iloc[0])


def test_poisson_agrees_with_statsmodels_exact() -> None:
    events = np.array([0, 1, 2, 5, 17, 120, 4_321])
    exposure = np.array([1_000, 250, 80_000, 12, 640_000, 3_000, 1_500_000])
    low, high = poisson_interval(events, exposure)
    expected_low, expected_high = confint_poisson(events, exposure, method="exact-c")
    np.testing.assert_allclose(low, expected_low, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(high, expected_high, rtol=1e-10, atol=1e-15)


def test_poisson_by_hand() -> None:
    # 0 events: low 0, high = χ²(0.975; 2) / 2 = −ln(0.025) = 3.688879; per 1,000 residents.
    low, high = poisson_interval(0, 1_000)
    assert float(low) == 0.0
    assert float(high) == pytest.approx(math.log(40) / 1_000, rel=1e-12)
    # a rate above 1 (more events than residents) is fine for Poisson, NaN for Wilson
    low, high = poisson_interval(30, 20)
    assert 0 < float(low) < 1.5 < float(high)
    assert np.isnan(wilson_interval(30, 20)[0])


def test_poisson_is_nan_where_undefined() -> None:
    low, high = poisson_interval([1, -1, np.nan, 2], [0, 10, 10, np.nan])
    assert np.isnan(low).all()
    assert np.isnan(high).all()


def test_rate_intervals_by_declared_kind() -> None:
    frame = pd.DataFrame(
        {
            "numerator": [2.0, 2.0, 2.0, 2.0],
            "denominator": [40.0, 40_000.0, 40.0, 40.0],
            "multiplier": [100.0, 100_000.0, 100.0, 100.0],
            "interval": ["wilson", "poisson", "none", "wilson"],
            "suppressed": [False, False, False, True],
        }
    )
    out = rate_intervals(frame)
    w_low, w_high = wilson_interval(2, 40)
    p_low, p_high = poisson_interval(2, 40_000)
    got = out[["ci_low", "ci_high"]].to_numpy()
    assert list(got[0]) == pytest.approx([float(w_low) * 100, float(w_high) * 100])
    assert list(got[1]) == pytest.approx([float(p_low) * 1e5, float(p_high) * 1e5])
    assert out.loc[2:].isna().all().all()  # none declared; suppressed
