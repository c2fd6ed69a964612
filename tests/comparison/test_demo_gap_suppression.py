"""The demo ring itself exercises the joint suppression of a gap key figure: a small city's
count of long-term unemployed foreigners (ARB-07, group A) lies below the threshold of 3, so
its A, B, gap and ratio are all withheld – for every role, in every measure."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import bearer

MEASURES = ("A", "B", "gap", "ratio")


def _rows(client: TestClient, headers: dict[str, str], round_id: int, measure: str) -> list[dict]:  # type: ignore[type-arg]
    answer = client.get(
        f"/api/v1/rounds/{round_id}/comparison/indicators/ARB-07",
        headers=headers,
        params={"year": 2021, "measure": measure},
    )
    assert answer.status_code == 200, answer.text
    rows: list[dict] = answer.json()["rows"]  # type: ignore[type-arg]
    return rows


def test_demo_has_a_gap_city_suppressed_in_all_four_measures(
    client: TestClient, demo_round_id: int
) -> None:
    moderator = bearer(client, "moderation@example.org")
    by_measure = {
        m: {r["ags"]: r for r in _rows(client, moderator, demo_round_id, m)} for m in MEASURES
    }
    hidden = {ags for ags, row in by_measure["A"].items() if row["suppressed"]}
    assert hidden, "the demo must contain a small group count of a gap key figure"
    for ags in hidden:
        assert by_measure["A"][ags]["suppression_reason"].startswith("primary: Fallzahl < 3")
        for measure in ("B", "gap", "ratio"):
            row = by_measure[measure][ags]
            assert row["suppressed"] is True, (measure, ags)
            assert row["suppression_reason"] == "secondary: A suppressed"
        for measure in MEASURES:
            row = by_measure[measure][ags]
            assert row["display"] == "."
            for name in ("value", "rank", "percentile", "z", "ci_low", "value_a", "value_b"):
                assert row[name] is None, (measure, name)
    # The other cities keep their values: suppression takes no more than it must.
    shown = [r for a, r in by_measure["gap"].items() if a not in hidden and r["value"] is not None]
    assert len(shown) >= 5


def test_a_participant_sees_the_same_cities_withheld(
    client: TestClient, demo_round_id: int
) -> None:
    moderator = bearer(client, "moderation@example.org")
    viewer = bearer(client, "lesen-02000000@example.org")
    hidden_for_moderator = sum(
        r["suppressed"] for r in _rows(client, moderator, demo_round_id, "gap")
    )
    rows = _rows(client, viewer, demo_round_id, "gap")
    assert sum(r["suppressed"] for r in rows) == hidden_for_moderator > 0
    assert all(r["value"] is None for r in rows if r["suppressed"])
