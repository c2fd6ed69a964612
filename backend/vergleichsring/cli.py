"""The ``vergleichsring`` command: database, seed data, users and the server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth import service as auth_service
from vergleichsring.auth.mail import mail_sender_for
from vergleichsring.auth.models import Role, User
from vergleichsring.auth.permissions import Principal
from vergleichsring.comparison import service as comparison_service
from vergleichsring.comparison.round_data import ComparisonCache
from vergleichsring.core.config import PROJECT_ROOT, Settings, get_settings
from vergleichsring.core.database import make_engine, make_sessionmaker
from vergleichsring.core.errors import DomainError, NotFound
from vergleichsring.municipalities import repository as municipality_repository
from vergleichsring.reports import service as report_service
from vergleichsring.reports.formatting import Lang
from vergleichsring.rounds import repository as round_repository
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference

app = typer.Typer(help="Vergleichsring – Integrationsmonitoring.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
comparison_app = typer.Typer(help="The comparison of a round.", no_args_is_help=True)
app.add_typer(comparison_app, name="comparison")


def alembic_config(settings: Settings) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    return cfg


def _fail(exc: DomainError) -> typer.Exit:
    typer.secho(f"Fehler: {exc.detail}", fg=typer.colors.RED, err=True)
    for item in exc.errors:
        where = " ".join(str(p) for p in item.loc)
        typer.secho(f"  {where}: {item.msg}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    command.upgrade(alembic_config(get_settings()), revision)


@db_app.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree."""
    command.check(alembic_config(get_settings()))


@db_app.command("is-empty")
def db_is_empty() -> None:
    """Exit 0 when the database holds no municipality yet, 1 otherwise."""
    raise typer.Exit(0 if _database_is_empty(get_settings()) else 1)


@app.command()
def seed(
    demo: Annotated[
        bool, typer.Option("--demo", help="Also the demo ring with synthetic data")
    ] = False,
) -> None:
    """Load cities and catalogue; with --demo also the demo ring. Running it twice changes nothing."""
    _seed(get_settings(), demo=demo)


@app.command()
def setup(
    demo_if_empty: Annotated[
        bool,
        typer.Option(
            "--demo-if-empty", help="Seed the demo ring when the database has no city yet"
        ),
    ] = False,
) -> None:
    """Migrate and seed in one go (what `make run` does before serving)."""
    settings = get_settings()
    command.upgrade(alembic_config(settings), "head")
    demo = False
    if demo_if_empty:
        demo = _database_is_empty(settings)
        if demo:
            typer.echo("Leere Datenbank: lade Städte, Katalog und den Demo-Ring.")
    _seed(settings, demo=demo)


def _database_is_empty(settings: Settings) -> bool:
    engine = make_engine(settings.database_url)
    try:
        if "municipality" not in inspect(engine).get_table_names():
            return True
        with make_sessionmaker(engine)() as session:
            return not municipality_repository.list_municipalities(session)
    finally:
        engine.dispose()


@contextmanager
def _transaction(settings: Settings) -> Iterator[Session]:
    """One transaction against the configured database; domain errors become exit code 1."""
    engine = make_engine(settings.database_url)
    try:
        with make_sessionmaker(engine)() as session, session.begin():
            yield session
    except DomainError as exc:
        raise _fail(exc) from exc
    finally:
        engine.dispose()


def _seed(settings: Settings, *, demo: bool) -> None:
    with _transaction(settings) as session:
        ref = seed_reference(session, settings.seed_data_dir)
        typer.echo(
            f"Städte: {ref.cities} ({ref.city_changes} Änderungen); Katalog "
            f"{ref.catalog_version} {'angelegt' if ref.catalog_created else 'unverändert'}"
        )
        if not demo:
            return
        accounts = settings.env == "development"
        result = seed_demo(session, settings.seed_data_dir, ref.catalog, create_accounts=accounts)
        typer.echo(
            f"Demo-Runde {result.round_id}: {result.participants} Städte, "
            f"{result.submissions_created} neue Meldungen, {result.values_created} neue Werte, "
            f"{len(result.users_created)} neue Demo-Konten"
        )
        if not accounts:
            typer.echo("VR_ENV=production: keine Demo-Konten angelegt.")


# --- comparison (issue #7) --------------------------------------------------------------------


