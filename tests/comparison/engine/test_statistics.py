"""Group statistics: a table computed by hand, and independent references (numpy, brute force)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from vergleichsring.comparison.engine.statistics import (
    STATISTIC_COLUMNS,
    group_statistics,
    group_statistics_excluding_self,
)


def hand_table() -> pd.DataFrame:
    """Seven cities, one key figure in %, 2021: a tie (15), a missing and a suppressed value.

    ======== ========= =========== ====== ===========
    AGS      numerator denominator value  note
    ======== ========= =========== ====== ===========
    01000001 20        100         20.0
    01000002 30        200         15.0   tie
    01000003 15        100         15.0   tie
    01000004 50        200         25.0
    01000005 –         100         –      missing
    01000006 2         50          4.0    suppressed
    01000007 10        100         10.0
    ======== ========= =========== ====== ===========
    """
    numerator = [20.0, 30.0, 15.0, 50.0, np.nan, 2.0, 10.0]
    denominator = [100.0, 200.0, 100.0, 200.0, 100.0, 50.0, 100.0]
    value = [20.0, 15.0, 15.0, 25.0, np.nan, 4.0, 10.0]
    return pd.DataFrame(
        {
            "indicator": "ARB-01",
            "measure": "value",
            "ags": [f"0100000{i}" for i in range(1, 8)],
            "year": 2021,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "multiplier": 100.0,
            "suppressed": [False, False, False, False, False, True, False],
            "polarity": "higher_better",
        }
    )


def test_hand_table_statistics() -> None:
    stats = group_statistics(hand_table())
    assert list(stats.columns) == ["indicator", "measure", "year", *STATISTIC_COLUMNS]
    assert len(stats) == 1
    row = stats.iloc[0]
    # Counted: 10, 15, 15, 20, 25 (the missing and the suppressed value are out).
    assert row["n"] == 5
    assert row["mean"] == pytest.approx(17.0)  # 85 / 5
    # Σ numerator / Σ denominator × 100 without the suppressed city: 125 / 700 × 100.
    assert row["weighted"] == pytest.approx(17.857142857142858)
    assert row["median"] == 15.0
    assert row["min"] == 10.0
    assert row["max"] == 25.0
    assert row["q1"] == 15.0  # linear: h = (5 - 1) × 0.25 = 1 → x(1) = 15
    assert row["q3"] == 20.0  # h = 3 → x(3) = 20
    assert row["iqr"] == 5.0
    # Deviations from 17: -7, -2, -2, 3, 8 → Σ² = 130 → var = 130 / 4 = 32.5.
    assert row["sd"] == pytest.approx(5.70087712549569)
    # |x − 15| = 5, 0, 0, 5, 10 → median 5.
    assert row["mad"] == 5.0
    assert row["withheld"] is None


def test_suppressed_values_never_enter_the_weighted_ring_value() -> None:
    frame = hand_table()
    with_suppressed = frame.assign(suppressed=False)
    # 127 / 750 × 100 would reveal the suppressed count; it must not be what we compute.
    assert group_statistics(with_suppressed)["weighted"].iloc[0] == pytest.approx(127 / 750 * 100)
    assert group_statistics(frame)["weighted"].iloc[0] == pytest.approx(125 / 700 * 100)


def test_weighted_is_nan_without_counts_for_a_counted_row() -> None:
    frame = hand_table()
    frame.loc[0, "numerator"] = np.nan
    assert math.isnan(group_statistics(frame)["weighted"].iloc[0])
    assert math.isnan(group_statistics(hand_table().drop(columns="numerator"))["weighted"].iloc[0])


def test_weighted_uses_the_multiplier_or_one() -> None:
    frame = hand_table()
    without = group_statistics(frame.drop(columns="multiplier"))["weighted"].iloc[0]
    assert without == pytest.approx(125 / 700)
    per_mille = group_statistics(frame.assign(multiplier=1000.0))["weighted"].iloc[0]
    assert per_mille == pytest.approx(125 / 700 * 1000)


def test_a_multiplier_varying_inside_a_group_is_refused() -> None:
    frame = hand_table()
    frame.loc[0, "multiplier"] = 1000.0
    with pytest.raises(ValueError, match="multiplier"):
        group_statistics(frame)


def test_small_groups_are_withheld() -> None:
    frame = hand_table()
    frame.loc[[0, 1], "value"] = np.nan  # three values left
    stats = group_statistics(frame)
    row = stats.iloc[0]
    assert row["n"] == 3
    assert row["withheld"] == "n=3 < 5"
    for name in ("mean", "weighted", "median", "min", "max", "q1", "q3", "iqr", "sd", "mad"):
        assert math.isnan(row[name]), name
    shown = group_statistics(frame, min_group_size=3).iloc[0]
    assert shown["withheld"] is None
    assert shown["median"] == 15.0


def test_an_all_missing_group_appears_with_n_zero() -> None:
    frame = hand_table().assign(value=np.nan)
    row = group_statistics(frame).iloc[0]
    assert row["n"] == 0
    assert row["withheld"] == "n=0 < 5"
    assert math.isnan(row["median"])


def test_empty_frame() -> None:
    stats = group_statistics(hand_table().iloc[:0])
    assert len(stats) == 0
    assert list(stats.columns)[-1] == "withheld"


def random_frame(
    seed: int, sizes: list[int], *, ties: bool = True, missing: float = 0.1
) -> pd.DataFrame:
    """Groups of the given sizes (one key figure and year each), shuffled rows."""
    rng = np.random.default_rng(seed)
    parts = []
    for number, size in enumerate(sizes):
        values = rng.integers(0, 12, size) * 0.5 if ties else rng.normal(50, 10, size)
        values = values.astype(float)
        values[rng.random(size) < missing] = np.nan
        parts.append(
            pd.DataFrame(
                {
                    "indicator": f"KZ-{number % 7:02d}",
                    "measure": "value",
                    "ags": [f"{i:08d}" for i in range(size)],
                    "year": 2015 + number // 7,
                    "value": values,
                    "numerator": rng.integers(0, 50, size).astype(float),
                    "denominator": rng.integers(50, 100, size).astype(float),
                    "suppressed": rng.random(size) < 0.05,
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True)


def reference_statistics(frame: pd.DataFrame, method: Any = "linear") -> pd.DataFrame:
    """The same statistics by a plain loop over groups with numpy (``method``: numpy's name)."""
    rows = []
    for (indicator, measure, year), group in frame.groupby(["indicator", "measure", "year"]):
        counted = group[group["value"].notna() & ~group["suppressed"]]
        x = counted["value"].to_numpy()
        n = x.size
        rows.append(
            {
                "indicator": indicator,
                "measure": measure,
                "year": year,
                "n": n,
                "mean": x.mean() if n else np.nan,
                "weighted": counted["numerator"].sum() / counted["denominator"].sum()
                if n
                else np.nan,
                "median": np.median(x) if n else np.nan,
                "min": x.min() if n else np.nan,
                "max": x.max() if n else np.nan,
                "q1": np.quantile(x, 0.25, method=method) if n else np.nan,
                "q3": np.quantile(x, 0.75, method=method) if n else np.nan,
                "sd": x.std(ddof=1) if n > 1 else np.nan,
                "mad": np.median(np.abs(x - np.median(x))) if n else np.nan,
            }
        )
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    "sizes",
    [
        [1, 2, 3, 4, 5, 8, 13, 30],  # similar sizes: the padded-matrix sort
        [4000, 1, 2, 3, 5, 2, 1, 3, 2, 7, 1],  # one large group: the lexsort path
    ],
)
@pytest.mark.parametrize("ties", [True, False])
def test_statistics_agree_with_numpy(sizes: list[int], ties: bool) -> None:
    frame = random_frame(7, sizes, ties=ties)
    ours = group_statistics(frame, min_group_size=1)
    expected = reference_statistics(frame)
    assert len(ours) == len(expected)
    for name in ("indicator", "measure", "year", "n"):
        assert ours[name].tolist() == expected[name].tolist()
    for name in ("median", "min", "max", "q1", "q3"):
        np.testing.assert_array_equal(ours[name].to_numpy(), expected[name].to_numpy(), name)
    for name in ("mean", "weighted", "sd", "mad"):
        np.testing.assert_allclose(ours[name], expected[name], rtol=1e-12, err_msg=name)


