"""Seeding is idempotent and the demo ring has the promised shape."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, inspect, select
from sqlalchemy.orm import Session

from tests.conftest import SEED_DIR
from vergleichsring.auth.models import Membership, Role, User
from vergleichsring.catalog.spec import load_catalog
from vergleichsring.core.models import Base
from vergleichsring.municipalities.models import Municipality
from vergleichsring.municipalities.repository import get_by_ags, population_facts
from vergleichsring.municipalities.size_class import size_class
from vergleichsring.rounds.models import DisplayRule, Round, RoundParticipant
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import CATALOG_FILE, seed_reference
from vergleichsring.submissions.models import Submission, SubmissionStatus, SubmissionValue


def row_counts(session: Session) -> dict[str, int]:
    names = [t for t in inspect(session.connection()).get_table_names() if t != "alembic_version"]
    tables = Base.metadata.tables
    return {n: session.scalar(select(func.count()).select_from(tables[n])) or 0 for n in names}


def test_seed_twice_changes_no_row_count(session: Session) -> None:
    before = row_counts(session)
    assert before["municipality"] == 81
    ref = seed_reference(session, SEED_DIR)
    assert ref.city_changes == 0
    assert not ref.catalog_created
    spec = load_catalog(SEED_DIR / CATALOG_FILE)
    result = seed_demo(session, SEED_DIR, spec, create_accounts=True)
    assert result.submissions_created == 0
    assert result.values_created == 0
    assert result.users_created == []
    session.flush()
    assert row_counts(session) == before


def test_demo_round_shape(session: Session) -> None:
    rnd = session.scalars(select(Round)).one()
    assert rnd.name == "Vergleichsrunde 2020/2021"
    assert rnd.display_rule == DisplayRule.pseudonymised
    assert rnd.synthetic_data
    assert rnd.years == [2020, 2021]
    participants = session.scalars(
        select(Municipality)
        .join(RoundParticipant, RoundParticipant.municipality_id == Municipality.id)
        .where(RoundParticipant.round_id == rnd.id)
    ).all()
    assert len(participants) >= 24
    classes = set()
    for m in participants:
        full = get_by_ags(session, m.ags)
        assert full is not None
        classes.add(size_class(population_facts(full)[-1].value))
    assert {"GK1", "GK2", "GK3"} <= classes
    assert {m.east_west.value for m in participants} >= {"Ost", "West"}

    statuses = Counter(session.scalars(select(Submission.status)).all())
    assert statuses[SubmissionStatus.returned] == 1
    assert statuses[SubmissionStatus.draft] >= 1
    assert statuses[SubmissionStatus.submitted] >= 1
    assert statuses[SubmissionStatus.approved] > sum(statuses.values()) / 2

    values = session.scalars(select(SubmissionValue.value)).all()
    assert any(v is None for v in values)
    assert any(v in (1, 2) for v in values)


def test_pseudonyms_are_random_not_alphabetical_or_by_size(session: Session) -> None:
    rows = session.execute(
        select(Municipality.name, RoundParticipant.pseudonym).join(
            RoundParticipant, RoundParticipant.municipality_id == Municipality.id
        )
    ).all()
    by_name = [p for _, p in sorted(rows)]
    assert by_name != sorted(by_name)
    assert len({p for _, p in rows}) == len(rows)


def test_demo_accounts(session: Session) -> None:
    emails = set(session.scalars(select(User.email)).all())
    assert {"admin@example.org", "moderation@example.org"} <= emails
    assert "koordination-02000000@example.org" in emails
    assert "lesen-02000000@example.org" in emails
    roles = Counter(session.scalars(select(Membership.role)).all())
    assert roles[Role.admin] == 1
    assert roles[Role.moderator] == 1
    assert roles[Role.coordinator] == roles[Role.viewer] >= 24
