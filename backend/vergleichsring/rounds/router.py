from __future__ import annotations

from fastapi import APIRouter, Request, status

from vergleichsring.auth.deps import CurrentPrincipal, MailerDep, SettingsDep, client_ip
from vergleichsring.auth.permissions import Action
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    error_responses,
)
from vergleichsring.rounds import service
from vergleichsring.rounds.schemas import InvitationCreate, InvitationRead, RoundRead

router = APIRouter(prefix="/rounds", tags=["rounds"])


@router.get(
    "",
    response_model=list[RoundRead],
    responses=error_responses(NotAuthenticated),
    operation_id="list_rounds",
)
def list_rounds(principal: CurrentPrincipal, db: SessionDep) -> list[RoundRead]:
    """The rounds the caller belongs to: as moderator of the ring, or through a participating city."""
    return [
        service.round_read(db, r) for r in service.visible_rounds(db, principal, Action.read_rounds)
    ]


@router.get(
    "/{round_id}",
    response_model=RoundRead,
    responses=error_responses(NotAuthenticated, NotFound),
    operation_id="get_round",
)
def get_round(round_id: int, principal: CurrentPrincipal, db: SessionDep) -> RoundRead:
    return service.round_read(
        db, service.get_round_for(db, principal, round_id, Action.read_rounds)
    )


@router.post(
    "/{round_id}/invitations",
    response_model=InvitationRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(
        NotAuthenticated, PermissionDenied, NotFound, ValidationFailed, Conflict
    ),
    operation_id="invite_coordinator",
)
def invite_coordinator(
    round_id: int,
    body: InvitationCreate,
    principal: CurrentPrincipal,
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    mailer: MailerDep,
) -> InvitationRead:
    """Moderators invite a coordinator for a city of their round (a new account gets a link)."""
    return service.invite_coordinator(
        db,
        principal,
        round_id=round_id,
        body=body,
        settings=settings,
        mailer=mailer,
        ip=client_ip(request),
    )
