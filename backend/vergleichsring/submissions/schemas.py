from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, field_validator

from vergleichsring.submissions.models import (
    Channel,
    FindingSeverity,
    FindingState,
    ReviewState,
    SubmissionStatus,
    ValueStatus,
)

AGS_PATTERN = r"^[0-9]{8}$"
CODE_PATTERN = r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$"
MAX_VALUE = 1e12  # no base figure of a city comes near this
MAX_BATCH = 1000  # values in one PATCH, items in one bulk approval


def _printable(text: str) -> str:
    """Text the database can store: no NUL and no other control character but tab and newline."""
    if any(ord(c) < 32 and c not in "\t\n\r" for c in text):
        raise ValueError("control characters are not allowed")
    return text


SafeText = Annotated[str, AfterValidator(_printable)]
Reason = Field(min_length=3, max_length=2000)


class FindingRead(BaseModel):
    id: int
    rule: str
    severity: FindingSeverity
    state: FindingState
    base_figure: str | None
    indicator: str | None
    field: str | None
    message_de: str
    message_en: str
    numbers: dict[str, float | None]


class SubmissionValueRead(BaseModel):
    base_figure: str
    name_de: str
    name_en: str
    field: str
    unit: str
    definition: str
    value: float | None
    status: ValueStatus | None = Field(description="null: nothing entered yet")
    comment: str | None
    source_note: str | None
    version: int
    updated_at: datetime | None
    previous_value: float | None = Field(description="the same base figure one data year earlier")
    ring_median: float | None = Field(
        description=(
            "for the round's moderators only: the median of this base figure over the values of "
            "the other participating cities (this city excluded) in their submitted or approved "
            "submissions of the same data year and round; values that are missing (null, not "
            "collectable, not delivered, suppressed) do not count. null for everyone else, and "
            "when fewer cities than the round's min_group_size contribute a value"
        )
    )
    review_state: ReviewState
    review_reason: str | None
    editable: bool
    changed_since_approval: bool
    approved_value: float | None
    findings: list[FindingRead]


class SubmissionRead(BaseModel):
    round_id: int
    ags: str = Field(pattern=AGS_PATTERN)
    municipality: str
    year: int
    status: SubmissionStatus
    version: int
    round_status: str
    submitted_at: datetime | None
    approved_at: datetime | None
    return_reason: str | None
    synthetic_data: bool
    editable: bool = Field(description="the caller may change values now")
    allowed_actions: list[str]
    findings_summary: dict[str, int]
    findings: list[FindingRead] = Field(description="every finding, also those on no value")
    values: list[SubmissionValueRead]


class ValueChange(BaseModel):
    """A changed value; omitted fields stay as they are."""

    base_figure: str = Field(pattern=CODE_PATTERN, max_length=40)
    value: float | None = Field(default=None, ge=-MAX_VALUE, le=MAX_VALUE)
    status: ValueStatus | None = None
    comment: SafeText | None = Field(default=None, max_length=2000)

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float | None) -> float | None:
        if v is not None and not math.isfinite(v):
            raise ValueError("must be a finite number")
        return v


class ValuesPatch(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1, description="the submission version you read")
    values: list[ValueChange] = Field(min_length=1, max_length=MAX_BATCH)


class VersionBody(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1)


class ValueReason(BaseModel):
    base_figure: str = Field(pattern=CODE_PATTERN, max_length=40)
    reason: SafeText = Reason


class ReturnBody(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1)
    reason: SafeText = Reason
    values: list[ValueReason] = Field(
        default=[], max_length=MAX_BATCH, description="empty: the whole submission"
    )


class BulkApproveItem(BaseModel):
    ags: str = Field(pattern=AGS_PATTERN)
    year: int = Field(ge=1990, le=2100)
    version: int = Field(ge=1, le=2**31 - 1)


class BulkApprove(BaseModel):
    items: list[BulkApproveItem] = Field(min_length=1, max_length=MAX_BATCH)


class BulkApproveRead(BaseModel):
    approved: list[BulkApproveItem]


class HistoryEntry(BaseModel):
    base_figure: str
    version: int
    value: float | None
    status: ValueStatus
    comment: str | None
    action: str
    channel: Channel
    reason: str | None
    submission_version: int | None
    changed_by: str | None
    changed_at: datetime


class HistoryRead(BaseModel):
    total: int
    entries: list[HistoryEntry]


class ChangeSinceApproval(BaseModel):
    base_figure: str
    approved_value: float | None
    approved_status: ValueStatus | None
    value: float | None
    status: ValueStatus
    version: int
    approved_version: int


class CockpitCell(BaseModel):
    field: str
    filled: int
    required: int
    completeness: float
    errors_open: int
    warnings_open: int
    warnings_explained: int


class CockpitYear(BaseModel):
    year: int
    status: SubmissionStatus | None
    version: int | None
    completeness: float
    findings_open: int
    changed_since_approval: int
    fields: list[CockpitCell]


class CockpitCity(BaseModel):
    ags: str
    name: str
    years: list[CockpitYear]


class CockpitField(BaseModel):
    code: str
    name_de: str
    name_en: str
    required: int


class CockpitRead(BaseModel):
    round_id: int
    round_status: str
    years: list[int]
    fields: list[CockpitField]
    status_counts: dict[str, int]
    cities: list[CockpitCity]


class FindingListItem(FindingRead):
    ags: str
    municipality: str
    year: int
    submission_status: SubmissionStatus


class FindingList(BaseModel):
    total: int
    items: list[FindingListItem]


class ReminderBody(BaseModel):
    year: int | None = Field(default=None, ge=1990, le=2100)
    message: SafeText = Field(default="", max_length=2000)


class ReminderSent(BaseModel):
    ags: str
    email: str
    years: list[int]


class ReminderRead(BaseModel):
    sent: list[ReminderSent]
    cities_without_coordinator: list[str]


class ImportProblem(BaseModel):
    loc: str = Field(description="sheet!cell (Excel) or line:column (CSV)")
    msg: str


class ImportResult(BaseModel):
    dry_run: bool
    changed_values: int
    problems: list[ImportProblem]
    submissions: list[SubmissionRead]


CsvFormat = Literal["de", "intl"]
