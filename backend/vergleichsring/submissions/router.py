from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, Query, Response, UploadFile

from vergleichsring.auth.deps import CurrentPrincipal, MailerDep, SettingsDep
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import (
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
    error_responses,
)
from vergleichsring.submissions import cockpit, csv_io, forms, service
from vergleichsring.submissions.models import FindingSeverity, FindingState
from vergleichsring.submissions.schemas import (
    CODE_PATTERN,
    BulkApprove,
    BulkApproveRead,
    ChangeSinceApproval,
    CockpitRead,
    CsvFormat,
    FindingList,
    HistoryRead,
    ImportResult,
    ReminderBody,
    ReminderRead,
    ReturnBody,
    SubmissionRead,
    ValuesPatch,
    VersionBody,
)

router = APIRouter(prefix="/rounds/{round_id}", tags=["submissions"])

RoundId = Annotated[int, Path(ge=1, le=2**31 - 1)]
AgsPath = Annotated[str, Path(pattern=r"^[0-9]{8}$", description="AGS, 8 digits, as text")]
YearPath = Annotated[int, Path(ge=1990, le=2100)]
READ_ERRORS = error_responses(NotAuthenticated, PermissionDenied, NotFound, ValidationFailed)
WRITE_ERRORS = error_responses(
    NotAuthenticated, PermissionDenied, NotFound, Conflict, ValidationFailed
)


@router.get(
    "/submissions/{ags}/{year}",
    response_model=SubmissionRead,
    responses=READ_ERRORS,
    operation_id="get_submission",
)
def get_submission(
    round_id: RoundId, ags: AgsPath, year: YearPath, principal: CurrentPrincipal, db: SessionDep
) -> SubmissionRead:
    """Status, version and per base figure value, status, comment, unit, definition, last
    year's value, review marks and findings – everything one entry screen needs."""
    return service.read_submission(db, principal, round_id=round_id, ags=ags, year=year)


@router.patch(
    "/submissions/{ags}/{year}",
    response_model=SubmissionRead,
    responses=WRITE_ERRORS,
    operation_id="patch_submission_values",
)
def patch_values(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    body: ValuesPatch,
    principal: CurrentPrincipal,
    db: SessionDep,
) -> SubmissionRead:
    """Changed values only, with the version read. A stale version answers 409 naming the values
    changed in between (and, as 409 ``invalid_state``, a state that allows no edit); nothing of a
    rejected batch is written."""
    return service.patch_values(db, principal, round_id=round_id, ags=ags, year=year, body=body)


@router.post(
    "/submissions/{ags}/{year}/submit",
    response_model=SubmissionRead,
    responses=WRITE_ERRORS,
    operation_id="submit_submission",
)
def submit(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    body: VersionBody,
    principal: CurrentPrincipal,
    db: SessionDep,
) -> SubmissionRead:
    """draft | returned → submitted; refused (422) while a hard rule fails or a warning lacks a
    comment, each named."""
    return service.submit(
        db, principal, round_id=round_id, ags=ags, year=year, version=body.version
    )


@router.post(
    "/submissions/{ags}/{year}/return",
    response_model=SubmissionRead,
    responses=WRITE_ERRORS,
    operation_id="return_submission",
)
def return_submission(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    body: ReturnBody,
    principal: CurrentPrincipal,
    db: SessionDep,
) -> SubmissionRead:
    """submitted → returned, as a whole or single values with a reason each (moderators)."""
    return service.return_submission(
        db, principal, round_id=round_id, ags=ags, year=year, body=body
    )


@router.post(
    "/submissions/{ags}/{year}/reopen",
    response_model=SubmissionRead,
    responses=WRITE_ERRORS,
    operation_id="reopen_submission",
)
def reopen_submission(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    body: ReturnBody,
    principal: CurrentPrincipal,
    db: SessionDep,
) -> SubmissionRead:
    """submitted | approved → returned, opening single values (or all) for a correction."""
    return service.return_submission(
        db, principal, round_id=round_id, ags=ags, year=year, body=body, reopen=True
    )


@router.post(
    "/submissions/{ags}/{year}/approve",
    response_model=SubmissionRead,
    responses=WRITE_ERRORS,
    operation_id="approve_submission",
)
def approve(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    body: VersionBody,
    principal: CurrentPrincipal,
    db: SessionDep,
) -> SubmissionRead:
    """submitted → approved at the version the moderator saw; the comparison then includes it."""
    return service.approve(
        db, principal, round_id=round_id, ags=ags, year=year, version=body.version
    )


@router.post(
    "/submissions/approve",
    response_model=BulkApproveRead,
    responses=WRITE_ERRORS,
    operation_id="approve_submissions",
)
def approve_many(
    round_id: RoundId, body: BulkApprove, principal: CurrentPrincipal, db: SessionDep
) -> BulkApproveRead:
    """Approve many city-years, each at the version seen: all or nothing."""
    return service.approve_many(db, principal, round_id=round_id, body=body)


