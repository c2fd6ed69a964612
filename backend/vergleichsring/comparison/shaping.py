"""Shaping the recomputed round into answers: rounding and NaN → null happen here, once.

:func:`compare` reads one key figure, measure, year and peer group from the round's ring
comparison (computed once per data version) and shapes its statistics and rows; the result is
memoised on the round's data.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from vergleichsring.catalog.models import IndicatorKind, Polarity
from vergleichsring.comparison.definitions import IndicatorMeta
from vergleichsring.comparison.peer_groups import Group
from vergleichsring.comparison.round_data import RoundData
from vergleichsring.comparison.schemas import (
    ComparisonRow,
    Conventions,
    ExcludingSelf,
    IndicatorBrief,
    Statistics,
)
from vergleichsring.core.errors import ErrorItem, NotFound, ValidationFailed

__all__ = ["NOT_APPROVED", "Compared", "brief", "compare", "conventions", "format_de"]

NOT_APPROVED = "Meldung noch nicht freigegeben"
MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "value": ("Wert", "value"),
    "A": ("Gruppe A", "group A"),
    "B": ("Gruppe B", "group B"),
    "gap": ("Lücke A − B", "gap A − B"),
    "ratio": ("Disparitätsfaktor A / B", "disparity ratio A / B"),
}


def num(value: object, digits: int = 6) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else round(number, digits)


def integer(value: object) -> int | None:
    number = num(value)
    return None if number is None else int(number)


def text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def format_de(value: float | None, decimals: int) -> str:
    if value is None:
        return "-"
    shown = f"{value:,.{decimals}f}"
    return shown.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def brief(meta: IndicatorMeta, measure: str) -> IndicatorBrief:
    de, en = MEASURE_LABELS[measure]
    if measure == "A" and meta.group_a_de:
        de = meta.group_a_de
    if measure == "B" and meta.group_b_de:
        de = meta.group_b_de
    return IndicatorBrief(
        code=meta.code,
        field=meta.field,
        name_de=meta.name_de,
        name_en=meta.name_en,
        unit="" if measure == "ratio" else meta.unit,
        kind=meta.kind,
        polarity=meta.polarity,
        decimals=2 if measure == "ratio" else meta.decimals,
        context=meta.context,
        measure=measure,
        measure_label_de=de,
        measure_label_en=en,
        group_a_de=meta.group_a_de,
        group_b_de=meta.group_b_de,
        published_source=meta.published_source,
    )


def statistics(row: dict[Hashable, Any] | None) -> Statistics:
    if row is None:
        return Statistics(
            n=0,
            mean=None,
            weighted=None,
            median=None,
            min=None,
            max=None,
            q1=None,
            q3=None,
            iqr=None,
            sd=None,
            withheld="keine Werte",
        )
    return Statistics(
        n=int(row["n"]),
        **{k: num(row[k]) for k in ("mean", "weighted", "median", "min", "max", "q1", "q3")},
        iqr=num(row["iqr"]),
        sd=num(row["sd"]),
        withheld=text(row["withheld"]),
    )


def conventions(meta: IndicatorMeta, data: RoundData) -> Conventions:
    direction = {
        Polarity.higher_better: "rank 1 = highest value (higher is better)",
        Polarity.lower_better: "rank 1 = lowest value (lower is better)",
        Polarity.neutral: "ordered by size, rank 1 = highest; neutral: no better or worse",
    }[meta.polarity]
    gap = None
    if meta.kind == IndicatorKind.gap:
        gap = (
            f"gap = A ({meta.group_a_de}) − B ({meta.group_b_de}) in the key figure's unit "
            "(percentage points for %); ratio = A / B; ranked by the polarity read from A's side"
        )
    return Conventions(
        rank_direction=direction,
        polarity=meta.polarity,
        gap=gap,
        min_group_size=data.min_group_size,
    )


@dataclass(frozen=True)
class Compared:
    statistics: Statistics
    rows: dict[str, ComparisonRow]  # by AGS, labels filled per viewer later


def compare(
    data: RoundData, meta: IndicatorMeta, measure: str, year: int, group: Group
) -> Compared:
    """Statistics and every member's position for one key figure, measure, year and group."""
    key = ("compare", meta.code, measure, year, group.brief.id)
    return data.remember(key, lambda: _shape(data, meta, measure, year, group))


