"""`GET /api/v1/tasks`: the start page's open tasks, per role, tenant-isolated and read-only."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.models import AuditEvent
from vergleichsring.submissions import tasks as tasks_module
from vergleichsring.submissions.models import Submission, SubmissionValueHistory

MODERATOR = "moderation@example.org"
GELSENKIRCHEN, KOELN, KAISERSLAUTERN, MUENSTER = "05513000", "05315000", "07312000", "05515000"
HAMBURG = "02000000"  # approved in both years


def get_tasks(client: TestClient, email: str) -> dict[str, Any]:
    response = client.get("/api/v1/tasks", headers=bearer(client, email))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_coordinator_sees_the_returned_year_with_reason_and_the_returned_value(
    client: TestClient, demo_round_id: int
) -> None:
    body = get_tasks(client, f"koordination-{GELSENKIRCHEN}@example.org")
    assert body["cities"] == [
        {"ags": GELSENKIRCHEN, "name": "Gelsenkirchen", "role": "coordinator"}
    ]
    assert body["rings"] == []
    assert [(t["kind"], t["ags"], t["year"]) for t in body["tasks"]] == [
        ("returned", GELSENKIRCHEN, 2021)
    ]
    task = body["tasks"][0]
    assert task["round_id"] == demo_round_id
    assert task["deadline"] == "2022-09-30"
    assert task["reason"]
    assert [v["base_figure"] for v in task["returned_values"]] == ["G-IK-NEU"]
    assert body["total"] == 1


def test_a_coordinator_sees_the_draft_with_its_open_findings(client: TestClient) -> None:
    body = get_tasks(client, f"koordination-{KAISERSLAUTERN}@example.org")
    (task,) = body["tasks"]
    assert (task["kind"], task["ags"], task["year"]) == ("draft", KAISERSLAUTERN, 2021)
    assert task["errors_open"] >= 3  # parts ≠ total, share, fractional count, …
    assert task["reason"] is None


def test_koeln_has_its_draft_with_one_warning_to_explain_and_nothing_to_fix(
    client: TestClient,
) -> None:
    body = get_tasks(client, f"koordination-{KOELN}@example.org")
    (task,) = body["tasks"]
    assert (task["kind"], task["ags"], task["year"]) == ("draft", KOELN, 2021)
    assert task["errors_open"] == 0
    assert task["warnings_open"] == 1


def test_an_approved_city_and_a_viewer_have_nothing_to_do(client: TestClient) -> None:
    coordinator = get_tasks(client, f"koordination-{HAMBURG}@example.org")
    assert coordinator["tasks"] == []
    assert coordinator["total"] == 0
    assert coordinator["cities"][0]["name"] == "Hamburg"
    viewer = get_tasks(client, f"lesen-{HAMBURG}@example.org")
    assert viewer["tasks"] == []
    assert viewer["cities"] == [{"ags": HAMBURG, "name": "Hamburg", "role": "viewer"}]
    # a viewer has no tasks even where the city has a draft
    assert get_tasks(client, f"lesen-{KOELN}@example.org")["tasks"] == []


def test_the_moderator_sees_submitted_city_years_and_the_open_ones(
    client: TestClient, demo_round_id: int
) -> None:
    body = get_tasks(client, MODERATOR)
    assert [r["name"] for r in body["rings"]] == ["Integrationsmonitoring 2.0"]
    review = [t for t in body["tasks"] if t["kind"] == "review"]
    assert {(t["ags"], t["year"]) for t in review} >= {(MUENSTER, 2021)}
    assert len(review) == 4  # Münster, Heidelberg, Erfurt 2021 and Göttingen 2020
    (outstanding,) = [t for t in body["tasks"] if t["kind"] == "not_submitted"]
    # Köln, Offenbach and Kaiserslautern drafts, Gelsenkirchen returned
    assert outstanding["count"] == 4
    assert outstanding["round_id"] == demo_round_id
    assert body["tasks"][0]["kind"] == "review"  # most urgent first
    assert body["total"] == 5


def test_tasks_follow_a_return_and_are_never_another_citys(
    client: TestClient, demo_round_id: int
) -> None:
    mod = bearer(client, MODERATOR)
    base = f"/api/v1/rounds/{demo_round_id}/submissions/{MUENSTER}/2021"
    version = client.get(base, headers=mod).json()["version"]
    returned = client.post(
        f"{base}/return",
        headers=mod,
        json={
            "version": version,
            "reason": "Bitte prüfen",
            "values": [{"base_figure": "G-BEV-AUS", "reason": "Wert passt nicht zum Vorjahr"}],
        },
    )
    assert returned.status_code == 200, returned.text
    body = get_tasks(client, f"koordination-{MUENSTER}@example.org")
    (task,) = body["tasks"]
    assert task["reason"] == "Bitte prüfen"
    assert task["returned_values"] == [
        {"base_figure": "G-BEV-AUS", "reason": "Wert passt nicht zum Vorjahr"}
    ]
    for email in (f"koordination-{HAMBURG}@example.org", f"lesen-{MUENSTER}@example.org"):
        assert get_tasks(client, email)["tasks"] == []
    assert MUENSTER not in {
        t["ags"] for t in get_tasks(client, MODERATOR)["tasks"] if t["kind"] == "review"
    }


def test_the_answer_is_bounded(client: TestClient, monkeypatch: Any) -> None:
    monkeypatch.setattr(tasks_module, "TASK_LIMIT", 2)
    body = get_tasks(client, MODERATOR)
    assert len(body["tasks"]) == 2
    assert body["total"] == 5


def test_get_tasks_writes_nothing_and_needs_a_sign_in(client: TestClient, session: Session) -> None:
    def counts() -> tuple[int, int, int]:
        return (
            session.scalar(select(func.count(AuditEvent.id))) or 0,
            session.scalar(select(func.count(SubmissionValueHistory.id))) or 0,
            session.scalar(select(func.coalesce(func.sum(Submission.version), 0))) or 0,
        )

    headers = bearer(client, MODERATOR)
    before = counts()
    assert client.get("/api/v1/tasks", headers=headers).status_code == 200
    assert counts() == before
    assert client.get("/api/v1/tasks").status_code == 401
