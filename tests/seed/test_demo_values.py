"""Synthetic demo base figures: deterministic, plausible, consistent, and deliberately imperfect."""

from __future__ import annotations

import copy
import statistics
from collections.abc import Callable, Sequence
from typing import Any

import pytest
import yaml

from vergleichsring.catalog.spec import (
    DEFAULT_CATALOG_PATH,
    CatalogSpec,
    load_catalog,
    parse_catalog,
)
from vergleichsring.seed.demo_values import (
    OUTLIER_CODES,
    VALUE_STATUSES,
    DemoCity,
    DemoValue,
    generate_demo_values,
)

YEARS = (2020, 2021)
MISSING = {"not_collectable", "not_delivered"}


def city(
    ags: str,
    name: str,
    pop_2019: int,
    pop_2021: int,
    area: float,
    east_west: str,
    kreisfrei: bool = True,
) -> DemoCity:
    return DemoCity(
        ags=ags,
        name=name,
        population={2019: pop_2019, 2021: pop_2021},
        area_km2=area,
        east_west=east_west,
        kreisfrei=kreisfrei,
    )


CITIES = (
    city("11000000", "Berlin", 3669491, 3677472, 891.12, "Berlin"),
    city("05315000", "Köln", 1087863, 1073096, 405.01, "West"),
    city("14713000", "Leipzig", 593145, 601866, 297.8, "Ost"),
    city("06412000", "Frankfurt am Main", 763380, 759224, 248.31, "West"),
    city("05112000", "Duisburg", 498686, 495152, 232.8, "West"),
    city("14612000", "Dresden", 556780, 555351, 328.48, "Ost"),
    city("03241001", "Hannover", 536925, 534049, 204.3, "West", kreisfrei=False),
    city("08222000", "Mannheim", 310658, 309721, 144.96, "West"),
    city("15003000", "Magdeburg", 237565, 235775, 201.0, "Ost"),
    city("06413000", "Offenbach am Main", 130280, 130892, 44.88, "West"),
    city("16053000", "Jena", 111407, 110502, 114.77, "Ost"),
    city("03159016", "Göttingen", 118911, 116557, 116.89, "West", kreisfrei=False),
    city("04012000", "Bremerhaven", 113634, 113173, 93.82, "West"),
    city("07312000", "Kaiserslautern", 100030, 99292, 139.74, "West"),
)

Values = dict[tuple[str, int, str], DemoValue]


@pytest.fixture(scope="module")
def catalog() -> CatalogSpec:
    return load_catalog(DEFAULT_CATALOG_PATH)


@pytest.fixture(scope="module")
def generated(catalog: CatalogSpec) -> list[DemoValue]:
    return generate_demo_values(CITIES, catalog, YEARS, seed=2021)


@pytest.fixture(scope="module")
def values(generated: list[DemoValue]) -> Values:
    return {(v.ags, v.year, v.base_figure): v for v in generated}


def get(values: Values, ags: str, year: int, code: str) -> float | None:
    return values[(ags, year, code)].value


def lookup_for(
    values: Values, catalog: CatalogSpec, ags: str, year: int
) -> Callable[[str, bool], float | None]:
    def lookup(code: str, previous: bool) -> float | None:
        if not previous:
            return get(values, ags, year, code)
        if (ags, year - 1, code) in values:
            return get(values, ags, year - 1, code)
        stand_in = catalog.previous_year_figure(code)
        return None if stand_in is None else get(values, ags, year, stand_in.code)

    return lookup


# --- shape and determinism ------------------------------------------------------------------


def test_one_value_per_city_year_and_base_figure(
    generated: list[DemoValue], catalog: CatalogSpec
) -> None:
    assert len(generated) == len(CITIES) * len(YEARS) * len(catalog.base_figures)
    keys = [(v.ags, v.year, v.base_figure) for v in generated]
    assert len(set(keys)) == len(keys)
    assert [v.base_figure for v in generated[: len(catalog.base_figures)]] == list(
        catalog.base_figure_codes
    )
    assert {v.ags for v in generated} == {c.ags for c in CITIES}
    assert all(len(v.ags) == 8 and isinstance(v.ags, str) for v in generated)


