from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from vergleichsring.submissions.models import SubmissionStatus, ValueStatus


class SubmissionValueRead(BaseModel):
    base_figure: str
    value: float | None
    status: ValueStatus
    comment: str | None
    source_note: str | None
    version: int
    updated_at: datetime


class SubmissionRead(BaseModel):
    round_id: int
    ags: str = Field(pattern=r"^[0-9]{8}$")
    municipality: str
    year: int
    status: SubmissionStatus
    version: int
    submitted_at: datetime | None
    approved_at: datetime | None
    return_reason: str | None
    synthetic_data: bool
    values: list[SubmissionValueRead]
