"""Rendering time of the city reports: one report, and all 28 of the demo round.

Builds a fresh SQLite database with the demo ring (migrations + seed, about half a minute), then
renders through the reports service as the moderator, exactly as the API and the CLI do:
comparison answers for the caller → HTML (Jinja2) → tagged PDF (WeasyPrint, PDF/UA-1).
The comparison cache is warm after the first report (as on a running server); the first,
cold report is printed separately. Goals from the issue: one report < 2 s, all 28 < 30 s. The batch is timed in one process
and in ``--workers`` processes (default 2, the cores of these machines), as the CLI runs it.

    .venv/bin/python bench/reports.py [--repeat 5] [--batches 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth.permissions import Principal
from vergleichsring.cli import alembic_config
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.core.config import PROJECT_ROOT, Settings
from vergleichsring.core.database import make_engine
from vergleichsring.reports import service
from vergleichsring.rounds.models import Round
from vergleichsring.seed.demo import seed_demo
from vergleichsring.seed.reference import seed_reference

KOELN = "05315000"


def moderator(db: Session) -> Principal:
    user = auth_repository.get_user_by_email(db, "moderation@example.org")
    assert user is not None
    return Principal(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        grants=tuple(auth_repository.grants_for(db, user.id)),
        session_id=0,
        via_cookie=False,
    )


def child_cpu() -> float:
    """CPU seconds of finished worker processes (they count once the pool has closed)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5, help="single-report runs")
    parser.add_argument("--batches", type=int, default=3, help="runs of all 28 reports")
    parser.add_argument("--workers", type=int, default=2, help="processes for the batch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        cfg = alembic_config(Settings(database_url=url))
        cfg.attributes["configure_logger"] = False
        command.upgrade(cfg, "head")
        engine = make_engine(url)
        with Session(engine) as db, db.begin():
            ref = seed_reference(db, PROJECT_ROOT / "seed_data")
            seed_demo(db, PROJECT_ROOT / "seed_data", ref.catalog, create_accounts=True)
        with Session(engine) as db:
            round_id = int(db.scalars(select(Round.id)).one())
            principal = moderator(db)
            cache = ComparisonCache()

            def one(ags: str) -> int:
                return len(
                    service.city_report(
                        db, principal, round_id=round_id, ags=ags, cache=cache
                    ).content
                )

            start = time.perf_counter()
            size = one(KOELN)
            cold = time.perf_counter() - start
            singles, single_cpu = [], []
            for _ in range(args.repeat):
                start, cpu = time.perf_counter(), time.process_time()
                one(KOELN)
                singles.append(time.perf_counter() - start)
                single_cpu.append(time.process_time() - cpu)
            cities = service.report_cities(db, principal, round_id=round_id, cache=cache)
            batches: dict[int, list[float]] = {1: [], args.workers: []}
            batch_cpu: dict[int, list[float]] = {1: [], args.workers: []}
            for _ in range(args.batches):
                for workers in batches:
                    start, cpu, children = time.perf_counter(), time.process_time(), child_cpu()
                    files = service.city_reports(
                        db,
                        principal,
                        round_id=round_id,
                        cities=cities,
                        cache=cache,
                        workers=workers,
                    )
                    assert len(list(files)) == len(cities)
                    batches[workers].append(time.perf_counter() - start)
                    batch_cpu[workers].append(time.process_time() - cpu + child_cpu() - children)
        engine.dispose()
    single = statistics.median(singles)
    print(f"city report (Köln, {size // 1024} KiB): cold {cold:.2f} s (comparison computed)")
    print(
        f"one city report, warm:  median {single:.2f} s  (min {min(singles):.2f}, "
        f"max {max(singles):.2f}, n={len(singles)})  goal < 2 s: {single / 2:.2f}× the goal; "
        f"CPU {statistics.median(single_cpu):.2f} s"
    )
    for workers, runs in batches.items():
        batch = statistics.median(runs)
        print(
            f"all {len(cities)} city reports, {workers} process(es): median {batch:.1f} s  "
            f"(min {min(runs):.1f}, max {max(runs):.1f}, n={len(runs)})  goal < 30 s: "
            f"{batch / 30:.2f}× the goal; {batch / len(cities):.2f} s per report; "
            f"CPU {statistics.median(batch_cpu[workers]):.1f} s in all processes"
        )
    load = os.getloadavg()
    print(f"load average at the end (1, 5, 15 min): {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}")


if __name__ == "__main__":
    main()