def test_deterministic(catalog: CatalogSpec, generated: list[DemoValue]) -> None:
    again = generate_demo_values(CITIES, catalog, list(reversed(YEARS)), seed=2021)
    assert again == generated
    other_seed = generate_demo_values(CITIES, catalog, YEARS, seed=7)
    assert other_seed != generated


def test_statuses_and_missing_values(generated: list[DemoValue]) -> None:
    assert {v.status for v in generated} <= set(VALUE_STATUSES)
    for v in generated:
        assert (v.value is None) == (v.status in MISSING), v
        if v.status != "ok":
            assert v.comment, v
    statuses = {v.status for v in generated}
    assert {"not_collectable", "not_delivered", "estimated"} <= statuses
    assert not any(v.comment and "Kein Demo-Modell" in v.comment for v in generated)


def test_every_value_is_non_negative(generated: list[DemoValue]) -> None:
    assert all(v.value >= 0 for v in generated if v.value is not None)


# --- population -----------------------------------------------------------------------------


def test_population_is_the_real_one_and_interpolations_are_estimated(values: Values) -> None:
    for c in CITIES:
        latest = values[(c.ags, 2021, "G-BEV-GES")]
        assert latest.value == c.population[2021]
        assert latest.status == "ok"
        interpolated = values[(c.ags, 2020, "G-BEV-GES")]
        assert interpolated.status == "estimated"
        assert interpolated.comment is not None
        assert "interpoliert" in interpolated.comment
        assert interpolated.value == round((c.population[2019] + c.population[2021]) / 2)
        for year in YEARS:
            t5 = values[(c.ags, year, "G-BEV-GES-T5")]
            assert t5.status == "estimated"
            assert t5.comment


def test_population_marked_as_estimated_in_the_master_data(catalog: CatalogSpec) -> None:
    berlin = DemoCity(
        ags="11000000",
        name="Berlin",
        population={2019: 3669491, 2020: 3673482, 2021: 3677472},
        area_km2=891.12,
        east_west="Berlin",
        kreisfrei=True,
        population_estimated=frozenset({2020}),
    )
    result = {(v.year, v.base_figure): v for v in generate_demo_values([berlin], catalog, YEARS)}
    assert result[(2020, "G-BEV-GES")].value == 3673482
    assert result[(2020, "G-BEV-GES")].status == "estimated"
    assert result[(2021, "G-BEV-GES")].status == "ok"


def test_foreign_share_is_plausible_and_higher_in_the_west(values: Values) -> None:
    shares: dict[str, list[float]] = {"West": [], "Ost": []}
    for c in CITIES:
        for year in YEARS:
            aus = get(values, c.ags, year, "G-BEV-AUS")
            ges = get(values, c.ags, year, "G-BEV-GES")
            assert aus is not None
            assert ges is not None
            share = aus / ges
            assert 0.06 <= share <= 0.36, (c.name, share)
            if c.east_west in shares:
                shares[c.east_west].append(share)
    assert statistics.mean(shares["West"]) > statistics.mean(shares["Ost"])


# --- consistency ----------------------------------------------------------------------------


def _total_of(codes: set[str], code: str) -> str | None:
    stem = code.rsplit("-", 1)[0]
    for candidate in (f"{stem}-GES", stem):
        if candidate in codes and candidate != code:
            return candidate
    return None


