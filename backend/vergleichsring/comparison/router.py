"""Benchmark API of a round: moderators and the round's participants."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, status

from vergleichsring.auth.deps import CurrentPrincipal
from vergleichsring.comparison import service
from vergleichsring.comparison.schemas import (
    Distribution,
    IndicatorComparison,
    Measure,
    Neighbours,
    PeerGroupCreate,
    PeerGroupRead,
    Profile,
    Scatter,
)
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    error_responses,
)

router = APIRouter(
    prefix="/rounds/{round_id}/comparison",
    tags=["comparison"],
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound, ValidationFailed),
)


def get_cache(request: Request) -> service.ComparisonCache:
    cache: service.ComparisonCache = request.app.state.comparison_cache
    return cache


CacheDep = Annotated[service.ComparisonCache, Depends(get_cache)]
CodePath = Annotated[str, Path(pattern=r"^[A-Z]{3}-[0-9]{2}$", examples=["ARB-05"])]
AgsPath = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGS, 8 digits, as text")]
YearQuery = Annotated[int | None, Query(description="data year; the round's latest if omitted")]
GroupQuery = Annotated[
    str, Query(description="peer group id from /peer-groups, e.g. size_class:GK2 or cluster:1")
]
MeasureQuery = Annotated[
    Measure | None,
    Query(description="gap indicators: gap (default), A, B or ratio; others: value"),
]


@router.get(
    "/indicators/{code}", response_model=IndicatorComparison, operation_id="compare_indicator"
)
def compare_indicator(
    round_id: int,
    code: CodePath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    year: YearQuery = None,
    peer_group: GroupQuery = "all",
    measure: MeasureQuery = None,
) -> IndicatorComparison:
    """One key figure across the cities of a peer group: statistics and every city's position."""
    return service.indicator_comparison(
        db,
        principal,
        round_id=round_id,
        code=code,
        year=year,
        peer_group=peer_group,
        measure=measure,
        cache=cache,
    )


@router.get(
    "/indicators/{code}/distribution",
    response_model=Distribution,
    operation_id="indicator_distribution",
)
def indicator_distribution(
    round_id: int,
    code: CodePath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    measure: MeasureQuery = None,
    peer_group: Annotated[
        list[str] | None,
        Query(max_length=20, description="groups to show; default all and the size classes"),
    ] = None,
) -> Distribution:
    """Box-plot figures per data year and peer group."""
    return service.distribution(
        db,
        principal,
        round_id=round_id,
        code=code,
        measure=measure,
        peer_groups=peer_group or [],
        cache=cache,
    )


@router.get(
    "/municipalities/{ags}/profile", response_model=Profile, operation_id="municipality_profile"
)
def municipality_profile(
    round_id: int,
    ags: AgsPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    year: YearQuery = None,
    peer_group: GroupQuery = "all",
) -> Profile:
    """Every key figure of one city with its position (participants: their own city only)."""
    return service.profile(
        db, principal, round_id=round_id, ags=ags, year=year, peer_group=peer_group, cache=cache
    )


@router.get("/scatter", response_model=Scatter, operation_id="scatter")
def scatter(
    round_id: int,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    x: Annotated[str, Query(pattern=r"^[A-Z]{3}-[0-9]{2}$", examples=["KON-03"])],
    y: Annotated[str, Query(pattern=r"^[A-Z]{3}-[0-9]{2}$", examples=["ARB-05"])],
    year: YearQuery = None,
    peer_group: GroupQuery = "all",
) -> Scatter:
    """Two key figures against each other; cities without both values are left out."""
    return service.scatter(
        db, principal, round_id=round_id, x=x, y=y, year=year, peer_group=peer_group, cache=cache
    )


@router.get("/peer-groups", response_model=list[PeerGroupRead], operation_id="list_peer_groups")
def list_peer_groups(
    round_id: int, principal: CurrentPrincipal, db: SessionDep, cache: CacheDep
) -> list[PeerGroupRead]:
    """Peer groups of the round with method and members (as the caller may see them)."""
    return service.list_peer_groups(db, principal, round_id=round_id, cache=cache)


@router.post(
    "/peer-groups",
    response_model=PeerGroupRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(Conflict),
    operation_id="create_peer_group",
)
def create_peer_group(
    round_id: int,
    body: PeerGroupCreate,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
) -> PeerGroupRead:
    """Moderators draw a peer group from cities of the round."""
    return service.create_peer_group(
        db, principal, round_id=round_id, body=body, user_id=principal.user_id, cache=cache
    )


@router.get(
    "/municipalities/{ags}/neighbours", response_model=Neighbours, operation_id="neighbours"
)
def neighbours(
    round_id: int,
    ags: AgsPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    k: Annotated[int, Query(ge=1, le=20)] = 5,
) -> Neighbours:
    """The k most similar cities by the structural variables, with distances."""
    return service.neighbours(db, principal, round_id=round_id, ags=ags, k=k, cache=cache)
