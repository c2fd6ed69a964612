from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, EmailStr, Field

from vergleichsring.core.validation import Name
from vergleichsring.rounds.models import DisplayRule, RoundStatus


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