def test_aus_plus_deu_is_the_total_and_mh_covers_aus(values: Values, catalog: CatalogSpec) -> None:
    codes = set(catalog.base_figure_codes)
    sums = []
    for code in sorted(codes):
        if not code.endswith("-AUS"):
            continue
        partner = code[: -len("AUS")] + "DEU"
        total = _total_of(codes, code)
        if partner in codes and total is not None:
            sums.append((code, partner, total))
    assert ("G-BEV-AUS", "G-BEV-DEU", "G-BEV-GES") in sums
    assert ("G-ALO-AUS", "G-ALO-DEU", "G-ALO-GES") in sums
    assert ("G-BEV-U65-AUS", "G-BEV-U65-DEU", "G-BEV-U65") in sums
    for c in CITIES:
        for year in YEARS:
            for aus, deu, total in sums:
                a, d, t = (get(values, c.ags, year, x) for x in (aus, deu, total))
                if a is not None and d is not None and t is not None:
                    assert a + d == t, (c.name, year, total)
            mh = get(values, c.ags, year, "G-BEV-MH")
            aus_total = get(values, c.ags, year, "G-BEV-AUS")
            assert mh is not None
            assert aus_total is not None
            assert mh >= aus_total


SUBGROUPS: Sequence[tuple[str, str]] = (
    ("G-BEV-AUS", "G-BEV-GES"),
    ("G-BEV-MH", "G-BEV-GES"),
    ("G-BEV-U18", "G-BEV-GES"),
    ("G-BEV-U18-MH", "G-BEV-U18"),
    ("G-BEV-U18-MH", "G-BEV-MH"),
    ("G-BEV-18P", "G-BEV-GES"),
    ("G-BEV-U65", "G-BEV-GES"),
    ("G-BEV-U15-AUS", "G-BEV-AUS"),
    ("G-BEV-15B65-AUS", "G-BEV-AUS"),
    ("G-BEV-65P-DEU", "G-BEV-DEU"),
    ("G-BEV-18B25-AUS", "G-BEV-15B25-AUS"),
    ("G-BEV-25B65-AUS", "G-BEV-15B65-AUS"),
    ("G-BEV-15B65-DEU", "G-BEV-15B67-DEU"),
    ("G-BEV-AUS-DRITT", "G-BEV-AUS"),
    ("G-BEV-18P-DRITT", "G-BEV-AUS-DRITT"),
    ("G-BEV-18P-DRITT", "G-BEV-18P"),
    ("G-AUS-AD-20P", "G-AUS-AD-8P"),
    ("G-AUS-EINB-ANSPR", "G-AUS-AD-8P"),
    ("G-AUS-AD-8P", "G-BEV-AUS"),
    ("G-AUS-SCHUTZ", "G-BEV-AUS"),
    ("G-KITA-3B6-NDS", "G-KITA-3B6-MH"),
    ("G-KITA-3B6-MH", "G-KITA-3B6"),
    ("G-ESU-U8-MH", "G-ESU-N-MH"),
    ("G-ESU-MMR2-OMH", "G-ESU-N-OMH"),
    ("G-SCH-INTENSIV", "G-SCH-GES"),
    ("G-SCH-GES", "G-BEV-U18"),
    ("G-ALO-U25-AUS", "G-ALO-AUS"),
    ("G-ALO-LZ-DEU", "G-ALO-DEU"),
    ("G-SGB2-ELB-AUS", "G-SGB2-RLB-AUS"),
    ("G-SGB2-U15-DEU", "G-SGB2-RLB-DEU"),
    ("G-ASYLBLG", "G-AUS-SCHUTZ"),
    ("G-UNT-GES", "G-AUS-SCHUTZ"),
    ("G-MZ-BEV-MH", "G-BEV-MH"),
    ("G-IK-DTZ-N", "G-IK-NEU"),
    ("G-PERS-MH", "G-PERS-GES"),
    ("G-ADB-RASS", "G-ADB-FAELLE"),
    ("G-UMF-DISK-MH", "G-UMF-N-MH"),
    ("G-RAT-MH", "G-RAT-GES"),
)


