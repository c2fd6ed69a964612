"""Submissions are city-owned: every query takes the city as a keyword-only argument.

The only cross-city reads are ``approved_values`` (the comparison: approved data only),
``peer_values`` (plausibility: approved or submitted values as anonymous numbers, no names) and
``ring_medians`` (the moderator's review: one median per base figure, no single value).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, delete, func, select, true
from sqlalchemy.orm import Session

from vergleichsring.auth.models import User
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.municipalities.models import Municipality, MunicipalityFact
from vergleichsring.rounds.models import RoundParticipant
from vergleichsring.submissions.models import (
    Finding,
    FindingSeverity,
    FindingState,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    SubmissionValueHistory,
    ValueStatus,
)

PEER_STATUSES = (SubmissionStatus.submitted, SubmissionStatus.approved)
#: A value with one of these statuses is missing (rules.MISSING_STATUSES), even if a number is left.
MISSING_VALUE_STATUSES = (
    ValueStatus.not_collectable,
    ValueStatus.not_delivered,
    ValueStatus.suppressed,
)


def get_submission(
    session: Session, *, municipality_id: int, round_id: int, year: int
) -> Submission | None:
    stmt = select(Submission).where(
        Submission.municipality_id == municipality_id,
        Submission.round_id == round_id,
        Submission.year == year,
    )
    return session.scalars(stmt).one_or_none()


def submissions_of_city(
    session: Session, *, municipality_id: int, round_id: int
) -> Sequence[Submission]:
    stmt = (
        select(Submission)
        .where(Submission.municipality_id == municipality_id, Submission.round_id == round_id)
        .order_by(Submission.year)
    )
    return session.scalars(stmt).all()


def values_with_codes(
    session: Session, *, municipality_id: int, submission_id: int
) -> Sequence[tuple[SubmissionValue, str]]:
    stmt = (
        select(SubmissionValue, BaseFigure.code)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .where(Submission.id == submission_id, Submission.municipality_id == municipality_id)
        .order_by(BaseFigure.position)
    )
    return [(v, code) for v, code in session.execute(stmt)]


def previous_year_values(
    session: Session, *, municipality_id: int, year: int, round_id: int
) -> dict[str, float | None]:
    """The city's values of ``year - 1``: from this round if it has that year, else the latest
    other round that has it."""
    stmt = (
        select(BaseFigure.code, SubmissionValue.value, Submission.round_id)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .where(Submission.municipality_id == municipality_id, Submission.year == year - 1)
        .order_by(case((Submission.round_id == round_id, 1), else_=0), Submission.round_id.asc())
    )
    result: dict[str, float | None] = {}
    for code, value, _round in session.execute(stmt):
        result[str(code)] = value  # later rows (this round, then newer rounds) win
    return result


def official_population(session: Session, *, municipality_id: int, year: int) -> float | None:
    return session.scalar(
        select(MunicipalityFact.value).where(
            MunicipalityFact.municipality_id == municipality_id,
            MunicipalityFact.year == year,
            MunicipalityFact.variable == "population",
        )
    )


def peer_values(
    session: Session, *, round_id: int, year: int, exclude_municipality_id: int
) -> list[tuple[int, int, str, float]]:
    """Values of the other cities' approved or submitted submissions of ``year`` and the year
    before: ``(municipality id, year, code, value)``.

    Rows carry no city: plausibility compares with the ring as anonymous numbers.
    """
    stmt = (
        select(Submission.municipality_id, BaseFigure.code, SubmissionValue.value)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .where(
            Submission.round_id == round_id,
            Submission.year.in_([year, year - 1]),
            Submission.status.in_(PEER_STATUSES),
            Submission.municipality_id != exclude_municipality_id,
            SubmissionValue.value.is_not(None),
        )
        .add_columns(Submission.year)
    )
    return [(int(mid), int(y), str(code), float(v)) for mid, code, v, y in session.execute(stmt)]


def ring_medians(
    session: Session, *, round_id: int, year: int, exclude_municipality_id: int, min_cities: int
) -> dict[str, float]:
    """Per base figure the median of the other participating cities' values of ``year`` in the
    round, in one query.

    Counted: submissions that are submitted or approved (``PEER_STATUSES``) of cities that take
    part in the round, without ``exclude_municipality_id``; values that are null or carry a
    missing status (not collectable, not delivered, suppressed) do not count. A base figure with
    fewer than ``min_cities`` such values has no median (it is absent from the result). With an
    even count the median is the mean of the two middle values.
    """
    ranked = (
        select(
            SubmissionValue.base_figure_id.label("figure"),
            SubmissionValue.value.label("value"),
            func.row_number()
            .over(
                partition_by=SubmissionValue.base_figure_id,
                order_by=(SubmissionValue.value, Submission.municipality_id),
            )
            .label("rn"),
            func.count().over(partition_by=SubmissionValue.base_figure_id).label("n"),
        )
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(
            RoundParticipant,
            (RoundParticipant.round_id == Submission.round_id)
            & (RoundParticipant.municipality_id == Submission.municipality_id),
        )
        .where(
            Submission.round_id == round_id,
            Submission.year == year,
            Submission.status.in_(PEER_STATUSES),
            Submission.municipality_id != exclude_municipality_id,
            SubmissionValue.value.is_not(None),
            SubmissionValue.status.not_in(MISSING_VALUE_STATUSES),
        )
        .subquery()
    )
    # The middle row (odd n) or the two middle rows (even n): ranks (n+1)//2 and (n+2)//2.
    stmt = (
        select(BaseFigure.code, func.avg(ranked.c.value))
        .join(BaseFigure, BaseFigure.id == ranked.c.figure)
        .where(
            ranked.c.n >= min_cities,
            ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2]),
        )
        .group_by(BaseFigure.code)
    )
    return {str(code): float(median) for code, median in session.execute(stmt)}


def replace_findings(session: Session, *, submission_id: int, findings: list[Finding]) -> None:
    session.execute(delete(Finding).where(Finding.submission_id == submission_id))
    session.add_all(findings)
    session.flush()


def findings_of(session: Session, *, submission_id: int) -> Sequence[Finding]:
    return session.scalars(
        select(Finding).where(Finding.submission_id == submission_id).order_by(Finding.id)
    ).all()


def history(
    session: Session,
    *,
    municipality_id: int,
    submission_id: int,
    base_figure: str | None,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[SubmissionValueHistory, str, str | None]]]:
    where = [
        Submission.id == submission_id,
        Submission.municipality_id == municipality_id,
    ]
    if base_figure is not None:
        where.append(BaseFigure.code == base_figure)
    base = (
        select(SubmissionValueHistory, BaseFigure.code, User.email)
        .join(SubmissionValue, SubmissionValue.id == SubmissionValueHistory.submission_value_id)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .outerjoin(User, User.id == SubmissionValueHistory.changed_by_id)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        base.order_by(SubmissionValueHistory.id.desc()).limit(limit).offset(offset)
    )
    return int(total), [(h, str(code), email) for h, code, email in rows]


def codes_changed_after(
    session: Session, *, municipality_id: int, submission_id: int, version: int
) -> list[str]:
    stmt = (
        select(BaseFigure.code)
        .join(SubmissionValue, SubmissionValue.base_figure_id == BaseFigure.id)
        .join(
            SubmissionValueHistory,
            SubmissionValueHistory.submission_value_id == SubmissionValue.id,
        )
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .where(
            Submission.id == submission_id,
            Submission.municipality_id == municipality_id,
            SubmissionValueHistory.submission_version > version,
            SubmissionValueHistory.action == "edit",
        )
        .distinct()
        .order_by(BaseFigure.code)
    )
    return [str(c) for c in session.scalars(stmt)]


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    municipality_id: int
    year: int
    status: SubmissionStatus
    version: int
    completeness: dict[str, int] | None


def round_submissions(session: Session, *, round_id: int) -> list[tuple[SubmissionRow, str, str]]:
    """Every submission of a round with AGS and name: the moderator's view (cockpit)."""
    stmt = (
        select(
            Submission.id,
            Submission.municipality_id,
            Submission.year,
            Submission.status,
            Submission.version,
            Submission.completeness,
            Municipality.ags,
            Municipality.name,
        )
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(Submission.round_id == round_id)
        .order_by(Municipality.ags, Submission.year)
    )
    return [
        (SubmissionRow(int(i), int(m), int(y), SubmissionStatus(st), int(v), c), str(a), str(n))
        for i, m, y, st, v, c, a, n in session.execute(stmt)
    ]


