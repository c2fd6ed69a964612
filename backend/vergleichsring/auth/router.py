"""Sign-in, sign-out, the current user, password links, and account administration."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from vergleichsring.auth import audit, repository, service
from vergleichsring.auth.audit import AuditAction
from vergleichsring.auth.deps import (
    AdminPrincipal,
    CurrentPrincipal,
    MailerDep,
    SettingsDep,
    client_ip,
)
from vergleichsring.auth.models import AuthSession, SessionKind, User
from vergleichsring.auth.oidc_router import oidc_router
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.auth.schemas import (
    AuditEventRead,
    LoginRequest,
    MembershipCreate,
    MembershipRead,
    MeRead,
    PasswordSet,
    SsoInfo,
    TokenResponse,
    UserCreate,
    UserRead,
    UserUpdate,
)
from vergleichsring.auth.sessions import (
    IssuedSession,
    clear_session_cookies,
    issue_session,
    revoke,
    set_session_cookies,
)
from vergleichsring.core.config import Settings
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    TooManyRequests,
    ValidationFailed,
    error_responses,
)

router = APIRouter()
auth = APIRouter(prefix="/auth", tags=["auth"])
users = APIRouter(prefix="/users", tags=["users"])


def me_read(db: SessionDep, principal: Principal) -> MeRead:
    return MeRead(
        id=principal.user_id,
        email=principal.email,
        display_name=principal.display_name,
        memberships=[
            MembershipRead(role=g.role, municipality_ags=g.municipality_ags, ring_id=g.ring_id)
            for g in principal.grants
        ],
        permissions=sorted({a for a in Action if principal.may(a)}),
    )


def user_read(db: SessionDep, user: User) -> UserRead:
    grants = {g.municipality_id: g.municipality_ags for g in repository.grants_for(db, user.id)}
    return UserRead(
        id=user.id,
        email=user.email,
        display_name=user.display_name,
        is_active=user.is_active,
        is_demo=user.is_demo,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        has_password=user.password_hash is not None,
        memberships=[
            MembershipRead(
                id=m.id,
                role=m.role,
                municipality_ags=grants.get(m.municipality_id),
                ring_id=m.ring_id,
            )
            for m in user.memberships
        ],
    )


def _sign_in(
    db: SessionDep,
    email: str,
    password: str,
    kind: SessionKind,
    request: Request,
    settings: Settings,
) -> tuple[User, IssuedSession]:
    """Check the password (lockout and audit included) and open a session or token."""
    ip = client_ip(request)
    user = service.authenticate(db, email=email, password=password, settings=settings, ip=ip)
    issued = issue_session(
        db,
        user,
        kind=kind,
        method="password",
        settings=settings,
        ip=ip,
        user_agent=request.headers.get("user-agent"),
    )
    return user, issued


@auth.post(
    "/login",
    response_model=MeRead,
    responses=error_responses(NotAuthenticated, TooManyRequests, ValidationFailed),
    operation_id="login",
)
def login(
    body: LoginRequest, request: Request, response: Response, db: SessionDep, settings: SettingsDep
) -> MeRead:
    """Sign in with email and password; sets the session cookie and the CSRF cookie."""
    user, issued = _sign_in(db, body.email, body.password, SessionKind.cookie, request, settings)
    set_session_cookies(response, issued, settings=settings)
    principal = Principal(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        grants=tuple(repository.grants_for(db, user.id)),
        session_id=issued.record.id,
        via_cookie=True,
    )
    return me_read(db, principal)


@auth.post(
    "/token",
    response_model=TokenResponse,
    responses=error_responses(NotAuthenticated, TooManyRequests, ValidationFailed),
    operation_id="issue_token",
)
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
) -> TokenResponse:
    """OAuth2 password form (`username`, `password`) → a bearer token for scripts and clients."""
    user, issued = _sign_in(db, form.username, form.password, SessionKind.bearer, request, settings)
    audit.record(db, AuditAction.token_issued, actor_id=user.id, ip=client_ip(request))
    return TokenResponse(access_token=issued.token, expires_in=int(settings.token_hours * 3600))


@auth.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, PermissionDenied),
    operation_id="logout",
)
def logout(
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
    db: SessionDep,
    settings: SettingsDep,
) -> None:
    """End this session (cookie) or revoke this token (bearer)."""
    record = db.get(AuthSession, principal.session_id)
    if record is not None:
        revoke(db, record)
    audit.record(db, AuditAction.logout, actor_id=principal.user_id, ip=client_ip(request))
    clear_session_cookies(response, settings=settings)


@auth.get(
    "/me",
    response_model=MeRead,
    responses=error_responses(NotAuthenticated),
    operation_id="get_me",
)
def get_me(principal: CurrentPrincipal, db: SessionDep) -> MeRead:
    """The signed-in user with memberships (role, city AGS, ring) and what they may do."""
    return me_read(db, principal)


@auth.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(ValidationFailed),
    operation_id="set_password",
)
def set_password(body: PasswordSet, db: SessionDep) -> None:
    """Set the password with the one-time token from the link (new account or reset)."""
    service.set_password_with_token(db, token=body.token, password=body.password)


@auth.get("/sso", response_model=SsoInfo, operation_id="get_sso_info")
def get_sso_info(settings: SettingsDep) -> SsoInfo:
    """Whether single sign-on is configured, for the login page."""
    if not settings.oidc_enabled:
        return SsoInfo(enabled=False, display_name=None, login_url=None)
    return SsoInfo(
        enabled=True,
        display_name=settings.oidc_display_name,
        login_url="/api/v1/auth/oidc/login",
    )


# --- account administration (admins) ---------------------------------------------------------


def _get_user(db: SessionDep, user_id: int) -> User:
    user = repository.get_user(db, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}.")
    return user


def _membership_scope(db: SessionDep, body: MembershipCreate) -> tuple[int | None, int | None]:
    municipality_id = None
    if body.municipality_ags is not None:
        municipality_id = repository.municipality_id_for_ags(db, body.municipality_ags)
        if municipality_id is None:
            raise ValidationFailed(f"Unknown AGS {body.municipality_ags}.")
    return municipality_id, body.ring_id


def _by(admin: Principal, request: Request) -> service.AuditContext:
    return service.AuditContext(channel="api", actor_id=admin.user_id, ip=client_ip(request))


def _grant(db: SessionDep, by: service.AuditContext, user: User, body: MembershipCreate) -> None:
    municipality_id, ring_id = _membership_scope(db, body)
    service.grant_membership(
        db, user, role=body.role, municipality_id=municipality_id, ring_id=ring_id, audit=by
    )


@users.get(
    "",
    response_model=list[UserRead],
    responses=error_responses(NotAuthenticated, PermissionDenied),
    operation_id="list_users",
)
def list_users(_admin: AdminPrincipal, db: SessionDep) -> list[UserRead]:
    return [user_read(db, u) for u in repository.list_users(db)]


@users.post(
    "",
    response_model=UserRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(NotAuthenticated, PermissionDenied, Conflict, ValidationFailed),
    operation_id="create_user",
)
def create_user(
    body: UserCreate,
    admin: AdminPrincipal,
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    mailer: MailerDep,
) -> UserRead:
    """Create an account; the person receives a one-time link to set the password."""
    by = _by(admin, request)
    user = service.create_user(
        db, email=body.email, password=None, display_name=body.display_name, audit=by
    )
    for m in body.memberships:
        _grant(db, by, user, m)
    service.issue_password_link(db, user, settings=settings, mailer=mailer, actor_id=admin.user_id)
    return user_read(db, user)


@users.patch(
    "/{user_id}",
    response_model=UserRead,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound),
    operation_id="update_user",
)
def update_user(
    user_id: int, body: UserUpdate, admin: AdminPrincipal, request: Request, db: SessionDep
) -> UserRead:
    """Rename, disable or enable an account. Disabling ends every session and token at once."""
    user = _get_user(db, user_id)
    by = _by(admin, request)
    if body.display_name is not None:
        service.rename_user(db, user, body.display_name, audit=by)
    if body.is_active is not None and body.is_active != user.is_active:
        if not body.is_active and user.id == admin.user_id:
            raise Conflict("You cannot disable your own account.")
        service.set_active(db, user, body.is_active, audit=by)
    return user_read(db, user)


@users.post(
    "/{user_id}/memberships",
    response_model=UserRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound, ValidationFailed),
    operation_id="grant_membership",
)
def grant_membership(
    user_id: int, body: MembershipCreate, admin: AdminPrincipal, request: Request, db: SessionDep
) -> UserRead:
    user = _get_user(db, user_id)
    _grant(db, _by(admin, request), user, body)
    return user_read(db, user)


@users.delete(
    "/{user_id}/memberships/{membership_id}",
    response_model=UserRead,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound),
    operation_id="revoke_membership",
)
def revoke_membership(
    user_id: int, membership_id: int, admin: AdminPrincipal, request: Request, db: SessionDep
) -> UserRead:
    user = _get_user(db, user_id)
    service.revoke_membership(db, user, membership_id, audit=_by(admin, request))
    return user_read(db, user)


@users.post(
    "/{user_id}/password-link",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound),
    operation_id="send_password_link",
)
def send_password_link(
    user_id: int, admin: AdminPrincipal, db: SessionDep, settings: SettingsDep, mailer: MailerDep
) -> None:
    """Send a new one-time link to set the password (e.g. a forgotten password)."""
    user = _get_user(db, user_id)
    service.issue_password_link(db, user, settings=settings, mailer=mailer, actor_id=admin.user_id)


audit_router = APIRouter(prefix="/audit-events", tags=["users"])


@audit_router.get(
    "",
    response_model=list[AuditEventRead],
    responses=error_responses(NotAuthenticated, PermissionDenied, ValidationFailed),
    operation_id="list_audit_events",
)
def list_audit_events(
    _admin: AdminPrincipal,
    db: SessionDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    actor_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    actor: Annotated[
        str | None, Query(max_length=320, description="part of the actor's email")
    ] = None,
    target_user_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    email: Annotated[
        str | None,
        Query(max_length=320, description="part of the email the event concerns (or its target's)"),
    ] = None,
    action: Annotated[
        str | None,
        Query(
            max_length=60,
            pattern=r"^[a-z_]+(\.[a-z_]*)?$",
            description="an action (`user.disabled`) or a prefix ending in a dot (`user.`)",
        ),
    ] = None,
    since: Annotated[datetime | None, Query(description="from (inclusive)")] = None,
    until: Annotated[datetime | None, Query(description="to (exclusive)")] = None,
) -> list[AuditEventRead]:
    """Sign-ins, failures, account and role changes, rounds and reviews, newest first; filtered
    by actor, target, action and time range, paged by `limit` and `offset`."""
    if since is not None and until is not None and since >= until:
        raise ValidationFailed("`since` must lie before `until`.")
    events = audit.list_events(
        db,
        limit=limit,
        offset=offset,
        actor_id=actor_id,
        actor=actor,
        target_user_id=target_user_id,
        email=email,
        action=action,
        since=since,
        until=until,
    )
    return [AuditEventRead.model_validate(e) for e in events]


router.include_router(auth)
router.include_router(users)
router.include_router(audit_router)
router.include_router(oidc_router)