def test_every_subgroup_is_at_most_its_total(values: Values) -> None:
    for c in CITIES:
        for year in YEARS:
            for part, whole in SUBGROUPS:
                p, w = get(values, c.ags, year, part), get(values, c.ags, year, whole)
                if p is not None and w is not None:
                    assert p <= w, (c.name, year, part, whole)
            u3 = get(values, c.ags, year, "G-BEV-U3-MH")
            b36 = get(values, c.ags, year, "G-BEV-3B6-MH")
            u18 = get(values, c.ags, year, "G-BEV-U18-MH")
            assert u3 is not None
            assert b36 is not None
            assert u18 is not None
            assert u3 + b36 <= u18


def test_numerators_of_shares_are_at_most_their_denominators(
    values: Values, catalog: CatalogSpec
) -> None:
    shares = [
        i
        for i in catalog.indicators
        if i.kind in ("rate", "gap") and i.multiplier == 100 and i.code != "KON-02"
    ]
    assert len(shares) > 50
    checked = 0
    for c in CITIES:
        for year in YEARS:
            lookup = lookup_for(values, catalog, c.ags, year)
            for indicator in shares:
                for spec in indicator.formulas:
                    assert spec.denominator is not None
                    num = spec.numerator.evaluate(lookup)
                    den = spec.denominator.evaluate(lookup)
                    if num is None or den is None:
                        continue
                    checked += 1
                    assert 0 <= num <= den, (c.name, year, indicator.code, spec.group)
    assert checked > 0.8 * len(CITIES) * len(YEARS) * len(shares)


def test_previous_year_figures_equal_last_years_value(catalog: CatalogSpec) -> None:
    years = (2019, 2020, 2021)
    result = {
        (v.ags, v.year, v.base_figure): v.value
        for v in generate_demo_values(CITIES, catalog, years)
    }
    stand_ins = [b for b in catalog.base_figures if b.previous_year_of is not None]
    assert {b.code for b in stand_ins} == {"G-BEV-AUS-VJ", "G-AUS-AD-8P-VJ"}
    for c in CITIES:
        for year in years[1:]:
            for figure in stand_ins:
                assert figure.previous_year_of is not None
                this_year = result[(c.ags, year, figure.code)]
                last_year = result[(c.ags, year - 1, figure.previous_year_of)]
                assert this_year == last_year, (c.name, year, figure.code)


def test_year_two_is_close_to_year_one(values: Values, catalog: CatalogSpec) -> None:
    jumps = []
    compared = 0
    for c in CITIES:
        for code in catalog.base_figure_codes:
            v1, v2 = get(values, c.ags, 2020, code), get(values, c.ags, 2021, code)
            if v1 is None or v2 is None or min(v1, v2) < 50:
                continue
            compared += 1
            if abs(v2 / v1 - 1) > 0.15:
                jumps.append((c.ags, code))
    assert compared > 1000
    assert all(code in OUTLIER_CODES for _, code in jumps), jumps
    assert len(jumps) <= 3


# --- deliberate imperfections ---------------------------------------------------------------


def _outliers(values: Values) -> list[tuple[str, str]]:
    bases = {"G-DOLM": "G-BEV-AUS", "G-GEW-AN-AUS": "G-BEV-18B65-AUS", "G-IK-NEU": "G-BEV-AUS"}
    found = []
    for code, base in bases.items():
        for c in CITIES:
            rates = []
            for year in YEARS:
                num, den = get(values, c.ags, year, code), get(values, c.ags, year, base)
                rates.append(None if num is None or not den else num / den)
            if rates[0] and rates[1] and rates[1] > 2.5 * rates[0]:
                found.append((c.ags, code))
    return found


def test_some_outliers_exist(values: Values) -> None:
    found = _outliers(values)
    assert 2 <= len(found) <= 3, found
    assert len({ags for ags, _ in found}) == len(found)


def test_outlier_cities_can_be_chosen(catalog: CatalogSpec) -> None:
    chosen = ["05315000", "14713000"]
    result = generate_demo_values(CITIES, catalog, YEARS, outlier_ags=chosen)
    found = _outliers({(v.ags, v.year, v.base_figure): v for v in result})
    assert sorted(ags for ags, _ in found) == sorted(chosen)
    with pytest.raises(ValueError, match="unknown AGS"):
        generate_demo_values(CITIES, catalog, YEARS, outlier_ags=["99999999"])


