"""Peer groups of a round: master-data groups, the moderator's groups and Ward clusters.

Clusters are frozen by an explicit step – :func:`freeze_clusters`, run when the round's data is
built (the demo seed) or when the moderator (or an operator through the command line) confirms
them – and never as a side effect of a request. Until then every answer shows the clusters of
the current data, computed in memory and marked ``"frozen": false`` in their parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from vergleichsring.comparison import engine, repository
from vergleichsring.comparison.models import PeerGroup, PeerGroupKind
from vergleichsring.comparison.schemas import PeerGroupBrief
from vergleichsring.core.errors import NotFound
from vergleichsring.rounds.models import Round

__all__ = [
    "CLUSTER_VARIABLES",
    "Group",
    "Participant",
    "context_frame",
    "find_group",
    "freeze_clusters",
    "provisional_clusters",
    "simple_groups",
    "stored_groups",
]

# Structural variables for data-driven peer groups (the KON-* rows of the catalogue).
CLUSTER_VARIABLES = ("KON-01", "KON-03", "KON-05", "KON-06", "KON-08")
PROVISIONAL = "vorläufig, noch nicht festgeschrieben"


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
class Group:
    brief: PeerGroupBrief
    members: frozenset[str]
    method: str
    parameters: dict[str, object]


def simple_groups(participants: Sequence[Participant]) -> list[Group]:
    """All cities, then the master-data groups (size class, East/West, state, kreisfrei)."""
    everyone = frozenset(p.ags for p in participants)
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
    if not participants:
        return groups
    cities = pd.DataFrame(
        {
            "ags": [p.ags for p in participants],
            "size_class": [p.size_class for p in participants],
            "east_west": [p.east_west for p in participants],
            "state": [p.state for p in participants],
            "kreisfrei": [p.kreisfrei for p in participants],
        }
    )
    for (gtype, gcode), rows in engine.simple_groups(cities).groupby(
        ["group_type", "group"], sort=False
    ):
        members = frozenset(str(a) for a in rows["ags"])
        brief = PeerGroupBrief(
            id=f"{gtype}:{gcode}",
            type=str(gtype),
            name_de=str(rows["label_de"].iloc[0]),
            name_en=str(rows["label_en"].iloc[0]),
            size=len(members),
        )
        groups.append(Group(brief, members, f"Stammdaten: {gtype}", {}))
    return groups


def stored_groups(rows: Iterable[PeerGroup], by_id: dict[int, str]) -> list[Group]:
    """The round's stored groups (frozen clusters and the moderator's groups)."""
    groups = []
    for g in rows:
        members = frozenset(
            by_id[m.municipality_id] for m in g.members if m.municipality_id in by_id
        )
        prefix = "cluster" if g.kind == PeerGroupKind.cluster else "custom"
        brief = PeerGroupBrief(
            id=f"{prefix}:{g.code}", type=prefix, name_de=g.name, name_en=g.name, size=len(members)
        )
        groups.append(Group(brief, members, g.method, dict(g.parameters)))
    return groups


def context_frame(values: pd.DataFrame) -> pd.DataFrame:
    """The structural variables per city from the approved KON-* key figures (latest year,
    falling back to the year before for a city without approved data in the latest)."""
    rows = values[values["indicator"].isin(CLUSTER_VARIABLES) & (values["measure"] == "value")]
    rows = rows[np.isfinite(rows["value"].to_numpy(dtype=np.float64, na_value=np.nan))]
    rows = rows.sort_values("year").drop_duplicates(["ags", "indicator"], keep="last")
    wide: pd.DataFrame = rows.pivot(index="ags", columns="indicator", values="value")
    return wide.reindex(columns=[c for c in CLUSTER_VARIABLES if c in wide.columns])


@dataclass(frozen=True)
class _Clusters:
    method: str
    parameters: dict[str, object]
    members: list[tuple[str, ...]]


def _clusters(values: pd.DataFrame, version: str) -> _Clusters | None:
    context = context_frame(values)
    if len(context) < 4 or context.shape[1] < 2:
        return None
    result = engine.ward_clusters(context)
    parameters: dict[str, object] = {
        "variables": list(result.variables),
        "k": result.k,
        "silhouette_by_k": {str(k): round(v, 4) for k, v in result.silhouette_by_k.items()},
        "means": {k: round(float(v), 4) for k, v in result.means.items()},
        "sds": {k: round(float(v), 4) for k, v in result.sds.items()},
        "imputed": result.imputed.astype(object).to_dict(orient="records"),
        "data_version": version,
    }
    members = [result.members(cluster) for cluster in range(1, result.k + 1)]
    return _Clusters(result.method, parameters, members)


def provisional_clusters(
    values: pd.DataFrame, participants: Sequence[Participant], version: str
) -> list[Group]:
    """The clusters of the current data, in memory only (nothing is stored)."""
    found = _clusters(values, version)
    if found is None:
        return []
    known = {p.ags for p in participants}
    groups = []
    for number, members in enumerate(found.members, start=1):
        inside = frozenset(a for a in members if a in known)
        brief = PeerGroupBrief(
            id=f"cluster:{number}",
            type="cluster",
            name_de=f"Cluster {number}",
            name_en=f"Cluster {number}",
            size=len(inside),
        )
        method = f"{found.method} ({PROVISIONAL})"
        groups.append(Group(brief, inside, method, {**found.parameters, "frozen": False}))
    return groups


def freeze_clusters(db: Session, rnd: Round, values: pd.DataFrame, version: str) -> int:
    """Store the round's data-driven peer groups once; the number of clusters stored (0 when
    they exist already or the structural data do not suffice). Only flushes."""
    if repository.cluster_count(db, rnd.id):
        return 0
    found = _clusters(values, version)
    if found is None:
        return 0
    ids = {m.ags: m.id for m, _ in repository.participants(db, rnd)}
    for number, members in enumerate(found.members, start=1):
        repository.add_peer_group(
            db,
            round_id=rnd.id,
            kind=PeerGroupKind.cluster,
            code=str(number),
            name=f"Cluster {number}",
            method=found.method,
            parameters={**found.parameters, "frozen": True},
            municipality_ids=[ids[a] for a in members if a in ids],
        )
    return len(found.members)


def find_group(groups: Sequence[Group], group_id: str, round_id: int) -> Group:
    for group in groups:
        if group.brief.id == group_id:
            return group
    raise NotFound(f"No peer group {group_id!r} in round {round_id}.")
