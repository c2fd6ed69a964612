"""The plausibility rules without a database: dataclasses in, findings out."""

from __future__ import annotations

import numpy as np
import pytest

from vergleichsring.catalog.formula import parse_formula
from vergleichsring.submissions import rules
from vergleichsring.submissions.rules import (
    Entry,
    FigureMeta,
    KeyFigure,
    PartTotal,
    RuleConfig,
    Share,
)

FIGURES = {
    code: FigureMeta(code, f"{code} de", f"{code} en", unit, "DEM")
    for code, unit in [
        ("G-BEV-GES", "Personen"),
        ("G-BEV-AUS", "Personen"),
        ("G-BEV-DEU", "Personen"),
        ("G-BEV-MH", "Personen"),
        ("G-WAN-AUS-SALDO", "Personen"),
        ("G-FLAECHE", "km²"),
        ("G-ADS-STELLE", "ja/nein"),
        ("G-EINB", "Personen"),
    ]
}
SHARE = Share("DEM-01", "G-BEV-AUS", "G-BEV-GES")
PARTS = PartTotal("G-BEV-GES", ("G-BEV-AUS", "G-BEV-DEU"), complete=True, tolerance=0.005)
SHARE_KF = KeyFigure(
    "DEM-01",
    "Ausländeranteil",
    "Share of foreign nationals",
    "%",
    100,
    parse_formula("G-BEV-AUS"),
    parse_formula("G-BEV-GES"),
    "DEM",
)
NAT_KF = KeyFigure(
    "REC-05",
    "Einbürgerungsquote",
    "Naturalisation rate",
    "%",
    100,
    parse_formula("G-EINB"),
    parse_formula("prev(G-BEV-AUS)"),
    "REC",
)


def good() -> dict[str, Entry]:
    return {
        "G-BEV-GES": Entry(100_000),
        "G-BEV-AUS": Entry(15_000),
        "G-BEV-DEU": Entry(85_000),
        "G-BEV-MH": Entry(30_000),
        "G-WAN-AUS-SALDO": Entry(-250),
        "G-FLAECHE": Entry(88.5),
        "G-ADS-STELLE": Entry(1),
        "G-EINB": Entry(300),
    }


def rules_of(found: list[rules.Finding]) -> list[str]:
    return sorted(f.rule for f in found)


def test_consistent_values_have_no_hard_finding() -> None:
    assert rules.hard_findings(FIGURES, good(), shares=[SHARE], part_totals=[PARTS]) == []


@pytest.mark.parametrize(
    ("code", "value", "rule", "number"),
    [
        ("G-BEV-MH", -1, "count", "-1"),
        ("G-BEV-MH", 2.5, "count", "2,5"),
        ("G-FLAECHE", -3.0, "negative", "-3"),
        ("G-ADS-STELLE", 2, "flag", "2"),
    ],
)
def test_value_level_hard_rules_name_figure_and_number(
    code: str, value: float, rule: str, number: str
) -> None:
    entries = good() | {code: Entry(value)}
    found = rules.hard_findings(FIGURES, entries)
    assert rules_of(found) == [rule]
    assert code in found[0].message_de
    assert number in found[0].message_de
    assert found[0].severity == "error"
    assert code in found[0].message_en


def test_a_balance_may_be_negative() -> None:
    assert rules.hard_findings(FIGURES, good() | {"G-WAN-AUS-SALDO": Entry(-9999)}) == []


def test_share_numerator_above_denominator() -> None:
    entries = good() | {"G-BEV-AUS": Entry(120_000), "G-BEV-DEU": Entry(-20_000 + 20_000)}
    found = rules.hard_findings(FIGURES, entries, shares=[SHARE])
    share = [f for f in found if f.rule == "share"]
    assert share
    assert "120.000" in share[0].message_de
    assert "100.000" in share[0].message_de
    assert "120,000" in share[0].message_en


def test_parts_must_add_up_within_the_tolerance() -> None:
    within = good() | {"G-BEV-DEU": Entry(85_400)}  # 0,4 % off
    assert rules.hard_findings(FIGURES, within, part_totals=[PARTS]) == []
    off = good() | {"G-BEV-DEU": Entry(84_000)}  # 1 % short
    found = rules.hard_findings(FIGURES, off, part_totals=[PARTS])
    assert rules_of(found) == ["part_total"]
    assert "99.000" in found[0].message_de
    assert "0,5 %" in found[0].message_de
    over = good() | {"G-BEV-DEU": Entry(95_000)}
    assert "übersteigt" in rules.hard_findings(FIGURES, over, part_totals=[PARTS])[0].message_de
    partial = PartTotal("G-BEV-GES", ("G-BEV-MH",))
    assert rules.hard_findings(FIGURES, good(), part_totals=[partial]) == []
    too_many = good() | {"G-BEV-MH": Entry(100_001)}
    assert rules_of(rules.hard_findings(FIGURES, too_many, part_totals=[partial])) == ["part_total"]