def test_missing_column_is_reported() -> None:
    with pytest.raises(KeyError, match="year"):
        group_statistics(hand_table().drop(columns="year"))


def test_keys_keep_their_type_and_sort_order() -> None:
    frame = random_frame(3, [5, 6, 7, 8, 9, 10, 11, 12, 13])
    as_category = frame.assign(indicator=frame["indicator"].astype("category"))
    plain = group_statistics(frame, min_group_size=1)
    categorical = group_statistics(as_category, min_group_size=1)
    assert isinstance(categorical["indicator"].dtype, pd.CategoricalDtype)
    assert plain["indicator"].tolist() == sorted(plain["indicator"].tolist())
    assert plain["year"].dtype == frame["year"].dtype
    pd.testing.assert_frame_equal(
        plain, categorical.assign(indicator=categorical["indicator"].astype(str))
    )


def test_group_by_any_column_with_missing_keys() -> None:
    frame = hand_table()
    frame["region"] = ["N", "N", "S", "S", "S", None, "N"]
    stats = group_statistics(frame, by=["region"], min_group_size=1)
    assert stats["n"].tolist() == [3, 2, 0]  # N: 20, 15, 10; S: 15, 25; missing: suppressed
    assert stats["median"].tolist()[:2] == [15.0, 20.0]


