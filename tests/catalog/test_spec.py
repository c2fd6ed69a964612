"""The shipped catalogue and the validator that guards it."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from vergleichsring.catalog.formula import Reference
from vergleichsring.catalog.spec import (
    DEFAULT_CATALOG_PATH,
    CatalogError,
    CatalogSpec,
    load_catalog,
    parse_catalog,
)

ACTION_FIELDS = {
    "DEM": 8,
    "REC": 5,
    "BIL": 14,
    "ARB": 9,
    "SOZ": 6,
    "WOH": 5,
    "GES": 3,
    "PAR": 5,
    "IKO": 5,
    "DIS": 5,
}
GAP_PAIRS = {("AUS", "DEU"), ("MH", "OMH"), ("EU", "DEU")}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data = yaml.safe_load(DEFAULT_CATALOG_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def catalog() -> CatalogSpec:
    return load_catalog(DEFAULT_CATALOG_PATH)


@pytest.fixture
def data(raw: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(raw)


def indicator_row(data: dict[str, Any], code: str) -> dict[str, Any]:
    row = next(r for r in data["indicators"] if r["code"] == code)
    assert isinstance(row, dict)
    return row


def figure_row(data: dict[str, Any], code: str) -> dict[str, Any]:
    row = next(r for r in data["base_figures"] if r["code"] == code)
    assert isinstance(row, dict)
    return row


def fails(data: dict[str, Any], *fragments: str) -> str:
    with pytest.raises(CatalogError) as info:
        parse_catalog(data)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# --- the shipped catalogue ------------------------------------------------------------------


def test_shipped_catalogue_loads(catalog: CatalogSpec) -> None:
    assert catalog.version == "2.0"
    assert catalog.name
    assert DEFAULT_CATALOG_PATH.is_file()
    assert [f.code for f in catalog.fields] == [*ACTION_FIELDS, "KON"]
    assert [f.position for f in catalog.fields] == list(range(1, 12))
    assert catalog.field("KON").name_de == "Strukturdaten / Kontext"


def test_65_key_figures_in_10_fields_and_14_context_variables(catalog: CatalogSpec) -> None:
    key_figures = catalog.key_figures
    assert len(key_figures) == 65
    assert Counter(i.field for i in key_figures) == ACTION_FIELDS
    context = catalog.context_indicators
    assert len(context) == 14
    assert {i.field for i in context} == {"KON"}
    assert [i.code for i in context] == [f"KON-{n:02d}" for n in range(1, 15)]
    assert all(i.code.startswith(f"{i.field}-") for i in catalog.indicators)
    assert len(catalog.indicators_in_field("BIL")) == 14


def test_every_gap_indicator_names_both_groups(catalog: CatalogSpec) -> None:
    gaps = [i for i in catalog.indicators if i.is_gap]
    assert len(gaps) == 31
    for indicator in gaps:
        a, b = indicator.formula("A"), indicator.formula("B")
        assert [f.group for f in indicator.formulas] == ["A", "B"]
        assert (a.population_group, b.population_group) in GAP_PAIRS, indicator.code
        for spec in (a, b):
            assert spec.label_de
            assert spec.label_en
            assert spec.denominator is not None
    assert not any(i.is_gap for i in catalog.context_indicators)


def test_every_referenced_base_figure_exists_and_none_is_unused(catalog: CatalogSpec) -> None:
    codes = set(catalog.base_figure_codes)
    assert len(codes) == len(catalog.base_figures)
    for indicator in catalog.indicators:
        assert indicator.base_figure_codes() <= codes, indicator.code
    assert catalog.referenced_codes() == codes


def test_special_rows(catalog: CatalogSpec) -> None:
    arb03 = catalog.indicator("ARB-03")
    denominator = arb03.formula("A").denominator
    assert denominator is not None
    assert denominator.codes() == {"G-SVB-WO-AUS", "G-GB-WO-AUS"}
    assert arb03.computation_note

    kon02 = catalog.indicator("KON-02").formula()
    assert kon02.numerator.references() == {Reference("G-BEV-GES"), Reference("G-BEV-GES-T5")}
    growth = kon02.numerator.evaluate(
        lambda code, prev: {"G-BEV-GES": 105.0, "G-BEV-GES-T5": 100.0}[code]
    )
    assert growth == 5.0

    woh01 = catalog.indicator("WOH-01")
    assert woh01.kind == "delivered"
    assert woh01.formula().numerator.codes() == {"G-SEG-AUS-DEU"}
    assert woh01.formula().denominator is None
    assert woh01.computation_note is not None
    assert "dissimilarity_index" in woh01.computation_note
    assert woh01.multiplier == 1

    assert catalog.indicator("DEM-08").kind == "count"
    assert catalog.indicator("DIS-03").kind == "flag"
    assert catalog.indicator("WOH-03").unit.startswith("m²")
    for code in ("KON-07", "KON-12", "KON-13"):
        indicator = catalog.indicator(code)
        assert indicator.kind == "category"
        assert indicator.formulas == ()
        assert indicator.computation_note


def test_previous_year_denominators(catalog: CatalogSpec) -> None:
    expected = {
        "REC-04": "G-AUS-AD-8P",
        "REC-05": "G-BEV-AUS",
        "BIL-12": "G-BEV-AUS",
    }
    for code, source in expected.items():
        denominator = catalog.indicator(code).formula().denominator
        assert denominator is not None
        assert denominator.single_reference() == Reference(source, previous=True)
        stand_in = catalog.previous_year_figure(source)
        assert stand_in is not None
        assert stand_in.code == f"{source}-VJ"
        assert stand_in.previous_year_of == source
    assert catalog.previous_year_figure("G-BEV-GES") is None


def test_notes_thresholds_and_sensitivity(catalog: CatalogSpec) -> None:
    for indicator in catalog.indicators:
        if indicator.kind in {"count", "flag", "category", "delivered"}:
            assert indicator.computation_note, indicator.code
        if any(not f.is_plain_ratio for f in indicator.formulas):
            assert indicator.computation_note, indicator.code
        assert indicator.suppression_threshold >= 1
        if indicator.unit == "%":
            assert indicator.decimals == 1
    sensitive = {i.code for i in catalog.indicators if i.sensitive}
    assert sensitive == {"DIS-01", "DIS-02", "DIS-04", "DIS-05"}
    assert all(catalog.indicator(c).suppression_threshold == 5 for c in sensitive)
    assert catalog.indicator("DEM-01").suppression_threshold == 3
    assert catalog.base_figure("G-ADB-RASS").sensitive
    assert not catalog.base_figure("G-BEV-GES").sensitive


def test_polarity_and_texts_come_through(catalog: CatalogSpec) -> None:
    assert catalog.indicator("REC-02").polarity == "lower_better"
    assert catalog.indicator("BIL-01").polarity == "higher_better"
    assert all(i.polarity == "neutral" for i in catalog.context_indicators)
    assert catalog.indicator("DEM-01").name_de == "Ausländeranteil"
    assert "Migrationshintergrund" in catalog.indicator("DEM-02").name_de
    assert catalog.base_figure("G-FLAECHE").unit == "km²"
    assert catalog.base_figure("G-BEV-GES").reference_date == "31.12."
    assert catalog.base_figure("G-BEV-AUS-VJ").previous_year_of == "G-BEV-AUS"
    assert all(i.source_refs or i.evidence_status != "sourced" for i in catalog.indicators)


def test_lookups_raise_for_unknown_codes(catalog: CatalogSpec) -> None:
    with pytest.raises(KeyError):
        catalog.indicator("XYZ-99")
    with pytest.raises(KeyError):
        catalog.base_figure("G-NOPE-X")
    with pytest.raises(KeyError):
        catalog.indicator("DEM-01").formula("A")
    assert catalog.has_base_figure("G-BEV-GES")
    assert not catalog.has_base_figure("G-NOPE-X")


# --- the validator --------------------------------------------------------------------------


def test_broken_formula_names_indicator_and_formula(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["formulas"][0]["numerator"] = "G-BEV-AUS ** 2"
    fails(data, "indicator DEM-01", "'G-BEV-AUS ** 2'", "position 11")


def test_unknown_base_figure_names_row_and_code(data: dict[str, Any]) -> None:
    indicator_row(data, "BIL-06")["formulas"][1]["denominator"] = "G-SCH-J9-DEU"
    fails(data, "indicator BIL-06", "formula B", "unknown base figure G-SCH-J9-DEU")


def test_prev_of_unknown_code_fails(data: dict[str, Any]) -> None:
    indicator_row(data, "REC-05")["formulas"][0]["denominator"] = "prev(G-BEV-XYZ)"
    fails(data, "indicator REC-05", "prev(G-BEV-XYZ)", "unknown base figure")


def test_prev_of_a_previous_year_figure_fails(data: dict[str, Any]) -> None:
    indicator_row(data, "REC-05")["formulas"][0]["denominator"] = "prev(G-BEV-AUS-VJ)"
    fails(data, "indicator REC-05", "write prev(G-BEV-AUS) instead")


@pytest.mark.parametrize("section", ["indicators", "base_figures", "fields"])
def test_duplicate_codes_fail(data: dict[str, Any], section: str) -> None:
    first = copy.deepcopy(data[section][0])
    data[section].append(first)
    fails(data, first["code"], "duplicate")


def test_missing_code_names_the_list_index(data: dict[str, Any]) -> None:
    del data["indicators"][3]["code"]
    fails(data, "indicators[3]", "missing required key 'code'")


def test_missing_base_figure_key_names_the_row(data: dict[str, Any]) -> None:
    del figure_row(data, "G-EINB")["unit"]
    fails(data, "base figure G-EINB", "missing required key 'unit'")


def test_unknown_keys_are_not_ignored(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["colour"] = "red"
    fails(data, "indicator DEM-01", "unknown key 'colour'")


def mutate(data: dict[str, Any], code: str, **changes: Any) -> dict[str, Any]:
    indicator_row(data, code).update(changes)
    return data


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (lambda d: mutate(d, "DEM-01", field="XXX"), ("indicator DEM-01", "unknown field")),
        (lambda d: mutate(d, "DEM-01", kind="ratio"), ("indicator DEM-01", "unknown kind")),
        (lambda d: mutate(d, "DEM-01", polarity="up"), ("indicator DEM-01", "unknown polarity")),
        (
            lambda d: mutate(d, "DEM-01", evidence_status="rumour"),
            ("indicator DEM-01", "unknown evidence_status"),
        ),
        (
            lambda d: mutate(d, "DEM-01", suppression_threshold=0),
            ("indicator DEM-01", "suppression_threshold must be at least 1"),
        ),
        (
            lambda d: mutate(d, "DEM-01", multiplier=0),
            ("indicator DEM-01", "multiplier must be greater than 0"),
        ),
        (
            lambda d: mutate(d, "DEM-01", decimals=1.5),
            ("indicator DEM-01", "decimals must be a whole number"),
        ),
        (
            lambda d: mutate(d, "DEM-01", context="yes"),
            ("indicator DEM-01", "context must be true or false"),
        ),
        (
            lambda d: mutate(d, "DEM-08", computation_note=None),
            ("indicator DEM-08", "kind count needs a computation_note"),
        ),
        (
            lambda d: mutate(d, "KON-07", computation_note=None),
            ("indicator KON-07", "kind category needs a computation_note"),
        ),
        (
            lambda d: mutate(d, "ARB-03", computation_note=None),
            ("indicator ARB-03", "not a plain ratio"),
        ),
        (
            lambda d: mutate(d, "DIS-02", suppression_threshold=3),
            ("indicator DIS-02", "suppression_threshold >= 5"),
        ),
        (
            lambda d: mutate(d, "DIS-02", sensitive=False),
            ("indicator DIS-02", "sensitive base figure G-ADB-FAELLE"),
        ),
        (
            lambda d: mutate(
                d, "KON-07", formulas=[{"group": "total", "numerator": "1", "denominator": None}]
            ),
            ("indicator KON-07", "category", "no formula"),
        ),
    ],
)
def test_invalid_indicator_fields_fail(
    data: dict[str, Any],
    change: Callable[[dict[str, Any]], dict[str, Any]],
    fragments: tuple[str, ...],
) -> None:
    fails(change(data), *fragments)


def test_gap_indicator_needs_groups_a_and_b(data: dict[str, Any]) -> None:
    row = indicator_row(data, "ARB-01")
    row["formulas"] = row["formulas"][:1]
    fails(data, "indicator ARB-01", "groups A and B")


def test_gap_group_needs_population_group_and_labels(data: dict[str, Any]) -> None:
    indicator_row(data, "ARB-01")["formulas"][1]["population_group"] = None
    fails(data, "indicator ARB-01", "formula B", "population_group")
    data2 = copy.deepcopy(data)
    indicator_row(data2, "ARB-01")["formulas"][1]["population_group"] = "DEU"
    del indicator_row(data2, "ARB-01")["formulas"][0]["label_en"]
    fails(data2, "indicator ARB-01", "formula A", "label_de and label_en")


def test_gap_group_needs_a_denominator(data: dict[str, Any]) -> None:
    indicator_row(data, "SOZ-01")["formulas"][0]["denominator"] = None
    fails(data, "indicator SOZ-01", "formula A", "needs a denominator")


def test_rate_needs_a_denominator(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["formulas"][0]["denominator"] = None
    fails(data, "indicator DEM-01", "a rate needs a denominator")


def test_count_takes_no_denominator(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-08")["formulas"][0]["denominator"] = "G-BEV-GES"
    fails(data, "indicator DEM-08", "takes no denominator")


def test_non_gap_formula_must_be_total(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["formulas"][0]["group"] = "A"
    fails(data, "indicator DEM-01", "group total")


def test_previous_year_of_must_exist(data: dict[str, Any]) -> None:
    figure_row(data, "G-BEV-AUS-VJ")["previous_year_of"] = "G-BEV-XXX"
    fails(data, "base figure G-BEV-AUS-VJ", "unknown base figure G-BEV-XXX")


def test_previous_year_of_must_be_unique(data: dict[str, Any]) -> None:
    figure_row(data, "G-AUS-AD-8P-VJ")["previous_year_of"] = "G-BEV-AUS"
    fails(data, "base figure G-", "already carries the previous year of G-BEV-AUS")


def test_base_figure_checks(data: dict[str, Any]) -> None:
    broken = copy.deepcopy(data)
    figure_row(broken, "G-EINB")["population_group"] = "XX"
    fails(broken, "base figure G-EINB", "unknown population_group")
    broken = copy.deepcopy(data)
    figure_row(broken, "G-EINB")["sensitive"] = "no"
    fails(broken, "base figure G-EINB", "sensitive must be true or false")
    broken = copy.deepcopy(data)
    figure_row(broken, "G-EINB")["code"] = "g-einb"
    fails(broken, "base figure g-einb", "code must look like")


def test_top_level_checks(data: dict[str, Any]) -> None:
    broken = copy.deepcopy(data)
    del broken["fields"]
    fails(broken, "catalogue", "missing required key 'fields'")
    broken = copy.deepcopy(data)
    broken["indicators"] = {"DEM-01": {}}
    fails(broken, "indicators must be a list")
    broken = copy.deepcopy(data)
    broken["indicators"][0] = "DEM-01"
    fails(broken, "indicators[0]", "expected a mapping")


def test_load_catalog_reports_file_problems(tmp_path: Path) -> None:
    bad_yaml = tmp_path / "bad.yaml"
    bad_yaml.write_text("version: [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid YAML"):
        load_catalog(bad_yaml)
    a_list = tmp_path / "list.yaml"
    a_list.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="mapping at the top level"):
        load_catalog(a_list)
    with pytest.raises(CatalogError, match="cannot read"):
        load_catalog(tmp_path / "missing.yaml")


def test_a_minimal_catalogue_round_trips() -> None:
    spec = parse_catalog(
        {
            "version": "0.1",
            "name": "Mini",
            "fields": [{"code": "DEM", "name_de": "Demografie", "name_en": "Demography"}],
            "base_figures": [
                {
                    "code": f"G-{c}",
                    "name_de": c,
                    "name_en": c,
                    "unit": "Personen",
                    "reference_date": "31.12.",
                    "population_group": None,
                    "source": "Test",
                    "sensitive": False,
                    "previous_year_of": None,
                }
                for c in ("A", "B")
            ],
            "indicators": [
                {
                    "code": "DEM-01",
                    "field": "DEM",
                    "name_de": "Anteil",
                    "name_en": "Share",
                    "definition_de": "A je B",
                    "kind": "rate",
                    "context": False,
                    "unit": "%",
                    "multiplier": 100,
                    "decimals": 1,
                    "polarity": "neutral",
                    "formulas": [{"group": "total", "numerator": "G-A", "denominator": "G-B"}],
                    "suppression_threshold": 3,
                    "sensitive": False,
                    "computation_note": None,
                    "data_source": "Test",
                    "city_level_availability": "gut",
                    "evidence_status": "reconstruction",
                    "source_refs": [],
                    "breakdowns": "",
                    "notes": "",
                }
            ],
        }
    )
    indicator = spec.indicator("DEM-01")
    assert indicator.multiplier == 100.0
    assert indicator.formula().is_plain_ratio
    assert not indicator.is_gap
    assert spec.referenced_codes() == {"G-A", "G-B"}


# --- intervals and published sources ---------------------------------------------------------


def test_every_interval_follows_the_kind_of_the_key_figure(catalog: CatalogSpec) -> None:
    by_code = {i.code: i.interval for i in catalog.indicators}
    # growth rates, balances, densities, amounts and "organisations per residents": none
    for code in ("KON-02", "DEM-07", "PAR-05", "KON-08", "KON-09", "WOH-03"):
        assert by_code[code] == "none", code
    # rates per 1,000 or 100,000: exact Poisson
    for code in ("DEM-06", "SOZ-05", "DIS-01", "DIS-04", "KON-10", "BIL-12"):
        assert by_code[code] == "poisson", code
    # shares in %: Wilson (a gap's groups A and B are shares)
    for code in ("DEM-01", "REC-05", "ARB-04", "SOZ-01", "KON-03"):
        assert by_code[code] == "wilson", code
    for indicator in catalog.indicators:
        if indicator.kind not in ("rate", "gap"):
            assert indicator.interval == "none", indicator.code


def test_the_shipped_catalogue_declares_every_interval(raw: dict[str, Any]) -> None:
    undeclared = [
        row["code"]
        for row in raw["indicators"]
        if row["kind"] in ("rate", "gap") and row.get("interval") is None
    ]
    assert undeclared == []


def test_an_undeclared_interval_is_none(data: dict[str, Any]) -> None:
    del indicator_row(data, "DIS-01")["interval"]
    assert parse_catalog(data).indicator("DIS-01").interval == "none"


def test_an_unknown_interval_fails(data: dict[str, Any]) -> None:
    indicator_row(data, "DIS-01")["interval"] = "bootstrap"
    fails(data, "indicator DIS-01", "unknown interval 'bootstrap'")


def test_a_count_has_no_interval(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-08")["interval"] = "poisson"
    fails(data, "indicator DEM-08", "kind count has no interval")


def test_published_sources_name_official_statistics(catalog: CatalogSpec) -> None:
    published = {i.code: i.published_source for i in catalog.indicators if i.published_source}
    assert set(published) == {
        "DEM-01", "DEM-06", "REC-05", "ARB-01", "ARB-04", "ARB-06", "ARB-07", "SOZ-01",
        "SOZ-02", "SOZ-03", "SOZ-04", "SOZ-05", "BIL-07", "BIL-08", "KON-01", "KON-02",
        "KON-03", "KON-05", "KON-06", "KON-08", "KON-09", "KON-10", "KON-11", "KON-14",
    }  # fmt: skip
    assert "12521" in published["DEM-01"]
    assert "Bundesagentur für Arbeit" in published["SOZ-01"]
    # not published per city: municipal registers, surveys, the administration's own records
    for code in ("DEM-02", "KON-04", "PAR-02", "IKO-01", "DIS-01"):
        assert catalog.indicator(code).published_source is None


def test_published_source_must_be_text(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["published_source"] = 12521
    fails(data, "indicator DEM-01", "published_source must be text")


# --- the pydantic rows --------------------------------------------------------------------------


def test_an_unknown_key_in_a_formula_names_indicator_and_formula(data: dict[str, Any]) -> None:
    indicator_row(data, "ARB-01")["formulas"][1]["weight"] = 2
    fails(data, "indicator ARB-01", "formula B", "unknown key 'weight'")


def test_a_field_cannot_set_its_position(data: dict[str, Any]) -> None:
    data["fields"][0]["position"] = 7
    fails(data, f"field {data['fields'][0]['code']}", "unknown key 'position'")


def test_an_empty_source_reference_names_its_index(data: dict[str, Any]) -> None:
    indicator_row(data, "DEM-01")["source_refs"] = ["https://example.org", "  "]
    fails(data, "indicator DEM-01", "source_refs[1] must be non-empty text")


def test_the_specs_are_frozen(catalog: CatalogSpec) -> None:
    indicator = catalog.indicator("DEM-01")
    with pytest.raises(ValueError, match="frozen"):
        indicator.unit = "‰"  # type: ignore[misc]
    assert indicator == load_catalog(DEFAULT_CATALOG_PATH).indicator("DEM-01")
