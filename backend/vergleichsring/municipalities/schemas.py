from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from vergleichsring.municipalities.models import EastWest, FactStatus


class PopulationValue(BaseModel):
    year: int
    value: int | None
    status: FactStatus


class MunicipalityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    ags: str = Field(pattern=r"^[0-9]{8}$", examples=["05315000"])
    name: str
    official_name: str
    state: str
    state_code: str
    nuts3: str
    kreisfrei: bool
    east_west: EastWest
    size_class: str | None = Field(
        description="GK1 ≥ 500.000, GK2 200.000 – < 500.000, GK3 100.000 – < 200.000 "
        "inhabitants, by the latest population"
    )
    latitude: float
    longitude: float
    area_km2: float
    note: str | None
    population: list[PopulationValue]
