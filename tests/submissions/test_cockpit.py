"""The moderator's cockpit, the findings list and reminders."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.mail import RecordingMailSender
from vergleichsring.auth.models import AuditEvent

MODERATOR = "moderation@example.org"
OFFENBACH, KAISERSLAUTERN, GELSENKIRCHEN = "06413000", "07312000", "05513000"
KOELN = "05315000"  # a draft in 2021 with one warning to explain and no error


def test_cockpit_shows_every_city_with_status_completeness_and_findings(
    client: TestClient, demo_round_id: int
) -> None:
    r = client.get(f"/api/v1/rounds/{demo_round_id}/cockpit", headers=bearer(client, MODERATOR))
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["cities"]) == 28
    assert body["status_counts"]["draft"] == 3  # Köln, Offenbach, Kaiserslautern 2021
    assert body["status_counts"]["returned"] == 1
    fields = [f["code"] for f in body["fields"]]
    assert "DEM" in fields
    city = next(c for c in body["cities"] if c["ags"] == OFFENBACH)
    year = next(y for y in city["years"] if y["year"] == 2021)
    assert year["status"] == "draft"
    assert year["findings_open"] >= 3
    assert 0.9 < year["completeness"] < 1.0  # G-STUD is missing
    assert [c["field"] for c in year["fields"]] == fields
    cell = next(c for c in year["fields"] if c["field"] == "DEM")
    assert cell["warnings_open"] >= 1  # the population warning
    koeln = next(c for c in body["cities"] if c["ags"] == KOELN)
    koeln_2021 = next(y for y in koeln["years"] if y["year"] == 2021)
    assert koeln_2021["status"] == "draft"
    assert koeln_2021["findings_open"] == 1
    assert sum(c["errors_open"] for c in koeln_2021["fields"]) == 0
    assert sum(c["warnings_open"] for c in koeln_2021["fields"]) == 1


def test_findings_filter_by_city_field_severity_and_state(
    client: TestClient, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    base = f"/api/v1/rounds/{demo_round_id}/findings"
    everything = client.get(base, headers=mod).json()
    rules = {i["rule"] for i in everything["items"]}
    assert {
        "required",
        "share",
        "part_total",
        "count",
        "not_collectable_comment",
        "change",
        "outlier",
        "population",
        "rate_above_100",
    } <= rules
    errors = client.get(base, headers=mod, params={"severity": "error", "ags": KAISERSLAUTERN})
    items = errors.json()["items"]
    assert items
    assert {i["ags"] for i in items} == {KAISERSLAUTERN}
    assert {i["severity"] for i in items} == {"error"}
    accepted = client.get(base, headers=mod, params={"state": "accepted"}).json()["items"]
    assert accepted
    assert {i["submission_status"] for i in accepted} == {"approved"}
    dem = client.get(base, headers=mod, params={"field": "DEM"}).json()["items"]
    assert {i["field"] for i in dem} == {"DEM"}
    outlier = next(i for i in everything["items"] if i["rule"] == "outlier")
    assert "Median der Ring-Städte" in outlier["message_de"]
    assert "robust z" in outlier["message_en"] or "IQR" in outlier["message_en"]
    assert client.get(base, headers=mod, params={"severity": "fatal"}).status_code == 422


def test_cockpit_and_findings_are_for_moderators_only(
    client: TestClient, demo_round_id: int
) -> None:
    coord = bearer(client, f"koordination-{OFFENBACH}@example.org")
    assert client.get(f"/api/v1/rounds/{demo_round_id}/cockpit", headers=coord).status_code == 403
    assert client.get(f"/api/v1/rounds/{demo_round_id}/findings", headers=coord).status_code == 403
    admin = bearer(client, "admin@example.org")
    assert client.get(f"/api/v1/rounds/{demo_round_id}/cockpit", headers=admin).status_code == 403


def test_reminders_go_to_cities_that_have_not_submitted_and_are_audited(
    client: TestClient, demo_round_id: int, mailbox: RecordingMailSender, session: Session
) -> None:
    r = client.post(
        f"/api/v1/rounds/{demo_round_id}/reminders",
        headers=bearer(client, MODERATOR),
        json={"year": 2021, "message": "Bitte bis Freitag."},
    )
    assert r.status_code == 200, r.text
    sent = {s["ags"] for s in r.json()["sent"]}
    assert sent == {KOELN, OFFENBACH, KAISERSLAUTERN, GELSENKIRCHEN}
    recipients = {to for to, _subject, _body in mailbox.sent}
    assert f"koordination-{OFFENBACH}@example.org" in recipients
    assert all("Bitte bis Freitag." in body for _to, _s, body in mailbox.sent)
    audited = session.scalars(select(AuditEvent).where(AuditEvent.action == "reminder.sent")).all()
    assert len(audited) == len(mailbox.sent)
    bad = client.post(
        f"/api/v1/rounds/{demo_round_id}/reminders",
        headers=bearer(client, MODERATOR),
        json={"year": 2019},
    )
    assert bad.status_code == 409


def test_cockpit_follows_every_change(client: TestClient, demo_round_id: int) -> None:
    mod = bearer(client, MODERATOR)
    coord = bearer(client, f"koordination-{OFFENBACH}@example.org")

    def offenbach_2021() -> dict[str, object]:
        body = client.get(f"/api/v1/rounds/{demo_round_id}/cockpit", headers=mod).json()
        city = next(c for c in body["cities"] if c["ags"] == OFFENBACH)
        return dict(next(y for y in city["years"] if y["year"] == 2021))

    before = offenbach_2021()
    assert before == offenbach_2021()  # served again unchanged
    url = f"/api/v1/rounds/{demo_round_id}/submissions/{OFFENBACH}/2021"
    version = client.get(url, headers=coord).json()["version"]
    r = client.patch(
        url,
        headers=coord,
        json={"version": version, "values": [{"base_figure": "G-STUD", "value": 15000}]},
    )
    assert r.status_code == 200
    after = offenbach_2021()
    assert after["version"] == version + 1
    assert float(str(after["completeness"])) > float(str(before["completeness"]))
    rules = {
        i["rule"]
        for i in client.get(
            f"/api/v1/rounds/{demo_round_id}/findings",
            headers=mod,
            params={"ags": OFFENBACH, "year": 2021},
        ).json()["items"]
    }
    assert "required" not in rules
