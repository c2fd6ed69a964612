"""Key figures from base figures: hand-computed values, missing data, prev(), the real catalogue."""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Callable, Mapping, Sequence
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vergleichsring.catalog.formula import parse_formula
from vergleichsring.catalog.spec import DEFAULT_CATALOG_PATH, CatalogSpec, load_catalog
from vergleichsring.comparison.engine.key_figures import (
    KEY_FIGURE_COLUMNS,
    GroupFormula,
    IndicatorDef,
    key_figures,
)
from vergleichsring.core.config import PROJECT_ROOT
from vergleichsring.seed.demo_values import DemoCity, generate_demo_values

Row = tuple[str, int, str, float | None, str]

KOELN = "05315000"
LEIPZIG = "14713000"
STAND_INS = {"G-P-VJ": "G-P"}


def indicator(
    code: str,
    kind: str,
    formulas: Mapping[str, tuple[str, str | None]],
    *,
    multiplier: float = 100.0,
    polarity: str = "higher_better",
    threshold: int = 3,
) -> IndicatorDef:
    return IndicatorDef(
        code=code,
        kind=kind,
        multiplier=multiplier,
        polarity=polarity,
        suppression_threshold=threshold,
        formulas=tuple(
            GroupFormula(
                group,
                parse_formula(numerator),
                None if denominator is None else parse_formula(denominator),
            )
            for group, (numerator, denominator) in formulas.items()
        ),
    )


def base(rows: Sequence[Row]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ags": pd.array([r[0] for r in rows], dtype="str"),
            "year": np.array([r[1] for r in rows], dtype=np.int64),
            "base_figure": pd.array([r[2] for r in rows], dtype="str"),
            "value": np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float64),
            "status": pd.array([r[4] for r in rows], dtype="str"),
        }
    )


def ok(ags: str, year: int, values: Mapping[str, float | None]) -> list[Row]:
    return [(ags, year, code, value, "ok") for code, value in values.items()]


def row(frame: pd.DataFrame, code: str, measure: str, ags: str, year: int) -> pd.Series:
    selected = frame[
        (frame["indicator"] == code)
        & (frame["measure"] == measure)
        & (frame["ags"] == ags)
        & (frame["year"] == year)
    ]
    assert len(selected) == 1, selected
    return selected.iloc[0]


# --- hand-computed values ------------------------------------------------------------------


RATE = indicator("R-01", "rate", {"total": ("G-NUM", "G-DEN")})
GAP = indicator(
    "G-01",
    "gap",
    {"A": ("G-A-N", "G-A-D"), "B": ("G-B-N", "G-B-D")},
    polarity="lower_better",
)
SUM = indicator("S-01", "rate", {"total": ("G-X", "G-Y + G-Z")}, multiplier=1000.0)
PREV = indicator("P-01", "rate", {"total": ("G-E", "prev(G-P)")})
COUNT = indicator("C-01", "count", {"total": ("G-NUM", None)}, multiplier=1.0, threshold=1)
CATEGORY = indicator("K-01", "category", {}, multiplier=1.0)


def test_rate_is_numerator_over_denominator_times_multiplier() -> None:
    rows = ok(KOELN, 2021, {"G-NUM": 30, "G-DEN": 400}) + ok(
        LEIPZIG, 2021, {"G-NUM": 7, "G-DEN": 8}
    )
    out = key_figures(base(rows), [RATE])
    koeln = row(out, "R-01", "value", KOELN, 2021)
    assert koeln["value"] == pytest.approx(7.5)
    assert koeln["numerator"] == 30
    assert koeln["denominator"] == 400
    assert koeln["multiplier"] == 100
    assert koeln["polarity"] == "higher_better"
    assert koeln["suppression_threshold"] == 3
    assert not koeln["suppressed"]
    assert koeln["status"] == "ok"
    assert pd.isna(koeln["reason"])
    assert row(out, "R-01", "value", LEIPZIG, 2021)["value"] == pytest.approx(87.5)


def test_output_has_exactly_the_value_frame_columns_and_types() -> None:
    rows = ok(KOELN, 2021, {"G-NUM": 30, "G-DEN": 400})
    out = key_figures(base(rows), [RATE, GAP, COUNT])
    assert tuple(out.columns) == KEY_FIGURE_COLUMNS
    for column in ("indicator", "measure", "ags", "polarity", "status", "reason"):
        assert pd.api.types.is_string_dtype(out[column]), column
    for column in ("value", "numerator", "denominator", "multiplier"):
        assert out[column].dtype == np.float64, column
    assert out["year"].dtype == np.int64
    assert out["suppression_threshold"].dtype == np.int64
    assert out["suppressed"].dtype == np.bool_
    assert out["measure"].tolist() == ["value", "A", "B", "gap", "ratio", "value"]
    assert out["ags"].tolist() == [KOELN] * 6


