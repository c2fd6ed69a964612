"""The comparison service: load approved data, call the engine, shape the answer, cache.

Approved base figures are read through ``submissions.repository.approved_values`` only. Key
figures and disclosure control are computed once per round and data version (a fingerprint of
the approved submissions and the ring's settings) and kept in a small in-process cache; every
shaped answer is memoised on that version too, so a request never recomputes what has not
changed. Suppressed values are redacted before anything is shaped, so they cannot leave the
server in any form. Rounding and NaN → null happen here, once.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.catalog import repository as catalog_repository
from vergleichsring.catalog.formula import parse_formula
from vergleichsring.catalog.models import Indicator, IndicatorKind, Polarity
from vergleichsring.comparison import engine
from vergleichsring.comparison.engine.intervals import differs_from, rate_intervals
from vergleichsring.comparison.engine.positions import changes, group_comparison
from vergleichsring.comparison.engine.statistics import group_statistics_excluding_self
from vergleichsring.comparison.engine.suppression import (
    primary_suppression,
    redact,
    secondary_suppression,
)
from vergleichsring.comparison.models import PeerGroup, PeerGroupKind, PeerGroupMember
from vergleichsring.comparison.schemas import (
    BoxPlot,
    ComparisonRow,
    Conventions,
    Distribution,
    ExcludingSelf,
    IndicatorBrief,
    IndicatorComparison,
    Measure,
    Neighbour,
    Neighbours,
    PeerGroupBrief,
    PeerGroupCreate,
    PeerGroupMemberRead,
    PeerGroupRead,
    Profile,
    ProfileEntry,
    Scatter,
    ScatterPoint,
    Statistics,
)
from vergleichsring.core.errors import Conflict, ErrorItem, NotFound, ValidationFailed
from vergleichsring.municipalities.models import Municipality, MunicipalityFact
from vergleichsring.municipalities.repository import POPULATION
from vergleichsring.municipalities.size_class import size_class
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import DisplayRule, RingIndicatorSetting, Round, RoundParticipant
from vergleichsring.submissions import repository as submission_repository

T = TypeVar("T")

# Structural variables for data-driven peer groups (the KON-* rows of the catalogue).
CLUSTER_VARIABLES = ("KON-01", "KON-03", "KON-05", "KON-06", "KON-08")
MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "value": ("Wert", "value"),
    "A": ("Gruppe A", "group A"),
    "B": ("Gruppe B", "group B"),
    "gap": ("Lücke A − B", "gap A − B"),
    "ratio": ("Disparitätsfaktor A / B", "disparity ratio A / B"),
}


# --- the per-round computation -------------------------------------------------------------


@dataclass(frozen=True)
class Participant:
    municipality_id: int
    ags: str
    name: str
    pseudonym: str
    size_class: str | None
    east_west: str
    state: str
    kreisfrei: bool


@dataclass(frozen=True)
class IndicatorMeta:
    code: str
    field: str
    name_de: str
    name_en: str
    unit: str
    kind: IndicatorKind
    polarity: Polarity
    decimals: int
    multiplier: float
    context: bool
    group_a_de: str | None
    group_b_de: str | None

    @property
    def measures(self) -> tuple[str, ...]:
        return ("gap", "A", "B", "ratio") if self.kind == IndicatorKind.gap else ("value",)

    @property
    def default_measure(self) -> str:
        return self.measures[0]


@dataclass
class RoundData:
    round_id: int
    version: str
    years: tuple[int, ...]
    min_group_size: int
    display_rule: DisplayRule
    ring_id: int
    synthetic: bool
    participants: tuple[Participant, ...]
    indicators: dict[str, IndicatorMeta]
    values: pd.DataFrame
    approved: frozenset[tuple[str, int]]  # (ags, year) with an approved submission
    memo: dict[Hashable, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def by_ags(self) -> dict[str, Participant]:
        return {p.ags: p for p in self.participants}

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self.lock:
            if key in self.memo:
                found: T = self.memo[key]
                return found
        result = compute()
        with self.lock:
            self.memo[key] = result
        return result


class ComparisonCache:
    """Round computations by (round, data version); a few rounds are kept, least recent out."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._items: OrderedDict[tuple[int, str], RoundData] = OrderedDict()
        self._lock = threading.Lock()
        self.computations = 0

    def get(self, key: tuple[int, str], build: Callable[[], RoundData]) -> RoundData:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        data = build()
        with self._lock:
            self.computations += 1
            self._items[key] = data
            for old in [k for k in self._items if k[0] == key[0] and k != key]:
                del self._items[old]  # an older version of the same round is never asked again
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return data