def round_fingerprint(session: Session, *, round_id: int) -> str:
    """Changes whenever a submission of the round changes (every write bumps its version)."""
    row = session.execute(
        select(
            func.count(Submission.id),
            func.max(Submission.updated_at),
            func.coalesce(func.sum(Submission.version), 0),
        ).where(Submission.round_id == round_id)
    ).one()
    return f"{row[0]}:{row[1]}:{row[2]}"


def filled_counts(
    session: Session,
    *,
    round_id: int,
    field_of_figure: dict[int, str],
    submission_ids: list[int] | None = None,
) -> dict[tuple[int, str], int]:
    """Per submission and action field: how many base figures have a value or a status."""
    field_expr = case(field_of_figure, value=SubmissionValue.base_figure_id, else_="KON")
    filled = (SubmissionValue.value.is_not(None)) | SubmissionValue.status.in_(
        ["not_collectable", "not_delivered", "suppressed"]
    )
    inner = (
        select(SubmissionValue.submission_id.label("sid"), field_expr.label("field"))
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .where(Submission.round_id == round_id, filled)
        .where(true() if submission_ids is None else Submission.id.in_(submission_ids))
        .subquery()
    )
    stmt = select(inner.c.sid, inner.c.field, func.count()).group_by(inner.c.sid, inner.c.field)
    return {(int(s), str(f)): int(n) for s, f, n in session.execute(stmt)}