def test_gap_has_both_groups_the_difference_and_the_ratio() -> None:
    rows = ok(KOELN, 2021, {"G-A-N": 30, "G-A-D": 200, "G-B-N": 50, "G-B-D": 1000})
    out = key_figures(base(rows), [GAP])
    a = row(out, "G-01", "A", KOELN, 2021)
    b = row(out, "G-01", "B", KOELN, 2021)
    gap = row(out, "G-01", "gap", KOELN, 2021)
    ratio = row(out, "G-01", "ratio", KOELN, 2021)
    assert a["value"] == pytest.approx(15.0)
    assert (a["numerator"], a["denominator"]) == (30, 200)
    assert b["value"] == pytest.approx(5.0)
    assert (b["numerator"], b["denominator"]) == (50, 1000)
    assert gap["value"] == pytest.approx(10.0)  # percentage points
    assert gap["multiplier"] == 100
    assert math.isnan(gap["numerator"])
    assert math.isnan(gap["denominator"])
    assert ratio["value"] == pytest.approx(3.0)
    assert ratio["multiplier"] == 1
    assert math.isnan(ratio["numerator"])
    assert math.isnan(ratio["denominator"])
    assert {a["polarity"], gap["polarity"], ratio["polarity"]} == {"lower_better"}


def test_gap_with_a_missing_group_keeps_the_other_group() -> None:
    rows = ok(KOELN, 2021, {"G-A-N": 30, "G-A-D": 200, "G-B-N": None, "G-B-D": 1000})
    out = key_figures(base(rows), [GAP])
    assert row(out, "G-01", "A", KOELN, 2021)["value"] == pytest.approx(15.0)
    for measure in ("B", "gap", "ratio"):
        missing = row(out, "G-01", measure, KOELN, 2021)
        assert math.isnan(missing["value"])
        assert missing["status"] == "missing"
        assert missing["reason"] == "Grunddaten fehlen: G-B-N"


def test_ratio_with_group_b_at_zero_is_missing_but_the_gap_is_not() -> None:
    rows = ok(KOELN, 2021, {"G-A-N": 30, "G-A-D": 200, "G-B-N": 0, "G-B-D": 1000})
    out = key_figures(base(rows), [GAP])
    assert row(out, "G-01", "gap", KOELN, 2021)["value"] == pytest.approx(15.0)
    ratio = row(out, "G-01", "ratio", KOELN, 2021)
    assert math.isnan(ratio["value"])
    assert ratio["reason"] == "Nenner 0 (Gruppe B)"


def test_gap_names_the_group_whose_denominator_is_zero() -> None:
    rows = ok(KOELN, 2021, {"G-A-N": 3, "G-A-D": 0, "G-B-N": 50, "G-B-D": 1000})
    out = key_figures(base(rows), [GAP])
    assert row(out, "G-01", "A", KOELN, 2021)["reason"] == "Nenner 0"
    assert row(out, "G-01", "B", KOELN, 2021)["value"] == pytest.approx(5.0)
    assert row(out, "G-01", "gap", KOELN, 2021)["reason"] == "Nenner 0 (Gruppe A)"
    assert row(out, "G-01", "ratio", KOELN, 2021)["reason"] == "Nenner 0 (Gruppe A)"


def test_a_division_by_zero_inside_a_formula_is_not_computable() -> None:
    inner = indicator("I-01", "rate", {"total": ("G-X / G-Y", "G-Z")})
    out = key_figures(base(ok(KOELN, 2021, {"G-X": 1, "G-Y": 0, "G-Z": 4})), [inner])
    result = row(out, "I-01", "value", KOELN, 2021)
    assert math.isnan(result["value"])
    assert result["reason"] == "nicht berechenbar"


def test_sum_in_the_denominator() -> None:
    rows = ok(KOELN, 2021, {"G-X": 12, "G-Y": 1000, "G-Z": 500})
    out = key_figures(base(rows), [SUM])
    result = row(out, "S-01", "value", KOELN, 2021)
    assert result["value"] == pytest.approx(12 / 1500 * 1000)
    assert result["denominator"] == 1500


