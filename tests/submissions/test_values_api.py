"""The values API and the review chain, end to end through HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.models import AuditEvent
from vergleichsring.submissions.models import SubmissionValueHistory

OFFENBACH, KAISERSLAUTERN, KOELN, GELSENKIRCHEN = "06413000", "07312000", "05315000", "05513000"
MUENSTER = "05515000"
MODERATOR = "moderation@example.org"


def coordinator(ags: str) -> str:
    return f"koordination-{ags}@example.org"


def url(round_id: int, ags: str, year: int = 2021, suffix: str = "") -> str:
    return f"/api/v1/rounds/{round_id}/submissions/{ags}/{year}{suffix}"


def value_of(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(v for v in body["values"] if v["base_figure"] == code)


def history_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(SubmissionValueHistory)) or 0)


def test_get_answers_everything_one_screen_needs(client: TestClient, demo_round_id: int) -> None:
    headers = bearer(client, coordinator(OFFENBACH))
    body = client.get(url(demo_round_id, OFFENBACH), headers=headers).json()
    assert body["status"] == "draft"
    assert body["editable"] is True
    assert "submit" in body["allowed_actions"]
    pop = value_of(body, "G-BEV-GES")
    assert pop["unit"] == "Personen"
    assert "31.12." in pop["definition"]
    assert pop["previous_value"] is not None  # 2020 of the same round
    assert pop["field"] == "DEM"
    assert isinstance(pop["findings"], list)


def test_patch_with_stale_version_is_409_naming_the_values_and_writes_nothing(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    headers = bearer(client, coordinator(OFFENBACH))
    first = client.get(url(demo_round_id, OFFENBACH), headers=headers).json()
    version = first["version"]
    ok = client.patch(
        url(demo_round_id, OFFENBACH),
        headers=headers,
        json={"version": version, "values": [{"base_figure": "G-EINB", "value": 1234}]},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["version"] == version + 1
    assert value_of(ok.json(), "G-EINB")["value"] == 1234
    before = history_count(session)
    stale = client.patch(
        url(demo_round_id, OFFENBACH),
        headers=headers,
        json={"version": version, "values": [{"base_figure": "G-STUD", "value": 99}]},
    )
    assert stale.status_code == 409
    err = stale.json()
    assert err["error"] == "conflict"
    assert ["values", "G-EINB"] in [e["loc"] for e in err["errors"]]
    assert history_count(session) == before
    again = client.get(url(demo_round_id, OFFENBACH), headers=headers).json()
    assert value_of(again, "G-STUD")["value"] == value_of(first, "G-STUD")["value"]
    hist = client.get(
        url(demo_round_id, OFFENBACH, suffix="/history"),
        headers=headers,
        params={"base_figure": "G-EINB"},
    ).json()
    assert hist["entries"][0]["value"] == 1234
    assert hist["entries"][0]["channel"] == "api"
    assert hist["entries"][0]["changed_by"] == coordinator(OFFENBACH)


def test_a_bad_value_in_a_batch_rejects_the_whole_batch(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    headers = bearer(client, coordinator(OFFENBACH))
    body = client.get(url(demo_round_id, OFFENBACH), headers=headers).json()
    before = history_count(session)
    response = client.patch(
        url(demo_round_id, OFFENBACH),
        headers=headers,
        json={
            "version": body["version"],
            "values": [
                {"base_figure": "G-EINB", "value": 10},
                {"base_figure": "G-ALO-AUS", "value": -3},
                {"base_figure": "G-STUD", "value": 2.5},
                {"base_figure": "G-NOPE-X", "value": 1},
            ],
        },
    )
    assert response.status_code == 422
    locs = [e["loc"] for e in response.json()["errors"]]
    assert ["body", "values", 1, "value"] in locs
    assert ["body", "values", 2, "value"] in locs
    assert ["body", "values", 3, "base_figure"] in locs
    assert "G-ALO-AUS" in response.text
    assert history_count(session) == before
    after = client.get(url(demo_round_id, OFFENBACH), headers=headers).json()
    assert after["version"] == body["version"]


def test_hard_rule_blocks_submit_and_warning_needs_a_comment(
    client: TestClient, demo_round_id: int
) -> None:
    headers = bearer(client, coordinator(KAISERSLAUTERN))
    body = client.get(url(demo_round_id, KAISERSLAUTERN), headers=headers).json()
    planted = {f["rule"] for f in body["findings"] if f["severity"] == "error"}
    assert {"part_total", "share", "count", "not_collectable_comment"} <= planted
    total = value_of(body, "G-BEV-GES")["value"]
    foreign = total - value_of(body, "G-BEV-DEU")["value"]
    staff = value_of(body, "G-KITA-PERS")["value"]
    fixes = [
        {"base_figure": "G-BEV-AUS", "value": foreign},
        {"base_figure": "G-KITA-PERS-MH", "value": staff // 4},
        {"base_figure": "G-MSO-GEF", "value": 12},
        {"base_figure": "G-DOLM", "comment": "Einsätze werden nicht zentral erfasst"},
    ]
    body = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={"version": body["version"], "values": fixes},
    ).json()
    assert [f for f in body["findings"] if f["severity"] == "error"] == []
    # foreign + German no longer add up to the total: a hard rule
    r = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-BEV-AUS", "value": round(foreign + total * 0.2)}],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    blocked = client.post(
        url(demo_round_id, KAISERSLAUTERN, suffix="/submit"),
        headers=headers,
        json={"version": body["version"]},
    )
    assert blocked.status_code == 422
    assert "G-BEV-AUS" in blocked.text
    assert "G-BEV-GES" in blocked.text
    # fix the hard rule; the jump against 2020 stays a warning until explained
    r = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-BEV-AUS", "value": foreign}],
        },
    )
    body = r.json()
    einb = value_of(body, "G-EINB")["value"] or 100
    r = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-EINB", "value": round(einb * 5)}],
        },
    )
    body = r.json()
    warnings = [f for f in value_of(body, "G-EINB")["findings"] if f["rule"] == "change"]
    assert warnings
    assert warnings[0]["state"] == "open"
    assert "Vorjahr" in warnings[0]["message_de"]
    assert "previous year" in warnings[0]["message_en"]
    blocked = client.post(
        url(demo_round_id, KAISERSLAUTERN, suffix="/submit"),
        headers=headers,
        json={"version": body["version"]},
    )
    assert blocked.status_code == 422
    assert ["values", "G-EINB"] in [e["loc"] for e in blocked.json()["errors"]]
    r = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-EINB", "comment": "Sonderaktion Einbürgerung 2021"}],
        },
    )
    body = r.json()
    open_blockers = [
        f
        for f in body["findings"]
        if f["severity"] == "error" or (f["state"] == "open" and f["base_figure"])
    ]
    for f in open_blockers:  # explain whatever else the synthetic data triggers
        r = client.patch(
            url(demo_round_id, KAISERSLAUTERN),
            headers=headers,
            json={
                "version": body["version"],
                "values": [{"base_figure": f["base_figure"], "comment": "geprüft"}],
            },
        )
        body = r.json()
    assert [f for f in body["findings"] if f["severity"] == "error"] == []
    done = client.post(
        url(demo_round_id, KAISERSLAUTERN, suffix="/submit"),
        headers=headers,
        json={"version": body["version"]},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "submitted"
    assert done.json()["editable"] is False
    refused = client.patch(
        url(demo_round_id, KAISERSLAUTERN),
        headers=headers,
        json={"version": done.json()["version"], "values": [{"base_figure": "G-STUD", "value": 1}]},
    )
    assert refused.status_code == 409
    assert "submitted" in refused.json()["detail"]


def test_return_single_value_correct_resubmit_approve_reaches_comparison(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    mod = bearer(client, MODERATOR)
    coord = bearer(client, coordinator(MUENSTER))
    body = client.get(url(demo_round_id, MUENSTER), headers=mod).json()
    assert body["status"] == "submitted"
    returned = client.post(
        url(demo_round_id, MUENSTER, suffix="/return"),
        headers=mod,
        json={
            "version": body["version"],
            "reason": "Bitte prüfen",
            "values": [{"base_figure": "G-BEV-AUS", "reason": "Wert passt nicht zum Vorjahr"}],
        },
    )
    assert returned.status_code == 200, returned.text
    rb = returned.json()
    assert rb["status"] == "returned"
    aus = value_of(rb, "G-BEV-AUS")
    assert aus["review_state"] == "returned"
    assert aus["review_reason"] == "Wert passt nicht zum Vorjahr"
    cb = client.get(url(demo_round_id, MUENSTER), headers=coord).json()
    assert value_of(cb, "G-BEV-AUS")["editable"] is True
    assert value_of(cb, "G-STUD")["editable"] is False
    other = client.patch(
        url(demo_round_id, MUENSTER),
        headers=coord,
        json={"version": cb["version"], "values": [{"base_figure": "G-STUD", "value": 1}]},
    )
    assert other.status_code == 409
    new_aus = aus["value"] + 1
    new_deu = value_of(cb, "G-BEV-DEU")["value"]
    fixed = client.patch(
        url(demo_round_id, MUENSTER),
        headers=coord,
        json={"version": cb["version"], "values": [{"base_figure": "G-BEV-AUS", "value": new_aus}]},
    )
    assert fixed.status_code == 200, fixed.text
    fb = fixed.json()
    for f in fb["findings"]:
        assert f["severity"] != "error", f
    # explain any warning on the corrected value so that it can be submitted
    if any(f["state"] == "open" for f in value_of(fb, "G-BEV-AUS")["findings"]):
        fb = client.patch(
            url(demo_round_id, MUENSTER),
            headers=coord,
            json={
                "version": fb["version"],
                "values": [{"base_figure": "G-BEV-AUS", "comment": "korrigiert"}],
            },
        ).json()
    sub = client.post(
        url(demo_round_id, MUENSTER, suffix="/submit"),
        headers=coord,
        json={"version": fb["version"]},
    )
    assert sub.status_code == 200, sub.text
    version = sub.json()["version"]
    changes = client.get(
        url(demo_round_id, MUENSTER, suffix="/changes-since-approval"), headers=mod
    )
    assert changes.status_code == 200
    before = client.get(
        f"/api/v1/rounds/{demo_round_id}/comparison/indicators/DEM-01",
        headers=mod,
        params={"year": 2021},
    ).json()
    assert all(r.get("ags") != MUENSTER or r["value"] is None for r in before["rows"])
    ok = client.post(
        url(demo_round_id, MUENSTER, suffix="/approve"), headers=mod, json={"version": version}
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "approved"
    after = client.get(
        f"/api/v1/rounds/{demo_round_id}/comparison/indicators/DEM-01",
        headers=mod,
        params={"year": 2021},
    ).json()
    row = next(r for r in after["rows"] if r.get("ags") == MUENSTER)
    assert row["value"] is not None
    assert abs(row["value"] - 100 * new_aus / (new_aus + new_deu)) < 0.2
    assert after["statistics"]["n"] == before["statistics"]["n"] + 1
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"submission.returned", "submission.submitted", "submission.approved"} <= actions


def test_koeln_explains_its_one_warning_submits_is_returned_and_approved(
    client: TestClient, demo_round_id: int
) -> None:
    """Issue #12's acceptance walk on the demo: Köln 2021 is a pre-filled draft with nothing to
    fix and one warning to explain."""
    coord = bearer(client, coordinator(KOELN))
    mod = bearer(client, MODERATOR)
    body = client.get(url(demo_round_id, KOELN), headers=coord).json()
    assert body["status"] == "draft"
    assert body["editable"] is True
    assert all(v["value"] is not None or v["status"] != "ok" for v in body["values"])
    assert [(f["severity"], f["rule"], f["base_figure"], f["state"]) for f in body["findings"]] == [
        ("warning", "change", "G-EINB", "open")
    ]
    blocked = client.post(
        url(demo_round_id, KOELN, suffix="/submit"),
        headers=coord,
        json={"version": body["version"]},
    )
    assert blocked.status_code == 422
    assert ["values", "G-EINB"] in [e["loc"] for e in blocked.json()["errors"]]
    r = client.patch(
        url(demo_round_id, KOELN),
        headers=coord,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-EINB", "comment": "Einbürgerungsoffensive 2021"}],
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert [f["state"] for f in body["findings"]] == ["explained"]
    done = client.post(
        url(demo_round_id, KOELN, suffix="/submit"),
        headers=coord,
        json={"version": body["version"]},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "submitted"
    # the moderator returns the value; Köln corrects it and submits again; the moderator approves
    returned = client.post(
        url(demo_round_id, KOELN, suffix="/return"),
        headers=mod,
        json={
            "version": done.json()["version"],
            "reason": "Bitte prüfen",
            "values": [
                {"base_figure": "G-EINB", "reason": "Bitte mit der Statistikstelle abgleichen"}
            ],
        },
    )
    assert returned.status_code == 200, returned.text
    rb = returned.json()
    assert rb["status"] == "returned"
    assert value_of(rb, "G-EINB")["review_state"] == "returned"
    previous = value_of(rb, "G-EINB")["previous_value"]
    fixed = client.patch(
        url(demo_round_id, KOELN),
        headers=coord,
        json={
            "version": rb["version"],
            "values": [{"base_figure": "G-EINB", "value": round(previous * 1.1)}],
        },
    )
    assert fixed.status_code == 200, fixed.text
    assert [f for f in fixed.json()["findings"] if f["state"] == "open"] == []
    again = client.post(
        url(demo_round_id, KOELN, suffix="/submit"),
        headers=coord,
        json={"version": fixed.json()["version"]},
    )
    assert again.status_code == 200, again.text
    ok = client.post(
        url(demo_round_id, KOELN, suffix="/approve"),
        headers=mod,
        json={"version": again.json()["version"]},
    )
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "approved"


def test_approval_at_an_old_version_is_refused(client: TestClient, demo_round_id: int) -> None:
    mod = bearer(client, MODERATOR)
    body = client.get(url(demo_round_id, MUENSTER), headers=mod).json()
    stale = client.post(
        url(demo_round_id, MUENSTER, suffix="/approve"),
        headers=mod,
        json={"version": body["version"] - 1 if body["version"] > 1 else 99},
    )
    assert stale.status_code == 409


def test_bulk_approve_is_all_or_nothing(client: TestClient, demo_round_id: int) -> None:
    mod = bearer(client, MODERATOR)
    pending = ["05515000", "08221000", "16051000"]
    versions = {
        a: client.get(url(demo_round_id, a), headers=mod).json()["version"] for a in pending
    }
    items = [{"ags": a, "year": 2021, "version": versions[a]} for a in pending]
    items.append({"ags": OFFENBACH, "year": 2021, "version": 1})  # a draft: not approvable
    refused = client.post(
        f"/api/v1/rounds/{demo_round_id}/submissions/approve", headers=mod, json={"items": items}
    )
    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["loc"][:3] == ["body", "items", 3]
    for a in pending:
        assert client.get(url(demo_round_id, a), headers=mod).json()["status"] == "submitted"
    ok = client.post(
        f"/api/v1/rounds/{demo_round_id}/submissions/approve",
        headers=mod,
        json={"items": items[:3]},
    )
    assert ok.status_code == 200, ok.text
    for a in pending:
        assert client.get(url(demo_round_id, a), headers=mod).json()["status"] == "approved"


def test_roles_cannot_cross(client: TestClient, demo_round_id: int) -> None:
    coord = bearer(client, coordinator(OFFENBACH))
    viewer = bearer(client, f"lesen-{OFFENBACH}@example.org")
    mod = bearer(client, MODERATOR)
    body = client.get(url(demo_round_id, OFFENBACH), headers=coord).json()
    patch = {"version": body["version"], "values": [{"base_figure": "G-STUD", "value": 5}]}
    assert client.patch(url(demo_round_id, KOELN), headers=coord, json=patch).status_code == 404
    assert (
        client.patch(url(demo_round_id, OFFENBACH), headers=viewer, json=patch).status_code == 403
    )
    assert client.patch(url(demo_round_id, OFFENBACH), headers=mod, json=patch).status_code == 403
    approve = {"version": body["version"]}
    own = client.post(url(demo_round_id, OFFENBACH, suffix="/approve"), headers=coord, json=approve)
    assert own.status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"version": 1, "values": [{"base_figure": "G-EINB", "comment": "a\u0000b"}]},
        {"version": 1, "values": [{"base_figure": "G-EINB", "value": 1e300}]},
        {"version": 2**40, "values": [{"base_figure": "G-EINB", "value": 1}]},
        {"version": 1, "values": [{"base_figure": "g-einb", "value": 1}]},
        {"version": 1, "values": []},
        {"version": 1, "values": [{"base_figure": "G-EINB", "status": "maybe"}]},
        {"version": 1, "values": [{"base_figure": "G-EINB", "value": "12"}] * 1001},
    ],
)
def test_hostile_bodies_are_422_and_change_nothing(
    client: TestClient, demo_round_id: int, session: Session, body: dict[str, Any]
) -> None:
    headers = bearer(client, coordinator(OFFENBACH))
    before = history_count(session)
    r = client.patch(url(demo_round_id, OFFENBACH), headers=headers, json=body)
    assert r.status_code == 422, r.text[:300]
    assert r.json()["errors"]
    assert history_count(session) == before


def test_hostile_round_bodies_are_4xx(client: TestClient, demo_round_id: int) -> None:
    mod = bearer(client, MODERATOR)
    for body in (
        {"ring_id": 1, "name": "Runde\u0000", "years": [2022], "catalog_version": "2.0"},
        {"ring_id": 2**40, "name": "Runde", "years": [2022], "catalog_version": "2.0"},
        {"ring_id": 1, "name": "Runde", "years": [3000], "catalog_version": "2.0"},
        {"ring_id": 1, "name": "Runde", "years": [2022], "catalog_version": "2.0\u0000"},
    ):
        r = client.post("/api/v1/rounds", headers=mod, json=body)
        assert r.status_code == 422, (body, r.text[:300])
    r = client.post(
        f"/api/v1/rounds/{demo_round_id}/transitions",
        headers=mod,
        json={"to": "published", "note": "\u0000"},
    )
    assert r.status_code == 422
    assert client.get(f"/api/v1/rounds/{2**40}", headers=mod).status_code == 422
