"""The per-round computation and its cache: one recompute per round and data version.

:func:`load_inputs` reads everything the comparison needs from the database (nothing is
computed there); :func:`recompute` is pure: key figures from the catalogue's formulas, primary
and secondary suppression, redaction, the peer groups, and then **one** call of the engine
(:func:`~vergleichsring.comparison.engine.ring.ring_comparison`) that computes statistics and
positions of every key figure, measure, year and peer group. Every request reads from that
result; ``bench/ring_recompute.py`` times :func:`recompute` itself.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy.orm import Session

from vergleichsring.comparison import repository
from vergleichsring.comparison.definitions import IndicatorMeta, indicator_definition
from vergleichsring.comparison.engine import (
    key_figures,
    primary_suppression,
    redact,
    secondary_suppression,
)
from vergleichsring.comparison.engine.key_figures import IndicatorDef
from vergleichsring.comparison.engine.ring import RingComparison, ring_comparison
from vergleichsring.comparison.peer_groups import (
    Group,
    Participant,
    provisional_clusters,
    simple_groups,
    stored_groups,
)
from vergleichsring.municipalities.models import MunicipalityFact
from vergleichsring.municipalities.repository import POPULATION
from vergleichsring.municipalities.size_class import size_class
from vergleichsring.rounds.models import DisplayRule, Round

T = TypeVar("T")

__all__ = [
    "ComparisonCache",
    "RoundData",
    "RoundInputs",
    "load_inputs",
    "recompute",
    "round_data",
]


@dataclass(frozen=True, eq=False)
class RoundInputs:
    """Everything read from the database for one round and data version."""

    round_id: int
    version: str
    years: tuple[int, ...]
    min_group_size: int
    display_rule: DisplayRule
    ring_id: int
    synthetic: bool
    participants: tuple[Participant, ...]
    indicators: dict[str, IndicatorMeta]
    definitions: tuple[IndicatorDef, ...]
    stand_ins: dict[str, str]
    base: pd.DataFrame  # approved base figures: ags, year, base_figure, value, status
    stored_groups: tuple[Group, ...]


@dataclass(eq=False)
class RoundData:
    """The recomputed round: key figures, peer groups and the ring comparison."""

    inputs: RoundInputs
    values: pd.DataFrame
    groups: tuple[Group, ...]
    result: RingComparison
    memo: dict[Hashable, Any] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def version(self) -> str:
        return self.inputs.version

    @property
    def years(self) -> tuple[int, ...]:
        return self.inputs.years

    @property
    def min_group_size(self) -> int:
        return self.inputs.min_group_size

    @property
    def synthetic(self) -> bool:
        return self.inputs.synthetic

    @property
    def participants(self) -> tuple[Participant, ...]:
        return self.inputs.participants

    @property
    def indicators(self) -> dict[str, IndicatorMeta]:
        return self.inputs.indicators

    @property
    def index(self) -> dict[tuple[str, str, int, str], int]:
        """(indicator, measure, year, peer group) → the row of ``result.statistics``."""

        def build() -> dict[tuple[str, str, int, str], int]:
            keys = self.result.statistics
            columns = [keys[c].astype(object).tolist() for c in ("indicator", "measure")]
            groups = keys["peer_group"].astype(object).tolist()
            return {
                (i, m, y, g): n
                for n, (i, m, y, g) in enumerate(
                    zip(*columns, keys["year"].tolist(), groups, strict=True)
                )
            }

        return self.remember(("index",), build)

    @property
    def approved(self) -> frozenset[tuple[str, int]]:
        """(AGS, year) with an approved submission."""

        def build() -> frozenset[tuple[str, int]]:
            pairs = self.inputs.base[["ags", "year"]].drop_duplicates()
            return frozenset((str(a), int(y)) for a, y in pairs.itertuples(index=False))

        return self.remember(("approved",), build)

    def by_ags(self) -> dict[str, Participant]:
        return self.remember(("by_ags",), lambda: {p.ags: p for p in self.participants})

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A shaped answer, computed once per data version."""
        with self.lock:
            if key in self.memo:
                found: T = self.memo[key]
                return found
        result = compute()
        with self.lock:
            self.memo[key] = result
        return result


def _population(facts: Iterable[MunicipalityFact], year: int) -> float | None:
    known = sorted(
        (f for f in facts if f.variable == POPULATION and f.value is not None and f.year <= year),
        key=lambda f: f.year,
    )
    return known[-1].value if known else None


def load_inputs(db: Session, rnd: Round, version: str) -> RoundInputs:
    catalogue = repository.catalogue(db, rnd)
    participants = tuple(
        Participant(
            municipality_id=m.id,
            ags=m.ags,
            name=m.name,
            pseudonym=pseudonym,
            size_class=size_class(_population(m.facts, max(rnd.years))),
            east_west=m.east_west.value,
            state=m.state_code,
            kreisfrei=m.kreisfrei,
        )
        for m, pseudonym in repository.participants(db, rnd)
    )
    metas: dict[str, IndicatorMeta] = {}
    definitions: list[IndicatorDef] = []
    for indicator in catalogue.indicators:
        polarity = catalogue.polarity_overrides.get(indicator.code, indicator.polarity)
        meta = IndicatorMeta.of(indicator, catalogue.field_codes[indicator.field_id], polarity)
        metas[meta.code] = meta
        definition = indicator_definition(indicator, polarity=polarity)
        if definition is not None:
            definitions.append(definition)
    base = pd.DataFrame(
        repository.approved_values(db, rnd),
        columns=["ags", "year", "base_figure", "value", "status"],
    )
    base["value"] = pd.to_numeric(base["value"], errors="coerce").astype("float64")
    by_id = {p.municipality_id: p.ags for p in participants}
    return RoundInputs(
        round_id=rnd.id,
        version=version,
        years=tuple(rnd.years),
        min_group_size=rnd.min_group_size,
        display_rule=rnd.display_rule,
        ring_id=rnd.ring_id,
        synthetic=rnd.synthetic_data,
        participants=participants,
        indicators=metas,
        definitions=tuple(definitions),
        stand_ins={
            b.code: b.previous_year_of for b in catalogue.base_figures if b.previous_year_of
        },
        base=base,
        stored_groups=tuple(stored_groups(repository.stored_peer_groups(db, rnd.id), by_id)),
    )


def recompute(inputs: RoundInputs) -> RoundData:
    """Key figures, suppression, peer groups and the whole comparison, in one pass (pure)."""
    values = key_figures(inputs.base, list(inputs.definitions), previous_year_of=inputs.stand_ins)
    values = redact(secondary_suppression(primary_suppression(values))).reset_index(drop=True)
    groups = [*simple_groups(inputs.participants), *inputs.stored_groups]
    if not any(g.brief.type == "cluster" for g in inputs.stored_groups):
        groups += provisional_clusters(values, inputs.participants, inputs.version)
    ids = [g.brief.id for g in groups]
    membership = pd.DataFrame(
        {
            "peer_group": pd.Categorical(
                [g.brief.id for g in groups for _ in g.members], categories=ids
            ),
            "ags": [a for g in groups for a in sorted(g.members)],
        }
    )
    result = ring_comparison(values, membership, min_group_size=inputs.min_group_size)
    return RoundData(inputs, values, tuple(groups), result)


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


def round_data(db: Session, rnd: Round, cache: ComparisonCache) -> RoundData:
    version = repository.data_version(db, rnd)
    return cache.get((rnd.id, version), lambda: recompute(load_inputs(db, rnd, version)))
