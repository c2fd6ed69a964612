"""The comparison's public operations: who may ask, which round data, which shaped answer.

Every answer reads the round's comparison as :mod:`.round_data` computed it once per data
version (approved submissions, the ring's settings and the round's stored peer groups);
suppressed values were redacted before anything was computed, so they cannot leave the server
in any form. GET operations never write: data-driven clusters are stored only by
:func:`freeze_clusters`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.catalog.models import IndicatorKind
from vergleichsring.comparison import engine, peer_groups, repository
from vergleichsring.comparison.models import PeerGroupKind
from vergleichsring.comparison.peer_groups import Group, context_frame, find_group
from vergleichsring.comparison.round_data import ComparisonCache, RoundData, round_data
from vergleichsring.comparison.schemas import (
    BoxPlot,
    Distribution,
    IndicatorComparison,
    Measure,
    Neighbour,
    Neighbours,
    PeerGroupCreate,
    PeerGroupRead,
    Profile,
    ProfileEntry,
    Scatter,
    ScatterPoint,
)
from vergleichsring.comparison.shaping import brief, compare, conventions, meta_for, year_for
from vergleichsring.comparison.visibility import (
    NEIGHBOURS_WITHHELD,
    Viewer,
    labelled,
    neighbour_summary,
    published_note,
    viewer_for,
)
from vergleichsring.core.errors import Conflict, ErrorItem, ValidationFailed
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import Round

__all__ = [
    "ComparisonCache",
    "create_peer_group",
    "distribution",
    "freeze_clusters",
    "indicator_comparison",
    "list_peer_groups",
    "neighbours",
    "profile",
    "round_data",
    "scatter",
]


def _context(
    db: Session, principal: Principal, round_id: int, cache: ComparisonCache
) -> tuple[Round, RoundData, Viewer]:
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_comparison)
    data = round_data(db, rnd, cache)
    return rnd, data, viewer_for(principal, rnd, data.participants)


def _group(data: RoundData, group_id: str) -> Group:
    return find_group(data.groups, group_id, data.inputs.round_id)


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
    meta, chosen = meta_for(data, code, measure)
    the_year = year_for(data, year)
    group = _group(data, peer_group)
    compared = compare(data, meta, chosen, the_year, group)
    withheld = viewer.others_withheld(
        group, context=meta.context, min_group_size=data.min_group_size
    )
    return IndicatorComparison(
        round_id=rnd.id,
        indicator=brief(meta, chosen),
        year=the_year,
        peer_group=group.brief,
        conventions=conventions(meta, data),
        statistics=viewer.statistics(
            compared.statistics,
            withheld,
            context=meta.context,
            decimals=2 if chosen == "ratio" else meta.decimals,
        ),
        rows=labelled(compared.rows, data.by_ags(), viewer, withheld),
        others_withheld=withheld,
        published_note=published_note(rnd, meta),
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


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
    city = viewer.city(data.by_ags(), ags)
    the_year = year_for(data, year)
    group = _group(data, peer_group)
    label, shown = viewer.label(city)
    entries = []
    for meta in data.indicators.values():
        if meta.kind == IndicatorKind.category:
            continue
        compared = compare(data, meta, meta.default_measure, the_year, group)
        row = compared.rows.get(city.ags)
        if row is None:
            continue
        withheld = viewer.others_withheld(
            group, context=meta.context, min_group_size=data.min_group_size
        )
        entries.append(
            ProfileEntry(
                indicator=brief(meta, meta.default_measure),
                statistics=viewer.statistics(
                    compared.statistics, withheld, context=meta.context, decimals=meta.decimals
                ),
                row=row.model_copy(
                    update={"label": label, "ags": shown, "own": city.ags in viewer.own_ags}
                ),
            )
        )
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
    meta, chosen = meta_for(data, code, measure)
    group_ids = peer_groups or [
        "all",
        *[g.brief.id for g in data.groups if g.brief.type == "size_class"],
    ]
    own = next(iter(sorted(viewer.own_ags)), None)
    boxes = []
    for group_id in group_ids:
        group = _group(data, group_id)
        for year in data.years:
            compared = compare(data, meta, chosen, year, group)
            own_row = compared.rows.get(own) if own else None
            withheld = viewer.others_withheld(
                group, context=meta.context, min_group_size=data.min_group_size
            )
            boxes.append(
                BoxPlot(
                    year=year,
                    peer_group=group.brief,
                    statistics=viewer.statistics(
                        compared.statistics,
                        withheld,
                        context=meta.context,
                        decimals=2 if chosen == "ratio" else meta.decimals,
                    ),
                    own_value=own_row.value if own_row else None,
                    own_label=viewer.label(data.by_ags()[own])[0] if own_row and own else None,
                )
            )
    return Distribution(
        round_id=rnd.id,
        indicator=brief(meta, chosen),
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
    meta_x, measure_x = meta_for(data, x, None)
    meta_y, measure_y = meta_for(data, y, None)
    the_year = year_for(data, year)
    group = _group(data, peer_group)
    xs = compare(data, meta_x, measure_x, the_year, group).rows
    ys = compare(data, meta_y, measure_y, the_year, group).rows
    by_ags = data.by_ags()
    withheld = viewer.others_withheld(
        group, context=meta_x.context or meta_y.context, min_group_size=data.min_group_size
    )
    visible = group.members if withheld is None else group.members & viewer.own_ags
    points = []
    for ags in sorted(visible):
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
        x=brief(meta_x, measure_x),
        y=brief(meta_y, measure_y),
        peer_group=group.brief,
        points=points,
        left_out=len(group.members) - len(points),
        others_withheld=withheld,
        data_version=data.version,
        synthetic_data=data.synthetic,
    )


def _peer_group_reads(data: RoundData, viewer: Viewer) -> list[PeerGroupRead]:
    by_ags = data.by_ags()
    result = []
    for group in data.groups:
        members, withheld = viewer.members(group, by_ags, data.min_group_size)
        result.append(
            PeerGroupRead(
                **group.brief.model_dump(),
                method=group.method,
                parameters=viewer.parameters(group.parameters),
                members=members,
                members_withheld=withheld,
                usable=len(group.members) >= data.min_group_size,
            )
        )
    return result


def list_peer_groups(
    db: Session, principal: Principal, *, round_id: int, cache: ComparisonCache
) -> list[PeerGroupRead]:
    _, data, viewer = _context(db, principal, round_id, cache)
    return _peer_group_reads(data, viewer)


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
    if repository.peer_group_code_taken(db, rnd.id, body.code):
        raise Conflict(f"A peer group {body.code!r} exists already in this round.")
    repository.add_peer_group(
        db,
        round_id=rnd.id,
        kind=PeerGroupKind.custom,
        code=body.code,
        name=body.name,
        method="von der Moderation gebildet",
        parameters={},
        municipality_ids=[by_ags[a].municipality_id for a in sorted(set(body.members))],
        created_by_id=user_id,
    )
    _, fresh, viewer = _context(db, principal, rnd.id, cache)
    return next(g for g in _peer_group_reads(fresh, viewer) if g.id == f"custom:{body.code}")


def freeze_clusters(db: Session, rnd: Round, cache: ComparisonCache) -> int:
    """The explicit step that stores the round's data-driven peer groups (once; flushes only).

    Run when the round's data is built (the demo seed) or when the moderator or an operator
    confirms the clusters (``vergleichsring comparison freeze-clusters``). Returns the number
    of clusters stored, 0 when they were frozen already or the structural data do not suffice.
    """
    data = round_data(db, rnd, cache)
    return peer_groups.freeze_clusters(db, rnd, data.values, data.version)


def neighbours(
    db: Session, principal: Principal, *, round_id: int, ags: str, k: int, cache: ComparisonCache
) -> Neighbours:
    rnd, data, viewer = _context(db, principal, round_id, cache)
    city = viewer.city(data.by_ags(), ags)
    context = data.remember(("context",), lambda: context_frame(data.values))
    if city.ags not in context.index or len(context) < 2:
        raise ValidationFailed(f"No structural data for {ags} yet (approved KON-* values).")
    found = engine.nearest_neighbours(context, city.ags, k=k)
    by_ags = data.by_ags()
    variables = [str(c) for c in context.columns]
    records = found.to_dict(orient="records")
    label, shown = viewer.label(city)
    method = (
        "euclidean distance on z-standardised structural variables (KON-*), latest approved year"
    )
    if viewer.guarded:
        return Neighbours(
            round_id=rnd.id,
            label=label,
            ags=shown,
            variables=variables,
            method=method,
            neighbours=[],
            summary=neighbour_summary(records, variables),
            others_withheld=NEIGHBOURS_WITHHELD,
            synthetic_data=data.synthetic,
        )
    result = []
    for row in records:
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
    return Neighbours(
        round_id=rnd.id,
        label=label,
        ags=shown,
        variables=variables,
        method=method,
        neighbours=result,
        synthetic_data=data.synthetic,
    )