def test_sum_with_one_missing_term_stays_missing() -> None:
    rows = ok(KOELN, 2021, {"G-X": 12, "G-Y": 1000})
    out = key_figures(base(rows), [SUM])
    result = row(out, "S-01", "value", KOELN, 2021)
    assert math.isnan(result["value"])
    assert result["reason"] == "Grunddaten fehlen: G-Z"


def test_prev_reads_the_previous_year_of_the_same_city() -> None:
    rows = (
        ok(KOELN, 2020, {"G-E": 10, "G-P": 1000, "G-P-VJ": 950})
        + ok(KOELN, 2021, {"G-E": 20, "G-P": 1100, "G-P-VJ": 999})
        + ok(LEIPZIG, 2020, {"G-E": 5, "G-P": 400})
        + ok(LEIPZIG, 2021, {"G-E": 6, "G-P": 500})
    )
    out = key_figures(base(rows), [PREV], previous_year_of=STAND_INS)
    # 2021 reads G-P of 2020, not the stand-in of 2021
    assert row(out, "P-01", "value", KOELN, 2021)["value"] == pytest.approx(20 / 1000 * 100)
    assert row(out, "P-01", "value", KOELN, 2021)["denominator"] == 1000
    assert row(out, "P-01", "value", LEIPZIG, 2021)["value"] == pytest.approx(6 / 400 * 100)
    # 2020 is the first year: Köln falls back to its stand-in G-P-VJ of 2020
    assert row(out, "P-01", "value", KOELN, 2020)["value"] == pytest.approx(10 / 950 * 100)
    # Leipzig has no stand-in: missing, and the reason says which figures
    leipzig = row(out, "P-01", "value", LEIPZIG, 2020)
    assert math.isnan(leipzig["value"])
    assert leipzig["status"] == "missing"
    assert leipzig["reason"] == "Grunddaten fehlen: prev(G-P) bzw. G-P-VJ"


def test_prev_falls_back_when_the_previous_year_value_is_missing() -> None:
    rows = (
        ok(KOELN, 2020, {"G-E": 10})
        + ok(KOELN, 2021, {"G-E": 20, "G-P": 1100, "G-P-VJ": 980})
        + [(KOELN, 2020, "G-P", 1000.0, "not_delivered")]
    )
    out = key_figures(base(rows), [PREV], previous_year_of=STAND_INS)
    assert row(out, "P-01", "value", KOELN, 2021)["value"] == pytest.approx(20 / 980 * 100)


def test_prev_without_a_stand_in_mapping_is_missing_in_the_first_year() -> None:
    rows = ok(KOELN, 2020, {"G-E": 10, "G-P": 1000, "G-P-VJ": 950}) + ok(
        KOELN, 2021, {"G-E": 20, "G-P": 1100}
    )
    out = key_figures(base(rows), [PREV])
    first = row(out, "P-01", "value", KOELN, 2020)
    assert math.isnan(first["value"])
    assert first["reason"] == "Grunddaten fehlen: prev(G-P)"
    assert row(out, "P-01", "value", KOELN, 2021)["value"] == pytest.approx(2.0)


def test_prev_does_not_jump_over_a_missing_year() -> None:
    rows = ok(KOELN, 2019, {"G-E": 1, "G-P": 1000}) + ok(KOELN, 2021, {"G-E": 20, "G-P": 1100})
    out = key_figures(base(rows), [PREV])
    assert math.isnan(row(out, "P-01", "value", KOELN, 2021)["value"])


def test_division_by_zero_is_missing_with_reason() -> None:
    rows = ok(KOELN, 2021, {"G-NUM": 3, "G-DEN": 0})
    out = key_figures(base(rows), [RATE])
    result = row(out, "R-01", "value", KOELN, 2021)
    assert math.isnan(result["value"])
    assert math.isnan(result["numerator"])
    assert math.isnan(result["denominator"])
    assert result["status"] == "missing"
    assert result["reason"] == "Nenner 0"


def test_missing_input_stays_missing_never_zero() -> None:
    rows = ok(KOELN, 2021, {"G-NUM": None, "G-DEN": 400}) + ok(LEIPZIG, 2021, {"G-DEN": 10})
    out = key_figures(base(rows), [RATE, COUNT])
    for ags in (KOELN, LEIPZIG):
        for code in ("R-01", "C-01"):
            result = row(out, code, "value", ags, 2021)
            assert math.isnan(result["value"])
            assert math.isnan(result["numerator"])
            assert math.isnan(result["denominator"])
            assert result["status"] == "missing"
            assert result["reason"] == "Grunddaten fehlen: G-NUM"
    assert (out["value"] != 0).all()