def data_version(db: Session, rnd: Round) -> str:
    approved = submission_repository.approved_data_version(db, round_id=rnd.id)
    settings = db.execute(
        select(func.count(RingIndicatorSetting.id), func.max(RingIndicatorSetting.id)).where(
            RingIndicatorSetting.ring_id == rnd.ring_id
        )
    ).one()
    return f"{approved}|{settings[0]}:{settings[1]}"


def _participants(db: Session, rnd: Round) -> tuple[Participant, ...]:
    rows = db.execute(
        select(Municipality, RoundParticipant.pseudonym)
        .join(RoundParticipant, RoundParticipant.municipality_id == Municipality.id)
        .where(RoundParticipant.round_id == rnd.id)
        .options(selectinload(Municipality.facts))
        .order_by(Municipality.ags)
    ).all()
    result = []
    for municipality, pseudonym in rows:
        population = _population(municipality.facts, max(rnd.years))
        result.append(
            Participant(
                municipality_id=municipality.id,
                ags=municipality.ags,
                name=municipality.name,
                pseudonym=pseudonym,
                size_class=size_class(population),
                east_west=municipality.east_west.value,
                state=municipality.state_code,
                kreisfrei=municipality.kreisfrei,
            )
        )
    return tuple(result)


def _population(facts: Iterable[MunicipalityFact], year: int) -> float | None:
    known = sorted(
        (f for f in facts if f.variable == POPULATION and f.value is not None and f.year <= year),
        key=lambda f: f.year,
    )
    return known[-1].value if known else None


def _indicators(
    db: Session, rnd: Round
) -> tuple[dict[str, IndicatorMeta], list[engine.IndicatorDef], dict[str, str]]:
    overrides = {
        s.indicator_code: s.polarity
        for s in db.scalars(
            select(RingIndicatorSetting).where(RingIndicatorSetting.ring_id == rnd.ring_id)
        )
    }
    fields = {
        f.id: f.code
        for f in catalog_repository.list_fields(db, catalog_version_id=rnd.catalog_version_id)
    }
    metas: dict[str, IndicatorMeta] = {}
    defs: list[engine.IndicatorDef] = []
    rows: list[Indicator] = list(
        catalog_repository.list_indicators(db, catalog_version_id=rnd.catalog_version_id)
    )
    for ind in rows:
        polarity = overrides.get(ind.code, ind.polarity)
        groups = {f.group.value: f for f in ind.formulas}
        metas[ind.code] = IndicatorMeta(
            code=ind.code,
            field=fields[ind.field_id],
            name_de=ind.name_de,
            name_en=ind.name_en,
            unit=ind.unit,
            kind=ind.kind,
            polarity=polarity,
            decimals=ind.decimals,
            multiplier=ind.multiplier,
            context=ind.context,
            group_a_de=groups["A"].label_de if "A" in groups else None,
            group_b_de=groups["B"].label_de if "B" in groups else None,
        )
        if ind.kind == IndicatorKind.category or not ind.formulas:
            continue
        defs.append(
            engine.IndicatorDef(
                code=ind.code,
                kind=ind.kind.value,
                multiplier=ind.multiplier,
                polarity=polarity.value,
                suppression_threshold=ind.suppression_threshold,
                formulas=tuple(
                    engine.GroupFormula(
                        group=f.group.value,
                        numerator=parse_formula(f.numerator),
                        denominator=None if f.denominator is None else parse_formula(f.denominator),
                    )
                    for f in ind.formulas
                ),
            )
        )
    stand_ins = {
        b.code: b.previous_year_of
        for b in catalog_repository.list_base_figures(db, catalog_version_id=rnd.catalog_version_id)
        if b.previous_year_of
    }
    return metas, defs, stand_ins


