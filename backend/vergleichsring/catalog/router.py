from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from vergleichsring.catalog import service
from vergleichsring.catalog.schemas import BaseFigureRead, FieldRead, IndicatorRead
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import NotFound, error_responses

router = APIRouter(prefix="/catalog", tags=["catalog"], responses=error_responses(NotFound))

VersionQuery = Annotated[
    str | None, Query(description="Catalogue version; the latest when omitted")
]


@router.get("/fields", response_model=list[FieldRead], operation_id="list_fields")
def list_fields(session: SessionDep, version: VersionQuery = None) -> list[FieldRead]:
    """The action fields (Handlungsfelder) with the number of key figures in each."""
    return service.list_fields(session, version)


@router.get("/indicators", response_model=list[IndicatorRead], operation_id="list_indicators")
def list_indicators(
    session: SessionDep,
    version: VersionQuery = None,
    context: Annotated[
        bool | None, Query(description="true: only KON-* context variables; false: none")
    ] = None,
) -> list[IndicatorRead]:
    """Key figures and context variables with unit, polarity, gap groups and formulas."""
    return service.list_indicators(session, version, context=context)


@router.get("/base-figures", response_model=list[BaseFigureRead], operation_id="list_base_figures")
def list_base_figures(session: SessionDep, version: VersionQuery = None) -> list[BaseFigureRead]:
    """The base figures (Grunddaten) that cities submit."""
    return service.list_base_figures(session, version)