# --------------------------------------------------------------------------------------------
# Leave-one-out
# --------------------------------------------------------------------------------------------


def test_leave_one_out_by_hand() -> None:
    loo = group_statistics_excluding_self(hand_table(), min_group_size=4)
    assert list(loo.columns) == ["n", "mean", "median", "q1", "q3", "withheld"]
    # Without city 1 (20): 15, 15, 25, 10 → mean 16.25, median 15, q1 13.75, q3 17.5.
    first = loo.iloc[0]
    assert first["n"] == 4
    assert first["mean"] == pytest.approx(16.25)
    assert first["median"] == 15.0
    assert first["q1"] == pytest.approx(13.75)
    assert first["q3"] == pytest.approx(17.5)
    # The missing (row 5) and suppressed (row 6) cities are not in the statistic anyway.
    for row in (4, 5):
        assert loo.iloc[row]["n"] == 5
        assert loo.iloc[row]["median"] == 15.0
    # With the default minimum of 5, four other cities are too few.
    assert group_statistics_excluding_self(hand_table()).iloc[0]["withheld"] == "n=4 < 5"


@pytest.mark.parametrize("sizes", [[1, 2, 3, 6, 9, 20], [3000, 2, 4, 1, 5, 3, 2, 6]])
def test_leave_one_out_agrees_with_a_brute_force_loop(sizes: list[int]) -> None:
    frame = random_frame(5, sizes)
    ours = group_statistics_excluding_self(frame, min_group_size=1)
    keys = frame[["indicator", "measure", "year"]].astype(str).agg("|".join, axis=1)
    counted = frame["value"].notna() & ~frame["suppressed"]
    rows = range(len(frame)) if len(frame) < 400 else range(0, len(frame), 7)
    for row in rows:
        others = frame[(keys == keys.iloc[row]) & counted & (frame.index != row)]
        x = others["value"].to_numpy()
        got = ours.iloc[row]
        assert got["n"] == x.size
        if x.size == 0:
            assert math.isnan(got["median"])
            continue
        assert got["mean"] == pytest.approx(x.mean(), rel=1e-12)
        assert got["median"] == np.median(x)
        assert got["q1"] == np.quantile(x, 0.25)
        assert got["q3"] == np.quantile(x, 0.75)