def test_missing_numerator_takes_precedence_over_a_zero_denominator() -> None:
    rows = ok(KOELN, 2021, {"G-DEN": 0})
    out = key_figures(base(rows), [RATE])
    assert row(out, "R-01", "value", KOELN, 2021)["reason"] == "Grunddaten fehlen: G-NUM"


@pytest.mark.parametrize("status", ["not_collectable", "not_delivered", "suppressed"])
def test_missing_statuses_hide_the_value(status: str) -> None:
    rows = [(KOELN, 2021, "G-NUM", 30.0, status), (KOELN, 2021, "G-DEN", 400.0, "ok")]
    out = key_figures(base(rows), [RATE])
    result = row(out, "R-01", "value", KOELN, 2021)
    assert math.isnan(result["value"])
    assert result["reason"] == "Grunddaten fehlen: G-NUM"


@pytest.mark.parametrize("status", ["ok", "estimated", "provisional", "revised"])
def test_value_statuses_count_as_values(status: str) -> None:
    rows = [(KOELN, 2021, "G-NUM", 30.0, status), (KOELN, 2021, "G-DEN", 400.0, "ok")]
    out = key_figures(base(rows), [RATE])
    assert row(out, "R-01", "value", KOELN, 2021)["value"] == pytest.approx(7.5)


def test_count_has_no_denominator() -> None:
    out = key_figures(base(ok(KOELN, 2021, {"G-NUM": 42})), [COUNT])
    result = row(out, "C-01", "value", KOELN, 2021)
    assert result["value"] == 42
    assert result["numerator"] == 42
    assert math.isnan(result["denominator"])
    assert result["multiplier"] == 1


def test_category_is_skipped() -> None:
    out = key_figures(base(ok(KOELN, 2021, {"G-NUM": 42})), [CATEGORY, COUNT])
    assert set(out["indicator"]) == {"C-01"}


def test_every_city_and_year_gets_a_row() -> None:
    rows = ok(KOELN, 2020, {"G-NUM": 1, "G-DEN": 2}) + ok(LEIPZIG, 2021, {"G-NUM": 1, "G-DEN": 4})
    out = key_figures(base(rows), [RATE])
    assert list(zip(out["ags"], out["year"], strict=True)) == [
        (KOELN, 2020),
        (KOELN, 2021),
        (LEIPZIG, 2020),
        (LEIPZIG, 2021),
    ]
    assert out["status"].tolist() == ["ok", "missing", "missing", "ok"]


def test_empty_input_gives_an_empty_frame_with_the_columns() -> None:
    out = key_figures(base([]), [RATE])
    assert tuple(out.columns) == KEY_FIGURE_COLUMNS
    assert out.empty
    assert tuple(key_figures(base(ok(KOELN, 2021, {"G-NUM": 1})), []).columns) == (
        KEY_FIGURE_COLUMNS
    )


# --- refusals ----------------------------------------------------------------------------------


def test_unknown_status_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown value status"):
        key_figures(base([(KOELN, 2021, "G-NUM", 1.0, "okay")]), [RATE])


def test_duplicate_base_figure_is_an_error() -> None:
    rows = ok(KOELN, 2021, {"G-NUM": 1}) + ok(KOELN, 2021, {"G-NUM": 2})
    with pytest.raises(ValueError, match="duplicate row for ags=05315000, year=2021"):
        key_figures(base(rows), [RATE])


def test_ags_without_leading_zero_is_an_error() -> None:
    with pytest.raises(ValueError, match="8 digits"):
        key_figures(base(ok("5315000", 2021, {"G-NUM": 1})), [RATE])


def test_reversed_previous_year_mapping_is_an_error() -> None:
    rows = ok(KOELN, 2021, {"G-E": 1, "G-P": 2, "G-P-VJ": 2})
    with pytest.raises(ValueError, match="reversed"):
        key_figures(base(rows), [PREV], previous_year_of={"G-P": "G-P-VJ"})


@pytest.mark.parametrize(
    ("kind", "formulas"),
    [
        ("rate", {"A": ("G-A", "G-B")}),
        ("gap", {"total": ("G-A", "G-B")}),
        ("gap", {"A": ("G-A", "G-B"), "B": ("G-C", None)}),
        ("category", {"total": ("G-A", None)}),
        ("ratio", {"total": ("G-A", "G-B")}),
    ],
)
def test_malformed_indicator_is_refused(
    kind: str, formulas: Mapping[str, tuple[str, str | None]]
) -> None:
    with pytest.raises(ValueError, match="indicator X"):
        indicator("X", kind, formulas)


