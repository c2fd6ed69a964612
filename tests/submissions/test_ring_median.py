"""The ring's median beside each value: for the round's moderators, of the other cities'
submitted or approved values, and only when enough cities contribute. On SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import Round
from vergleichsring.submissions.models import Submission, SubmissionValue, ValueStatus

MODERATOR = "moderation@example.org"
FIGURE = "G-STUD"
# 2021 in the demo: Münster, Heidelberg and Erfurt submitted; Köln draft; Gelsenkirchen
# returned; the rest approved.
MUENSTER, HEIDELBERG, ERFURT = "05515000", "08221000", "16051000"
KOELN, GELSENKIRCHEN = "05315000", "05513000"
HAMBURG, FRANKFURT, LEIPZIG, ESSEN, DRESDEN, NUERNBERG = (
    "02000000",
    "06412000",
    "14713000",
    "05113000",
    "14612000",
    "09564000",
)


def url(round_id: int, ags: str, year: int = 2021) -> str:
    return f"/api/v1/rounds/{round_id}/submissions/{ags}/{year}"


def median_of(body: dict[str, Any], code: str = FIGURE) -> Any:
    return next(v["ring_median"] for v in body["values"] if v["base_figure"] == code)


def figure_values(session: Session, round_id: int, year: int) -> dict[str, SubmissionValue]:
    """The FIGURE's value row of every city's submission of ``year``, by AGS."""
    stmt = (
        select(Municipality.ags, SubmissionValue)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .where(Submission.round_id == round_id, Submission.year == year, BaseFigure.code == FIGURE)
    )
    return {str(ags): v for ags, v in session.execute(stmt)}


def set_only(
    session: Session,
    round_id: int,
    values: dict[str, float],
    *,
    suppressed: dict[str, float] | None = None,
) -> None:
    """FIGURE of 2021: the given values, every other city's value empty."""
    rows = figure_values(session, round_id, 2021)
    for ags, row in rows.items():
        row.value, row.status = values.get(ags), ValueStatus.ok
    for ags, value in (suppressed or {}).items():
        rows[ags].value, rows[ags].status = value, ValueStatus.suppressed
    session.flush()


def test_median_of_a_hand_computed_case(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    set_only(
        session,
        demo_round_id,
        {
            # counted: approved and submitted cities of the ring -> 10 20 30 40 50 60 -> 35
            HAMBURG: 10,
            LEIPZIG: 20,
            HEIDELBERG: 30,  # submitted
            FRANKFURT: 40,
            ERFURT: 50,  # submitted
            ESSEN: 60,
            # not counted
            MUENSTER: 1000,  # the city under review (included: 40)
            KOELN: 1,  # draft (included with Gelsenkirchen: 25)
            GELSENKIRCHEN: 2,  # returned
        },
        suppressed={DRESDEN: 5},  # a number with a missing status (included: 30)
    )
    headers = bearer(client, MODERATOR)
    body = client.get(url(demo_round_id, MUENSTER), headers=headers).json()
    assert median_of(body) == 35
    # An odd count takes the middle value; the other data year does not mix in.
    figure_values(session, demo_round_id, 2021)[NUERNBERG].value = 70
    session.flush()
    body = client.get(url(demo_round_id, MUENSTER), headers=headers).json()
    assert median_of(body) == 40
    # Reviewing Hamburg, Hamburg's own 10 drops out and Münster's submitted 1000 counts:
    # 20 30 40 50 60 70 1000 -> 50.
    body = client.get(url(demo_round_id, HAMBURG), headers=headers).json()
    assert median_of(body) == 50


def test_the_median_needs_the_rounds_minimum_group_size(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    rnd = session.get(Round, demo_round_id)
    assert rnd is not None
    assert rnd.min_group_size == 5
    four = {HAMBURG: 1.5, LEIPZIG: 2.5, FRANKFURT: 3.5, ESSEN: 4.5}
    set_only(session, demo_round_id, {**four, MUENSTER: 9, KOELN: 9}, suppressed={DRESDEN: 9})
    headers = bearer(client, MODERATOR)
    body = client.get(url(demo_round_id, MUENSTER), headers=headers).json()
    assert median_of(body) is None  # four cities: too few, even with the own city and a draft
    set_only(session, demo_round_id, {**four, ERFURT: 5.5})
    body = client.get(url(demo_round_id, MUENSTER), headers=headers).json()
    assert median_of(body) == 3.5  # five cities
    rnd.min_group_size = 6
    session.flush()
    body = client.get(url(demo_round_id, MUENSTER), headers=headers).json()
    assert median_of(body) is None
    assert median_of(body, "G-BEV-GES") is not None  # 23 other cities report a population


def test_a_coordinator_or_viewer_never_gets_the_median(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    """Attack: the median is a number derived from other cities' unapproved values."""
    set_only(
        session, demo_round_id, {HAMBURG: 10, LEIPZIG: 20, FRANKFURT: 30, ESSEN: 40, ERFURT: 50}
    )
    moderator = client.get(url(demo_round_id, MUENSTER), headers=bearer(client, MODERATOR)).json()
    assert median_of(moderator) == 30
    for email, ags in (
        (f"koordination-{MUENSTER}@example.org", MUENSTER),
        (f"lesen-{MUENSTER}@example.org", MUENSTER),
        (f"koordination-{HAMBURG}@example.org", HAMBURG),
    ):
        headers = bearer(client, email)
        for year in (2020, 2021):
            body = client.get(url(demo_round_id, ags, year), headers=headers).json()
            assert body["ags"] == ags
            assert {v["ring_median"] for v in body["values"]} == {None}, (email, year)
    # Nor in the answer to a write: Köln's coordinator saves a value of the draft.
    headers = bearer(client, f"koordination-{KOELN}@example.org")
    draft = client.get(url(demo_round_id, KOELN), headers=headers).json()
    saved = client.patch(
        url(demo_round_id, KOELN),
        headers=headers,
        json={"version": draft["version"], "values": [{"base_figure": FIGURE, "value": 7}]},
    )
    assert saved.status_code == 200, saved.text
    assert {v["ring_median"] for v in saved.json()["values"]} == {None}