@comparison_app.command("freeze-clusters")
def comparison_freeze_clusters(round_id: int) -> None:
    """Store the round's data-driven peer groups (the moderator's confirmation); once."""
    with _transaction(get_settings()) as session:
        rnd = round_repository.get_round(session, round_id)
        if rnd is None:
            raise _fail(NotFound(f"No round {round_id}."))
        stored = comparison_service.freeze_clusters(session, rnd, ComparisonCache())
    if stored:
        typer.echo(f"Runde {round_id}: {stored} Cluster festgeschrieben.")
    else:
        typer.echo(
            f"Runde {round_id}: Cluster bereits festgeschrieben oder zu wenig Strukturdaten."
        )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Default: VR_HOST")] = None,
    port: Annotated[int | None, typer.Option(help="Default: VR_PORT")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Worker processes (default: VR_WORKERS, 1)"),
    ] = None,
    reload: Annotated[bool, typer.Option(help="Reload on code changes")] = False,
) -> None:
    """Serve API and frontend with uvicorn (several worker processes with --workers)."""
    import os

    import uvicorn

    # The app reads its settings from the environment, in this process and in every worker:
    # what is given here becomes VR_HOST/VR_PORT there, so links (VR_PUBLIC_URL unset) follow
    # the address actually bound.
    if host is not None:
        os.environ["VR_HOST"] = host
    if port is not None:
        os.environ["VR_PORT"] = str(port)
    get_settings.cache_clear()
    settings = get_settings()
    count = workers or settings.workers
    typer.echo(
        f"Vergleichsring auf http://{settings.host}:{settings.port} "
        f"({count} Prozess{'e' if count > 1 else ''}); Links: {settings.public_base_url}"
    )
    uvicorn.run(
        "vergleichsring.main:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=None if reload else count,
        reload=reload,
        proxy_headers=True,
        timeout_graceful_shutdown=int(settings.graceful_timeout_seconds),
        server_header=False,
    )


#: Account changes from the command line are audited without an actor, channel "cli".
CLI = auth_service.AuditContext(channel="cli")
RoleOption = Annotated[Role, typer.Option(help="admin, moderator, coordinator or viewer")]
AgsOption = Annotated[str | None, typer.Option(help="City (coordinator, viewer)")]
RingOption = Annotated[str | None, typer.Option(help="Ring slug (moderator)")]


def _existing_user(session: Session, email: str) -> User:
    user = auth_repository.get_user_by_email(session, email)
    if user is None:
        raise typer.BadParameter(f"unknown user {email}", param_hint="EMAIL")
    return user


def _scope(session: Session, ags: str | None, ring: str | None) -> tuple[int | None, int | None]:
    municipality_id = ring_id = None
    if ags is not None:
        municipality_id = auth_repository.municipality_id_for_ags(session, ags)
        if municipality_id is None:
            raise typer.BadParameter(f"unknown AGS {ags}", param_hint="--ags")
    if ring is not None:
        found = round_repository.get_ring_by_slug(session, ring)
        if found is None:
            raise typer.BadParameter(f"unknown ring {ring}", param_hint="--ring")
        ring_id = found.id
    return municipality_id, ring_id


def _grant(session: Session, user: User, role: Role, ags: str | None, ring: str | None) -> None:
    municipality_id, ring_id = _scope(session, ags, ring)
    auth_service.grant_membership(
        session, user, role=role, municipality_id=municipality_id, ring_id=ring_id, audit=CLI
    )


def _send_link(session: Session, user: User, settings: Settings) -> None:
    auth_service.issue_password_link(
        session, user, settings=settings, mailer=mail_sender_for(settings), actor_id=None
    )


@users_app.command("create")
def users_create(
    email: str,
    role: RoleOption,
    ags: AgsOption = None,
    ring: RingOption = None,
    password: Annotated[
        str | None,
        typer.Option(help="At least 12 characters; leave out to be asked", hide_input=True),
    ] = None,
    link: Annotated[
        bool, typer.Option("--link", help="No password: send a one-time link to set it")
    ] = False,
    name: Annotated[str, typer.Option(help="Display name")] = "",
) -> None:
    """Create a user with one membership."""
    settings = get_settings()
    if password is None and not link:
        password = typer.prompt("Passwort", hide_input=True, confirmation_prompt=True)
    with _transaction(settings) as session:
        user = auth_service.create_user(
            session, email=email, password=None if link else password, display_name=name, audit=CLI
        )
        _grant(session, user, role, ags, ring)
        if link:
            _send_link(session, user, settings)
        typer.echo(f"Angelegt: {user.email} ({role.value})")


def _set_active(email: str, active: bool) -> None:
    with _transaction(get_settings()) as session:
        user = _existing_user(session, email)
        auth_service.set_active(session, user, active, audit=CLI)
        typer.echo(f"{user.email}: {'aktiv' if active else 'gesperrt'}")


@users_app.command("disable")
def users_disable(email: str) -> None:
    """Disable an account; every session and token ends at once."""
    _set_active(email, False)


@users_app.command("enable")
def users_enable(email: str) -> None:
    """Enable a disabled account again."""
    _set_active(email, True)


@users_app.command("grant")
def users_grant(
    email: str, role: RoleOption, ags: AgsOption = None, ring: RingOption = None
) -> None:
    """Grant a role (with its city or ring)."""
    with _transaction(get_settings()) as session:
        user = _existing_user(session, email)
        _grant(session, user, role, ags, ring)
        typer.echo(f"{user.email}: {role.value} erteilt")


