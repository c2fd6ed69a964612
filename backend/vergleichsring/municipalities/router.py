from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import NotFound, error_responses
from vergleichsring.municipalities import service
from vergleichsring.municipalities.schemas import MunicipalityRead

router = APIRouter(prefix="/municipalities", tags=["municipalities"])

AgsPath = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGS, 8 digits, as text")]


@router.get("", response_model=list[MunicipalityRead], operation_id="list_municipalities")
def list_municipalities(session: SessionDep) -> list[MunicipalityRead]:
    """All cities with AGS (text, leading zero kept), state, size class and population by year."""
    return service.list_municipalities(session)


@router.get(
    "/{ags}",
    response_model=MunicipalityRead,
    responses=error_responses(NotFound),
    operation_id="get_municipality",
)
def get_municipality(ags: AgsPath, session: SessionDep) -> MunicipalityRead:
    return service.get_municipality(session, ags)