# --- invariance --------------------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_row_order_of_the_base_does_not_matter(rnd: random.Random) -> None:
    rows = (
        ok(KOELN, 2020, {"G-E": 10, "G-P": 1000, "G-NUM": 3, "G-DEN": 0})
        + ok(KOELN, 2021, {"G-E": 20, "G-P": 1100, "G-NUM": 5, "G-DEN": 50})
        + ok(LEIPZIG, 2021, {"G-E": 6, "G-P-VJ": 500, "G-A-N": 1, "G-A-D": 3, "G-B-N": 2})
    )
    expected = key_figures(base(rows), [RATE, PREV, GAP], previous_year_of=STAND_INS)
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    actual = key_figures(base(shuffled), [RATE, PREV, GAP], previous_year_of=STAND_INS)
    pd.testing.assert_frame_equal(actual, expected)


# --- the real catalogue ------------------------------------------------------------------------


@cache
def catalog() -> CatalogSpec:
    return load_catalog(DEFAULT_CATALOG_PATH)


def indicator_defs(spec: CatalogSpec) -> list[IndicatorDef]:
    return [
        IndicatorDef(
            code=i.code,
            kind=i.kind,
            multiplier=i.multiplier,
            polarity=i.polarity,
            suppression_threshold=i.suppression_threshold,
            formulas=tuple(GroupFormula(f.group, f.numerator, f.denominator) for f in i.formulas),
        )
        for i in spec.indicators
    ]


def stand_ins(spec: CatalogSpec) -> dict[str, str]:
    return {b.code: b.previous_year_of for b in spec.base_figures if b.previous_year_of}


def demo_cities(limit: int | None = None) -> list[DemoCity]:
    path = PROJECT_ROOT / "seed_data" / "cities.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [
        DemoCity(
            ags=r["ags"],
            name=r["name"],
            population={2019: int(r["pop_2019"]), 2021: int(r["pop_2021"])},
            area_km2=float(r["area_km2"]),
            east_west=r["east_west"],
            kreisfrei=r["kreisfrei"] == "yes",
        )
        for r in rows[:limit]
    ]


@cache
def demo_base() -> pd.DataFrame:
    values = generate_demo_values(demo_cities(8), catalog(), [2020, 2021])
    return pd.DataFrame(
        {
            "ags": pd.array([v.ags for v in values], dtype="str"),
            "year": np.array([v.year for v in values], dtype=np.int64),
            "base_figure": pd.array([v.base_figure for v in values], dtype="str"),
            "value": np.array(
                [np.nan if v.value is None else v.value for v in values], dtype=np.float64
            ),
            "status": pd.array([v.status for v in values], dtype="str"),
        }
    )


@cache
def demo_key_figures() -> pd.DataFrame:
    spec = catalog()
    return key_figures(demo_base(), indicator_defs(spec), previous_year_of=stand_ins(spec))


def test_every_non_category_indicator_of_the_catalogue_yields_rows() -> None:
    out = demo_key_figures()
    n_cells = demo_base()[["ags", "year"]].drop_duplicates().shape[0]
    counts = out.groupby("indicator").size()
    for spec in catalog().indicators:
        if spec.kind == "category":
            assert spec.code not in counts.index
        else:
            assert counts[spec.code] == n_cells * (4 if spec.kind == "gap" else 1), spec.code


def scalar_inputs(
    frame: pd.DataFrame,
) -> dict[tuple[str, int], dict[str, float]]:
    usable = frame[frame["status"].isin(["ok", "estimated", "provisional", "revised"])]
    usable = usable[np.isfinite(usable["value"])]
    table: dict[tuple[str, int], dict[str, float]] = {}
    for ags, year, code, value in zip(
        usable["ags"], usable["year"], usable["base_figure"], usable["value"], strict=True
    ):
        table.setdefault((str(ags), int(year)), {})[str(code)] = float(value)
    return table


def scalar_lookup(
    current: Mapping[str, float], previous: Mapping[str, float], stand_in_of: Mapping[str, str]
) -> Callable[[str, bool], float | None]:
    """prev(X): X of year t−1, else the stand-in of X in year t, else missing."""

    def lookup(code: str, prev: bool) -> float | None:
        if not prev:
            return current.get(code)
        if code in previous:
            return previous[code]
        stand_in = stand_in_of.get(code)
        return None if stand_in is None else current.get(stand_in)

    return lookup