def compute_round(db: Session, rnd: Round, version: str) -> RoundData:
    metas, defs, stand_ins = _indicators(db, rnd)
    base = pd.DataFrame(
        submission_repository.approved_values(db, round_id=rnd.id),
        columns=["ags", "year", "base_figure", "value", "status"],
    )
    base["value"] = pd.to_numeric(base["value"], errors="coerce").astype("float64")
    values = engine.key_figures(base, defs, previous_year_of=stand_ins)
    values = redact(secondary_suppression(primary_suppression(values)))
    return RoundData(
        round_id=rnd.id,
        version=version,
        years=tuple(rnd.years),
        min_group_size=rnd.min_group_size,
        display_rule=rnd.display_rule,
        ring_id=rnd.ring_id,
        synthetic=rnd.synthetic_data,
        participants=_participants(db, rnd),
        approved=frozenset(
            (str(a), int(y))
            for a, y in base[["ags", "year"]].drop_duplicates().itertuples(index=False)
        ),
        indicators=metas,
        values=values.reset_index(drop=True),
    )


def round_data(db: Session, rnd: Round, cache: ComparisonCache) -> RoundData:
    version = data_version(db, rnd)
    return cache.get((rnd.id, version), lambda: compute_round(db, rnd, version))


# --- who sees which name -------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    names_everywhere: bool
    own_ags: frozenset[str]

    def label(self, p: Participant) -> tuple[str, str | None]:
        if self.names_everywhere or p.ags in self.own_ags:
            return p.name, p.ags
        return p.pseudonym, None


def viewer_for(principal: Principal, rnd: Round, data: RoundData) -> Viewer:
    moderator = round_service.is_round_moderator(principal, rnd, Action.read_comparison)
    own_ids = principal.municipality_ids(Action.read_comparison)
    own = frozenset(p.ags for p in data.participants if p.municipality_id in own_ids)
    return Viewer(names_everywhere=moderator or data.display_rule == DisplayRule.named, own_ags=own)


# --- peer groups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    brief: PeerGroupBrief
    members: frozenset[str]
    method: str
    parameters: dict[str, object]


def _simple_groups(data: RoundData) -> list[Group]:
    def build() -> list[Group]:
        cities = pd.DataFrame(
            {
                "ags": [p.ags for p in data.participants],
                "size_class": [p.size_class for p in data.participants],
                "east_west": [p.east_west for p in data.participants],
                "state": [p.state for p in data.participants],
                "kreisfrei": [p.kreisfrei for p in data.participants],
            }
        )
        everyone = frozenset(cities["ags"])
        groups = [
            Group(
                PeerGroupBrief(
                    id="all",
                    type="all",
                    name_de="Alle Städte der Runde",
                    name_en="All cities of the round",
                    size=len(everyone),
                ),
                everyone,
                "alle teilnehmenden Städte",
                {},
            )
        ]
        if cities.empty:
            return groups
        simple = engine.simple_groups(cities)
        for (gtype, gcode), rows in simple.groupby(["group_type", "group"], sort=False):
            members = frozenset(str(a) for a in rows["ags"])
            groups.append(
                Group(
                    PeerGroupBrief(
                        id=f"{gtype}:{gcode}",
                        type=str(gtype),
                        name_de=str(rows["label_de"].iloc[0]),
                        name_en=str(rows["label_en"].iloc[0]),
                        size=len(members),
                    ),
                    members,
                    f"Stammdaten: {gtype}",
                    {},
                )
            )
        return groups

    return data.remember(("simple_groups",), build)


