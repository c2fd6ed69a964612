"""Benchmark of the comparison engine against DuckDB, Polars, naive pandas and a numpy floor.

Run: ``python bench/comparison.py [--quick] [--scale ring|national|both] [--repeat N]``.

Two scales, random data with a fixed seed, some values missing, some suppressed, many ties
(rates rounded to one decimal):

- ring: 81 cities × 79 key figures × 2 years (12,798 values);
- national: 10,800 municipalities × 100 key figures × 10 years (10.8 million values).

Every engine computes, for each city and key figure-year, the same figures: competition rank
(rank 1 = best by polarity), percentile ``100 × (n − rank) / (n − 1)``, group median and
quartiles (linear, Hyndman–Fan 7), deviation from the median and the z-score. The results are
checked to agree before anything is timed. Times are the median of ``--repeat`` runs; "peak"
is the rise of the process's resident memory during one run (Linux; reset through
``/proc/self/clear_refs``), "n/a" where that is not available.

The frame is ordered by key figure, year and AGS, as the service's query delivers it. Timed is
each engine's own work from its input to per-row results in Python memory; laying the results
side by side for the check is not timed.

Engines:

1. ours: ``group_comparison`` on the pandas value frame (computes more than the others: also
   the deviations from the mean, robust z with the MAD, corridor, verdict, the weighted ring
   value and the other per-group statistics); once more on the same rows shuffled;
2. duckdb: SQL window functions (``rank() over``, ``percent_rank``) and ``median`` /
   ``quantile_cont`` / ``avg`` / ``stddev_samp`` per group, scanning the same pandas frame,
   results fetched to numpy;
3. polars: the same query with ``over`` windows on a polars frame built beforehand (the
   conversion from pandas is not timed; its time is printed once);
4. pandas: a straightforward ``groupby().rank()`` / ``transform()`` version;
5. floor: ``numpy.sort`` of the values laid out densely (key figure × year × municipality),
   sorted along the municipality axis: the least any exact method has to do;
6. extra, not compared: our leave-one-out statistics (``group_statistics_excluding_self``).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt
import pandas as pd
import polars as pl

from vergleichsring.comparison.engine.grouping import group
from vergleichsring.comparison.engine.positions import (
    GroupComparison,
    group_comparison,
)
from vergleichsring.comparison.engine.statistics import group_statistics_excluding_self

FloatArray = npt.NDArray[np.float64]
BY = ["indicator", "measure", "year"]
SEED = 20_211_231
POLARITY_NAMES = ["higher_better", "lower_better", "neutral"]


@dataclass(frozen=True)
class Scale:
    name: str
    cities: int
    indicators: int
    years: int
    repeat: int


@dataclass
class Result:
    """Per input row: rank, percentile, median, q1, q3, deviation from the median, z."""

    rank: FloatArray
    percentile: FloatArray
    median: FloatArray
    q1: FloatArray
    q3: FloatArray
    dev_median: FloatArray
    z: FloatArray


RESULT_FIELDS = ("rank", "percentile", "median", "q1", "q3", "dev_median", "z")


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def build_frame(scale: Scale, seed: int = SEED) -> pd.DataFrame:
    """The long value frame, ordered by key figure, year and AGS (as a database would)."""
    rng = np.random.default_rng(seed)
    n_i, n_y, n_c = scale.indicators, scale.years, scale.cities
    size = n_i * n_y * n_c
    indicator_names = [f"KZ-{i:03d}" for i in range(n_i)]
    ags_names = [f"{5_000_000 + 37 * c:08d}" for c in range(n_c)]
    indicator = np.repeat(np.arange(n_i, dtype=np.int16), n_y * n_c)
    year = np.tile(np.repeat(np.arange(2012, 2012 + n_y, dtype=np.int64), n_c), n_i)
    ags = np.tile(np.arange(n_c, dtype=np.int16), n_i * n_y)
    population = rng.integers(200, 60_000, size=n_c)
    denominator = np.tile(population, n_i * n_y).astype(np.float64)
    share = np.repeat(rng.uniform(0.02, 0.6, size=n_i), n_y * n_c)
    city_effect = np.tile(rng.normal(0, 0.3, size=n_c), n_i * n_y)
    p = np.clip(share * np.exp(city_effect), 0.001, 0.999)
    numerator = rng.binomial(denominator.astype(np.int64), p).astype(np.float64)
    value = np.round(numerator / denominator * 100, 1)  # one decimal: many ties
    missing = rng.random(size) < 0.03
    value[missing] = np.nan
    numerator[missing] = np.nan
    suppressed = (rng.random(size) < 0.01) & ~missing
    polarity_of = rng.integers(0, 3, size=n_i)
    frame = pd.DataFrame(
        {
            "indicator": pd.Categorical.from_codes(indicator, categories=pd.Index(indicator_names)),
            "measure": pd.Categorical.from_codes(
                np.zeros(size, dtype=np.int8), categories=pd.Index(["value"])
            ),
            "ags": pd.Categorical.from_codes(ags, categories=pd.Index(ags_names)),
            "year": year,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "multiplier": np.full(size, 100.0),
            "suppressed": suppressed,
            "polarity": pd.Categorical.from_codes(
                polarity_of[indicator], categories=pd.Index(POLARITY_NAMES)
            ),
        }
    )
    return frame


def to_polars(frame: pd.DataFrame) -> pl.DataFrame:
    """The frame as polars columns (categoricals become enums); no pyarrow needed."""
    columns: dict[str, pl.Series] = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            categories = [str(c) for c in column.cat.categories]
            codes = column.cat.codes.to_numpy().astype(np.int64)
            columns[name] = pl.Series(name, categories, dtype=pl.Enum(categories)).gather(codes)
        else:
            columns[name] = pl.Series(name, column.to_numpy())
    columns["row_id"] = pl.Series("row_id", np.arange(len(frame), dtype=np.int64))
    return pl.DataFrame(columns)


# --------------------------------------------------------------------------------------------
# Engines
# --------------------------------------------------------------------------------------------


# Each engine is split into ``compute`` (timed: from its input to results in Python memory,
# per row) and ``convert`` (not timed: lays the results out as a ``Result`` for the check).


@dataclass(frozen=True)
class Engine:
    name: str
    compute: Callable[[], object]
    convert: Callable[[object], Result] | None  # None: nothing to compare (floor, extras)


def ours(frame: pd.DataFrame, name: str = "ours (engine)") -> Engine:
    def compute() -> GroupComparison:
        return group_comparison(frame, by=BY)

    def convert(out: object) -> Result:
        assert isinstance(out, GroupComparison)
        placed, stats = out.positions, out.statistics
        grouped = group(frame, BY)
        codes = grouped.unsort(grouped.group_of_place)  # per row the number of its group
        shown = placed["rank"].notna().to_numpy()
        restore = np.argsort(frame.index.to_numpy())  # back to row_id order if shuffled

        def per_row(values: FloatArray) -> FloatArray:
            return np.where(shown, values, np.nan)[restore]

        def column(name: str) -> FloatArray:
            return per_row(placed[name].to_numpy(dtype=np.float64, na_value=np.nan))

        def statistic(name: str) -> FloatArray:
            return per_row(stats[name].to_numpy(dtype=np.float64)[codes])

        return Result(
            rank=column("rank"),
            percentile=column("percentile"),
            median=statistic("median"),
            q1=statistic("q1"),
            q3=statistic("q3"),
            dev_median=column("dev_median"),
            z=column("z"),
        )

    return Engine(name, compute, convert)


def _scatter(size: int, row_id: npt.NDArray[np.int64], values: object) -> FloatArray:
    out = np.full(size, np.nan)
    out[row_id] = np.asarray(values, dtype=np.float64)
    return out


_DUCKDB_SQL = """
WITH v AS (
    SELECT row_id, indicator, measure, year, value,
           CASE WHEN polarity = 'lower_better' THEN value ELSE -value END AS sort_key
    FROM frame
    WHERE value IS NOT NULL AND isfinite(value) AND NOT suppressed
),
s AS (
    SELECT indicator, measure, year, count(*) AS n,
           avg(value) AS mean, stddev_samp(value) AS sd, median(value) AS median,
           quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3
    FROM v GROUP BY indicator, measure, year
),
r AS (
    SELECT row_id, indicator, measure, year, value,
           rank() OVER w AS rank, percent_rank() OVER w AS pr
    FROM v
    WINDOW w AS (PARTITION BY indicator, measure, year ORDER BY sort_key)
)
SELECT r.row_id, r.rank, 100 * (1 - r.pr) AS percentile, s.median, s.q1, s.q3,
       r.value - s.median AS dev_median, (r.value - s.mean) / nullif(s.sd, 0) AS z