@users_app.command("revoke")
def users_revoke(
    email: str, role: RoleOption, ags: AgsOption = None, ring: RingOption = None
) -> None:
    """Take a role away."""
    with _transaction(get_settings()) as session:
        user = _existing_user(session, email)
        municipality_id, ring_id = _scope(session, ags, ring)
        found = auth_repository.find_membership(
            user, role=role, municipality_id=municipality_id, ring_id=ring_id
        )
        if found is None:
            raise typer.BadParameter("no such membership", param_hint="--role")
        auth_service.revoke_membership(session, user, found.id, audit=CLI)
        typer.echo(f"{user.email}: {role.value} entzogen")


@users_app.command("password-link")
def users_password_link(email: str) -> None:
    """Send (development: log) a one-time link to set the password."""
    settings = get_settings()
    with _transaction(settings) as session:
        user = _existing_user(session, email)
        _send_link(session, user, settings)
        typer.echo(f"{user.email}: Link versandt")


@users_app.command("list")
def users_list() -> None:
    """All accounts with their roles."""
    with _transaction(get_settings()) as session:
        for user in auth_repository.list_users(session):
            grants = auth_repository.grants_for(session, user.id)
            roles = ", ".join(
                g.role.value
                + (f":{g.municipality_ags}" if g.municipality_ags else "")
                + (f":ring{g.ring_id}" if g.ring_id else "")
                for g in grants
            )
            state = "" if user.is_active else " (gesperrt)"
            typer.echo(f"{user.email}{state}\t{roles}")


# --- reports (issue 13) ----------------------------------------------------------------------

report_app = typer.Typer(help="Reports as PDF (city report, ring report).", no_args_is_help=True)
app.add_typer(report_app, name="report")

AsOption = Annotated[
    str,
    typer.Option(
        "--as",
        help="E-mail of the account whose view the report shows (its roles decide what it may see)",
    ),
]
RoundOption = Annotated[int, typer.Option("--round", min=1, help="Round id")]
LangOption = Annotated[str, typer.Option("--lang", help="de or en")]
GroupOption = Annotated[str, typer.Option("--peer-group", help="Peer group id, default all")]


def _principal_for(session: Session, email: str) -> Principal:
    user = _existing_user(session, email)
    if not user.is_active:
        raise typer.BadParameter(f"account {email} is disabled", param_hint="--as")
    return Principal(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        grants=tuple(auth_repository.grants_for(session, user.id)),
        session_id=0,
        via_cookie=False,
    )


def _lang(value: str) -> Lang:
    if value == "de":
        return "de"
    if value == "en":
        return "en"
    raise typer.BadParameter("de or en", param_hint="--lang")


@report_app.command("city")
def report_city(
    round_id: RoundOption,
    as_email: AsOption,
    out: Annotated[
        Path, typer.Option("--out", help="PDF file; with --all a folder (created if missing)")
    ],
    ags: Annotated[str | None, typer.Option("--ags", help="The city (AGS)")] = None,
    all_cities: Annotated[
        bool, typer.Option("--all", help="Every city of the round the account may see")
    ] = False,
    lang: LangOption = "de",
    peer_group: GroupOption = "all",
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=16, help="Processes for --all (default: cores)")
    ] = min(os.cpu_count() or 1, 4),
) -> None:
    """The city report for the council; with --all every city of the round into a folder."""
    if (ags is None) == (not all_cities):
        raise typer.BadParameter("give either --ags AGS or --all", param_hint="--ags/--all")
    language = _lang(lang)
    cache = ComparisonCache()
    with _transaction(get_settings()) as session:
        principal = _principal_for(session, as_email)
        if ags is not None:
            file = report_service.city_report(
                session,
                principal,
                round_id=round_id,
                ags=ags,
                lang=language,
                peer_group=peer_group,
                cache=cache,
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(file.content)
            typer.echo(f"{out} ({len(file.content) // 1024} KiB)")
            return
        cities = report_service.report_cities(session, principal, round_id=round_id, cache=cache)
        out.mkdir(parents=True, exist_ok=True)
        files = report_service.city_reports(
            session,
            principal,
            round_id=round_id,
            cities=cities,
            lang=language,
            peer_group=peer_group,
            cache=cache,
            workers=workers,
        )
        with typer.progressbar(
            files, length=len(cities), label="Städteberichte", show_pos=True
        ) as bar:
            for city, file in bar:
                (out / f"{city}-{file.filename}").write_bytes(file.content)
        typer.echo(f"{len(cities)} Berichte in {out}")


@report_app.command("ring")
def report_ring(
    round_id: RoundOption,
    as_email: AsOption,
    out: Annotated[Path, typer.Option("--out", help="PDF file")],
    lang: LangOption = "de",
    peer_group: GroupOption = "all",
) -> None:
    """The ring report for the moderator (all cities by name)."""
    language = _lang(lang)
    with _transaction(get_settings()) as session:
        principal = _principal_for(session, as_email)
        file = report_service.ring_report(
            session,
            principal,
            round_id=round_id,
            lang=language,
            peer_group=peer_group,
            cache=ComparisonCache(),
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(file.content)
    typer.echo(f"{out} ({len(file.content) // 1024} KiB)")


def main() -> None:  # pragma: no cover - entry point
    app()


__all__ = ["app", "main"]
