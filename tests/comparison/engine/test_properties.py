"""Properties that must hold for any value frame (hypothesis)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vergleichsring.comparison.engine.positions import positions
from vergleichsring.comparison.engine.statistics import (
    group_statistics,
    group_statistics_excluding_self,
)
from vergleichsring.comparison.engine.suppression import (
    primary_suppression,
    redact,
    secondary_suppression,
)

BY = ["indicator", "measure", "year"]


@st.composite
def value_frames(draw: st.DrawFn) -> pd.DataFrame:
    """A few key figures and years over up to 12 cities; values from a small set (ties),
    some missing, some suppressed; one polarity per key figure."""
    n_cities = draw(st.integers(1, 12))
    indicators = draw(
        st.lists(st.sampled_from(["A", "B", "C"]), min_size=1, max_size=3, unique=True)
    )
    years = draw(st.lists(st.integers(2018, 2021), min_size=1, max_size=2, unique=True))
    polarity = {
        code: draw(st.sampled_from(["higher_better", "lower_better", "neutral"]))
        for code in indicators
    }
    rows = [(i, y, c) for i in indicators for y in years for c in range(n_cities)]
    size = len(rows)
    values = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from([-2.5, 0.0, 1.0, 3.5, 7.0, 12.25, 40.0])),
            min_size=size,
            max_size=size,
        )
    )
    suppressed = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    return pd.DataFrame(
        {
            "indicator": [r[0] for r in rows],
            "measure": "value",
            "ags": [f"{r[2]:08d}" for r in rows],
            "year": [r[1] for r in rows],
            "value": [np.nan if v is None else v for v in values],
            "numerator": [abs(v) if v is not None else np.nan for v in values],
            "denominator": 50.0,
            "suppressed": suppressed,
            "polarity": [polarity[r[0]] for r in rows],
        }
    )


@settings(max_examples=75, deadline=None)
@given(frame=value_frames(), seed=st.integers(0, 2**32 - 1), min_size=st.integers(1, 4))
def test_row_order_does_not_matter(frame: pd.DataFrame, seed: int, min_size: int) -> None:
    shuffled = frame.sample(frac=1.0, random_state=seed)
    pd.testing.assert_frame_equal(
        positions(shuffled, min_group_size=min_size).sort_index(),
        positions(frame, min_group_size=min_size),
    )
    pd.testing.assert_frame_equal(
        group_statistics(shuffled, min_group_size=min_size),
        group_statistics(frame, min_group_size=min_size),
        rtol=1e-12,
    )
    pd.testing.assert_frame_equal(
        group_statistics_excluding_self(shuffled, min_group_size=min_size).sort_index(),
        group_statistics_excluding_self(frame, min_group_size=min_size),
        rtol=1e-12,
    )


@settings(max_examples=75, deadline=None)
@given(frame=value_frames())
def test_flipping_polarity_reverses_the_ranks_of_untied_values(frame: pd.DataFrame) -> None:
    higher = positions(frame, polarity="higher_better", min_group_size=1)
    lower = positions(frame, polarity="lower_better", min_group_size=1)
    counted = frame[frame["value"].notna() & ~frame["suppressed"]]
    for _, group in counted.groupby(BY):
        n = len(group)
        untied = group.index[~group["value"].duplicated(keep=False)]
        total = higher.loc[untied, "rank"].astype(int) + lower.loc[untied, "rank"].astype(int)
        assert (total == n + 1).all()
        # Better and worse swap as well.
        swapped = {"better": "worse", "worse": "better"}
        flipped = higher.loc[group.index, "verdict"].map(swapped)
        assert flipped.astype(object).equals(lower.loc[group.index, "verdict"].astype(object))


@settings(max_examples=75, deadline=None)
@given(frame=value_frames())
def test_statistics_match_numpy_per_group(frame: pd.DataFrame) -> None:
    stats = group_statistics(frame, min_group_size=1)
    counted = frame[frame["value"].notna() & ~frame["suppressed"]]
    for (indicator, _, year), group in counted.groupby(BY):
        x = group["value"].to_numpy()
        row = stats[(stats["indicator"] == indicator) & (stats["year"] == year)].iloc[0]
        assert row["n"] == x.size
        assert row["median"] == np.median(x)
        assert row["q1"] == np.quantile(x, 0.25)
        assert row["q3"] == np.quantile(x, 0.75)
        assert row["mad"] == np.median(np.abs(x - np.median(x)))
        assert np.isclose(row["mean"], x.mean(), rtol=1e-12)


@settings(max_examples=75, deadline=None)
@given(frame=value_frames())
def test_leave_one_out_matches_recomputing_without_the_row(frame: pd.DataFrame) -> None:
    loo = group_statistics_excluding_self(frame, min_group_size=1)
    counted = frame["value"].notna() & ~frame["suppressed"]
    for row in frame.index:
        same = (frame[BY] == frame.loc[row, BY]).all(axis=1)
        x = frame.loc[same & counted & (frame.index != row), "value"].to_numpy()
        assert loo.loc[row, "n"] == x.size
        if x.size:
            assert loo.loc[row, "median"] == np.median(x)
            assert loo.loc[row, "q1"] == np.quantile(x, 0.25)
            assert np.isclose(loo.loc[row, "mean"], x.mean(), rtol=1e-12)


@st.composite
def gap_frames(draw: st.DrawFn) -> pd.DataFrame:
    n_cities = draw(st.integers(1, 6))
    rows = []
    for city in range(n_cities):
        for year in (2020, 2021):
            a = draw(st.integers(0, 8))
            b = draw(st.integers(0, 8))
            flagged = draw(st.booleans()) and draw(st.booleans())
            for measure, numerator in (("A", a), ("B", b), ("gap", None), ("ratio", None)):
                rows.append(
                    {
                        "indicator": "ARB-03",
                        "measure": measure,
                        "ags": f"{city:08d}",
                        "year": year,
                        "value": float(draw(st.integers(0, 100))),
                        "numerator": np.nan if numerator is None else float(numerator),
                        "denominator": np.nan if numerator is None else 50.0,
                        "suppressed": flagged and measure == "gap",
                    }
                )
            plain = draw(st.integers(0, 8))
            rows.append(
                {
                    "indicator": "DIS-01",
                    "measure": "value",
                    "ags": f"{city:08d}",
                    "year": year,
                    "value": plain * 2.0,
                    "numerator": float(plain),
                    "denominator": 50.0,
                    "suppressed": False,
                }
            )
    frame = pd.DataFrame(rows)
    frame["suppression_threshold"] = np.where(frame["indicator"] == "DIS-01", 5, 3)
    return frame


@settings(max_examples=75, deadline=None)
@given(frame=gap_frames())
def test_suppressed_rows_never_carry_a_value_after_redact(frame: pd.DataFrame) -> None:
    result = redact(secondary_suppression(primary_suppression(frame)))
    hidden = result[result["suppressed"]]
    assert hidden[["value", "numerator", "denominator"]].isna().all().all()
    assert hidden["suppression_reason"].notna().all()
    # Small counts are hidden, by the threshold of their key figure.
    small = frame["numerator"].between(1, frame["suppression_threshold"] - 1)
    assert result.loc[small, "suppressed"].all()
    # A gap indicator is shown whole or not at all, per city and year.
    gaps = result[result["indicator"] == "ARB-03"]
    per_set = gaps.groupby(["ags", "year"])["suppressed"].agg(["all", "any"])
    assert (per_set["all"] == per_set["any"]).all()
    # And nothing unsuppressed lost its numbers.
    shown = result[~result["suppressed"]]
    pd.testing.assert_series_equal(shown["value"], frame.loc[shown.index, "value"])
