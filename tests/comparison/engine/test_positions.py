"""Positions of cities in their group: a table by hand, and scipy's ranks as the reference."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import rankdata

from tests.comparison.engine.test_statistics import hand_table, random_frame
from vergleichsring.comparison.engine.positions import (
    POSITION_COLUMNS,
    changes,
    group_comparison,
    positions,
)
from vergleichsring.comparison.engine.statistics import group_statistics

# The counted values of the hand table by row: 20, 15, 15, 25, –, (suppressed), 10.
# n = 5, mean 17, median 15, q1 15, q3 20, sd √32.5 = 5.70087712549569, MAD 5.
SD = 5.70087712549569
MAD_SCALED = 1.4826 * 5


def column(frame: pd.DataFrame, name: str) -> list[object]:
    """A column as a list with every missing entry as None."""
    return [None if pd.isna(v) else v for v in frame[name].tolist()]


def test_hand_table_higher_is_better() -> None:
    placed = positions(hand_table())
    assert list(placed.columns) == list(POSITION_COLUMNS)
    assert placed.index.equals(hand_table().index)
    # 25 → 1, 20 → 2, the two 15s → 3 (competition ranking), 10 → 5.
    assert column(placed, "rank") == [2, 3, 3, 1, None, None, 5]
    assert column(placed, "rank_n") == [5, 5, 5, 5, None, None, 5]
    # 100 × (5 − rank) / 4
    assert column(placed, "percentile") == [75.0, 50.0, 50.0, 100.0, None, None, 0.0]
    assert column(placed, "dev_mean") == [3.0, -2.0, -2.0, 8.0, None, None, -7.0]
    assert column(placed, "dev_median") == [5.0, 0.0, 0.0, 10.0, None, None, -5.0]
    expected_pct_mean = [3 / 17 * 100, -2 / 17 * 100, -2 / 17 * 100, 8 / 17 * 100, -7 / 17 * 100]
    shown = [0, 1, 2, 3, 6]
    assert placed["dev_mean_pct"].iloc[shown].tolist() == pytest.approx(expected_pct_mean)
    assert placed["dev_median_pct"].iloc[shown].tolist() == pytest.approx(
        [100 / 3, 0.0, 0.0, 200 / 3, -100 / 3]
    )
    assert placed["z"].iloc[shown].tolist() == pytest.approx(
        [
            0.5262348115842176,
            -0.3508232077228117,
            -0.3508232077228117,
            1.403292830891247,
            -1.227881227029841,
        ]
    )
    assert placed["robust_z"].iloc[shown].tolist() == pytest.approx(
        [5 / MAD_SCALED, 0.0, 0.0, 10 / MAD_SCALED, -5 / MAD_SCALED]
    )
    # Corridor [15, 20], bounds inclusive.
    assert column(placed, "corridor") == [
        "within",
        "within",
        "within",
        "above",
        None,
        None,
        "below",
    ]
    assert column(placed, "verdict") == [None, None, None, "better", None, None, "worse"]


def test_hand_table_lower_is_better() -> None:
    placed = positions(hand_table().assign(polarity="lower_better"))
    assert column(placed, "rank") == [4, 2, 2, 5, None, None, 1]
    assert column(placed, "percentile") == [25.0, 75.0, 75.0, 0.0, None, None, 100.0]
    assert column(placed, "verdict") == [None, None, None, "worse", None, None, "better"]
    # Deviations do not depend on the direction.
    assert column(placed, "dev_median") == [5.0, 0.0, 0.0, 10.0, None, None, -5.0]


def test_neutral_is_ranked_by_size_without_verdict() -> None:
    placed = positions(hand_table().assign(polarity="neutral"))
    assert column(placed, "rank") == [2, 3, 3, 1, None, None, 5]
    assert column(placed, "corridor") == [
        "within",
        "within",
        "within",
        "above",
        None,
        None,
        "below",
    ]
    assert column(placed, "verdict") == [None] * 7


def test_withheld_group_gets_no_position() -> None:
    frame = hand_table()
    frame.loc[[0, 1], "value"] = np.nan
    placed = positions(frame)
    assert placed["rank"].isna().all()
    assert placed.drop(columns=["rank", "rank_n"]).isna().all().all()
    assert column(positions(frame, min_group_size=3), "rank") == [None, None, 2, 1, None, None, 3]


def test_percentile_is_undefined_for_a_single_city() -> None:
    frame = hand_table().iloc[[0]]
    placed = positions(frame, min_group_size=1)
    assert column(placed, "rank") == [1]
    assert math.isnan(placed["percentile"].iloc[0])
    assert math.isnan(placed["z"].iloc[0])  # sd undefined


def test_z_and_robust_z_are_nan_without_spread() -> None:
    frame = hand_table().assign(value=7.0, suppressed=False)
    placed = positions(frame)
    assert placed["z"].isna().all()
    assert placed["robust_z"].isna().all()
    assert set(placed["corridor"]) == {"within"}
    assert placed["rank"].tolist() == [1] * 7


def test_robust_z_is_nan_when_mad_is_zero_but_sd_is_not() -> None:
    frame = hand_table().assign(value=[5.0, 5.0, 5.0, 9.0, 5.0, 5.0, 1.0], suppressed=False)
    placed = positions(frame)
    assert placed["robust_z"].isna().all()
    assert placed["z"].notna().all()


def test_deviation_in_percent_is_nan_for_a_zero_reference() -> None:
    frame = hand_table().assign(value=[0.0, 0.0, 0.0, 1.0, -1.0, 0.0, 0.0], suppressed=False)
    placed = positions(frame)
    assert placed["dev_median_pct"].isna().all()
    assert placed["dev_mean"].notna().all()


@pytest.mark.parametrize(
    "polarity",
    [
        "higher_better",
        {"ARB-01": "higher_better"},
        {("ARB-01", "value"): "higher_better", "ARB-01": "lower_better"},
    ],
)
def test_polarity_given_as_string_or_mapping(polarity: str | dict[object, str]) -> None:
    frame = hand_table().drop(columns="polarity")
    placed = positions(frame, polarity=polarity)
    assert column(placed, "rank") == [2, 3, 3, 1, None, None, 5]


def test_polarity_mapping_when_groups_span_indicators() -> None:
    frame = hand_table().drop(columns="polarity")
    placed = positions(frame, by=["year"], polarity={"ARB-01": "lower_better"})
    assert column(placed, "rank") == [4, 2, 2, 5, None, None, 1]


def test_polarity_errors() -> None:
    frame = hand_table()
    with pytest.raises(ValueError, match="unknown polarity"):
        positions(frame, polarity="higher")
    with pytest.raises(ValueError, match="no polarity"):
        positions(frame, polarity={"OTHER": "neutral"})
    with pytest.raises(KeyError, match="polarity"):
        positions(frame.drop(columns="polarity"))
    mixed = frame.assign(polarity=["higher_better"] * 6 + ["lower_better"])
    with pytest.raises(ValueError, match="varies"):
        positions(mixed)


def test_group_comparison_returns_both_tables() -> None:
    both = group_comparison(hand_table())
    pd.testing.assert_frame_equal(both.statistics, group_statistics(hand_table()))
    pd.testing.assert_frame_equal(both.positions, positions(hand_table()))


@pytest.mark.parametrize("sizes", [[5, 8, 13, 21, 34], [2500, 6, 7, 5, 9, 5]])
@pytest.mark.parametrize("tie_method", ["min"])
def test_ranks_agree_with_scipy(sizes: list[int], tie_method: str) -> None:
    frame = random_frame(9, sizes)
    directions = {"KZ-00": "higher_better", "KZ-01": "lower_better", "KZ-02": "neutral"}
    frame["polarity"] = frame["indicator"].map(directions).fillna("lower_better")
    placed = positions(frame, min_group_size=1)
    counted = frame["value"].notna() & ~frame["suppressed"]
    for _, group in frame[counted].groupby(["indicator", "measure", "year"]):
        sign = -1.0 if group["polarity"].iloc[0] == "lower_better" else 1.0
        # rankdata ranks ascending; rank 1 = best means ranking −value for higher is better.
        expected = rankdata(-sign * group["value"].to_numpy(), method=tie_method)
        got = placed.loc[group.index, "rank"].to_numpy(dtype=float)
        np.testing.assert_array_equal(got, expected)
        n = len(group)
        if n > 1 and tie_method == "min":
            np.testing.assert_allclose(
                placed.loc[group.index, "percentile"], 100 * (n - expected) / (n - 1)
            )
    assert placed.loc[~counted, "rank"].isna().all()


# --------------------------------------------------------------------------------------------
# Changes against the previous year
# --------------------------------------------------------------------------------------------


def years_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "BIL-02",
            "measure": ["value"] * 6 + ["gap"] * 2,
            "ags": ["05315000"] * 4 + ["05111000"] * 2 + ["05315000"] * 2,
            "year": [2019, 2020, 2021, 2023, 2020, 2021, 2020, 2021],
            "value": [10.0, 12.0, 9.0, 11.0, 0.0, 3.0, -2.0, -1.0],
            "suppressed": [False, False, False, False, False, False, False, True],
        }
    )


def test_changes_against_the_previous_year() -> None:
    frame = years_frame()
    changed = changes(frame)
    assert list(changed.columns) == ["previous", "change_abs", "change_pct"]
    # The previous year's value is shown even where this year's is suppressed (row 7): it is
    # that year's published value; the change itself is not.
    assert column(changed, "previous") == [None, 10.0, 12.0, None, None, 0.0, None, -2.0]
    assert column(changed, "change_abs") == [None, 2.0, -3.0, None, None, 3.0, None, None]
    # 2023 has no 2022: no change; a previous value of 0 has no change in %.
    assert changed["change_pct"].iloc[1] == pytest.approx(20.0)
    assert changed["change_pct"].iloc[2] == pytest.approx(-25.0)
    assert math.isnan(changed["change_pct"].iloc[5])
    # The gap of 2021 is suppressed: no change is shown for it.
    assert math.isnan(changed["change_abs"].iloc[7])


def test_changes_do_not_reach_through_a_suppressed_previous_year() -> None:
    frame = years_frame()
    frame.loc[1, "suppressed"] = True
    changed = changes(frame)
    assert math.isnan(changed["previous"].iloc[2])
    assert math.isnan(changed["change_abs"].iloc[2])


def test_changes_are_independent_of_row_order() -> None:
    frame = years_frame()
    shuffled = frame.sample(frac=1.0, random_state=4)
    pd.testing.assert_frame_equal(changes(shuffled).sort_index(), changes(frame))


def test_changes_refuse_duplicates() -> None:
    frame = years_frame()
    with pytest.raises(ValueError, match="twice"):
        changes(pd.concat([frame, frame.iloc[[0]]], ignore_index=True))


def test_changes_never_reach_into_the_next_city_or_a_missing_key() -> None:
    # Köln's last year comes directly before Düsseldorf's first in the sorted keys (Köln is
    # coded first); a row without a city must not find one either.
    frame = pd.DataFrame(
        {
            "indicator": "BIL-02",
            "measure": "value",
            "ags": ["05315000", "05315000", "05111000", None, None],
            "year": [2020, 2021, 2020, 2020, 2021],
            "value": [1.0, 2.0, 5.0, 7.0, 8.0],
        }
    )
    changed = changes(frame)
    assert column(changed, "previous") == [None, 1.0, None, None, 7.0]