def test_small_counts_exist_for_suppression(
    generated: list[DemoValue], catalog: CatalogSpec
) -> None:
    numerators = {
        ref.code
        for i in catalog.indicators
        if i.kind in ("rate", "gap")
        for f in i.formulas
        for ref in f.numerator.references()
    }
    tiny = [v for v in generated if v.base_figure in numerators and v.value in (1.0, 2.0)]
    assert len({v.ags for v in tiny}) >= 2
    sensitive = {b.code for b in catalog.base_figures if b.sensitive}
    below_five = [
        v
        for v in generated
        if v.base_figure in sensitive and v.value is not None and 1 <= v.value < 5
    ]
    assert len({v.ags for v in below_five}) >= 2


def test_some_values_are_missing_for_a_reason(generated: list[DemoValue]) -> None:
    not_collectable = [v for v in generated if v.status == "not_collectable"]
    not_delivered = [v for v in generated if v.status == "not_delivered"]
    assert not_collectable
    assert not_delivered
    assert all(v.value is None for v in not_collectable + not_delivered)
    # Kreisangehörige cities have no disposable income in the VGR.
    assert all(
        v.status == "not_collectable"
        for v in generated
        if v.base_figure == "G-EINK" and v.ags in {"03241001", "03159016"}
    )


def test_nothing_is_approved_or_suppressed_here(generated: list[DemoValue]) -> None:
    assert not any(v.status in {"approved", "suppressed"} for v in generated)


# --- edges ----------------------------------------------------------------------------------


def test_empty_input_gives_nothing(catalog: CatalogSpec) -> None:
    assert generate_demo_values([], catalog, YEARS) == []
    assert generate_demo_values(CITIES, catalog, []) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ags": "5315000"}, "8 digits"),
        ({"east_west": "Nord"}, "east_west"),
        ({"population": {}}, "at least one year"),
        ({"population": {2021: 0}}, "positive"),
    ],
)
def test_invalid_cities_are_refused(
    catalog: CatalogSpec, change: dict[str, Any], message: str
) -> None:
    fields: dict[str, Any] = {
        "ags": "05315000",
        "name": "Köln",
        "population": {2021: 1073096},
        "area_km2": 405.01,
        "east_west": "West",
        "kreisfrei": True,
    }
    fields.update(change)
    with pytest.raises(ValueError, match=message):
        generate_demo_values([DemoCity(**fields)], catalog, YEARS)


def test_duplicate_cities_are_refused(catalog: CatalogSpec) -> None:
    with pytest.raises(ValueError, match="twice"):
        generate_demo_values([CITIES[0], CITIES[0]], catalog, YEARS)


def test_a_single_city_with_a_single_population_year(catalog: CatalogSpec) -> None:
    lone = DemoCity("09663000", "Würzburg", {2021: 126954}, 87.63, "West", True)
    result = {(v.year, v.base_figure): v for v in generate_demo_values([lone], catalog, YEARS)}
    assert result[(2020, "G-BEV-GES")].value == 126954
    assert result[(2020, "G-BEV-GES")].status == "estimated"
    assert result[(2021, "G-BEV-GES")].status == "ok"


def test_unknown_base_figures_are_not_invented(catalog: CatalogSpec) -> None:
    data = yaml.safe_load(DEFAULT_CATALOG_PATH.read_text(encoding="utf-8"))
    extended = copy.deepcopy(data)
    extra = dict(extended["base_figures"][0], code="G-NEU-X", name_de="Neu", name_en="New")
    extended["base_figures"].append(extra)
    spec = parse_catalog(extended)
    result = [
        v for v in generate_demo_values(CITIES[:2], spec, YEARS) if v.base_figure == "G-NEU-X"
    ]
    assert len(result) == 4
    assert all(v.value is None and v.status == "not_delivered" for v in result)