def _pairs(data: RoundData, code: str, year: int) -> dict[str, tuple[float | None, float | None]]:
    def build() -> dict[str, tuple[float | None, float | None]]:
        frame = data.values
        rows = frame[
            (frame["indicator"] == code)
            & (frame["year"] == year)
            & frame["measure"].isin(["A", "B"])
        ]
        found: dict[str, list[float | None]] = {}
        for ags, measure, value, hidden in rows[
            ["ags", "measure", "value", "suppressed"]
        ].itertuples(index=False):
            slot = found.setdefault(str(ags), [None, None])
            slot[0 if measure == "A" else 1] = None if hidden else num(value)
        return {k: (v[0], v[1]) for k, v in found.items()}

    return data.remember(("pairs", code, year), build)


def _shape(data: RoundData, meta: IndicatorMeta, measure: str, year: int, group: Group) -> Compared:
    number = data.index.get((meta.code, measure, year, group.brief.id))
    if number is None:
        return Compared(statistics(None), {})
    result = data.result
    stats: dict[Hashable, Any] = result.statistics.iloc[number].to_dict()
    placed = result.rows.iloc[result.bounds[number] : result.bounds[number + 1]]
    rows_at = placed["row"].to_numpy()
    values = data.values.iloc[rows_at].to_dict(orient="records")
    per_value = result.per_value.iloc[rows_at].to_dict(orient="records")
    pairs = _pairs(data, meta.code, year) if measure == "gap" else {}
    decimals = 2 if measure == "ratio" else meta.decimals
    rows: dict[str, ComparisonRow] = {}
    for row, pos, extra in zip(values, placed.to_dict(orient="records"), per_value, strict=True):
        ags = str(row["ags"])
        hidden = bool(row["suppressed"])
        value = None if hidden else num(row["value"])
        status = "suppressed" if hidden else ("ok" if value is not None else "missing")
        missing = None
        if status == "missing":
            missing = NOT_APPROVED if (ags, year) not in data.approved else text(row["reason"])
        differs = pos["differs_from_median"]
        a_b = pairs.get(ags, (None, None))
        rows[ags] = ComparisonRow(
            label="",
            ags=None,
            own=False,
            value=value,
            display="." if hidden else format_de(value, decimals),
            suppressed=hidden,
            suppression_reason=text(row.get("suppression_reason")) if hidden else None,
            missing_reason=missing,
            status=status,
            rank=integer(pos["rank"]),
            rank_n=integer(pos["rank_n"]),
            percentile=num(pos["percentile"], 2),
            dev_mean=num(pos["dev_mean"]),
            dev_mean_pct=num(pos["dev_mean_pct"], 3),
            dev_median=num(pos["dev_median"]),
            dev_median_pct=num(pos["dev_median_pct"], 3),
            z=num(pos["z"], 4),
            robust_z=num(pos["robust_z"], 4),
            previous=num(extra["previous"]),
            change_abs=num(extra["change_abs"]),
            change_pct=num(extra["change_pct"], 3),
            corridor=text(pos["corridor"]),
            verdict=None if meta.polarity == Polarity.neutral else text(pos["verdict"]),
            ci_low=num(extra["ci_low"]),
            ci_high=num(extra["ci_high"]),
            differs_from_median=None if differs is pd.NA or differs is None else bool(differs),
            excluding_self=ExcludingSelf(
                n=int(pos["ex_n"]),
                mean=num(pos["ex_mean"]),
                median=num(pos["ex_median"]),
                withheld=text(pos["ex_withheld"]),
            ),
            value_a=a_b[0],
            value_b=a_b[1],
        )
    return Compared(statistics(stats), rows)


# --- what a request asks for -------------------------------------------------------------


def meta_for(data: RoundData, code: str, measure: str | None) -> tuple[IndicatorMeta, str]:
    meta = data.indicators.get(code)
    if meta is None:
        raise NotFound(f"No key figure {code!r} in this round's catalogue.")
    if meta.kind == IndicatorKind.category:
        raise ValidationFailed(
            f"{code} is a category from master data; it has no values to compare.",
            errors=[ErrorItem(loc=["path", "code"], msg="category")],
        )
    chosen = measure or meta.default_measure
    if chosen not in meta.measures:
        raise ValidationFailed(
            f"{code} has the measures {', '.join(meta.measures)}, not {chosen!r}.",
            errors=[ErrorItem(loc=["query", "measure"], msg="unknown measure")],
        )
    return meta, chosen


def year_for(data: RoundData, year: int | None) -> int:
    chosen = year if year is not None else max(data.years)
    if chosen not in data.years:
        raise ValidationFailed(
            f"The round covers the data years {', '.join(map(str, data.years))}, not {chosen}.",
            errors=[ErrorItem(loc=["query", "year"], msg="not a data year of the round")],
        )
    return chosen
