"""Collection benchmarks: importing a complete city form, and the cockpit of a 400-city round.

1. **Form import**: the Excel form of one demo city with every base figure of both data years
   changed, read back through ``forms.read_form`` – a dry run (parse, identity, every cell, the
   hard and soft rules against the other cities) and the real import (the same plus the writes,
   the history and the findings). Each run is rolled back, so every repeat starts equal.
2. **Cockpit**: ``cockpit.cockpit`` for a round of 400 cities × 2 data years × every base figure
   (134,400 values) with findings, as the moderator's screen asks for it.

Goals from the issue: import under 1 s, cockpit under 200 ms. Prints medians and spreads.

    .venv/bin/python bench/collection.py [--repeat 7] [--postgres URL]
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import Engine, create_engine, insert, select, text, update
from sqlalchemy.orm import Session

from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth.permissions import Principal
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.cli import alembic_config
from vergleichsring.core.config import PROJECT_ROOT, Settings
from vergleichsring.core.database import make_engine
from vergleichsring.municipalities.models import EastWest, Municipality
from vergleichsring.rounds.models import DisplayRule, Round, RoundParticipant, RoundStatus
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference
from vergleichsring.submissions import cockpit, forms
from vergleichsring.submissions.catalog_rules import catalog_rules
from vergleichsring.submissions.models import (
    Finding,
    FindingSeverity,
    FindingState,
    Submission,
    SubmissionStatus,
    SubmissionValue,
)

SEED_DIR = PROJECT_ROOT / "seed_data"
CITY = "06413000"  # Offenbach: a draft in the demo
CITIES = 400


def migrate_and_seed(url: str) -> None:
    from alembic import command

    cfg = alembic_config(Settings(database_url=url))
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    engine = make_engine(url)
    with Session(engine) as s, s.begin():
        ref = seed_reference(s, SEED_DIR)
        seed_demo(s, SEED_DIR, ref.catalog, create_accounts=True)
    engine.dispose()


def principal(s: Session, email: str) -> Principal:
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


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float], goal: float) -> None:
    med = statistics.median(times)
    print(
        f"{label:<58} median {med * 1000:8.1f} ms   min {min(times) * 1000:8.1f}   "
        f"max {max(times) * 1000:8.1f}   goal {goal * 1000:.0f} ms  ({med / goal:.2f}× goal)"
    )


def bench_import(engine: Engine, repeat: int) -> None:
    with Session(engine) as s, s.begin():
        round_id = int(s.scalars(select(Round.id)).one())
        city = s.scalars(select(Municipality).where(Municipality.ags == CITY)).one()
        s.execute(  # both years open, so the form carries every base figure of both years
            update(Submission)
            .where(Submission.municipality_id == city.id, Submission.round_id == round_id)
            .values(status=SubmissionStatus.draft)
        )
    with Session(engine) as s:
        coord = principal(s, f"koordination-{CITY}@example.org")
        _name, blank = forms.build_form(s, coord, round_id=round_id, ags=CITY)
    wb = load_workbook(io.BytesIO(blank))
    changed = 0
    for ws in wb.worksheets[1:-1]:
        for row in ws.iter_rows(min_row=forms.FIRST_ROW):
            code = row[0].value
            if not code:
                continue
            for col in (6, 9):
                cell = row[col - 1]
                old = cell.value if isinstance(cell.value, int | float) else 0
                cell.value = old + 1  # every base figure, both years
                changed += 1
            row[10].value = "Benchmark"  # a comment, so warnings are explained
    out = io.BytesIO()
    wb.save(out)
    data = out.getvalue()
    print(
        f"form: {len(data) / 1024:.0f} KiB, {changed} cells changed (every base figure × 2 years)"
    )

    def run(dry_run: bool) -> None:
        with Session(engine) as s:
            result = forms.read_form(
                s, coord, round_id=round_id, ags=CITY, data=data, dry_run=dry_run
            )
            assert not result.problems, result.problems[:3]
            assert result.changed_values > 0
            s.rollback()

    run(True)  # warm the catalogue cache
    report("validate a complete city form (dry run)", timed(lambda: run(True), repeat), 1.0)
    report("import a complete city form (all or nothing)", timed(lambda: run(False), repeat), 1.0)


def build_big_round(engine: Engine) -> int:
    """A round of 400 synthetic cities × 2 years × every base figure, with findings."""
    now = datetime.now(UTC)
    with Session(engine) as s, s.begin():
        demo = s.scalars(select(Round)).first()
        assert demo is not None
        figures = s.scalars(
            select(BaseFigure.id).where(BaseFigure.catalog_version_id == demo.catalog_version_id)
        ).all()
        rnd = Round(
            ring_id=demo.ring_id,
            catalog_version_id=demo.catalog_version_id,
            name=f"Benchmark {uuid.uuid4().hex[:6]}",
            years=[2020, 2021],
            status=RoundStatus.review,
            display_rule=DisplayRule.pseudonymised,
            min_group_size=5,
            participants=[],
        )
        s.add(rnd)
        s.flush()
        cities = [
            {
                "ags": f"99{i:06d}",
                "name": f"Benchmarkstadt {i}",
                "official_name": f"Benchmarkstadt {i}",
                "state": "Bench",
                "state_code": "99",
                "nuts3": "DE999",
                "kreisfrei": True,
                "east_west": EastWest.west,
                "latitude": 50.0,
                "longitude": 8.0,
                "area_km2": 100.0,
                "created_at": now,
            }
            for i in range(CITIES)
        ]
        s.execute(insert(Municipality), cities)
        ids = s.scalars(select(Municipality.id).where(Municipality.ags.like("99%"))).all()
        s.execute(
            insert(RoundParticipant),
            [
                {
                    "round_id": rnd.id,
                    "municipality_id": m,
                    "pseudonym": f"Stadt {n:03d}",
                    "created_at": now,
                }
                for n, m in enumerate(ids, start=1)
            ],
        )
        statuses = [SubmissionStatus.approved] * 6 + [
            SubmissionStatus.submitted,
            SubmissionStatus.draft,
            SubmissionStatus.returned,
        ]
        s.execute(
            insert(Submission),
            [
                {
                    "round_id": rnd.id,
                    "municipality_id": m,
                    "year": y,
                    "status": statuses[(k + y) % len(statuses)],
                    "version": 1,
                    "updated_at": now,
                    "created_at": now,
                }
                for k, m in enumerate(ids)
                for y in (2020, 2021)
            ],
        )
        subs = s.execute(select(Submission.id).where(Submission.round_id == rnd.id)).scalars().all()
        values = [
            {
                "submission_id": sid,
                "base_figure_id": fid,
                "value": None if (sid + j) % 37 == 0 else float(1000 + j),
                "status": "ok",
                "version": 1,
                "updated_at": now,
                "review_state": "none",
            }
            for sid in subs
            for j, fid in enumerate(figures)
        ]
        for start in range(0, len(values), 20_000):
            s.execute(insert(SubmissionValue), values[start : start + 20_000])
        s.execute(
            insert(Finding),
            [
                {
                    "submission_id": sid,
                    "rule": "outlier",
                    "severity": FindingSeverity.warning if k % 3 else FindingSeverity.error,
                    "state": FindingState.open,
                    "base_figure": "G-BEV-AUS",
                    "indicator": "DEM-01",
                    "field": ("DEM", "BIL", "ARB", "SOZ")[k % 4],
                    "message_de": "Benchmark",
                    "message_en": "Benchmark",
                    "numbers": {},
                    "created_at": now,
                }
                for sid in subs
                for k in range(3)
            ],
        )
        # what the service stores after every change: filled base figures per action field
        ctx = catalog_rules(s, demo.catalog_version_id)
        field_of = {f.id: f.field for f in ctx.figures}
        for sid in subs:
            counts: dict[str, int] = {}
            for j, fid in enumerate(figures):
                if (sid + j) % 37:
                    counts[field_of[fid]] = counts.get(field_of[fid], 0) + 1
            s.execute(update(Submission).where(Submission.id == sid).values(completeness=counts))
        print(
            f"round: {CITIES} cities × 2 years × {len(figures)} base figures = {len(values):,} values"
        )
        return rnd.id


def bench_cockpit(engine: Engine, repeat: int) -> None:
    round_id = build_big_round(engine)
    with Session(engine) as s:
        moderator = principal(s, "moderation@example.org")

    def run(cold: bool) -> None:
        if cold:
            cockpit._CACHE.clear()
        with Session(engine) as s:
            answer = cockpit.cockpit(s, moderator, round_id=round_id)
            assert len(answer.cities) == CITIES
            answer.model_dump_json()

    run(True)
    report("cockpit of a 400-city round, computed (cold)", timed(lambda: run(True), repeat), 0.2)
    report(
        "cockpit of a 400-city round, unchanged round (warm)",
        timed(lambda: run(False), repeat),
        0.2,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--postgres", help="server URL; a database is created and dropped")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}")]
        admin: Engine | None = None
        name = ""
        if args.postgres:
            admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
            name = f"vr_bench_{uuid.uuid4().hex[:8]}"
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            targets.append(("PostgreSQL", args.postgres.rsplit("/", 1)[0] + f"/{name}"))
        try:
            for label, url in targets:
                print(f"\n== {label} ==")
                migrate_and_seed(url)
                engine = make_engine(url)
                try:
                    bench_import(engine, args.repeat)
                    bench_cockpit(engine, args.repeat)
                finally:
                    engine.dispose()
        finally:
            if admin is not None:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
