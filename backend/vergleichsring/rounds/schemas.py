from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, EmailStr, Field, field_validator

from vergleichsring.core.validation import Name
from vergleichsring.rounds.models import DisplayRule, RoundStatus


class PublishedKeyFigure(BaseModel):
    code: str
    name_de: str
    name_en: str
    source: str


class RoundRead(BaseModel):
    id: int
    ring_id: int
    ring_name: str
    name: str
    status: RoundStatus
    years: list[int]
    deadline: date | None
    display_rule: DisplayRule
    min_group_size: int
    catalog_version: str
    synthetic_data: bool
    participant_count: int
    published_elsewhere: list[PublishedKeyFigure] = Field(
        default=[],
        description="key figures of the round's catalogue that official statistics publish per "
        "city: in a pseudonymised round, pseudonyms cannot protect them (shown to the moderator "
        "when choosing the display rule)",
    )


class InvitationCreate(BaseModel):
    email: EmailStr
    ags: str = Field(pattern=r"^[0-9]{8}$", description="A city of this round")
    display_name: Name = ""


class InvitationRead(BaseModel):
    user_id: int
    email: str
    ags: str
    role: Literal["coordinator"] = "coordinator"
    new_account: bool


# --- lifecycle (issue #10) -------------------------------------------------------------------


def _printable(text: str) -> str:
    """Text the database can store: no NUL and no other control character but tab and newline."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        raise ValueError("control characters are not allowed")
    return text


SafeText = Annotated[str, AfterValidator(_printable)]
VersionText = Annotated[str, Field(pattern=r"^[0-9A-Za-z._-]{1,40}$")]
Year = Annotated[int, Field(ge=1990, le=2100)]
AgsText = Annotated[str, Field(pattern=r"^[0-9]{8}$")]


class RoundCreate(BaseModel):
    ring_id: int = Field(ge=1, le=2**31 - 1)
    name: SafeText = Field(min_length=3, max_length=200)
    years: list[Year] = Field(min_length=1, max_length=10)
    catalog_version: VersionText
    deadline: date | None = None
    display_rule: DisplayRule = DisplayRule.pseudonymised
    min_group_size: int = Field(default=5, ge=3, le=50)
    participants: list[AgsText] = Field(default=[], max_length=2000)
    change_threshold_relative: float = Field(default=0.25, gt=0, le=10)
    change_threshold_absolute: float = Field(default=50, ge=0, le=1e9)

    @field_validator("years")
    @classmethod
    def _distinct_years(cls, years: list[int]) -> list[int]:
        if len(set(years)) != len(years):
            raise ValueError("data years must be distinct")
        return sorted(years)


class RoundUpdate(BaseModel):
    name: SafeText | None = Field(default=None, min_length=3, max_length=200)
    years: list[Year] | None = Field(default=None, min_length=1, max_length=10)
    catalog_version: VersionText | None = None
    deadline: date | None = None
    display_rule: DisplayRule | None = None
    min_group_size: int | None = Field(default=None, ge=3, le=50)
    change_threshold_relative: float | None = Field(default=None, gt=0, le=10)
    change_threshold_absolute: float | None = Field(default=None, ge=0, le=1e9)

    @field_validator("years")
    @classmethod
    def _distinct_years(cls, years: list[int] | None) -> list[int] | None:
        if years is not None and len(set(years)) != len(years):
            raise ValueError("data years must be distinct")
        return None if years is None else sorted(years)


class ParticipantsAdd(BaseModel):
    ags: list[AgsText] = Field(min_length=1, max_length=2000)


class ParticipantRead(BaseModel):
    ags: str
    name: str
    pseudonym: str


class RoundDetail(RoundRead):
    revision: int
    allowed_transitions: list[RoundStatus]
    change_threshold_relative: float
    change_threshold_absolute: float
    participants: list[ParticipantRead]


class TransitionBody(BaseModel):
    to: RoundStatus
    note: SafeText = Field(default="", max_length=2000)


class PublicationRead(BaseModel):
    number: int
    published_at: datetime
    note: str
    submissions: int


class PublicationValues(BaseModel):
    number: int
    published_at: datetime
    values: dict[str, dict[str, list[float | str | None]]] = Field(
        description='"AGS|year" → base figure → [value, status], as published then'
    )
