"""Submissions are city-owned: every query takes the city as a keyword-only argument."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vergleichsring.catalog.models import BaseFigure
from vergleichsring.municipalities.models import Municipality
from vergleichsring.submissions.models import Submission, SubmissionStatus, SubmissionValue


def get_submission(
    session: Session, *, municipality_id: int, round_id: int, year: int
) -> Submission | None:
    stmt = select(Submission).where(
        Submission.municipality_id == municipality_id,
        Submission.round_id == round_id,
        Submission.year == year,
    )
    return session.scalars(stmt).one_or_none()


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