def changed_since_approval_counts(session: Session, *, round_id: int) -> dict[int, int]:
    stmt = (
        select(SubmissionValue.submission_id, func.count())
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .where(
            Submission.round_id == round_id,
            SubmissionValue.approved_version.is_not(None),
            SubmissionValue.approved_version != SubmissionValue.version,
        )
        .group_by(SubmissionValue.submission_id)
    )
    return {int(s): int(n) for s, n in session.execute(stmt)}


def finding_counts(
    session: Session, *, round_id: int
) -> dict[tuple[int, str, FindingSeverity, FindingState], int]:
    inner = (
        select(
            Finding.submission_id.label("sid"),
            func.coalesce(Finding.field, "KON").label("field"),
            Finding.severity.label("severity"),
            Finding.state.label("state"),
        )
        .join(Submission, Submission.id == Finding.submission_id)
        .where(Submission.round_id == round_id)
        .subquery()
    )
    stmt = select(
        inner.c.sid, inner.c.field, inner.c.severity, inner.c.state, func.count()
    ).group_by(inner.c.sid, inner.c.field, inner.c.severity, inner.c.state)
    return {
        (int(s), str(f), FindingSeverity(sev), FindingState(st)): int(n)
        for s, f, sev, st, n in session.execute(stmt)
    }


def list_findings(
    session: Session,
    *,
    round_id: int,
    ags: str | None,
    year: int | None,
    field: str | None,
    severity: FindingSeverity | None,
    state: FindingState | None,
    limit: int,
    offset: int,
) -> tuple[int, list[tuple[Finding, str, str, int, SubmissionStatus]]]:
    where = [Submission.round_id == round_id]
    if ags is not None:
        where.append(Municipality.ags == ags)
    if year is not None:
        where.append(Submission.year == year)
    if field is not None:
        where.append(Finding.field == field)
    if severity is not None:
        where.append(Finding.severity == severity)
    if state is not None:
        where.append(Finding.state == state)
    base = (
        select(Finding, Municipality.ags, Municipality.name, Submission.year, Submission.status)
        .join(Submission, Submission.id == Finding.submission_id)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(*where)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        base.order_by(Municipality.ags, Submission.year, Finding.id).limit(limit).offset(offset)
    )
    return int(total), [
        (f, str(a), str(n), int(y), SubmissionStatus(st)) for f, a, n, y, st in rows
    ]


def approved_values(
    session: Session, *, round_id: int
) -> list[tuple[str, int, str, float | None, str]]:
    """THE way the comparison reads across cities: approved submissions of a round only.

    Rows ``(ags, year, base_figure, value, status)``. Drafts, submitted and returned
    submissions never leave this function.
    """
    stmt = (
        select(
            Municipality.ags,
            Submission.year,
            BaseFigure.code,
            SubmissionValue.value,
            SubmissionValue.status,
        )
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(BaseFigure, BaseFigure.id == SubmissionValue.base_figure_id)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(Submission.round_id == round_id, Submission.status == SubmissionStatus.approved)
    )
    return [
        (str(ags), int(year), str(code), value, str(status))
        for ags, year, code, value, status in session.execute(stmt)
    ]


def approved_data_version(session: Session, *, round_id: int) -> str:
    """A fingerprint that changes whenever the approved data of the round changes."""
    row = session.execute(
        select(
            func.count(Submission.id),
            func.max(Submission.approved_at),
            func.coalesce(func.sum(Submission.version), 0),
            func.coalesce(func.sum(Submission.id * Submission.version), 0),
        ).where(Submission.round_id == round_id, Submission.status == SubmissionStatus.approved)
    ).one()
    return f"{row[0]}:{row[1]}:{row[2]}:{row[3]}"
