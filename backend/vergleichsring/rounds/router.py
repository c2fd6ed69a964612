from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, status

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
from vergleichsring.rounds import lifecycle, service
from vergleichsring.rounds.schemas import (
    InvitationCreate,
    InvitationRead,
    ParticipantsAdd,
    PublicationRead,
    PublicationValues,
    RoundCreate,
    RoundDetail,
    RoundRead,
    RoundUpdate,
    TransitionBody,
)

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


RoundId = Annotated[int, Path(ge=1, le=2**31 - 1)]
MANAGE_ERRORS = error_responses(
    NotAuthenticated, PermissionDenied, NotFound, Conflict, ValidationFailed
)


@router.get(
    "/{round_id}",
    response_model=RoundDetail,
    responses=error_responses(NotAuthenticated, NotFound, ValidationFailed),
    operation_id="get_round",
)
def get_round(round_id: RoundId, principal: CurrentPrincipal, db: SessionDep) -> RoundDetail:
    """The round with its participants, revision and the allowed next states."""
    return lifecycle.round_detail(
        db, service.get_round_for(db, principal, round_id, Action.read_rounds)
    )


@router.post(
    "",
    response_model=RoundDetail,
    status_code=status.HTTP_201_CREATED,
    responses=MANAGE_ERRORS,
    operation_id="create_round",
)
def create_round(body: RoundCreate, principal: CurrentPrincipal, db: SessionDep) -> RoundDetail:
    """Moderators of the ring create a round (in preparation)."""
    return lifecycle.create_round(db, principal, body)


@router.patch(
    "/{round_id}",
    response_model=RoundDetail,
    responses=MANAGE_ERRORS,
    operation_id="update_round",
)
def update_round(
    round_id: RoundId, body: RoundUpdate, principal: CurrentPrincipal, db: SessionDep
) -> RoundDetail:
    """Edit name, deadline, display rule, minimum group size, thresholds; data years and
    catalogue version only before data arrives; nothing once published (409)."""
    return lifecycle.update_round(db, principal, round_id, body)


@router.post(
    "/{round_id}/participants",
    response_model=RoundDetail,
    responses=MANAGE_ERRORS,
    operation_id="add_round_participants",
)
def add_participants(
    round_id: RoundId, body: ParticipantsAdd, principal: CurrentPrincipal, db: SessionDep
) -> RoundDetail:
    return lifecycle.add_participants(db, principal, round_id, body.ags)


@router.delete(
    "/{round_id}/participants/{ags}",
    response_model=RoundDetail,
    responses=MANAGE_ERRORS,
    operation_id="remove_round_participant",
)
def remove_participant(
    round_id: RoundId,
    ags: Annotated[str, Path(pattern=r"^[0-9]{8}$")],
    principal: CurrentPrincipal,
    db: SessionDep,
) -> RoundDetail:
    """Remove a city that has not delivered anything yet (409 otherwise)."""
    return lifecycle.remove_participant(db, principal, round_id, ags)


@router.post(
    "/{round_id}/transitions",
    response_model=RoundDetail,
    responses=MANAGE_ERRORS,
    operation_id="transition_round",
)
def transition_round(
    round_id: RoundId, body: TransitionBody, principal: CurrentPrincipal, db: SessionDep
) -> RoundDetail:
    """Move the round: open (collection), review, evaluation, publish (frozen copy), close, or
    revise (published | closed → review). An illegal step answers 409 naming the allowed ones."""
    return lifecycle.transition(db, principal, round_id, body)


@router.get(
    "/{round_id}/publications",
    response_model=list[PublicationRead],
    responses=error_responses(NotAuthenticated, NotFound, ValidationFailed),
    operation_id="list_round_publications",
)
def list_publications(
    round_id: RoundId, principal: CurrentPrincipal, db: SessionDep
) -> list[PublicationRead]:
    return lifecycle.list_publications(db, principal, round_id)


@router.get(
    "/{round_id}/publications/{number}",
    response_model=PublicationValues,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound, ValidationFailed),
    operation_id="get_round_publication",
)
def get_publication(
    round_id: RoundId,
    number: Annotated[int, Path(ge=1, le=10_000)],
    principal: CurrentPrincipal,
    db: SessionDep,
) -> PublicationValues:
    """The values as published then (moderators: every city; a city: its own)."""
    return lifecycle.read_publication(db, principal, round_id, number)


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
