"""A full recompute of the ring, as the service does it when approvals change.

81 cities (all of seed_data/cities.csv) × every key figure of the real catalogue × 2 data years:
synthetic base figures (the demo generator) → key figures from the catalogue's formulas →
primary and secondary suppression → redaction → statistics and positions of every key figure,
measure and year → leave-one-out statistics → changes against the previous year.
Goal from the issue: under 100 ms median. Prints the median and the spread of the stages.

    .venv/bin/python bench/ring_recompute.py [--repeat 25]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from vergleichsring.catalog.spec import DEFAULT_CATALOG_PATH, CatalogSpec, load_catalog
from vergleichsring.comparison.engine import GroupFormula, IndicatorDef, key_figures
from vergleichsring.comparison.engine.positions import changes, group_comparison
from vergleichsring.comparison.engine.statistics import group_statistics_excluding_self
from vergleichsring.comparison.engine.suppression import (
    primary_suppression,
    redact,
    secondary_suppression,
)
from vergleichsring.seed.demo_values import DemoCity, generate_demo_values

ROOT = Path(__file__).resolve().parents[1]


def cities() -> list[DemoCity]:
    with (ROOT / "seed_data" / "cities.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    result = []
    for r in rows:
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


def indicator_defs(spec: CatalogSpec) -> list[IndicatorDef]:
    return [
        IndicatorDef(
            code=i.code,
            kind=i.kind,
            multiplier=i.multiplier,
            polarity=i.polarity,
            suppression_threshold=i.suppression_threshold,
            formulas=tuple(
                GroupFormula(group=f.group, numerator=f.numerator, denominator=f.denominator)
                for f in i.formulas
            ),
        )
        for i in spec.indicators
        if i.kind != "category"
    ]


def timed(step: Callable[[], object], repeat: int) -> list[float]:
    step()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
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
    defs = indicator_defs(spec)
    stand_ins = {b.code: b.previous_year_of for b in spec.base_figures if b.previous_year_of}
    stages: dict[str, list[float]] = {}

    def full() -> pd.DataFrame:
        values = key_figures(base, defs, previous_year_of=stand_ins)
        values = redact(secondary_suppression(primary_suppression(values)))
        group_comparison(values)
        group_statistics_excluding_self(values)
        changes(values)
        return values

    values = full()
    stages["key figures"] = timed(
        lambda: key_figures(base, defs, previous_year_of=stand_ins), args.repeat
    )
    suppressed = key_figures(base, defs, previous_year_of=stand_ins)
    stages["suppression + redaction"] = timed(
        lambda: redact(secondary_suppression(primary_suppression(suppressed))), args.repeat
    )
    stages["statistics + positions"] = timed(lambda: group_comparison(values), args.repeat)
    stages["leave-one-out"] = timed(lambda: group_statistics_excluding_self(values), args.repeat)
    stages["changes"] = timed(lambda: changes(values), args.repeat)
    stages["full recompute"] = timed(full, args.repeat)
    print(
        f"Ring: {base['ags'].nunique()} cities, {len(defs)} key figures, 2 years, "
        f"{len(base):,} base figures → {len(values):,} key-figure rows "
        f"({int(values['suppressed'].sum())} suppressed)"
    )
    print(f"{'stage':<26}{'median':>10}{'min':>10}{'max':>10}")
    for name, times in stages.items():
        print(
            f"{name:<26}{statistics.median(times) * 1e3:>8.1f} ms"
            f"{min(times) * 1e3:>8.1f} ms{max(times) * 1e3:>8.1f} ms"
        )
    full_median = statistics.median(stages["full recompute"]) * 1e3
    print(
        f"full recompute median {full_median:.1f} ms — goal < 100 ms: {'met' if full_median < 100 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
