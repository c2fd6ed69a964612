"""The demo ring: a round of 28 real cities with synthetic base figures, and demo accounts.

Idempotent: everything is found by its natural key and only created when missing, so running
the seed twice changes no row. Demo accounts are created only when ``VR_ENV=development``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth import service as auth_service
from vergleichsring.auth.models import Role, User
from vergleichsring.catalog import repository as catalog_repository
from vergleichsring.catalog.spec import CatalogSpec
from vergleichsring.comparison import service as comparison_service
from vergleichsring.comparison.round_data import ComparisonCache
from vergleichsring.core.errors import ValidationFailed
from vergleichsring.core.models import utcnow
from vergleichsring.municipalities.models import FactStatus, Municipality
from vergleichsring.municipalities.repository import POPULATION
from vergleichsring.rounds import repository as round_repository
from vergleichsring.rounds.models import DisplayRule, Ring, Round, RoundParticipant, RoundStatus
from vergleichsring.rounds.pseudonyms import pseudonyms
from vergleichsring.seed.demo_values import DemoCity, generate_demo_values
from vergleichsring.submissions import service as submission_service
from vergleichsring.submissions.catalog_rules import catalog_rules
from vergleichsring.submissions.models import (
    FindingSeverity,
    FindingState,
    ReviewState,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    SubmissionValueHistory,
    ValueStatus,
)

RING_FILE = Path("demo") / "ring.yaml"
DEMO_PASSWORD = "vergleichsring-demo"  # noqa: S105 - documented demo password, development only
ADMIN_EMAIL = "admin@example.org"
MODERATOR_EMAIL = "moderation@example.org"


def coordinator_email(ags: str) -> str:
    return f"koordination-{ags}@example.org"


def viewer_email(ags: str) -> str:
    return f"lesen-{ags}@example.org"


@dataclass
class DemoResult:
    round_id: int
    participants: int
    submissions_created: int = 0
    values_created: int = 0
    users_created: list[str] = field(default_factory=list)


def load_ring_config(seed_dir: Path) -> dict[str, Any]:
    data = yaml.safe_load((seed_dir / RING_FILE).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValidationFailed(f"{RING_FILE}: expected a mapping at the top level.")
    return data


def seed_demo(
    session: Session,
    seed_dir: Path,
    catalog: CatalogSpec,
    *,
    create_accounts: bool,
) -> DemoResult:
    config = load_ring_config(seed_dir)
    ring = _ring(session, config["ring"])
    rnd = _round(session, ring, config["round"])
    cities = _participants(session, rnd, config)
    moderator: User | None = None
    users: list[str] = []
    if create_accounts:
        moderator, users = _accounts(session, ring, cities)
    result = DemoResult(round_id=rnd.id, participants=len(cities), users_created=users)
    created = _submissions(session, rnd, cities, catalog, config, moderator, result)
    session.flush()
    if created:
        _showcase(session, rnd, config, created)
    # The round's data is built: its data-driven peer groups are frozen now (explicitly, never
    # by a request).
    comparison_service.freeze_clusters(session, rnd, ComparisonCache())
    return result


def _showcase(
    session: Session, rnd: Round, config: dict[str, Any], created: list[Submission]
) -> None:
    """Plant the configured plausibility cases, mark returned values, compute every finding."""
    ctx = catalog_rules(session, rnd.catalog_version_id)
    by_key = {(s.municipality_id, s.year): s for s in created}
    cities = {
        m.ags: m
        for m in session.scalars(
            select(Municipality).where(Municipality.id.in_([s.municipality_id for s in created]))
        )
    }
    ids = {f.id: f.code for f in ctx.figures}

    def values_of(sub: Submission) -> dict[str, SubmissionValue]:
        return {
            ids[v.base_figure_id]: v
            for v in session.scalars(
                select(SubmissionValue).where(SubmissionValue.submission_id == sub.id)
            )
        }

    for case in config.get("plausibility_showcase") or []:
        city = cities.get(str(case["ags"]))
        sub = by_key.get((city.id, int(case["year"]))) if city else None
        if sub is None:
            continue
        values = values_of(sub)
        row = values[str(case["base_figure"])]
        old = row.value
        if "value" in case:
            row.value = case["value"]
        else:
            base = values[str(case.get("of", case["base_figure"]))].value or 0.0
            row.value = float(round(base * float(case["factor"])))
        row.status = ValueStatus(case.get("status", "ok"))
        if case.get("shift_with") and old is not None and row.value is not None:
            other = values[str(case["shift_with"])]
            other.value = (other.value or 0.0) + (row.value - old)
    returned = config.get("returned_values") or {}
    for sub in created:
        city_ags = next(a for a, m in cities.items() if m.id == sub.municipality_id)
        if sub.status == SubmissionStatus.returned and city_ags in returned:
            values = values_of(sub)
            for code, reason in returned[city_ags].items():
                values[str(code)].review_state = ReviewState.returned
                values[str(code)].review_reason = " ".join(str(reason).split())
    session.flush()
    for sub in created:
        target = submission_service.Target(
            rnd,
            cities[next(a for a, m in cities.items() if m.id == sub.municipality_id)],
            sub,
            own_city=False,
            moderator=True,
            may_edit=False,
        )
        rows = submission_service.recompute_findings(session, target, ctx)
        if sub.status == SubmissionStatus.approved:
            for finding in rows:
                if finding.severity == FindingSeverity.warning:
                    finding.state = FindingState.accepted
            session.execute(
                update(SubmissionValue)
                .where(SubmissionValue.submission_id == sub.id)
                .values(
                    approved_version=SubmissionValue.version,
                    approved_value=SubmissionValue.value,
                    approved_status=SubmissionValue.status,
                )
            )
    session.flush()


def _ring(session: Session, cfg: dict[str, Any]) -> Ring:
    ring = round_repository.get_ring_by_slug(session, cfg["slug"])
    if ring is None:
        ring = Ring(slug=cfg["slug"], name=cfg["name"], description=cfg["description"])
        session.add(ring)
        session.flush()
    return ring


def _round(session: Session, ring: Ring, cfg: dict[str, Any]) -> Round:
    rnd = round_repository.get_round_by_name(session, ring_id=ring.id, name=cfg["name"])
    if rnd is not None:
        return rnd
    version = catalog_repository.get_version(session, cfg["catalog_version"])
    if version is None:
        raise ValidationFailed(f"Catalogue version {cfg['catalog_version']} is not loaded.")
    if version.locked_at is None:
        version.locked_at = utcnow()
    deadline = cfg.get("deadline")
    rnd = Round(
        ring_id=ring.id,
        catalog_version_id=version.id,
        name=cfg["name"],
        years=[int(y) for y in cfg["years"]],
        status=RoundStatus(cfg["status"]),
        deadline=deadline if isinstance(deadline, date) else None,
        display_rule=DisplayRule(cfg["display_rule"]),
        min_group_size=int(cfg["min_group_size"]),
        synthetic_data=True,
        participants=[],
    )
    session.add(rnd)
    session.flush()
    return rnd


def _participants(session: Session, rnd: Round, config: dict[str, Any]) -> list[Municipality]:
    wanted = [str(a) for a in config["participants"]]
    found = {
        m.ags: m
        for m in session.scalars(
            select(Municipality)
            .where(Municipality.ags.in_(wanted))
            .options(selectinload(Municipality.facts))
        )
    }
    missing = [a for a in wanted if a not in found]
    if missing:
        raise ValidationFailed(f"{RING_FILE}: unknown AGS {', '.join(missing)}.")
    if not rnd.participants:
        rng = random.Random(int(config["round"]["pseudonym_seed"]))  # noqa: S311 - demo only
        for ags, label in zip(wanted, pseudonyms(len(wanted), rng=rng), strict=True):
            rnd.participants.append(
                RoundParticipant(municipality_id=found[ags].id, pseudonym=label)
            )
        session.flush()
    return [found[a] for a in wanted]


#: Seeding the demo accounts is no one's account change: not audited.
SEED = None


def _get_or_create_user(session: Session, email: str, name: str, created: list[str]) -> User:
    user = auth_repository.get_user_by_email(session, email)
    if user is None:
        user = auth_service.create_user(
            session,
            email=email,
            password=DEMO_PASSWORD,
            display_name=name,
            is_demo=True,
            audit=SEED,
        )
        created.append(email)
    return user


def _accounts(session: Session, ring: Ring, cities: list[Municipality]) -> tuple[User, list[str]]:
    created: list[str] = []
    admin = _get_or_create_user(session, ADMIN_EMAIL, "Betrieb (Demo)", created)
    auth_service.grant_membership(session, admin, role=Role.admin, audit=SEED)
    moderator = _get_or_create_user(session, MODERATOR_EMAIL, "Moderation (Demo)", created)
    auth_service.grant_membership(
        session, moderator, role=Role.moderator, ring_id=ring.id, audit=SEED
    )
    for city in cities:
        coord = _get_or_create_user(
            session, coordinator_email(city.ags), f"Koordination {city.name} (Demo)", created
        )
        auth_service.grant_membership(
            session, coord, role=Role.coordinator, municipality_id=city.id, audit=SEED
        )
        viewer = _get_or_create_user(
            session, viewer_email(city.ags), f"Lesezugang {city.name} (Demo)", created
        )
        auth_service.grant_membership(
            session, viewer, role=Role.viewer, municipality_id=city.id, audit=SEED
        )
    return moderator, created


def _state_for(config: dict[str, Any], ags: str, year: int) -> tuple[SubmissionStatus, str | None]:
    states = (config.get("submission_states") or {}).get(year) or {}
    for status in ("submitted", "draft"):
        if ags in (states.get(status) or []):
            return SubmissionStatus(status), None
    returned = states.get("returned") or {}
    if ags in returned:
        return SubmissionStatus.returned, " ".join(str(returned[ags]).split())
    return SubmissionStatus.approved, None


def _submissions(
    session: Session,
    rnd: Round,
    cities: list[Municipality],
    catalog: CatalogSpec,
    config: dict[str, Any],
    moderator: User | None,
    result: DemoResult,
) -> list[Submission]:
    existing = {
        (s.municipality_id, s.year)
        for s in session.scalars(select(Submission).where(Submission.round_id == rnd.id))
    }
    todo = [(c, y) for c in cities for y in rnd.years if (c.id, y) not in existing]
    if not todo:
        return []
    created: list[Submission] = []
    demo_cities = [
        DemoCity(
            ags=c.ags,
            name=c.name,
            population={
                f.year: round(f.value)
                for f in c.facts
                if f.variable == POPULATION and f.value is not None
            },
            area_km2=c.area_km2,
            east_west=c.east_west.value,
            kreisfrei=c.kreisfrei,
            population_estimated=frozenset(
                f.year
                for f in c.facts
                if f.variable == POPULATION and f.status == FactStatus.estimated
            ),
        )
        for c in cities
    ]
    values = generate_demo_values(
        demo_cities, catalog, rnd.years, seed=int(config["round"]["value_seed"])
    )
    by_key: dict[tuple[str, int], list[Any]] = {}
    for v in values:
        by_key.setdefault((v.ags, v.year), []).append(v)
    figure_ids = {
        b.code: b.id
        for b in catalog_repository.list_base_figures(
            session, catalog_version_id=rnd.catalog_version_id
        )
    }
    now = utcnow()
    for city, year in todo:
        status, reason = _state_for(config, city.ags, year)
        sub = Submission(
            round_id=rnd.id,
            municipality_id=city.id,
            year=year,
            status=status,
            version=1,
            submitted_at=None if status == SubmissionStatus.draft else now,
            approved_at=now if status == SubmissionStatus.approved else None,
            approved_by_id=(
                moderator.id if moderator and status == SubmissionStatus.approved else None
            ),
            return_reason=reason,
            values=[],
        )
        for v in by_key.get((city.ags, year), []):
            sub.values.append(
                SubmissionValue(
                    base_figure_id=figure_ids[v.base_figure],
                    value=v.value,
                    status=ValueStatus(v.status),
                    comment=v.comment,
                    source_note="Synthetische Demodaten",
                    version=1,
                )
            )
        session.add(sub)
        session.flush()
        for sv in sub.values:
            session.add(
                SubmissionValueHistory(
                    submission_value_id=sv.id,
                    version=sv.version,
                    value=sv.value,
                    status=sv.status,
                    comment=sv.comment,
                    source_note=sv.source_note,
                    action="seed",
                    changed_at=now,
                )
            )
        result.submissions_created += 1
        result.values_created += len(sub.values)
        created.append(sub)
    return created
