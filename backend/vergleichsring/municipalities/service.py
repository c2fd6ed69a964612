from __future__ import annotations

from sqlalchemy.orm import Session

from vergleichsring.core.errors import NotFound
from vergleichsring.municipalities import repository
from vergleichsring.municipalities.models import Municipality
from vergleichsring.municipalities.schemas import MunicipalityRead, PopulationValue
from vergleichsring.municipalities.size_class import size_class


def to_read(municipality: Municipality) -> MunicipalityRead:
    population = [
        PopulationValue(
            year=f.year, value=None if f.value is None else round(f.value), status=f.status
        )
        for f in repository.population_facts(municipality)
    ]
    latest = next((p.value for p in reversed(population) if p.value is not None), None)
    return MunicipalityRead(
        ags=municipality.ags,
        name=municipality.name,
        official_name=municipality.official_name,
        state=municipality.state,
        state_code=municipality.state_code,
        nuts3=municipality.nuts3,
        kreisfrei=municipality.kreisfrei,
        east_west=municipality.east_west,
        size_class=size_class(latest),
        latitude=municipality.latitude,
        longitude=municipality.longitude,
        area_km2=municipality.area_km2,
        note=municipality.note,
        population=population,
    )


def list_municipalities(session: Session) -> list[MunicipalityRead]:
    return [to_read(m) for m in repository.list_municipalities(session)]


def get_municipality(session: Session, ags: str) -> MunicipalityRead:
    municipality = repository.get_by_ags(session, ags)
    if municipality is None:
        raise NotFound(f"No municipality with AGS {ags!r}.")
    return to_read(municipality)
