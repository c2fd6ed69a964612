"""Reading submissions. Raw base figures are visible only to the city and the round's moderators."""

from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.core.errors import NotFound
from vergleichsring.municipalities import repository as municipality_repository
from vergleichsring.rounds import service as round_service
from vergleichsring.submissions import repository
from vergleichsring.submissions.schemas import SubmissionRead, SubmissionValueRead


def read_submission(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int
) -> SubmissionRead:
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_submission)
    municipality = municipality_repository.get_by_ags(db, ags)
    not_found = NotFound(f"No submission of {ags} for {year} in round {round_id}.")
    if municipality is None:
        raise not_found
    own_city = municipality.id in principal.municipality_ids(Action.read_submission)
    moderates = round_service.is_round_moderator(principal, rnd, Action.read_submission)
    participates = any(p.municipality_id == municipality.id for p in rnd.participants)
    if not participates or not (own_city or moderates):
        raise not_found  # another city's data: 404, so that its existence does not leak
    submission = repository.get_submission(
        db, municipality_id=municipality.id, round_id=rnd.id, year=year
    )
    if submission is None:
        raise not_found
    values = repository.values_with_codes(
        db, municipality_id=municipality.id, submission_id=submission.id
    )
    return SubmissionRead(
        round_id=rnd.id,
        ags=municipality.ags,
        municipality=municipality.name,
        year=submission.year,
        status=submission.status,
        version=submission.version,
        submitted_at=submission.submitted_at,
        approved_at=submission.approved_at,
        return_reason=submission.return_reason,
        synthetic_data=rnd.synthetic_data,
        values=[
            SubmissionValueRead(
                base_figure=code,
                value=v.value,
                status=v.status,
                comment=v.comment,
                source_note=v.source_note,
                version=v.version,
                updated_at=v.updated_at,
            )
            for v, code in values
        ],
    )
