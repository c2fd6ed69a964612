"""No lost updates, on PostgreSQL with real concurrent transactions.

Twenty writers hold the same version of one submission and write at once: exactly one wins,
the other nineteen get 409, and the history holds the winner's change and nothing else. Two
approvals racing with a reopen-edit-resubmit never approve a value the moderator did not see.
Each thread runs the service in its own session and commits, as a request does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import SEED_DIR, migrate
from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth.permissions import Principal
from vergleichsring.core.database import make_engine, make_sessionmaker
from vergleichsring.core.errors import Conflict, DomainError
from vergleichsring.rounds.models import Round
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference
from vergleichsring.submissions import service
from vergleichsring.submissions.models import (
    SubmissionStatus,
    SubmissionValueHistory,
)
from vergleichsring.submissions.schemas import ReturnBody, ValueChange, ValuesPatch

T = TypeVar("T")
OFFENBACH, MUENSTER = "06413000", "05515000"
WRITERS = 20


@pytest.fixture(scope="module")
def pg(empty_database: Callable[[str], str]) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    url = empty_database("postgresql")
    migrate(url)
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        ref = seed_reference(s, SEED_DIR)
        seed_demo(s, SEED_DIR, ref.catalog, create_accounts=True)
    engine.dispose()
    engine = make_engine(url)
    engine.pool.dispose()
    yield engine, make_sessionmaker(engine)
    engine.dispose()


def principal(factory: sessionmaker[Session], email: str) -> Principal:
    with factory() as s:
        user = auth_repository.get_user_by_email(s, email)
        assert user is not None
        return Principal(
            user_id=user.id,
            email=user.email,
            display_name=user.display_name,
            grants=tuple(auth_repository.grants_for(s, user.id)),
            session_id=0,
            via_cookie=False,
        )


def in_transaction(factory: sessionmaker[Session], work: Callable[[Session], T]) -> T:
    """One request: run, commit, or roll back on any error."""
    with factory() as s:
        try:
            result = work(s)
            s.commit()
            return result
        except BaseException:
            s.rollback()
            raise


def test_twenty_concurrent_writers_one_wins(pg: tuple[Engine, sessionmaker[Session]]) -> None:
    _engine, factory = pg
    coordinator = principal(factory, f"koordination-{OFFENBACH}@example.org")
    with factory() as s:
        round_id = int(s.scalars(select(Round.id)).one())
        seen = service.read_submission(s, coordinator, round_id=round_id, ags=OFFENBACH, year=2021)
        history_before = s.scalar(
            select(SubmissionValueHistory.id).order_by(SubmissionValueHistory.id.desc()).limit(1)
        )
    barrier = threading.Barrier(WRITERS)

    def writer(i: int) -> tuple[str, int]:
        body = ValuesPatch(
            version=seen.version,
            values=[ValueChange(base_figure="G-EINB", value=1000 + i, comment=f"Schreiber {i}")],
        )

        def work(s: Session) -> None:
            barrier.wait(timeout=30)
            service.patch_values(
                s, coordinator, round_id=round_id, ags=OFFENBACH, year=2021, body=body
            )

        try:
            in_transaction(factory, work)
            return "ok", i
        except Conflict as exc:
            return ("409" if "G-EINB" in exc.detail else "409 without the value"), i

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(writer, range(WRITERS)))
    winners = [i for outcome, i in results if outcome == "ok"]
    assert len(winners) == 1, results
    assert sum(1 for outcome, _ in results if outcome == "409") == WRITERS - 1
    with factory() as s:
        after = service.read_submission(s, coordinator, round_id=round_id, ags=OFFENBACH, year=2021)
        assert after.version == seen.version + 1
        einb = next(v for v in after.values if v.base_figure == "G-EINB")
        assert einb.value == 1000 + winners[0]
        new_history = s.execute(
            select(SubmissionValueHistory.value, SubmissionValueHistory.comment).where(
                SubmissionValueHistory.id > (history_before or 0)
            )
        ).all()
        assert [tuple(r) for r in new_history] == [(1000 + winners[0], f"Schreiber {winners[0]}")]


@pytest.mark.parametrize("attempt", range(3))
def test_approvals_racing_an_edit_never_approve_an_unseen_value(
    pg: tuple[Engine, sessionmaker[Session]], attempt: int
) -> None:
    _engine, factory = pg
    moderator = principal(factory, "moderation@example.org")
    coordinator = principal(factory, f"koordination-{MUENSTER}@example.org")
    with factory() as s:
        round_id = int(s.scalars(select(Round.id)).one())

    # start: Münster 2021 submitted; the moderator reads it
    def setup(s: Session) -> tuple[int, float | None]:
        sub = service.read_submission(s, moderator, round_id=round_id, ags=MUENSTER, year=2021)
        if sub.status != SubmissionStatus.submitted:
            if sub.status == SubmissionStatus.approved:
                sub = service.return_submission(
                    s,
                    moderator,
                    round_id=round_id,
                    ags=MUENSTER,
                    year=2021,
                    body=ReturnBody(version=sub.version, reason="Nächster Versuch"),
                    reopen=True,
                )
            sub = service.submit(
                s, coordinator, round_id=round_id, ags=MUENSTER, year=2021, version=sub.version
            )
        einb = next(v for v in sub.values if v.base_figure == "G-EINB")
        return sub.version, einb.value

    seen_version, seen_value = in_transaction(factory, setup)
    new_value = (seen_value or 0) + 100 + attempt
    barrier = threading.Barrier(3)
    outcomes: dict[str, str] = {}

    def approve(name: str) -> None:
        def work(s: Session) -> None:
            barrier.wait(timeout=30)
            service.approve(
                s, moderator, round_id=round_id, ags=MUENSTER, year=2021, version=seen_version
            )

        try:
            in_transaction(factory, work)
            outcomes[name] = "approved"
        except DomainError as exc:
            outcomes[name] = f"refused {exc.status_code}"

    def edit(name: str) -> None:
        try:

            def reopen(s: Session) -> int:
                barrier.wait(timeout=30)
                return service.return_submission(
                    s,
                    moderator,
                    round_id=round_id,
                    ags=MUENSTER,
                    year=2021,
                    body=ReturnBody(version=seen_version, reason="Korrektur"),
                    reopen=True,
                ).version

            v = in_transaction(factory, reopen)
            v = in_transaction(
                factory,
                lambda s: (
                    service.patch_values(
                        s,
                        coordinator,
                        round_id=round_id,
                        ags=MUENSTER,
                        year=2021,
                        body=ValuesPatch(
                            version=v,
                            values=[
                                ValueChange(
                                    base_figure="G-EINB", value=new_value, comment="korrigiert"
                                )
                            ],
                        ),
                    ).version
                ),
            )
            in_transaction(
                factory,
                lambda s: service.submit(
                    s, coordinator, round_id=round_id, ags=MUENSTER, year=2021, version=v
                ),
            )
            outcomes[name] = "edited"
        except DomainError as exc:
            outcomes[name] = f"refused {exc.status_code}"

    threads = [
        threading.Thread(target=approve, args=("a1",)),
        threading.Thread(target=approve, args=("a2",)),
        threading.Thread(target=edit, args=("edit",)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    approvals = [k for k, v in outcomes.items() if v == "approved"]
    assert len(approvals) <= 1, outcomes
    assert len(outcomes) == 3, outcomes
    with factory() as s:
        detail = service.read_submission(s, moderator, round_id=round_id, ags=MUENSTER, year=2021)
        einb = next(v for v in detail.values if v.base_figure == "G-EINB")
        if detail.status == SubmissionStatus.approved:
            # whatever is approved is exactly what the moderator saw
            assert einb.value == seen_value, outcomes
            assert einb.approved_value == seen_value
            assert outcomes["edit"].startswith("refused"), outcomes
        if outcomes["edit"] == "edited":
            assert approvals == [], outcomes
            assert detail.status == SubmissionStatus.submitted
            assert einb.value == new_value