def _stored_groups(db: Session, round_id: int, by_id: dict[int, str]) -> list[Group]:
    rows = db.scalars(
        select(PeerGroup)
        .where(PeerGroup.round_id == round_id)
        .options(selectinload(PeerGroup.members))
        .order_by(PeerGroup.kind, PeerGroup.code)
    ).all()
    groups = []
    for g in rows:
        members = frozenset(
            by_id[m.municipality_id] for m in g.members if m.municipality_id in by_id
        )
        prefix = "cluster" if g.kind == PeerGroupKind.cluster else "custom"
        groups.append(
            Group(
                PeerGroupBrief(
                    id=f"{prefix}:{g.code}",
                    type=prefix,
                    name_de=g.name,
                    name_en=g.name,
                    size=len(members),
                ),
                members,
                g.method,
                dict(g.parameters),
            )
        )
    return groups


def context_frame(data: RoundData) -> pd.DataFrame:
    """The structural variables per city from the approved KON-* key figures (latest year,
    falling back to the year before for a city without approved data in the latest)."""
    frame = data.values
    rows = frame[frame["indicator"].isin(CLUSTER_VARIABLES) & (frame["measure"] == "value")]
    rows = rows[np.isfinite(rows["value"].to_numpy(dtype=np.float64, na_value=np.nan))]
    rows = rows.sort_values("year").drop_duplicates(["ags", "indicator"], keep="last")
    wide: pd.DataFrame = rows.pivot(index="ags", columns="indicator", values="value")
    ordered: pd.DataFrame = wide.reindex(
        columns=[c for c in CLUSTER_VARIABLES if c in wide.columns]
    )
    return ordered


def freeze_clusters(db: Session, rnd: Round, data: RoundData) -> None:
    """Compute the data-driven peer groups once and store them with method and variables."""
    exists = db.scalar(
        select(func.count(PeerGroup.id)).where(
            PeerGroup.round_id == rnd.id, PeerGroup.kind == PeerGroupKind.cluster
        )
    )
    if exists:
        return
    context = context_frame(data)
    if len(context) < 4 or context.shape[1] < 2:
        return
    result = engine.ward_clusters(context)
    ids = {p.ags: p.municipality_id for p in data.participants}
    parameters: dict[str, object] = {
        "variables": list(result.variables),
        "k": result.k,
        "silhouette_by_k": {str(k): round(v, 4) for k, v in result.silhouette_by_k.items()},
        "means": {k: round(float(v), 4) for k, v in result.means.items()},
        "sds": {k: round(float(v), 4) for k, v in result.sds.items()},
        "imputed": result.imputed.astype(object).to_dict(orient="records"),
        "data_version": data.version,
    }
    for cluster in range(1, result.k + 1):
        group = PeerGroup(
            round_id=rnd.id,
            kind=PeerGroupKind.cluster,
            code=str(cluster),
            name=f"Cluster {cluster}",
            method=result.method,
            parameters=parameters,
            members=[PeerGroupMember(municipality_id=ids[a]) for a in result.members(cluster)],
        )
        db.add(group)
    db.flush()


def all_groups(db: Session, rnd: Round, data: RoundData) -> list[Group]:
    freeze_clusters(db, rnd, data)
    by_id = {p.municipality_id: p.ags for p in data.participants}
    return [*_simple_groups(data), *_stored_groups(db, rnd.id, by_id)]


def find_group(db: Session, rnd: Round, data: RoundData, group_id: str) -> Group:
    if group_id == "all":
        return _simple_groups(data)[0]
    for group in all_groups(db, rnd, data):
        if group.brief.id == group_id:
            return group
    raise NotFound(f"No peer group {group_id!r} in round {rnd.id}.")