@router.get(
    "/submissions/{ags}/{year}/history",
    response_model=HistoryRead,
    responses=READ_ERRORS,
    operation_id="get_submission_history",
)
def history(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    base_figure: Annotated[str | None, Query(pattern=CODE_PATTERN, max_length=40)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HistoryRead:
    """Every change of the submission's values (or of one value): who, when, old → new, status,
    comment, channel (web, api, excel, csv); newest first."""
    return service.read_history(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        year=year,
        base_figure=base_figure,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/submissions/{ags}/{year}/changes-since-approval",
    response_model=list[ChangeSinceApproval],
    responses=READ_ERRORS,
    operation_id="get_changes_since_approval",
)
def changes_since_approval(
    round_id: RoundId, ags: AgsPath, year: YearPath, principal: CurrentPrincipal, db: SessionDep
) -> list[ChangeSinceApproval]:
    """Values whose current state differs from the one last approved."""
    return service.changes_since_approval(db, principal, round_id=round_id, ags=ags, year=year)


@router.get(
    "/cockpit",
    response_model=CockpitRead,
    responses=READ_ERRORS,
    operation_id="get_round_cockpit",
)
def get_cockpit(round_id: RoundId, principal: CurrentPrincipal, db: SessionDep) -> CockpitRead:
    """Moderators: every city × action field with completeness, status and open findings."""
    return cockpit.cockpit(db, principal, round_id=round_id)


@router.get(
    "/findings",
    response_model=FindingList,
    responses=READ_ERRORS,
    operation_id="list_round_findings",
)
def list_findings(
    round_id: RoundId,
    principal: CurrentPrincipal,
    db: SessionDep,
    ags: Annotated[str | None, Query(pattern=r"^[0-9]{8}$")] = None,
    year: Annotated[int | None, Query(ge=1990, le=2100)] = None,
    field: Annotated[str | None, Query(pattern=r"^[A-Z]{2,10}$")] = None,
    severity: FindingSeverity | None = None,
    state: FindingState | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> FindingList:
    """Moderators: the findings to review, filtered by city, year, action field, severity, state."""
    return cockpit.list_findings(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        year=year,
        field=field,
        severity=severity,
        state=state,
        limit=limit,
        offset=offset,
    )


@router.post(
    "/reminders",
    response_model=ReminderRead,
    responses=WRITE_ERRORS,
    operation_id="send_round_reminders",
)
def send_reminders(
    round_id: RoundId,
    body: ReminderBody,
    principal: CurrentPrincipal,
    db: SessionDep,
    mailer: MailerDep,
    settings: SettingsDep,
) -> ReminderRead:
    """Moderators remind the coordinators of cities that have not submitted (each mail audited)."""
    return cockpit.send_reminders(
        db, principal, round_id=round_id, body=body, mailer=mailer, settings=settings
    )


# --- files: the Excel form and CSV ----------------------------------------------------------

UPLOAD_MAX_BYTES = forms.UPLOAD_MAX_BYTES  # the per-route body limit of the upload routes
UPLOAD_ERRORS = error_responses(
    NotAuthenticated, PermissionDenied, NotFound, Conflict, ValidationFailed
) | error_responses(forms.PayloadTooLarge, forms.UnsupportedFile)


def read_upload(file: Annotated[UploadFile, File(description="the file to import")]) -> bytes:
    """The uploaded bytes, read up to one byte past the limit (the service then refuses)."""
    return file.file.read(UPLOAD_MAX_BYTES + 1)


UploadBytes = Annotated[bytes, Depends(read_upload)]
DryRun = Annotated[
    bool, Query(description="check everything and list every problem, write nothing")
]


@router.get(
    "/forms/{ags}",
    response_class=Response,
    responses={
        200: {"content": {forms.XLSX_MEDIA_TYPE: {}}, "description": "the collection form"},
        **READ_ERRORS,
    },
    operation_id="download_collection_form",
)
def download_form(
    round_id: RoundId, ags: AgsPath, principal: CurrentPrincipal, db: SessionDep
) -> Response:
    """The city's Excel collection form (Erhebungsbogen) for every data year of the round."""
    name, data = forms.build_form(db, principal, round_id=round_id, ags=ags)
    return Response(
        data,
        media_type=forms.XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/forms/{ags}",
    response_model=ImportResult,
    responses=UPLOAD_ERRORS,
    operation_id="upload_collection_form",
)
def upload_form(
    round_id: RoundId,
    ags: AgsPath,
    data: UploadBytes,
    principal: CurrentPrincipal,
    db: SessionDep,
    dry_run: DryRun = False,
) -> ImportResult:
    """Import a filled form: all or nothing (422 naming every ``sheet!cell``), or a dry run."""
    return forms.read_form(db, principal, round_id=round_id, ags=ags, data=data, dry_run=dry_run)


@router.get(
    "/submissions/{ags}/{year}/csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV"}, **READ_ERRORS},
    operation_id="export_submission_csv",
)
def export_csv(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    principal: CurrentPrincipal,
    db: SessionDep,
    format: CsvFormat = "de",
) -> Response:
    """The submission as CSV: ``de`` (semicolon, decimal comma, UTF-8 with BOM) or ``intl``."""
    name, data = csv_io.export_csv(db, principal, round_id=round_id, ags=ags, year=year, fmt=format)
    return Response(
        data,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.post(
    "/submissions/{ags}/{year}/csv",
    response_model=ImportResult,
    responses=UPLOAD_ERRORS,
    operation_id="import_submission_csv",
)
def import_csv(
    round_id: RoundId,
    ags: AgsPath,
    year: YearPath,
    version: Annotated[int, Query(ge=1, le=2**31 - 1, description="the version you read")],
    data: UploadBytes,
    principal: CurrentPrincipal,
    db: SessionDep,
    format: CsvFormat = "de",
    dry_run: DryRun = False,
) -> ImportResult:
    """Import a CSV of the submission through the same rules as the API: all or nothing."""
    return csv_io.import_csv(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        year=year,
        fmt=format,
        version=version,
        data=data,
        dry_run=dry_run,
    )
