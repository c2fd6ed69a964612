"""The signed-in user's open tasks, for the start page: one answer instead of a call per round.

A coordinator sees the city-years of their own cities that are returned (with the reason and the
values returned singly) or still a draft, with their open findings and the round's deadline. A
moderator sees the city-years of their rings' rounds that wait for review, and per round how many
are not yet submitted. Viewers and admins have no tasks here. Only rounds in collection or review
have tasks. Reads only; the answer is bounded (``TASK_LIMIT`` tasks, ``total`` says how many exist).

Tenancy: city tasks are read with the caller's cities as a keyword-only argument, ring tasks with
the caller's moderated rounds; nothing else is ever selected.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import Ring, Round, RoundStatus
from vergleichsring.submissions.models import (
    Finding,
    FindingSeverity,
    FindingState,
    ReviewState,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)

TASK_LIMIT = 100
RETURNED_VALUES_LIMIT = 20
OPEN_ROUNDS = (RoundStatus.collection, RoundStatus.review)
CITY_OPEN = (SubmissionStatus.draft, SubmissionStatus.returned)

TaskKind = Literal["returned", "draft", "review", "not_submitted"]


class ReturnedValue(BaseModel):
    base_figure: str
    reason: str | None


class TaskRead(BaseModel):
    kind: TaskKind = Field(
        description="returned: values came back to the city; draft: not yet submitted; "
        "review: submitted, waits for the moderator; not_submitted: how many city-years of a "
        "round the moderator still waits for (count)"
    )
    round_id: int
    round_name: str
    deadline: date | None
    ags: str | None = None
    municipality_name: str | None = None
    year: int | None = None
    reason: str | None = Field(default=None, description="the moderator's reason (returned)")
    returned_values: list[ReturnedValue] = []
    errors_open: int = 0
    warnings_open: int = Field(default=0, description="warnings without a comment")
    warnings_explained: int = 0
    submitted_at: datetime | None = None
    count: int | None = Field(default=None, description="not_submitted: city-years still open")

    @field_validator("submitted_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        """SQLite gives times back without their zone; they are stored in UTC."""
        return value.replace(tzinfo=UTC) if value is not None and value.tzinfo is None else value


class TaskCity(BaseModel):
    ags: str
    name: str
    role: Literal["coordinator", "viewer"]


class TaskRing(BaseModel):
    id: int
    name: str


class TasksRead(BaseModel):
    cities: list[TaskCity]
    rings: list[TaskRing]
    tasks: list[TaskRead]
    total: int = Field(description="how many tasks there are; at most TASK_LIMIT are listed")


# --- queries ---------------------------------------------------------------------------------


def _city_submissions(
    db: Session, *, municipality_ids: Collection[int], round_ids: Collection[int]
) -> list[tuple[Submission, str, str]]:
    stmt = (
        select(Submission, Municipality.ags, Municipality.name)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(
            Submission.municipality_id.in_(list(municipality_ids)),
            Submission.round_id.in_(list(round_ids)),
            Submission.status.in_(CITY_OPEN),
        )
        .order_by(Submission.round_id, Municipality.ags, Submission.year)
    )
    return [(s, str(a), str(n)) for s, a, n in db.execute(stmt)]


def _submitted_in_rounds(
    db: Session, *, round_ids: Collection[int], limit: int
) -> tuple[int, list[tuple[Submission, str, str]]]:
    where = [Submission.round_id.in_(list(round_ids)), Submission.status == "submitted"]
    total = db.scalar(select(func.count(Submission.id)).where(*where)) or 0
    stmt = (
        select(Submission, Municipality.ags, Municipality.name)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(*where)
        .order_by(Submission.submitted_at, Submission.id)
        .limit(limit)
    )
    return int(total), [(s, str(a), str(n)) for s, a, n in db.execute(stmt)]


def _not_submitted_counts(db: Session, *, round_ids: Collection[int]) -> dict[int, int]:
    stmt = (
        select(Submission.round_id, func.count(Submission.id))
        .where(Submission.round_id.in_(list(round_ids)), Submission.status.in_(CITY_OPEN))
        .group_by(Submission.round_id)
    )
    return {int(r): int(n) for r, n in db.execute(stmt)}


def _finding_counts(
    db: Session, *, submission_ids: Collection[int]
) -> dict[tuple[int, str, str], int]:
    if not submission_ids:
        return {}
    stmt = (
        select(Finding.submission_id, Finding.severity, Finding.state, func.count(Finding.id))
        .where(Finding.submission_id.in_(list(submission_ids)))
        .group_by(Finding.submission_id, Finding.severity, Finding.state)
    )
    return {(int(s), str(sev), str(st)): int(n) for s, sev, st, n in db.execute(stmt)}


def _returned_values(
    db: Session, *, submission_ids: Collection[int]
) -> dict[int, list[ReturnedValue]]:
    if not submission_ids:
        return {}
    stmt = (
        select(SubmissionValue.submission_id, BaseFigure.code, SubmissionValue.review_reason)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .where(
            SubmissionValue.submission_id.in_(list(submission_ids)),
            SubmissionValue.review_state != ReviewState.none,
        )
        .order_by(SubmissionValue.submission_id, BaseFigure.position)
    )
    result: dict[int, list[ReturnedValue]] = {}
    for sid, code, reason in db.execute(stmt):
        items = result.setdefault(int(sid), [])
        if len(items) < RETURNED_VALUES_LIMIT:
            items.append(ReturnedValue(base_figure=str(code), reason=reason))
    return result


def _cities(db: Session, principal: Principal) -> list[TaskCity]:
    roles = {
        g.municipality_id: g.role.value
        for g in sorted(principal.grants, key=lambda g: g.role.value, reverse=True)
        if g.municipality_id is not None and g.role.value in ("coordinator", "viewer")
    }  # coordinator wins over viewer (sorted so it is written last)
    if not roles:
        return []
    stmt = (
        select(Municipality.id, Municipality.ags, Municipality.name)
        .where(Municipality.id.in_(list(roles)))
        .order_by(Municipality.ags)
    )
    return [
        TaskCity(
            ags=str(a), name=str(n), role="coordinator" if roles[i] == "coordinator" else "viewer"
        )
        for i, a, n in db.execute(stmt)
    ]


def _rings(db: Session, ring_ids: Collection[int]) -> list[TaskRing]:
    if not ring_ids:
        return []
    stmt = select(Ring.id, Ring.name).where(Ring.id.in_(list(ring_ids))).order_by(Ring.id)
    return [TaskRing(id=int(i), name=str(n)) for i, n in db.execute(stmt)]


# --- the service -----------------------------------------------------------------------------


def _counts(counts: dict[tuple[int, str, str], int], sid: int) -> dict[str, int]:
    return {
        "errors_open": counts.get((sid, FindingSeverity.error, FindingState.open), 0),
        "warnings_open": counts.get((sid, FindingSeverity.warning, FindingState.open), 0),
        "warnings_explained": counts.get((sid, FindingSeverity.warning, FindingState.explained), 0),
    }


def _sort_key(task: TaskRead) -> tuple[int, date, int, str, int]:
    order = {"returned": 0, "review": 1, "draft": 2, "not_submitted": 3}[task.kind]
    return (order, task.deadline or date.max, task.round_id, task.ags or "", task.year or 0)


def open_tasks(db: Session, principal: Principal) -> TasksRead:
    """What the caller has to do now, most urgent first (returned, to review, drafts)."""
    rounds: list[Round] = [
        r
        for r in round_service.visible_rounds(db, principal, Action.read_rounds)
        if r.status in OPEN_ROUNDS
    ]
    by_id = {r.id: r for r in rounds}
    tasks: list[TaskRead] = []
    total = 0

    # Coordinators: their own cities only.
    cities = principal.municipality_ids(Action.edit_submission)
    city_rounds = [r.id for r in rounds if any(p.municipality_id in cities for p in r.participants)]
    if cities and city_rounds:
        rows = _city_submissions(db, municipality_ids=cities, round_ids=city_rounds)
        total += len(rows)
        rows = rows[:TASK_LIMIT]
        ids = [s.id for s, _, _ in rows]
        counts = _finding_counts(db, submission_ids=ids)
        returned = _returned_values(db, submission_ids=ids)
        for sub, ags, name in rows:
            rnd = by_id[sub.round_id]
            is_returned = sub.status == SubmissionStatus.returned
            tasks.append(
                TaskRead(
                    kind="returned" if is_returned else "draft",
                    round_id=rnd.id,
                    round_name=rnd.name,
                    deadline=rnd.deadline,
                    ags=ags,
                    municipality_name=name,
                    year=sub.year,
                    reason=sub.return_reason if is_returned else None,
                    returned_values=returned.get(sub.id, []),
                    **_counts(counts, sub.id),
                )
            )

    # Moderators: the rounds of their rings.
    rings = principal.ring_ids(Action.review_submission)
    moderated = [r.id for r in rounds if r.ring_id in rings]
    if moderated:
        waiting, rows = _submitted_in_rounds(db, round_ids=moderated, limit=TASK_LIMIT)
        total += waiting
        counts = _finding_counts(db, submission_ids=[s.id for s, _, _ in rows])
        for sub, ags, name in rows:
            rnd = by_id[sub.round_id]
            tasks.append(
                TaskRead(
                    kind="review",
                    round_id=rnd.id,
                    round_name=rnd.name,
                    deadline=rnd.deadline,
                    ags=ags,
                    municipality_name=name,
                    year=sub.year,
                    submitted_at=sub.submitted_at,
                    **_counts(counts, sub.id),
                )
            )
        for round_id, count in _not_submitted_counts(db, round_ids=moderated).items():
            rnd = by_id[round_id]
            total += 1
            tasks.append(
                TaskRead(
                    kind="not_submitted",
                    round_id=rnd.id,
                    round_name=rnd.name,
                    deadline=rnd.deadline,
                    count=count,
                )
            )

    tasks.sort(key=_sort_key)
    return TasksRead(
        cities=_cities(db, principal),
        rings=_rings(db, principal.ring_ids(Action.read_rounds)),
        tasks=tasks[:TASK_LIMIT],
        total=total,
    )