# --- shaping -------------------------------------------------------------------------------


def _num(value: object, digits: int = 6) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else round(number, digits)


def _int(value: object) -> int | None:
    number = _num(value)
    return None if number is None else int(number)


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def format_de(value: float | None, decimals: int) -> str:
    if value is None:
        return "-"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _brief(meta: IndicatorMeta, measure: str) -> IndicatorBrief:
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
    )


def _statistics(row: pd.Series | None) -> Statistics:
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
        mean=_num(row["mean"]),
        weighted=_num(row["weighted"]),
        median=_num(row["median"]),
        min=_num(row["min"]),
        max=_num(row["max"]),
        q1=_num(row["q1"]),
        q3=_num(row["q3"]),
        iqr=_num(row["iqr"]),
        sd=_num(row["sd"]),
        withheld=_text(row["withheld"]),
    )


def _conventions(meta: IndicatorMeta, data: RoundData) -> Conventions:
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


def _compare(
    data: RoundData, meta: IndicatorMeta, measure: str, year: int, group: Group
) -> Compared:
    """Statistics and every member's position for one key figure, measure and year (memoised)."""
    key = ("compare", meta.code, measure, year, group.brief.id, group.members)
    return data.remember(key, lambda: _compute_compare(data, meta, measure, year, group))


def _compute_compare(
    data: RoundData, meta: IndicatorMeta, measure: str, year: int, group: Group
) -> Compared:
    frame = data.values
    mask = (
        (frame["indicator"] == meta.code)
        & (frame["measure"] == measure)
        & frame["ags"].isin(list(group.members))
    )
    both = frame[mask & frame["year"].isin([year, year - 1])]
    current = both[both["year"] == year]
    if current.empty:
        return Compared(_statistics(None), {})
    comparison = group_comparison(current, min_group_size=data.min_group_size)
    stats = comparison.statistics.iloc[0]
    placed = comparison.positions
    excluding = group_statistics_excluding_self(current, min_group_size=data.min_group_size)
    moved = changes(both).loc[current.index]
    ci = rate_intervals(current)
    differs = differs_from(
        ci["ci_low"].to_numpy(), ci["ci_high"].to_numpy(), np.full(len(current), stats["median"])
    )
    pair = _pair_values(data, meta, year, group) if measure == "gap" else {}
    place: dict[Hashable, dict[Hashable, Any]] = placed.to_dict(orient="index")
    move: dict[Hashable, dict[Hashable, Any]] = moved.to_dict(orient="index")
    interval: dict[Hashable, dict[Hashable, Any]] = ci.to_dict(orient="index")
    others: dict[Hashable, dict[Hashable, Any]] = excluding.to_dict(orient="index")
    rows: dict[str, ComparisonRow] = {}
    records: list[dict[Hashable, Any]] = current.to_dict(orient="records")
    for i, (idx, row) in enumerate(zip(current.index, records, strict=True)):
        ags = str(row["ags"])
        suppressed = bool(row["suppressed"])
        value = None if suppressed else _num(row["value"])
        status = "suppressed" if suppressed else ("ok" if value is not None else "missing")
        pos, mv, iv, ex = place[idx], move[idx], interval[idx], others[idx]
        decimals = 2 if measure == "ratio" else meta.decimals
        differs_i = differs[i]
        a_b = pair.get(ags, (None, None))
        rows[ags] = ComparisonRow(
            label="",
            ags=None,
            own=False,
            value=value,
            display="." if suppressed else format_de(value, decimals),
            suppressed=suppressed,
            suppression_reason=_text(row.get("suppression_reason")) if suppressed else None,
            missing_reason=_missing_reason(data, ags, year, row) if status == "missing" else None,
            status=status,
            rank=_int(pos["rank"]),
            rank_n=_int(pos["rank_n"]),
            percentile=_num(pos["percentile"], 2),
            dev_mean=_num(pos["dev_mean"]),
            dev_mean_pct=_num(pos["dev_mean_pct"], 3),
            dev_median=_num(pos["dev_median"]),
            dev_median_pct=_num(pos["dev_median_pct"], 3),
            z=_num(pos["z"], 4),
            robust_z=_num(pos["robust_z"], 4),
            previous=_num(mv["previous"]),
            change_abs=_num(mv["change_abs"]),
            change_pct=_num(mv["change_pct"], 3),
            corridor=_text(pos["corridor"]),
            verdict=None if meta.polarity == Polarity.neutral else _text(pos["verdict"]),
            ci_low=_num(iv["ci_low"]),
            ci_high=_num(iv["ci_high"]),
            differs_from_median=None if differs_i is pd.NA else bool(differs_i),
            excluding_self=ExcludingSelf(
                n=int(ex["n"]),
                mean=_num(ex["mean"]),
                median=_num(ex["median"]),
                withheld=_text(ex["withheld"]),
            ),
            value_a=a_b[0],
            value_b=a_b[1],
        )
    return Compared(_statistics(stats), rows)