def test_catalogue_values_match_a_scalar_evaluation_city_by_city() -> None:
    """Every key figure equals the catalogue formula evaluated on scalars for that one city."""
    spec = catalog()
    inputs = scalar_inputs(demo_base())
    stand_in_of = {source: stand_in for stand_in, source in stand_ins(spec).items()}
    out = demo_key_figures()
    values = {
        (str(i), str(m), str(a), int(y)): float(v)
        for i, m, a, y, v in zip(
            out["indicator"], out["measure"], out["ags"], out["year"], out["value"], strict=True
        )
    }
    checked = 0
    for (ags, year), current in inputs.items():
        lookup = scalar_lookup(current, inputs.get((ags, year - 1), {}), stand_in_of)
        for ind in spec.indicators:
            for f in ind.formulas:
                num = f.numerator.evaluate(lookup)
                den = None if f.denominator is None else f.denominator.evaluate(lookup)
                if f.denominator is None:
                    expected = None if num is None else num * ind.multiplier
                else:
                    expected = (
                        None
                        if num is None or den is None or den == 0
                        else num / den * ind.multiplier
                    )
                measure = "value" if f.group == "total" else f.group
                actual = values[(ind.code, measure, ags, year)]
                if expected is None:
                    assert math.isnan(actual), (ind.code, ags, year)
                else:
                    assert actual == pytest.approx(expected, rel=1e-12), (ind.code, ags, year)
                    checked += 1
            if ind.kind == "gap":
                a = values[(ind.code, "A", ags, year)]
                b = values[(ind.code, "B", ags, year)]
                gap = values[(ind.code, "gap", ags, year)]
                ratio = values[(ind.code, "ratio", ags, year)]
                assert gap == pytest.approx(a - b, nan_ok=True)
                assert ratio == pytest.approx(a / b if b != 0 else math.nan, nan_ok=True)
    assert checked > 1000


def test_catalogue_values_are_finite_where_inputs_exist() -> None:
    out = demo_key_figures()
    ok_rows = out[out["status"] == "ok"]
    assert np.isfinite(ok_rows["value"]).all()
    missing = out[out["status"] == "missing"]
    assert missing["value"].isna().all()
    assert missing["reason"].notna().all()
    assert ok_rows["reason"].isna().all()
    # most key figures exist for the demo data; the missing ones are explained by missing inputs
    assert len(ok_rows) > 0.9 * len(out)
    assert missing["reason"].str.startswith("Grunddaten fehlen: ").all()


def test_catalogue_shares_lie_between_0_and_100() -> None:
    """Shares of a subgroup in its total: the demo data keeps every numerator ≤ its denominator."""
    spec = catalog()
    shares = {
        i.code
        for i in spec.indicators
        if i.unit == "%"
        and i.multiplier == 100
        and i.kind in ("rate", "gap")
        and all(f.is_plain_ratio for f in i.formulas)
    }
    out = demo_key_figures()
    rows = out[
        out["indicator"].isin(shares)
        & out["measure"].isin(["value", "A", "B"])
        & (out["status"] == "ok")
    ]
    assert len(rows) > 500
    assert (rows["numerator"] >= 0).all()
    assert (rows["numerator"] <= rows["denominator"]).all()
    assert rows["value"].between(0, 100).all()


def test_catalogue_ring_has_every_row() -> None:
    """81 cities × all indicators × 2 years: one row per city, year and measure.

    Speed is measured in bench/comparison.py, not here (shared machines are noisy)."""
    spec = catalog()
    codes = sorted(spec.referenced_codes())
    rng = np.random.default_rng(7)
    ags = [f"{i:02d}{j:06d}" for i in range(1, 10) for j in range(9)]
    rows = [(a, y, c) for a in ags for y in (2020, 2021) for c in codes]
    frame = pd.DataFrame(
        {
            "ags": pd.array([r[0] for r in rows], dtype="str"),
            "year": np.array([r[1] for r in rows], dtype=np.int64),
            "base_figure": pd.array([r[2] for r in rows], dtype="str"),
            "value": rng.integers(1, 10_000, len(rows)).astype(np.float64),
            "status": pd.array(["ok"] * len(rows), dtype="str"),
        }
    )
    indicators = indicator_defs(spec)
    out = key_figures(frame, indicators, previous_year_of=stand_ins(spec))
    rows_per_cell = sum(4 if i.kind == "gap" else 1 for i in indicators if i.kind != "category")
    assert len(out) == 81 * 2 * rows_per_cell
