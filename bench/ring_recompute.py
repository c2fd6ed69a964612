"""The recompute of the ring after an approval, exactly as the service does it.

81 cities (all of seed_data/cities.csv) × every key figure of the real catalogue × 2 data years,
synthetic base figures (the demo generator). Timed is ``comparison.round_data.recompute`` – the
function the service calls when the round's data version changes: key figures from the
catalogue's formulas → primary and secondary suppression → redaction → the peer groups (all
cities, size classes, East/West, states, kreisfrei and the frozen Ward clusters) → **one** call
of the engine for the statistics, positions, leave-one-out statistics, changes and intervals of
every key figure, measure, year and peer group. Goal from issue #7: under 50 ms median.

    .venv/bin/python bench/ring_recompute.py [--repeat 25]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pandas as pd

from vergleichsring.catalog.spec import DEFAULT_CATALOG_PATH, load_catalog
from vergleichsring.comparison.definitions import indicator_definition
from vergleichsring.comparison.engine import (
    key_figures,
    primary_suppression,
    redact,
    secondary_suppression,
)
from vergleichsring.comparison.engine.ring import ring_comparison
from vergleichsring.comparison.peer_groups import Participant
from vergleichsring.comparison.round_data import RoundInputs, recompute
from vergleichsring.municipalities.size_class import size_class
from vergleichsring.rounds.models import DisplayRule
from vergleichsring.seed.demo_values import DemoCity, generate_demo_values

ROOT = Path(__file__).resolve().parents[1]
GOAL_MS = 50.0


def city_rows() -> list[dict[str, str]]:
    with (ROOT / "seed_data" / "cities.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def cities() -> list[DemoCity]:
    result = []
    for r in city_rows():
        p19, p21 = int(r["pop_2019"]), int(r["pop_2021"])
        result.append(
            DemoCity(
                ags=r["ags"],
                name=r["name"],
                population={2019: p19, 2020: round((p19 + p21) / 2), 2021: p21},
                area_km2=float(r["area_km2"]),
                east_west=r["east_west"],
                kreisfrei=r["kreisfrei"] == "yes",
                population_estimated=frozenset({2020}),
            )
        )
    return result


def participants() -> tuple[Participant, ...]:
    return tuple(
        Participant(
            municipality_id=number,
            ags=r["ags"],
            name=r["name"],
            pseudonym=f"Stadt {number:02d}",
            size_class=size_class(int(r["pop_2021"])),
            east_west=r["east_west"],
            state=r["state_code"],
            kreisfrei=r["kreisfrei"] == "yes",
        )
        for number, r in enumerate(sorted(city_rows(), key=lambda r: r["ags"]), start=1)
    )


def ring_inputs() -> RoundInputs:
    spec = load_catalog(DEFAULT_CATALOG_PATH)
    demo = generate_demo_values(cities(), spec, [2020, 2021], seed=2021)
    base = pd.DataFrame(
        {
            "ags": [v.ags for v in demo],
            "year": [v.year for v in demo],
            "base_figure": [v.base_figure for v in demo],
            "value": [float("nan") if v.value is None else v.value for v in demo],
            "status": [v.status for v in demo],
        }
    )
    definitions = [indicator_definition(i) for i in spec.indicators]
    return RoundInputs(
        round_id=1,
        version="bench",
        years=(2020, 2021),
        min_group_size=5,
        display_rule=DisplayRule.pseudonymised,
        ring_id=1,
        synthetic=True,
        participants=participants(),
        indicators={},
        definitions=tuple(d for d in definitions if d is not None),
        stand_ins={b.code: b.previous_year_of for b in spec.base_figures if b.previous_year_of},
        base=base,
        stored_groups=(),
    )


def timed(step: Callable[[], object], repeat: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds (this process, all threads) of ``repeat`` runs after a warm-up; on
    a shared machine the CPU time shows the work when the wall time shows the waiting."""
    step()  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        step()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    unfrozen = ring_inputs()
    first = recompute(unfrozen)
    # After the seed (or the moderator's confirmation) the clusters are stored: as in the
    # service, they come in with the round's inputs and are not recomputed.
    frozen_clusters = tuple(g for g in first.groups if g.brief.type == "cluster")
    inputs = replace(unfrozen, stored_groups=frozen_clusters)
    data = recompute(inputs)
    groups = data.groups
    membership = pd.DataFrame(
        {
            "peer_group": [g.brief.id for g in groups for _ in g.members],
            "ags": [a for g in groups for a in sorted(g.members)],
        }
    )
    stages: dict[str, tuple[list[float], list[float]]] = {}
    defs = list(inputs.definitions)
    stages["key figures"] = timed(
        lambda: key_figures(inputs.base, defs, previous_year_of=inputs.stand_ins), args.repeat
    )
    raw = key_figures(inputs.base, defs, previous_year_of=inputs.stand_ins)
    stages["suppression + redaction"] = timed(
        lambda: redact(secondary_suppression(primary_suppression(raw))), args.repeat
    )
    stages["ring comparison (engine)"] = timed(
        lambda: ring_comparison(data.values, membership, min_group_size=5), args.repeat
    )
    stages["recompute, clusters not frozen"] = timed(lambda: recompute(unfrozen), args.repeat)
    stages["recompute (the service's)"] = timed(lambda: recompute(inputs), args.repeat)
    print(
        f"Ring: {len(inputs.participants)} cities, {len(defs)} key figures, 2 years, "
        f"{len(inputs.base):,} base figures → {len(data.values):,} key-figure rows "
        f"({int(data.values['suppressed'].sum())} suppressed); {len(groups)} peer groups "
        f"({len(frozen_clusters)} clusters) → {len(data.result.rows):,} compared rows in "
        f"{len(data.result.statistics):,} groups"
    )
    print(f"{'stage':<34}{'median':>10}{'min':>10}{'max':>10}{'CPU median':>12}")
    for name, (wall, cpu) in stages.items():
        print(
            f"{name:<34}{statistics.median(wall) * 1e3:>8.1f} ms"
            f"{min(wall) * 1e3:>8.1f} ms{max(wall) * 1e3:>8.1f} ms"
            f"{statistics.median(cpu) * 1e3:>10.1f} ms"
        )
    wall, cpu = stages["recompute (the service's)"]
    median = statistics.median(wall) * 1e3
    verdict = "met" if median < GOAL_MS else "NOT met"
    print(
        f"recompute median {median:.1f} ms (CPU {statistics.median(cpu) * 1e3:.1f} ms) — "
        f"goal < {GOAL_MS:.0f} ms: {verdict}; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
