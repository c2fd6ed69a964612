"""A participant of a pseudonymised round cannot link a pseudonym to a city.

The attacker in ``reidentification.py`` signs in as every participant of the demo round (viewers,
and coordinators for a sample), reads the comparison endpoints and narrows, per pseudonym, the
cities it can stand for. It must identify no city and leave every pseudonym at least three
candidates. The same attacker against the round with the guarantee relaxed (context rows shown
beside pseudonyms) identifies cities, so the test is not vacuous.

The rules are applied in the comparison service, independent of the database, so the attack runs on
SQLite only (the whole sweep is several thousand requests).
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.comparison.reidentification import (
    POPULATION,
    PUBLIC_GROUP_TYPES,
    Attack,
    Code,
    PublicKnowledge,
    run_attack,
)
from tests.conftest import bearer
from vergleichsring.comparison import visibility
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import RoundParticipant

YEARS = [2020, 2021]
MINIMUM_CANDIDATES = 3
# The full sweep (every key figure × year × measure × peer group) for these participants; the
# others run every channel on the view of all cities of the round.
FULL_SWEEP = {"lesen-05315000@example.org", "koordination-14713000@example.org"}


@pytest.fixture(autouse=True)
def _sqlite_only(db_url: str) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("the rules are database-independent; the attack runs on SQLite")


def _truth(session: Session, round_id: int) -> dict[str, str]:
    rows = session.execute(
        select(RoundParticipant.pseudonym, Municipality.ags)
        .join(Municipality, Municipality.id == RoundParticipant.municipality_id)
        .where(RoundParticipant.round_id == round_id)
    ).all()
    return {str(p): str(a) for p, a in rows}


def _knowledge(client: TestClient, round_id: int, participants: frozenset[str]) -> PublicKnowledge:
    """Public master data, and what official statistics publish per city (read by name here)."""
    population: dict[tuple[str, int], float] = {}
    for m in client.get("/api/v1/municipalities").json():
        for p in m["population"]:
            if p["value"] is not None:
                population[(m["ags"], int(p["year"]))] = float(p["value"])
    moderator = bearer(client, "moderation@example.org")
    base = f"/api/v1/rounds/{round_id}/comparison"
    context: dict[tuple[str, int], dict[str, float]] = {}
    kon = client.get("/api/v1/catalog/indicators", params={"context": "true"}).json()
    for indicator in kon:
        for year in YEARS:
            response = client.get(
                f"{base}/indicators/{indicator['code']}", headers=moderator, params={"year": year}
            )
            if response.status_code != 200:
                continue  # a category (KON-07, -12, -13) has no numeric comparison
            view = response.json()
            context[(indicator["code"], year)] = {
                r["ags"]: float(r["value"]) for r in view["rows"] if r["value"] is not None
            }
    groups = client.get(f"{base}/peer-groups", headers=moderator).json()
    members = {
        str(g["id"]): frozenset(str(m["ags"]) for m in g["members"])
        for g in groups
        if g["type"] in PUBLIC_GROUP_TYPES
    }
    distances: dict[str, dict[str, float]] = {}
    for ags in participants:
        found = client.get(
            f"{base}/municipalities/{ags}/neighbours", headers=moderator, params={"k": 20}
        )
        if found.status_code == 200:
            distances[ags] = {
                str(n["ags"]): float(n["distance"]) for n in found.json()["neighbours"]
            }
    return PublicKnowledge(participants, population, context, members, distances)


def _codes(client: TestClient) -> list[Code]:
    return [
        (
            str(i["code"]),
            str(i["kind"]),
            int(i["multiplier"]),
            any(f["denominator"] == POPULATION for f in i["formulas"]),
        )
        for i in client.get("/api/v1/catalog/indicators").json()
    ]


def _check_sound(attack: Attack, truth: dict[str, str]) -> None:
    assert not attack.unsound, attack.unsound[:5]
    for label, cands in attack.candidates.items():
        assert truth[label] in cands, f"attacker unsound: removed the true city of {label}"


Setting = tuple[dict[str, str], PublicKnowledge, list[Code]]


@pytest.fixture
def setting(client: TestClient, demo_round_id: int, session: Session) -> Setting:
    truth = _truth(session, demo_round_id)
    knowledge = _knowledge(client, demo_round_id, frozenset(truth.values()))
    return truth, knowledge, _codes(client)


def test_no_participant_can_link_a_pseudonym_to_a_city(
    client: TestClient,
    demo_round_id: int,
    setting: Setting,
) -> None:
    truth, knowledge, codes = setting
    accounts = [f"lesen-{ags}@example.org" for ags in sorted(truth.values())]
    accounts += sorted(FULL_SWEEP - set(accounts))
    worst: list[str] = []
    for email in accounts:
        own = re.search(r"\d{8}", email)
        assert own is not None
        headers = bearer(client, email)
        attack = run_attack(
            client,
            headers,
            round_id=demo_round_id,
            own=own.group(0),
            knowledge=knowledge,
            codes=codes,
            years=YEARS,
            full_sweep=email in FULL_SWEEP,
            truth=truth,
        )
        _check_sound(attack, truth)
        assert not attack.identified(), (email, attack.identified(), dict(attack.evidence))
        for label, cands in attack.candidates.items():
            if len(cands) < MINIMUM_CANDIDATES:
                worst.append(f"{email}: {label} -> {sorted(cands)} via {attack.evidence[label]}")
    assert not worst, worst


def test_the_attack_identifies_cities_when_context_rows_are_shown(
    client: TestClient,
    demo_round_id: int,
    setting: Setting,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The relaxed rule (a test switch) shows KON rows beside pseudonyms: the attack succeeds."""
    truth, knowledge, codes = setting
    monkeypatch.setattr(visibility, "RELAXED_FOR_TESTS", True)
    attack = run_attack(
        client,
        bearer(client, "lesen-05315000@example.org"),
        round_id=demo_round_id,
        own="05315000",
        knowledge=knowledge,
        codes=[c for c in codes if c[0].startswith("KON-")],
        years=YEARS,
        full_sweep=False,
        truth=truth,
    )
    _check_sound(attack, truth)
    identified = attack.identified()
    assert len(identified) >= 20, identified
    assert all(truth[label] == ags for label, ags in identified.items())