NOT_APPROVED = "Meldung noch nicht freigegeben"


def _missing_reason(data: RoundData, ags: str, year: int, row: dict[Hashable, Any]) -> str | None:
    if (ags, year) not in data.approved:
        return NOT_APPROVED
    return _text(row["reason"])


def _pair_values(
    data: RoundData, meta: IndicatorMeta, year: int, group: Group
) -> dict[str, tuple[float | None, float | None]]:
    frame = data.values
    rows = frame[
        (frame["indicator"] == meta.code)
        & (frame["year"] == year)
        & frame["measure"].isin(["A", "B"])
        & frame["ags"].isin(list(group.members))
    ]
    result: dict[str, list[float | None]] = {}
    for ags, measure, value, suppressed in rows[
        ["ags", "measure", "value", "suppressed"]
    ].itertuples(index=False):
        slot = result.setdefault(str(ags), [None, None])
        slot[0 if measure == "A" else 1] = None if suppressed else _num(value)
    return {k: (v[0], v[1]) for k, v in result.items()}


def _labelled(
    rows: dict[str, ComparisonRow], data: RoundData, viewer: Viewer
) -> list[ComparisonRow]:
    by_ags = data.by_ags()
    shaped = []
    for ags, row in rows.items():
        label, shown_ags = viewer.label(by_ags[ags])
        shaped.append(
            row.model_copy(update={"label": label, "ags": shown_ags, "own": ags in viewer.own_ags})
        )
    # Sorted by rank (unranked last), then by label: never by AGS, which would reveal order.
    return sorted(shaped, key=lambda r: (r.rank is None, r.rank or 0, r.label))


# --- public operations ---------------------------------------------------------------------


def _context(
    db: Session, principal: Principal, round_id: int, cache: ComparisonCache
) -> tuple[Round, RoundData, Viewer]:
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_comparison)
    data = round_data(db, rnd, cache)
    return rnd, data, viewer_for(principal, rnd, data)


def _meta(data: RoundData, code: str, measure: str | None) -> tuple[IndicatorMeta, str]:
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


def _year(data: RoundData, year: int | None) -> int:
    chosen = year if year is not None else max(data.years)
    if chosen not in data.years:
        raise ValidationFailed(
            f"The round covers the data years {', '.join(map(str, data.years))}, not {chosen}.",
            errors=[ErrorItem(loc=["query", "year"], msg="not a data year of the round")],
        )
    return chosen


