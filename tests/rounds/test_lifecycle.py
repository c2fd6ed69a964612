"""A round's life through the API: create, edit, participants, open, review, publish, revise."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.models import AuditEvent
from vergleichsring.rounds.models import Ring

MODERATOR = "moderation@example.org"
KOELN, JENA, HAMBURG = "05315000", "16053000", "02000000"


def ring_id(session: Session) -> int:
    return int(session.scalars(select(Ring.id)).one())


def new_round(client: TestClient, session: Session, **extra: object) -> dict[str, object]:
    body = {
        "ring_id": ring_id(session),
        "name": "Vergleichsrunde 2022",
        "years": [2022],
        "catalog_version": "2.0",
        "participants": [KOELN, JENA],
        **extra,
    }
    r = client.post("/api/v1/rounds", headers=bearer(client, MODERATOR), json=body)
    assert r.status_code == 201, r.text
    return dict(r.json())


def go(client: TestClient, round_id: object, to: str) -> tuple[int, dict[str, object]]:
    r = client.post(
        f"/api/v1/rounds/{round_id}/transitions",
        headers=bearer(client, MODERATOR),
        json={"to": to},
    )
    return r.status_code, r.json()


def test_full_lifecycle_with_revision(client: TestClient, session: Session) -> None:
    mod = bearer(client, MODERATOR)
    rnd = new_round(client, session)
    rid = rnd["id"]
    assert rnd["status"] == "preparation"
    assert rnd["allowed_transitions"] == ["collection"]
    assert {p["ags"] for p in rnd["participants"]} == {KOELN, JENA}  # type: ignore[attr-defined]
    status, err = go(client, rid, "published")
    assert status == 409
    assert "collection" in str(err["detail"])
    assert err["errors"][0]["loc"] == ["body", "to"]  # type: ignore[index]
    r = client.patch(f"/api/v1/rounds/{rid}", headers=mod, json={"deadline": "2023-09-30"})
    assert r.status_code == 200
    assert r.json()["deadline"] == "2023-09-30"
    r = client.post(f"/api/v1/rounds/{rid}/participants", headers=mod, json={"ags": [HAMBURG]})
    assert r.status_code == 200
    assert r.json()["participant_count"] == 3
    assert (
        client.delete(f"/api/v1/rounds/{rid}/participants/{HAMBURG}", headers=mod).status_code
        == 200
    )
    status, body = go(client, rid, "collection")
    assert status == 200, body
    coord = bearer(client, f"koordination-{KOELN}@example.org")
    sub = client.get(f"/api/v1/rounds/{rid}/submissions/{KOELN}/2022", headers=coord)
    assert sub.status_code == 200
    assert sub.json()["status"] == "draft"
    r = client.patch(f"/api/v1/rounds/{rid}", headers=mod, json={"years": [2021, 2022]})
    assert r.status_code == 200
    write = client.patch(
        f"/api/v1/rounds/{rid}/submissions/{KOELN}/2022",
        headers=coord,
        json={"version": 1, "values": [{"base_figure": "G-BEV-GES", "value": 1000000}]},
    )
    assert write.status_code == 200, write.text
    # Köln has data now: it cannot leave the round
    assert (
        client.delete(f"/api/v1/rounds/{rid}/participants/{KOELN}", headers=mod).status_code == 409
    )
    assert go(client, rid, "review")[0] == 200
    status, body = go(client, rid, "published")
    assert status == 200, body
    assert body["revision"] == 1
    pubs = client.get(f"/api/v1/rounds/{rid}/publications", headers=mod).json()
    assert [p["number"] for p in pubs] == [1]
    # frozen: no edits, no settings
    assert (
        client.patch(f"/api/v1/rounds/{rid}", headers=mod, json={"name": "Neu"}).status_code == 409
    )
    frozen = client.patch(
        f"/api/v1/rounds/{rid}/submissions/{KOELN}/2022",
        headers=coord,
        json={"version": 2, "values": [{"base_figure": "G-BEV-GES", "value": 1}]},
    )
    assert frozen.status_code == 409
    status, body = go(client, rid, "review")  # revise
    assert status == 200
    assert body["revision"] == 1
    assert go(client, rid, "published")[1]["revision"] == 2
    assert go(client, rid, "closed")[0] == 200
    assert go(client, rid, "collection")[0] == 409
    first = client.get(f"/api/v1/rounds/{rid}/publications/1", headers=mod)
    assert first.status_code == 200
    assert client.get(f"/api/v1/rounds/{rid}/publications/3", headers=mod).status_code == 404
    actions = list(session.scalars(select(AuditEvent.action)))
    assert actions.count("round.transition") >= 6
    assert "round.created" in actions


def test_revision_marks_changed_values_revised_and_keeps_the_publication(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    # the demo round is in review with submissions awaiting review: publishing is refused
    status, body = go(client, demo_round_id, "published")
    assert status == 409
    assert "warten auf Prüfung" in str(body["detail"])
    items = []
    for ags, year in [
        ("03159016", 2020),
        ("05515000", 2021),
        ("08221000", 2021),
        ("16051000", 2021),
    ]:
        v = client.get(f"/api/v1/rounds/{demo_round_id}/submissions/{ags}/{year}", headers=mod)
        items.append({"ags": ags, "year": year, "version": v.json()["version"]})
    ok = client.post(
        f"/api/v1/rounds/{demo_round_id}/submissions/approve", headers=mod, json={"items": items}
    )
    assert ok.status_code == 200, ok.text
    status, body = go(client, demo_round_id, "published")
    assert status == 200, body
    published = client.get(f"/api/v1/rounds/{demo_round_id}/publications/1", headers=mod).json()
    hamburg_then = published["values"][f"{HAMBURG}|2021"]["G-BEV-AUS"][0]
    assert go(client, demo_round_id, "review")[0] == 200
    url = f"/api/v1/rounds/{demo_round_id}/submissions/{HAMBURG}/2021"
    v = client.get(url, headers=mod).json()["version"]
    reopened = client.post(
        f"{url}/reopen",
        headers=mod,
        json={
            "version": v,
            "reason": "Korrektur nach Veröffentlichung",
            "values": [{"base_figure": "G-BEV-AUS", "reason": "Melderegister bereinigt"}],
        },
    )
    assert reopened.status_code == 200, reopened.text
    coord = bearer(client, f"koordination-{HAMBURG}@example.org")
    body = client.get(url, headers=coord).json()
    deu = next(x for x in body["values"] if x["base_figure"] == "G-BEV-DEU")["value"]
    total = next(x for x in body["values"] if x["base_figure"] == "G-BEV-GES")["value"]
    r = client.patch(
        url,
        headers=coord,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-BEV-AUS", "value": total - deu - 10}],
        },
    )
    assert r.status_code == 200, r.text
    aus = next(x for x in r.json()["values"] if x["base_figure"] == "G-BEV-AUS")
    assert aus["status"] == "revised"
    assert aus["changed_since_approval"] is True
    again = client.get(f"/api/v1/rounds/{demo_round_id}/publications/1", headers=mod).json()
    assert again["values"][f"{HAMBURG}|2021"]["G-BEV-AUS"][0] == hamburg_then
    # a city reads its own part of the publication only
    own = client.get(f"/api/v1/rounds/{demo_round_id}/publications/1", headers=coord).json()
    assert set(own["values"]) == {f"{HAMBURG}|2020", f"{HAMBURG}|2021"}


def test_only_the_ring_moderator_manages_rounds(client: TestClient, session: Session) -> None:
    body = {
        "ring_id": ring_id(session),
        "name": "Fremde Runde",
        "years": [2022],
        "catalog_version": "2.0",
    }
    for email in ("admin@example.org", f"koordination-{KOELN}@example.org"):
        r = client.post("/api/v1/rounds", headers=bearer(client, email), json=body)
        assert r.status_code == 403, email
    bad = dict(body, catalog_version="9.9", participants=["99999999"])
    r = client.post("/api/v1/rounds", headers=bearer(client, MODERATOR), json=bad)
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["body", "catalog_version"]
    dup = dict(body, years=[2022, 2022])
    assert (
        client.post("/api/v1/rounds", headers=bearer(client, MODERATOR), json=dup).status_code
        == 422
    )