FROM r JOIN s USING (indicator, measure, year)
WHERE s.n >= 5
"""


def duckdb_engine(frame: pd.DataFrame, con: duckdb.DuckDBPyConnection) -> Engine:
    """Window functions over the pandas frame (DuckDB scans it in place)."""

    def compute() -> dict[str, object]:
        con.register("frame", frame)
        try:
            out: dict[str, object] = dict(con.execute(_DUCKDB_SQL).fetchnumpy())
        finally:
            con.unregister("frame")
        return out

    def convert(out: object) -> Result:
        assert isinstance(out, dict)
        row_id = np.asarray(out["row_id"], dtype=np.int64)

        def column(name: str) -> FloatArray:
            values = np.ma.filled(np.ma.asarray(out[name], dtype=np.float64), np.nan)
            return _scatter(len(frame), row_id, values)

        return Result(*(column(name) for name in RESULT_FIELDS))

    return Engine("duckdb", compute, convert)


def polars_engine(frame: pl.DataFrame) -> Engine:
    """The same figures with ``over`` windows, lazily planned."""
    value = pl.col("value")
    n = pl.col("n")
    query = (
        frame.lazy()
        .filter(value.is_not_null() & value.is_finite() & ~pl.col("suppressed"))
        .with_columns(
            sort_key=pl.when(pl.col("polarity") == "lower_better").then(value).otherwise(-value)
        )
        .with_columns(
            rank=pl.col("sort_key").rank("min").over(BY).cast(pl.Float64),
            n=pl.len().over(BY).cast(pl.Float64),
            mean=value.mean().over(BY),
            sd=value.std().over(BY),
            median=value.median().over(BY),
            q1=value.quantile(0.25, "linear").over(BY),
            q3=value.quantile(0.75, "linear").over(BY),
        )
        .filter(n >= 5)
        .select(
            "row_id",
            "rank",
            percentile=100 * (n - pl.col("rank")) / (n - 1),
            median="median",
            q1="q1",
            q3="q3",
            dev_median=value - pl.col("median"),
            z=(value - pl.col("mean")) / pl.when(pl.col("sd") > 0).then(pl.col("sd")),
        )
    )

    def compute() -> pl.DataFrame:
        return query.collect()

    def convert(out: object) -> Result:
        assert isinstance(out, pl.DataFrame)
        row_id = out["row_id"].to_numpy()

        def column(name: str) -> FloatArray:
            return _scatter(frame.height, row_id, out[name].fill_null(np.nan).to_numpy())

        return Result(*(column(name) for name in RESULT_FIELDS))

    return Engine("polars", compute, convert)


def pandas_engine(frame: pd.DataFrame) -> Engine:
    """What one writes first in pandas: ``groupby().rank()`` and ``transform()``."""

    def compute() -> dict[str, pd.Series]:
        ok = frame["value"].notna() & ~frame["suppressed"]
        data = frame.loc[ok, [*BY, "value", "polarity"]]
        value = data["value"]
        sort_key = value.where(data["polarity"] == "lower_better", -value)
        grouped = data.groupby(BY, observed=True, sort=False)["value"]
        n = grouped.transform("count")
        rank = sort_key.groupby([data[c] for c in BY], observed=True, sort=False).rank(method="min")
        mean = grouped.transform("mean")
        sd = grouped.transform("std")
        median = grouped.transform("median")
        keep = n >= 5
        return {
            "rank": rank[keep],
            "percentile": (100 * (n - rank) / (n - 1))[keep],
            "median": median[keep],
            "q1": grouped.transform("quantile", 0.25)[keep],
            "q3": grouped.transform("quantile", 0.75)[keep],
            "dev_median": (value - median)[keep],
            "z": ((value - mean) / sd.where(sd > 0))[keep],
        }

    def convert(out: object) -> Result:
        assert isinstance(out, dict)

        def column(name: str) -> FloatArray:
            series = out[name]
            rows = series.index.to_numpy(dtype=np.int64)
            return _scatter(len(frame), rows, series.to_numpy(dtype=np.float64))

        return Result(*(column(name) for name in RESULT_FIELDS))

    return Engine("pandas (naive)", compute, convert)


def floor_engine(dense: FloatArray) -> Engine:
    """``numpy.sort`` along the municipality axis of the dense values: no result to check."""

    def compute() -> FloatArray:
        return np.sort(dense, axis=-1)

    return Engine("numpy sort (floor)", compute, None)


def leave_one_out_engine(frame: pd.DataFrame) -> Engine:
    """Not part of the comparison: n, mean, median and quartiles without the own city, per row
    (checked against a brute-force loop in the tests); timed to show it stays vectorised."""

    def compute() -> pd.DataFrame:
        return group_statistics_excluding_self(frame, by=BY)

    return Engine("ours: leave-one-out", compute, None)


# --------------------------------------------------------------------------------------------
# Checking and timing
# --------------------------------------------------------------------------------------------


def check(reference: Result, other: Result, label: str) -> None:
    """Ranks equal; statistics equal up to floating-point noise; same rows present."""
    np.testing.assert_array_equal(reference.rank, other.rank, err_msg=f"{label}: rank")
    for name in ("percentile", "median", "q1", "q3", "dev_median"):
        np.testing.assert_allclose(
            getattr(other, name),
            getattr(reference, name),
            rtol=1e-9,
            atol=1e-9,
            err_msg=f"{label}: {name}",
        )
    np.testing.assert_allclose(other.z, reference.z, rtol=1e-7, atol=1e-9, err_msg=f"{label}: z")


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(run: Callable[[], object], repeat: int) -> tuple[float, float | None]:
    """Median wall time of ``repeat`` runs, and the peak rise of resident memory in MiB."""
    times: list[float] = []
    peak: float | None = None
    for _ in range(repeat):
        gc.collect()
        before = _status_kib("VmRSS")
        can_track = _reset_peak() and before is not None
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
        high = _status_kib("VmHWM")
        if can_track and high is not None and before is not None:
            rise = (high - before) / 1024
            peak = rise if peak is None else max(peak, rise)
        del result
    return statistics.median(times), peak


@dataclass
class Row:
    scale: str
    engine: str
    seconds: float
    peak_mib: float | None


def bench_scale(scale: Scale) -> list[Row]:
    print(
        f"\n== {scale.name}: {scale.cities:,} municipalities × {scale.indicators} key figures × "
        f"{scale.years} years ==",
        flush=True,
    )
    start = time.perf_counter()
    frame = build_frame(scale)
    print(
        f"built {len(frame):,} rows in {time.perf_counter() - start:.1f} s "
        f"({frame.memory_usage(deep=True).sum() / 2**20:,.0f} MiB)",
        flush=True,
    )
    start = time.perf_counter()
    polars_frame = to_polars(frame)
    print(f"pandas → polars conversion (not timed below): {time.perf_counter() - start:.2f} s")
    with_row_id = frame.assign(row_id=np.arange(len(frame), dtype=np.int64))
    shuffled = frame.sample(frac=1.0, random_state=SEED)
    dense = frame["value"].to_numpy().reshape(scale.indicators * scale.years, scale.cities)
    con = duckdb.connect()
    engines = [
        ours(frame),
        ours(shuffled, "ours, rows shuffled"),
        duckdb_engine(with_row_id, con),
        polars_engine(polars_frame),
        pandas_engine(frame),
        floor_engine(dense),
        leave_one_out_engine(frame),
    ]

    start = time.perf_counter()
    first = engines[0]
    assert first.convert is not None
    reference = first.convert(first.compute())
    ranked = int(np.isfinite(reference.rank).sum())
    print(f"checking agreement on {ranked:,} ranked values …", flush=True)
    for engine in engines[1:]:
        if engine.convert is not None:
            check(reference, engine.convert(engine.compute()), engine.name)
    floor = np.sort(dense, axis=-1)
    assert np.array_equal(np.isfinite(floor).sum(axis=-1), np.isfinite(dense).sum(axis=-1))
    print(f"all engines agree ({time.perf_counter() - start:.1f} s)", flush=True)
    del reference, floor

    rows: list[Row] = []
    for engine in engines:
        seconds, peak = measure(engine.compute, scale.repeat)
        rows.append(Row(scale.name, engine.name, seconds, peak))
        peak_text = "n/a" if peak is None else f"{peak:,.0f} MiB"
        print(f"  {engine.name:20s} {seconds * 1000:10.1f} ms   peak +{peak_text}", flush=True)
    con.close()
    return rows


def print_table(rows: list[Row]) -> None:
    print("\n| scale | engine | median time | vs DuckDB | vs ours | peak memory rise |")
    print("|---|---|---:|---:|---:|---:|")
    for scale in dict.fromkeys(r.scale for r in rows):
        group = [r for r in rows if r.scale == scale]
        duck = next(r.seconds for r in group if r.engine == "duckdb")
        ours = next(r.seconds for r in group if r.engine == "ours (engine)")
        for r in group:
            peak = "n/a" if r.peak_mib is None else f"{r.peak_mib:,.0f} MiB"
            time_text = f"{r.seconds * 1000:,.1f} ms" if r.seconds < 1 else f"{r.seconds:,.2f} s"
            print(
                f"| {scale} | {r.engine} | {time_text} | {r.seconds / duck:.2f}× | "
                f"{r.seconds / ours:.2f}× | {peak} |"
            )


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["ring", "national", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=None, help="runs per engine (median)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tenth of the national municipalities and fewer repeats (a smoke run)",
    )
    args = parser.parse_args(argv)
    ring = Scale("ring", 81, 79, 2, args.repeat or (5 if args.quick else 25))
    national = Scale(
        "national",
        1_080 if args.quick else 10_800,
        100,
        10,
        args.repeat or (1 if args.quick else 3),
    )
    if args.quick:
        national = Scale("national (quick, 1/10)", *list(national.__dict__.values())[1:])
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"duckdb {duckdb.__version__}, polars {pl.__version__}; {os.cpu_count()} CPUs "
        f"(polars threads: {pl.thread_pool_size()}); load average {_load()}"
    )
    rows: list[Row] = []
    if args.scale in ("ring", "both"):
        rows += bench_scale(ring)
    if args.scale in ("national", "both"):
        rows += bench_scale(national)
    print_table(rows)
    print(f"\nload average at the end: {_load()} (other work on the machine distorts the times)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
