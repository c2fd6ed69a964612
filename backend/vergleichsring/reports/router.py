"""Reports (PDF) and exports (CSV, Excel, SDMX-CSV) of a round's comparison."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from vergleichsring.auth.deps import CurrentPrincipal
from vergleichsring.comparison.schemas import Measure
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    error_responses,
)
from vergleichsring.reports import service
from vergleichsring.reports.exports import MEDIA_TYPES, ExportFormat
from vergleichsring.reports.formatting import Lang

router = APIRouter(
    prefix="/rounds/{round_id}",
    tags=["reports"],
    responses=error_responses(NotAuthenticated, PermissionDenied, NotFound, ValidationFailed),
)


def get_cache(request: Request) -> ComparisonCache:
    cache: ComparisonCache = request.app.state.comparison_cache
    return cache


CacheDep = Annotated[ComparisonCache, Depends(get_cache)]
RoundPath = Annotated[int, Path(ge=1, le=2_147_483_647)]
AgsPath = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGS, 8 digits, as text")]
CodePath = Annotated[str, Path(pattern=r"^[A-Z]{3}-[0-9]{2}$", examples=["ARB-05"])]
LangQuery = Annotated[Lang, Query(description="de (default) or en")]
GroupQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=100,
        description="peer group id from the comparison's /peer-groups, e.g. size_class:GK2",
    ),
]
YearQuery = Annotated[
    int | None,
    Query(ge=1990, le=2100, description="one data year; every year of the round if omitted"),
]
FormatQuery = Annotated[
    ExportFormat,
    Query(
        alias="format",
        description="csv-de (semicolon, decimal comma, UTF-8 with BOM), csv (comma, point), "
        "xlsx (a sheet per action field) or sdmx-csv (SDMX-CSV 1.0)",
    ),
]
MeasureQuery = Annotated[
    Measure | None, Query(description="gap key figures: gap (default), A, B or ratio")
]

BINARY = {"schema": {"type": "string", "format": "binary"}}
PDF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "A tagged PDF (PDF/UA-1)", "content": {"application/pdf": BINARY}}
}
EXPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The export in the requested format",
        "content": {media.split(";")[0]: BINARY for media in MEDIA_TYPES.values()},
    }
}


def _download(file: service.ReportFile) -> Response:
    disposition = (
        f"attachment; filename=\"{file.filename}\"; filename*=UTF-8''{quote(file.filename)}"
    )
    return Response(
        content=file.content,
        media_type=file.media_type,
        headers={"Content-Disposition": disposition, "Cache-Control": "private, no-store"},
    )


@router.get(
    "/reports/cities/{ags}.pdf",
    response_class=Response,
    response_model=None,
    responses=PDF_RESPONSE,
    operation_id="city_report_pdf",
)
def city_report(
    round_id: RoundPath,
    ags: AgsPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    lang: LangQuery = "de",
    peer_group: GroupQuery = "all",
) -> Response:
    """The city report for the council (participants: their own city; moderators: any city)."""
    return _download(
        service.city_report(
            db,
            principal,
            round_id=round_id,
            ags=ags,
            lang=lang,
            peer_group=peer_group,
            cache=cache,
        )
    )


@router.get(
    "/reports/ring.pdf",
    response_class=Response,
    response_model=None,
    responses=PDF_RESPONSE,
    operation_id="ring_report_pdf",
)
def ring_report(
    round_id: RoundPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    lang: LangQuery = "de",
    peer_group: GroupQuery = "all",
) -> Response:
    """The ring report for the moderator: every key figure with all cities by name."""
    return _download(
        service.ring_report(
            db, principal, round_id=round_id, lang=lang, peer_group=peer_group, cache=cache
        )
    )


@router.get(
    "/exports/indicators/{code}",
    response_class=Response,
    response_model=None,
    responses=EXPORT_RESPONSE,
    operation_id="export_indicator",
)
def export_indicator(
    round_id: RoundPath,
    code: CodePath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    fmt: FormatQuery = "csv-de",
    year: YearQuery = None,
    peer_group: GroupQuery = "all",
    measure: MeasureQuery = None,
) -> Response:
    """One key figure across the cities of a peer group, as the comparison shows it to you."""
    return _download(
        service.export_indicator(
            db,
            principal,
            round_id=round_id,
            code=code,
            year=year,
            peer_group=peer_group,
            measure=measure,
            fmt=fmt,
            cache=cache,
        )
    )


@router.get(
    "/exports/municipalities/{ags}/profile",
    response_class=Response,
    response_model=None,
    responses=EXPORT_RESPONSE,
    operation_id="export_profile",
)
def export_profile(
    round_id: RoundPath,
    ags: AgsPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    fmt: FormatQuery = "csv-de",
    year: YearQuery = None,
    peer_group: GroupQuery = "all",
) -> Response:
    """Every key figure of one city with its position (participants: their own city)."""
    return _download(
        service.export_profile(
            db,
            principal,
            round_id=round_id,
            ags=ags,
            year=year,
            peer_group=peer_group,
            fmt=fmt,
            cache=cache,
        )
    )


@router.get(
    "/exports/round",
    response_class=Response,
    response_model=None,
    responses=EXPORT_RESPONSE,
    operation_id="export_round",
)
def export_round(
    round_id: RoundPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    cache: CacheDep,
    fmt: FormatQuery = "csv-de",
    peer_group: GroupQuery = "all",
) -> Response:
    """Every key figure, data year and city of the round, as the comparison shows it to you."""
    return _download(
        service.export_round(
            db, principal, round_id=round_id, peer_group=peer_group, fmt=fmt, cache=cache
        )
    )
