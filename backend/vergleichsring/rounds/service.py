"""Rounds as the caller may see them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.auth import audit
from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth import service as auth_service
from vergleichsring.auth.audit import AuditAction
from vergleichsring.auth.mail import MailSender
from vergleichsring.auth.models import Role, User
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.core.config import Settings
from vergleichsring.core.errors import (
    Conflict,
    DomainError,
    ErrorItem,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from vergleichsring.rounds import repository
from vergleichsring.rounds.models import Round
from vergleichsring.rounds.schemas import (
    InvitationCreate,
    InvitationRead,
    PublishedKeyFigure,
    RoundRead,
)


def visible_rounds(db: Session, principal: Principal, action: Action) -> list[Round]:
    if principal.may_everywhere(action):
        return list(repository.list_rounds(db))
    return list(
        repository.list_rounds(
            db,
            ring_ids=principal.ring_ids(action),
            municipality_ids=principal.municipality_ids(action),
        )
    )


def get_round_for(db: Session, principal: Principal, round_id: int, action: Action) -> Round:
    """The round if the caller may do ACTION in it.

    A round the caller does not belong to answers 404, so its existence stays hidden; a round
    the caller sees but may not act in answers 403.
    """
    rnd = repository.get_round(db, round_id)
    if rnd is None or not may_in_round(principal, rnd, Action.read_rounds):
        raise NotFound(f"No round {round_id}.")
    if not may_in_round(principal, rnd, action):
        raise PermissionDenied(f"Ihre Rolle erlaubt das in dieser Runde nicht ({action.value}).")
    return rnd


def may_in_round(principal: Principal, rnd: Round, action: Action) -> bool:
    if principal.may_everywhere(action) or rnd.ring_id in principal.ring_ids(action):
        return True
    cities = principal.municipality_ids(action)
    return any(p.municipality_id in cities for p in rnd.participants)


def is_round_moderator(principal: Principal, rnd: Round, action: Action) -> bool:
    return rnd.ring_id in principal.ring_ids(action)


def round_read(db: Session, rnd: Round) -> RoundRead:
    ring_name, version = repository.ring_name_and_catalog_version(db, rnd)
    return RoundRead(
        id=rnd.id,
        ring_id=rnd.ring_id,
        ring_name=ring_name,
        name=rnd.name,
        status=rnd.status,
        years=list(rnd.years),
        deadline=rnd.deadline,
        display_rule=rnd.display_rule,
        min_group_size=rnd.min_group_size,
        catalog_version=version,
        synthetic_data=rnd.synthetic_data,
        participant_count=len(rnd.participants),
        published_elsewhere=[
            PublishedKeyFigure(code=code, name_de=de, name_en=en, source=source)
            for code, de, en, source in repository.published_key_figures(
                db, catalog_version_id=rnd.catalog_version_id
            )
        ],
    )


def _refuse_escalation(
    db: Session,
    principal: Principal,
    user: User | None,
    *,
    municipality_id: int,
    rnd: Round,
    body: InvitationCreate,
    ip: str | None,
) -> None:
    """A moderator's invitation grants nothing beyond a coordinator of that city.

    Allowed: an email without an account, or an account that is already coordinator or viewer of
    that city and holds nothing else. Refused (and audited): the moderator's own account (403),
    and any account with another role or another city, or without any role (409), since making
    it a coordinator would hand a city's data to someone the moderator does not vouch for."""
    if user is None:
        return
    refusal: DomainError | None = None
    if user.id == principal.user_id:
        refusal = PermissionDenied(
            "Das eigene Konto kann nicht eingeladen werden.",
            errors=[ErrorItem(loc=["body", "email"], msg="own account")],
            keep_changes=True,
        )
    else:
        same_city = {Role.coordinator, Role.viewer}
        others = [
            m
            for m in user.memberships
            if not (Role(m.role) in same_city and m.municipality_id == municipality_id)
        ]
        if others or not user.memberships:
            refusal = Conflict(
                f"Das Konto {user.email} hat andere Rollen oder gehört zu einer anderen Stadt; "
                "eine Einladung kann nur neue Konten oder Konten dieser Stadt zu Koordinierenden "
                "machen. Weitere Rechte vergibt der Betrieb.",
                errors=[ErrorItem(loc=["body", "email"], msg="account has other roles")],
                keep_changes=True,
            )
    if refusal is None:
        return
    audit.record(
        db,
        AuditAction.invitation_refused,
        actor_id=principal.user_id,
        target_user_id=user.id,
        email=user.email,
        ip=ip,
        round_id=rnd.id,
        municipality_ags=body.ags,
        status=refusal.status_code,
    )
    raise refusal


def invite_coordinator(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    body: InvitationCreate,
    settings: Settings,
    mailer: MailSender,
    ip: str | None,
) -> InvitationRead:
    """Invite a coordinator for a city of the round: create the account if needed, grant the
    role for that city and send the one-time link to set the password."""
    rnd = get_round_for(db, principal, round_id, Action.invite_coordinators)
    municipality_id = auth_repository.municipality_id_for_ags(db, body.ags)
    if municipality_id is None or all(
        p.municipality_id != municipality_id for p in rnd.participants
    ):
        raise ValidationFailed(
            f"The city {body.ags} does not take part in round {rnd.id}.",
            errors=[ErrorItem(loc=["body", "ags"], msg="not a participant of this round")],
        )
    user = auth_repository.get_user_by_email(db, body.email)
    if not principal.may_everywhere(Action.manage_users):  # admins keep their own paths
        _refuse_escalation(
            db, principal, user, municipality_id=municipality_id, rnd=rnd, body=body, ip=ip
        )
    new_account = user is None
    by = auth_service.AuditContext(channel="invitation", actor_id=principal.user_id, ip=ip)
    if user is None:
        user = auth_service.create_user(
            db, email=body.email, password=None, display_name=body.display_name, audit=by
        )
    auth_service.grant_membership(
        db, user, role=Role.coordinator, municipality_id=municipality_id, audit=by
    )
    audit.record(
        db,
        AuditAction.coordinator_invited,
        actor_id=principal.user_id,
        target_user_id=user.id,
        email=user.email,
        ip=ip,
        round_id=rnd.id,
        municipality_ags=body.ags,
    )
    if new_account or user.password_hash is None:
        auth_service.issue_password_link(
            db,
            user,
            settings=settings,
            mailer=mailer,
            actor_id=principal.user_id,
            reason=f"Einladung: {rnd.name}",
        )
    else:
        mailer.send(
            user.email,
            f"Einladung: {rnd.name}",
            f"Guten Tag,\n\nSie koordinieren nun die Datenlieferung Ihrer Stadt in der Runde "
            f"„{rnd.name}“. Melden Sie sich wie gewohnt an: {settings.public_base_url}\n",
        )
    return InvitationRead(user_id=user.id, email=user.email, ags=body.ags, new_account=new_account)
