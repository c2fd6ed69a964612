from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from vergleichsring.auth.deps import CurrentPrincipal
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    error_responses,
)
from vergleichsring.submissions import service
from vergleichsring.submissions.schemas import SubmissionRead

router = APIRouter(prefix="/rounds/{round_id}/submissions", tags=["submissions"])

AgsPath = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGS, 8 digits, as text")]


@router.get(
    "/{ags}/{year}",
    response_model=SubmissionRead,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound),
    operation_id="get_submission",
)
def get_submission(
    round_id: int, ags: AgsPath, year: int, principal: CurrentPrincipal, db: SessionDep
) -> SubmissionRead:
    """A city's submission as stored, to that city's members and the round's moderators only."""
    return service.read_submission(db, principal, round_id=round_id, ags=ags, year=year)