def indicator_comparison(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    code: str,
    year: int | None,
    peer_group: str,
    measure: Measure | None,
    cache: ComparisonCache,
) -> IndicatorComparison:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    meta, chosen = _meta(data, code, measure)
    the_year = _year(data, year)
    group = find_group(db, rnd, data, peer_group)
    compared = _compare(data, meta, chosen, the_year, group)
    return IndicatorComparison(
        round_id=rnd.id,
        indicator=_brief(meta, chosen),
        year=the_year,
        peer_group=group.brief,
        conventions=_conventions(meta, data),
        statistics=compared.statistics,
        rows=_labelled(compared.rows, data, viewer),
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


def _city(data: RoundData, viewer: Viewer, ags: str, *, moderator: bool) -> Participant:
    participant = data.by_ags().get(ags)
    if participant is None or not (moderator or ags in viewer.own_ags):
        raise NotFound(f"No city {ags} in this round for you.")
    return participant


def profile(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int | None,
    peer_group: str,
    cache: ComparisonCache,
) -> Profile:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    moderator = round_service.is_round_moderator(principal, rnd, Action.read_comparison)
    city = _city(data, viewer, ags, moderator=moderator)
    the_year = _year(data, year)
    group = find_group(db, rnd, data, peer_group)
    entries = []
    for meta in data.indicators.values():
        if meta.kind == IndicatorKind.category:
            continue
        compared = _compare(data, meta, meta.default_measure, the_year, group)
        row = compared.rows.get(city.ags)
        if row is None:
            continue
        label, shown = viewer.label(city)
        entries.append(
            ProfileEntry(
                indicator=_brief(meta, meta.default_measure),
                statistics=compared.statistics,
                row=row.model_copy(
                    update={"label": label, "ags": shown, "own": city.ags in viewer.own_ags}
                ),
            )
        )
    label, shown = viewer.label(city)
    return Profile(
        round_id=rnd.id,
        label=label,
        ags=shown,
        year=the_year,
        peer_group=group.brief,
        conventions_note=(
            "competition ranking; rank 1 = best by the key figure's polarity; quartiles by "
            "linear interpolation (type 7); statistics include the city itself; gap indicators "
            "are shown by their gap A − B"
        ),
        entries=entries,
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


def distribution(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    code: str,
    measure: Measure | None,
    peer_groups: list[str],
    cache: ComparisonCache,
) -> Distribution:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    meta, chosen = _meta(data, code, measure)
    group_ids = peer_groups or [
        "all",
        *[g.brief.id for g in _simple_groups(data) if g.brief.type == "size_class"],
    ]
    own = next(iter(sorted(viewer.own_ags)), None)
    boxes = []
    for group_id in group_ids:
        group = find_group(db, rnd, data, group_id)
        for year in data.years:
            compared = _compare(data, meta, chosen, year, group)
            own_row = compared.rows.get(own) if own else None
            boxes.append(
                BoxPlot(
                    year=year,
                    peer_group=group.brief,
                    statistics=compared.statistics,
                    own_value=own_row.value if own_row else None,
                    own_label=viewer.label(data.by_ags()[own])[0] if own_row and own else None,
                )
            )
    return Distribution(
        round_id=rnd.id,
        indicator=_brief(meta, chosen),
        quantile_method="linear interpolation (Hyndman–Fan type 7)",
        boxes=boxes,
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


def scatter(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    x: str,
    y: str,
    year: int | None,
    peer_group: str,
    cache: ComparisonCache,
) -> Scatter:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    meta_x, measure_x = _meta(data, x, None)
    meta_y, measure_y = _meta(data, y, None)
    the_year = _year(data, year)
    group = find_group(db, rnd, data, peer_group)
    xs = _compare(data, meta_x, measure_x, the_year, group).rows
    ys = _compare(data, meta_y, measure_y, the_year, group).rows
    by_ags = data.by_ags()
    points = []
    for ags in sorted(group.members):
        vx, vy = xs.get(ags), ys.get(ags)
        if vx is None or vy is None or vx.value is None or vy.value is None:
            continue
        label, shown = viewer.label(by_ags[ags])
        points.append(
            ScatterPoint(label=label, ags=shown, own=ags in viewer.own_ags, x=vx.value, y=vy.value)
        )
    points.sort(key=lambda p: p.label)
    return Scatter(
        round_id=rnd.id,
        year=the_year,
        x=_brief(meta_x, measure_x),
        y=_brief(meta_y, measure_y),
        peer_group=group.brief,
        points=points,
        left_out=len(group.members) - len(points),
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


def list_peer_groups(
    db: Session, principal: Principal, *, round_id: int, cache: ComparisonCache
) -> list[PeerGroupRead]:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    by_ags = data.by_ags()
    result = []
    for group in all_groups(db, rnd, data):
        members = []
        for ags in group.members:
            label, shown = viewer.label(by_ags[ags])
            members.append(PeerGroupMemberRead(label=label, ags=shown, own=ags in viewer.own_ags))
        members.sort(key=lambda m: m.label)
        result.append(
            PeerGroupRead(
                **group.brief.model_dump(),
                method=group.method,
                parameters=group.parameters,
                members=members,
                usable=len(group.members) >= data.min_group_size,
            )
        )
    return result


def create_peer_group(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    body: PeerGroupCreate,
    user_id: int,
    cache: ComparisonCache,
) -> PeerGroupRead:
    rnd = round_service.get_round_for(db, principal, round_id, Action.manage_rounds)
    data = round_data(db, rnd, cache)
    by_ags = data.by_ags()
    unknown = [(i, a) for i, a in enumerate(body.members) if a not in by_ags]  # linear
    if unknown:
        raise ValidationFailed(
            f"Not cities of this round: {', '.join(a for _, a in unknown[:20])}"
            f"{' …' if len(unknown) > 20 else ''}.",
            errors=[
                ErrorItem(loc=["body", "members", i], msg="not a participant")
                for i, _ in unknown[:100]
            ],
        )
    taken = db.scalar(
        select(func.count(PeerGroup.id)).where(
            PeerGroup.round_id == rnd.id, PeerGroup.code == body.code
        )
    )
    if taken:
        raise Conflict(f"A peer group {body.code!r} exists already in this round.")
    group = PeerGroup(
        round_id=rnd.id,
        kind=PeerGroupKind.custom,
        code=body.code,
        name=body.name,
        method="von der Moderation gebildet",
        parameters={},
        created_by_id=user_id,
        members=[
            PeerGroupMember(municipality_id=by_ags[a].municipality_id)
            for a in sorted(set(body.members))
        ],
    )
    db.add(group)
    db.flush()
    created = list_peer_groups(db, principal, round_id=rnd.id, cache=cache)
    return next(g for g in created if g.id == f"custom:{body.code}")


def neighbours(
    db: Session, principal: Principal, *, round_id: int, ags: str, k: int, cache: ComparisonCache
) -> Neighbours:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    moderator = round_service.is_round_moderator(principal, rnd, Action.read_comparison)
    city = _city(data, viewer, ags, moderator=moderator)
    context = context_frame(data)
    if city.ags not in context.index or len(context) < 2:
        raise ValidationFailed(f"No structural data for {ags} yet (approved KON-* values).")
    found = engine.nearest_neighbours(context, city.ags, k=k)
    by_ags = data.by_ags()
    variables = [str(c) for c in context.columns]
    result = []
    for row in found.to_dict(orient="records"):
        label, shown = viewer.label(by_ags[str(row["ags"])])
        result.append(
            Neighbour(
                label=label,
                ags=shown,
                distance=round(float(row["distance"]), 4),
                rank=int(row["rank"]),
                differences={v: round(float(row[v]), 4) for v in variables},
                similar_on=list(row["similar_on"]),
                imputed=list(row["imputed"]),
            )
        )
    label, shown = viewer.label(city)
    return Neighbours(
        round_id=rnd.id,
        label=label,
        ags=shown,
        variables=variables,
        method="euclidean distance on z-standardised structural variables (KON-*), latest approved year",
        neighbours=result,
        synthetic_data=data.synthetic,
    )
