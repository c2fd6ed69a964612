"""Primary and secondary suppression, and redaction before anything leaves the server."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from vergleichsring.comparison.engine.suppression import (
    primary_suppression,
    redact,
    secondary_suppression,
)


def counts_frame(numerators: list[float], indicator: str = "ARB-01") -> pd.DataFrame:
    size = len(numerators)
    return pd.DataFrame(
        {
            "indicator": indicator,
            "measure": "value",
            "ags": [f"{i:08d}" for i in range(size)],
            "year": 2021,
            "value": [n / 100 * 100 for n in numerators],
            "numerator": numerators,
            "denominator": 100.0,
            "suppressed": False,
        }
    )


def gap_frame() -> pd.DataFrame:
    """A gap indicator for two cities and two years, plus a plain key figure."""
    rows = []
    for ags in ("05315000", "05111000"):
        for year in (2020, 2021):
            for measure, numerator in (
                ("A", 12.0),
                ("B", 40.0),
                ("gap", np.nan),
                ("ratio", np.nan),
            ):
                rows.append(
                    (
                        "ARB-03",
                        measure,
                        ags,
                        year,
                        10.0,
                        numerator,
                        120.0 if measure == "A" else 400.0,
                    )
                )
            rows.append(("DEM-01", "value", ags, year, 50.0, 20.0, 40.0))
    frame = pd.DataFrame(
        rows,
        columns=["indicator", "measure", "ags", "year", "value", "numerator", "denominator"],
    )
    frame["suppressed"] = False
    return frame


def test_default_threshold_hides_numerators_one_and_two_not_zero() -> None:
    result = primary_suppression(counts_frame([0, 1, 2, 3, np.nan, 250]))
    assert result["suppressed"].tolist() == [False, True, True, False, False, False]
    assert result["suppression_reason"].tolist() == [
        None,
        "primary: Fallzahl < 3",
        "primary: Fallzahl < 3",
        None,
        None,
        None,
    ]


def test_sensitive_threshold_five_from_the_column() -> None:
    frame = counts_frame([0, 1, 2, 3, 4, 5, 6]).assign(suppression_threshold=5)
    result = primary_suppression(frame)
    assert result["suppressed"].tolist() == [False, True, True, True, True, False, False]
    assert set(result["suppression_reason"].dropna()) == {"primary: Fallzahl < 5"}


def test_a_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        primary_suppression(counts_frame([1]).assign(suppression_threshold=0))


def test_rows_suppressed_at_source_keep_or_get_a_reason() -> None:
    frame = counts_frame([10, 20, 1])
    frame["suppressed"] = [True, True, False]
    frame["suppression_reason"] = ["geliefert als geheim", None, None]
    result = primary_suppression(frame)
    assert result["suppressed"].tolist() == [True, True, True]
    assert result["suppression_reason"].tolist() == [
        "geliefert als geheim",
        "primary: marked at source",
        "primary: Fallzahl < 3",
    ]


def test_primary_does_not_touch_values_or_the_input() -> None:
    frame = counts_frame([1, 2])
    result = primary_suppression(frame)
    assert result["value"].tolist() == [1.0, 2.0]
    assert not frame["suppressed"].any()
    assert "suppression_reason" not in frame.columns


def test_secondary_hides_the_complement_and_the_gap_and_ratio() -> None:
    frame = gap_frame()
    hit = (frame["ags"] == "05315000") & (frame["year"] == 2021) & (frame["measure"] == "A")
    frame.loc[hit, "numerator"] = 2.0  # group A: two people
    result = secondary_suppression(primary_suppression(frame))
    hidden = result[result["suppressed"]]
    assert sorted(hidden["measure"]) == ["A", "B", "gap", "ratio"]
    assert set(hidden["ags"]) == {"05315000"}
    assert set(hidden["year"]) == {2021}
    reasons = dict(zip(hidden["measure"], hidden["suppression_reason"], strict=True))
    assert reasons == {
        "A": "primary: Fallzahl < 3",
        "B": "secondary: A suppressed",
        "gap": "secondary: A suppressed",
        "ratio": "secondary: A suppressed",
    }


def test_secondary_from_a_suppressed_gap_or_several_measures() -> None:
    frame = gap_frame()
    first = (frame["ags"] == "05111000") & (frame["year"] == 2020)
    frame.loc[first & (frame["measure"] == "gap"), "suppressed"] = True
    frame.loc[first & (frame["measure"] == "B"), "suppressed"] = True
    result = secondary_suppression(frame)
    hidden = result[result["suppressed"]]
    assert sorted(hidden["measure"]) == ["A", "B", "gap", "ratio"]
    reasons = dict(zip(hidden["measure"], hidden["suppression_reason"], strict=True))
    assert reasons["A"] == "secondary: B, gap suppressed"
    assert reasons["B"] == "primary: marked at source"
    # The plain key figure of the same city and year stays.
    plain = result[(result["indicator"] == "DEM-01") & first]
    assert not plain["suppressed"].any()


def test_secondary_without_any_suppression_changes_nothing() -> None:
    frame = gap_frame()
    result = secondary_suppression(frame)
    assert not result["suppressed"].any()
    assert result["suppression_reason"].isna().all()


def test_redact_blanks_the_numbers_of_suppressed_rows_only() -> None:
    frame = primary_suppression(counts_frame([1, 5, 2]))
    redacted = redact(frame)
    assert math.isnan(redacted["value"].iloc[0])
    assert math.isnan(redacted["numerator"].iloc[0])
    assert math.isnan(redacted["denominator"].iloc[2])
    assert redacted["value"].iloc[1] == 5.0
    assert redacted["numerator"].iloc[1] == 5.0
    assert frame["numerator"].iloc[0] == 1.0  # the input is untouched


def test_after_suppression_a_gap_indicator_is_shown_whole_or_not_at_all() -> None:
    rng = np.random.default_rng(8)
    frame = pd.concat([gap_frame()] * 5, ignore_index=True)
    frame["ags"] = frame["ags"] + np.repeat(np.arange(5), len(gap_frame())).astype(str)
    frame["numerator"] = np.where(
        frame["numerator"].notna(), rng.integers(0, 6, len(frame)), np.nan
    )
    result = redact(secondary_suppression(primary_suppression(frame)))
    gaps = result[result["indicator"] == "ARB-03"]
    shown = gaps.groupby(["ags", "year"])["value"].apply(lambda v: v.notna().sum())
    assert set(shown) <= {0, 4}
    assert (shown == 0).any()
    assert (shown == 4).any()