def test_required_values_and_not_collectable_comment() -> None:
    entries = good()
    del entries["G-EINB"]
    entries["G-BEV-MH"] = Entry(None, "not_collectable")
    found = rules.hard_findings(FIGURES, entries)
    assert rules_of(found) == ["not_collectable_comment", "required"]
    entries["G-BEV-MH"] = Entry(None, "not_collectable", "Kein Zugriff auf MigraPro")
    entries["G-EINB"] = Entry(None, "not_delivered")
    assert rules.hard_findings(FIGURES, entries) == []
    entries["G-EINB"] = Entry(None, "ok")
    assert rules_of(rules.hard_findings(FIGURES, entries)) == ["required"]


def test_change_needs_both_thresholds() -> None:
    cfg = RuleConfig(change_relative=0.2, change_absolute=50)
    prev = {"G-EINB": 100.0, "G-BEV-MH": 30_000.0}
    small_abs = good() | {"G-EINB": Entry(140)}  # +40 %, but only 40 persons
    assert rules.change_findings(FIGURES, small_abs, prev, cfg) == []
    big = good() | {"G-EINB": Entry(400)}
    found = rules.change_findings(FIGURES, big, prev, cfg)
    assert rules_of(found) == ["change"]
    assert "300,0 %" in found[0].message_de
    assert "100 → 400" in found[0].message_de
    assert found[0].severity == "warning"
    small_rel = good() | {"G-BEV-MH": Entry(33_000)}  # +10 %
    assert rules.change_findings(FIGURES, small_rel, {"G-BEV-MH": 30_000.0}, cfg) == []


def test_population_against_official() -> None:
    assert rules.population_findings(FIGURES, good(), 101_500) == []
    found = rules.population_findings(FIGURES, good(), 95_000)
    assert rules_of(found) == ["population"]
    assert "5,3 %" in found[0].message_de
    assert "95.000" in found[0].message_de


def test_outlier_by_robust_z_and_message() -> None:
    peers = {"DEM-01": [12.0, 12.5, 13.0, 11.5, 12.8, 12.2, 13.4, 11.9]}
    values = {"DEM-01": 41.2}
    found = rules.outlier_findings([SHARE_KF], values, peers)
    assert rules_of(found) == ["outlier"]
    msg = found[0].message_de
    assert msg.startswith(
        "Ausländeranteil 41,2 % liegt weit über dem Median der Ring-Städte (12,3 %"
    )
    assert "robuster z-Wert" in msg
    assert "far above the median" in found[0].message_en
    assert found[0].base_figure == "G-BEV-AUS"
    assert rules.outlier_findings([SHARE_KF], {"DEM-01": 13.1}, peers) == []


def test_outlier_needs_enough_peers_and_uses_iqr_when_mad_is_zero() -> None:
    few = {"DEM-01": [12.0, 12.5, 13.0]}
    assert rules.outlier_findings([SHARE_KF], {"DEM-01": 90.0}, few) == []
    flat = {"DEM-01": [10.0, 10.0, 10.0, 10.0, 10.0, 11.0, 12.0, 9.0]}
    found = rules.outlier_findings([SHARE_KF], {"DEM-01": 40.0}, flat)
    assert rules_of(found) == ["outlier"]
    assert "IQR" in found[0].message_en


def test_key_figures_through_the_formula_module_and_rates_above_100() -> None:
    entries = good() | {"G-EINB": Entry(20_000)}
    values = rules.key_figure_values([SHARE_KF, NAT_KF], entries, {"G-BEV-AUS": 16_000})
    assert values["DEM-01"] == pytest.approx(15.0)
    assert values["REC-05"] == pytest.approx(125.0)
    found = rules.rate_findings([SHARE_KF, NAT_KF], values, [SHARE])
    assert rules_of(found) == ["rate_above_100"]
    assert "125,0 %" in found[0].message_de
    arrays = rules.key_figure_arrays(
        [SHARE_KF],
        {"G-BEV-AUS": np.array([10.0, np.nan]), "G-BEV-GES": np.array([100.0, 50.0])},
        {},
        2,
    )
    assert arrays["DEM-01"][0] == pytest.approx(10.0)
    assert np.isnan(arrays["DEM-01"][1])


def test_unexplained_warnings_block_until_commented() -> None:
    found = rules.change_findings(FIGURES, good() | {"G-EINB": Entry(900)}, {"G-EINB": 100.0})
    entries = good() | {"G-EINB": Entry(900)}
    assert rules.unexplained_warnings(found, entries) == found
    entries["G-EINB"] = Entry(900, comment="Sondereffekt")
    assert rules.unexplained_warnings(found, entries) == []


def test_german_number_format() -> None:
    assert rules.fmt_de(1234.5) == "1.234,5"
    assert rules.fmt_de(1234567) == "1.234.567"
    assert rules.fmt_en(1234.5) == "1,234.5"
