"""The Excel collection form (Erhebungsbogen): generate it for a city and round, read it back.

The form has an instructions sheet in German, one sheet per action field (base figures as rows;
last year's value, then value, status and comment per data year as columns), protected
structure cells, number validation, a status drop-down, and a very hidden sheet with the form's
identity (round, AGS, catalogue version, the submission versions it was made from).

The upload trusts nothing of Excel's validation: size, zip structure, identity, sheets, row
order, every cell's type are checked again, and the values then go through the same rules and
the same optimistic lock as the API – all or nothing, or as a dry run that lists every problem
with its ``sheet!cell``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.core.errors import DomainError, ErrorItem, ValidationFailed
from vergleichsring.rounds import service as round_service
from vergleichsring.submissions import repository, service
from vergleichsring.submissions.catalog_rules import CatalogRules, FieldInfo, catalog_rules
from vergleichsring.submissions.models import Channel, ValueStatus
from vergleichsring.submissions.rules import FLAG_UNITS
from vergleichsring.submissions.schemas import ImportProblem, ImportResult, ValueChange

UPLOAD_MAX_BYTES = 10 * 1024 * 1024  # uploads: 10 MB (wire into the request body limit)
UNPACKED_MAX_BYTES = 60 * 1024 * 1024  # a form unpacks to well under 1 MB; more is a zip bomb
MAX_ZIP_ENTRIES = 2000
MAX_PROBLEMS = 500
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM_KIND = "vergleichsring-erhebungsbogen/1"
META_SHEET = "_Formular"
INSTRUCTIONS = "Anleitung"
HEADER_ROW = 4
FIRST_ROW = 5
STATUS_LABELS: dict[ValueStatus, str] = {
    ValueStatus.ok: "geliefert",
    ValueStatus.not_collectable: "nicht erhebbar",
    ValueStatus.not_delivered: "noch nicht geliefert",
    ValueStatus.suppressed: "geheim",
    ValueStatus.provisional: "vorläufig",
    ValueStatus.revised: "berichtigt",
    ValueStatus.estimated: "geschätzt",
}
LABEL_STATUS = {label: status for status, label in STATUS_LABELS.items()} | {
    s.value: s for s in ValueStatus
}
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


class PayloadTooLarge(DomainError):
    status_code = 413
    code = "payload_too_large"


class UnsupportedFile(DomainError):
    status_code = 415
    code = "unsupported_file"


def sheet_titles(fields: Sequence[FieldInfo]) -> dict[str, str]:
    """A short, unique sheet title per action field, e.g. ``Bildung`` for BIL."""
    titles: dict[str, str] = {}
    for f in fields:
        short = re.split(r" und | \(| / |, ", f.name_de)[0]
        title = _BAD_TITLE.sub("-", short)[:31]
        if title in titles.values() or title in (INSTRUCTIONS, META_SHEET):
            title = f"{f.code} {title}"[:31]
        titles[f.code] = title
    return titles


@dataclass(frozen=True)
class Columns:
    years: tuple[int, ...]

    CODE, NAME, UNIT, DEFINITION, PREVIOUS = 1, 2, 3, 4, 5

    def value(self, i: int) -> int:
        return 6 + 3 * i

    def status(self, i: int) -> int:
        return 7 + 3 * i

    def comment(self, i: int) -> int:
        return 8 + 3 * i


# --- generating -----------------------------------------------------------------------------


def build_form(db: Session, principal: Principal, *, round_id: int, ags: str) -> tuple[str, bytes]:
    """The form of one city for every data year of the round; (file name, xlsx bytes)."""
    targets = _targets(db, principal, round_id, ags)
    rnd = targets[0].rnd
    municipality = targets[0].municipality
    ctx = catalog_rules(db, rnd.catalog_version_id)
    years = tuple(t.submission.year for t in targets)
    cols = Columns(years)
    current = {
        t.submission.year: {
            code: v
            for v, code in repository.values_with_codes(
                db, municipality_id=municipality.id, submission_id=t.submission.id
            )
        }
        for t in targets
    }
    previous = repository.previous_year_values(
        db, municipality_id=municipality.id, year=years[0], round_id=rnd.id
    )
    editable = {t.submission.year: service.is_editable(t) for t in targets}
    wb = Workbook()
    info = wb.active
    assert info is not None
    info.title = INSTRUCTIONS
    _instructions(info, rnd.name, municipality.name, ags, ctx.version, years, editable)
    titles = sheet_titles(ctx.fields)
    bold = Font(bold=True)
    locked_fill = PatternFill("solid", fgColor="EEEEEE")
    open_fill = PatternFill("solid", fgColor="FFFFFF")
    status_list = '"' + ",".join(STATUS_LABELS.values()) + '"'
    for fi in ctx.fields:
        ws = wb.create_sheet(titles[fi.code])
        ws["A1"] = f"Erhebungsbogen {rnd.name} – {municipality.name} ({ags})"
        ws["A1"].font = Font(bold=True, size=13)
        ws["A2"] = f"Handlungsfeld {fi.code}: {fi.name_de} · Katalog {ctx.version}"
        headers = ["Code", "Grunddatum", "Einheit", "Definition", f"Vorjahr {years[0] - 1}"]
        for y in years:
            headers += [f"Wert {y}", f"Status {y}", f"Kommentar {y}"]
        for c, text in enumerate(headers, start=1):
            cell = ws.cell(row=HEADER_ROW, column=c, value=text)
            cell.font = bold
        figures = ctx.figures_in_field(fi.code)
        last = FIRST_ROW + len(figures) - 1
        for r, fig in enumerate(figures, start=FIRST_ROW):
            ws.cell(row=r, column=cols.CODE, value=fig.code)
            ws.cell(row=r, column=cols.NAME, value=fig.name_de)
            ws.cell(row=r, column=cols.UNIT, value=fig.unit)
            ws.cell(row=r, column=cols.DEFINITION, value=fig.definition)
            ws.cell(row=r, column=cols.PREVIOUS, value=previous.get(fig.code))
            for i, y in enumerate(years):
                v = current[y].get(fig.code)
                cells = [
                    ws.cell(row=r, column=cols.value(i), value=None if v is None else v.value),
                    ws.cell(
                        row=r,
                        column=cols.status(i),
                        value=None if v is None else STATUS_LABELS[v.status],
                    ),
                    ws.cell(row=r, column=cols.comment(i), value=None if v is None else v.comment),
                ]
                for cell in cells:
                    if editable[y]:
                        cell.protection = Protection(locked=False)
                        cell.fill = open_fill
                    else:
                        cell.fill = locked_fill
        for i, y in enumerate(years):
            if not editable[y] or not figures:
                continue
            vcol = get_column_letter(cols.value(i))
            number = DataValidation(
                type="decimal",
                operator="between",
                formula1="-1000000000000",
                formula2="1000000000000",
                showErrorMessage=True,
                errorTitle="Keine Zahl",
                error="Bitte eine Zahl eintragen (Anzahlen ganzzahlig und ≥ 0).",
            )
            number.add(f"{vcol}{FIRST_ROW}:{vcol}{last}")
            ws.add_data_validation(number)
            scol = get_column_letter(cols.status(i))
            status = DataValidation(
                type="list",
                formula1=status_list,
                showErrorMessage=True,
                errorTitle="Unbekannter Status",
                error="Bitte einen Status aus der Liste wählen.",
            )
            status.add(f"{scol}{FIRST_ROW}:{scol}{last}")
            ws.add_data_validation(status)
        ws.column_dimensions["A"].width = 20
        ws.column_dimensions["B"].width = 60
        ws.column_dimensions["C"].width = 12
        ws.column_dimensions["D"].width = 50
        for c in range(cols.PREVIOUS, cols.comment(len(years) - 1) + 1):
            ws.column_dimensions[get_column_letter(c)].width = 16
        for row in ws.iter_rows(min_row=FIRST_ROW, max_row=last, min_col=2, max_col=4):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = ws.cell(row=FIRST_ROW, column=cols.PREVIOUS)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    meta = wb.create_sheet(META_SHEET)
    identity: list[tuple[str, Any]] = [
        ("form", FORM_KIND),
        ("round_id", rnd.id),
        ("round", rnd.name),
        ("ags", ags),
        ("catalog_version", ctx.version),
        ("years", ",".join(str(y) for y in years)),
        *[(f"version_{t.submission.year}", t.submission.version) for t in targets],
        ("generated_at", datetime.now(UTC).isoformat(timespec="seconds")),
    ]
    for r, (key, value) in enumerate(identity, start=1):
        meta.cell(row=r, column=1, value=key)
        meta.cell(row=r, column=2, value=value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"Erhebungsbogen {rnd.name} {ags}"
    wb.properties.identifier = f"{FORM_KIND};round={rnd.id};ags={ags};catalog={ctx.version}"
    out = io.BytesIO()
    wb.save(out)
    name = f"erhebungsbogen_{rnd.id}_{ags}.xlsx"
    return name, out.getvalue()


def _instructions(
    ws: Any,
    round_name: str,
    city: str,
    ags: str,
    version: str,
    years: Sequence[int],
    editable: dict[int, bool],
) -> None:
    open_years = [str(y) for y in years if editable[y]]
    lines = [
        (f"Erhebungsbogen – {round_name}", True),
        (f"Stadt: {city} (AGS {ags}) · Katalogversion {version}", False),
        ("", False),
        ("So füllen Sie den Bogen aus", True),
        ("1. Jedes Handlungsfeld hat ein eigenes Blatt; jede Zeile ist ein Grunddatum.", False),
        (
            "2. Tragen Sie je Datenjahr den Wert in die Spalte „Wert“ ein (Anzahlen als ganze "
            "Zahlen ohne Tausenderpunkte oder Einheiten).",
            False,
        ),
        (
            "3. Fehlt ein Wert, lassen Sie „Wert“ leer und wählen einen Status, z. B. "
            "„nicht erhebbar“ – dann bitte den Grund in „Kommentar“.",
            False,
        ),
        (
            "4. Ungewöhnliche Werte (starker Sprung zum Vorjahr, weit weg von den anderen "
            "Städten) begründen Sie bitte in „Kommentar“.",
            False,
        ),
        (
            "5. Keine Formeln, keine Zeilen oder Blätter verschieben, umbenennen oder löschen.",
            False,
        ),
        (
            "6. Laden Sie den Bogen auf der Plattform hoch. Ein Probelauf zeigt alle Probleme "
            "mit Blatt und Zelle (z. B. Bildung!F14), bevor etwas gespeichert wird.",
            False,
        ),
        ("", False),
        (
            "Änderbar sind: "
            + (", ".join(open_years) if open_years else "keine Jahre (nur Ansicht)"),
            True,
        ),
        ("Status: " + ", ".join(STATUS_LABELS.values()), False),
    ]
    for r, (text, strong) in enumerate(lines, start=1):
        cell = ws.cell(row=r, column=1, value=text)
        if strong:
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 120
    ws.protection.sheet = True


def _targets(db: Session, principal: Principal, round_id: int, ags: str) -> list[service.Target]:
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_submission)
    return [service.locate(db, principal, round_id=round_id, ags=ags, year=y) for y in rnd.years]


# --- reading back ---------------------------------------------------------------------------


def check_upload(data: bytes, *, kind: str = "Excel-Datei") -> None:
    if not data:
        raise ValidationFailed(
            "Die Datei ist leer.", errors=[ErrorItem(loc=["file"], msg="empty file")]
        )
    if len(data) > UPLOAD_MAX_BYTES:
        raise PayloadTooLarge(
            f"Die {kind} ist größer als {UPLOAD_MAX_BYTES // (1024 * 1024)} MB.",
            errors=[ErrorItem(loc=["file"], msg="file too large")],
        )


def _open_workbook(data: bytes) -> Any:
    check_upload(data)
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise UnsupportedFile(
            "Das ist keine Excel-Datei (.xlsx); bitte den Erhebungsbogen der Plattform hochladen.",
            errors=[ErrorItem(loc=["file"], msg="not an xlsx (zip) file")],
        )
    try:
        with zipfile.ZipFile(buffer) as archive:
            infos = archive.infolist()
            unpacked = sum(i.file_size for i in infos)
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnsupportedFile(
            "Die Excel-Datei ist beschädigt.", errors=[ErrorItem(loc=["file"], msg=str(exc))]
        ) from exc
    if len(infos) > MAX_ZIP_ENTRIES or unpacked > UNPACKED_MAX_BYTES:
        raise PayloadTooLarge(
            f"Die Datei entpackt sich zu {unpacked // (1024 * 1024)} MB in {len(infos)} Teilen – "
            "das ist kein Erhebungsbogen (Verdacht auf Zip-Bombe).",
            errors=[ErrorItem(loc=["file"], msg="unpacked size or entry count over the limit")],
        )
    if "xl/workbook.xml" not in names:
        raise UnsupportedFile(
            "Das ist keine Excel-Arbeitsmappe (.xlsx).",
            errors=[ErrorItem(loc=["file"], msg="no xl/workbook.xml in the archive")],
        )
    try:
        buffer.seek(0)
        return load_workbook(buffer, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types on broken files
        raise UnsupportedFile(
            "Die Excel-Datei lässt sich nicht lesen.",
            errors=[ErrorItem(loc=["file"], msg=type(exc).__name__)],
        ) from exc


def _identity(wb: Any) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        raise ValidationFailed(
            "Das ist kein Erhebungsbogen dieser Plattform (die Formular-Kennung fehlt). Bitte "
            "den Bogen über die Plattform herunterladen.",
            errors=[ErrorItem(loc=["file", META_SHEET], msg="form identity missing")],
        )
    ident: dict[str, str] = {}
    for row in wb[META_SHEET].iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if row and row[0] is not None:
            ident[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    return ident


def read_form(
    db: Session, principal: Principal, *, round_id: int, ags: str, data: bytes, dry_run: bool
) -> ImportResult:
    wb = _open_workbook(data)
    try:
        per_year, problems = _parse_form(db, principal, wb, round_id=round_id, ags=ags)
    except DomainError:
        raise
    except Exception as exc:  # read-only openpyxl parses lazily: a broken sheet fails here
        raise UnsupportedFile(
            "Die Excel-Datei lässt sich nicht lesen.",
            errors=[ErrorItem(loc=["file"], msg=type(exc).__name__)],
        ) from exc
    finally:
        wb.close()
    changed, all_problems, reads = service.import_changes(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        years=per_year,
        problems=problems,
        channel=Channel.excel,
        dry_run=dry_run,
    )
    return ImportResult(
        dry_run=dry_run,
        changed_values=changed,
        problems=[ImportProblem(loc=_loc_text(p.loc), msg=p.msg) for p in all_problems],
        submissions=reads,
    )


def _parse_form(
    db: Session, principal: Principal, wb: Any, *, round_id: int, ags: str
) -> tuple[list[service.YearChanges], list[ErrorItem]]:
    ident = _identity(wb)
    targets = _targets(db, principal, round_id, ags)
    rnd = targets[0].rnd
    ctx = catalog_rules(db, rnd.catalog_version_id)
    _check_identity(ident, rnd.id, ags, ctx.version)
    years = tuple(t.submission.year for t in targets)
    if ident.get("years") != ",".join(str(y) for y in years):
        raise ValidationFailed(
            f"Der Bogen hat die Datenjahre {ident.get('years')}, die Runde {list(years)}.",
            errors=[ErrorItem(loc=["file", META_SHEET, "years"], msg="other data years")],
        )
    per_year, problems = _parse_sheets(db, wb, ctx, years, targets, ags)
    for y in per_year:
        raw = ident.get(f"version_{y.year}", "")
        y.seen_version = int(raw) if raw.isdigit() else 0
    return per_year, problems


def _loc_text(loc: Sequence[str | int]) -> str:
    return str(loc[0]) if loc else ""


def _check_identity(ident: dict[str, str], round_id: int, ags: str, version: str) -> None:
    errors: list[ErrorItem] = []
    if ident.get("form") != FORM_KIND:
        errors.append(ErrorItem(loc=["file", META_SHEET, "form"], msg="not a collection form"))
    if ident.get("ags") != ags:
        errors.append(
            ErrorItem(
                loc=["file", META_SHEET, "ags"],
                msg=f"form of another city (AGS {ident.get('ags')}, expected {ags})",
            )
        )
    if ident.get("round_id") != str(round_id):
        errors.append(
            ErrorItem(
                loc=["file", META_SHEET, "round_id"],
                msg=f"form of another round ({ident.get('round')!s})",
            )
        )
    if ident.get("catalog_version") != version:
        errors.append(
            ErrorItem(
                loc=["file", META_SHEET, "catalog_version"],
                msg=f"catalogue version {ident.get('catalog_version')}, expected {version}",
            )
        )
    if errors:
        raise ValidationFailed(
            "Dieser Erhebungsbogen gehört nicht zu dieser Stadt und Runde: "
            + "; ".join(e.msg for e in errors),
            errors=errors,
        )


def parse_number(raw: object) -> float | str | None:
    """A cell's number; text is accepted in German notation (``1.234,5``). A problem is
    returned as text."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "ist ein Wahrheitswert, keine Zahl"
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, datetime):
        return "ist ein Datum, keine Zahl"
    text = str(raw).strip()
    if not text:
        return None
    if text.startswith("="):
        return "enthält eine Formel; bitte nur Werte eintragen"
    if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*(,[0-9]+)?|-?[0-9]+(,[0-9]+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    return f"„{text[:40]}“ ist keine Zahl"


def _parse_sheets(
    db: Session,
    wb: Any,
    ctx: CatalogRules,
    years: Sequence[int],
    targets: Sequence[service.Target],
    ags: str,
) -> tuple[list[service.YearChanges], list[ErrorItem]]:
    cols = Columns(tuple(years))
    titles = sheet_titles(ctx.fields)
    problems: list[ErrorItem] = []
    current = {
        t.submission.year: {
            code: v
            for v, code in repository.values_with_codes(
                db, municipality_id=t.municipality.id, submission_id=t.submission.id
            )
        }
        for t in targets
    }
    per_year = [service.YearChanges(y, 0, [], []) for y in years]
    last_col = cols.comment(len(years) - 1)
    for fi in ctx.fields:
        title = titles[fi.code]
        if title not in wb.sheetnames:
            problems.append(
                ErrorItem(
                    loc=[f"{title}!A1"],
                    msg=f"Das Blatt „{title}“ fehlt (umbenannt oder gelöscht?).",
                    type="sheet",
                )
            )
            continue
        ws = wb[title]
        figures = ctx.figures_in_field(fi.code)
        rows = list(
            ws.iter_rows(
                min_row=FIRST_ROW,
                max_row=FIRST_ROW + len(figures) + 200,
                max_col=last_col,
                values_only=True,
            )
        )
        for offset, fig in enumerate(figures):
            r = FIRST_ROW + offset
            row = rows[offset] if offset < len(rows) else ()
            cells = list(row) + [None] * (last_col - len(row))
            if cells[cols.CODE - 1] != fig.code:
                problems.append(
                    ErrorItem(
                        loc=[f"{title}!A{r}"],
                        msg=f"erwartet {fig.code}, gefunden „{cells[cols.CODE - 1]}“ – Zeilen "
                        "verschoben oder gelöscht?",
                        type="row",
                    )
                )
                continue
            for i, y in enumerate(years):
                _cell_changes(
                    problems,
                    per_year[i],
                    current[y].get(fig.code),
                    fig.code,
                    fig.unit,
                    title,
                    r,
                    cols,
                    i,
                    cells,
                )
        extra = rows[len(figures)] if len(rows) > len(figures) else None
        if extra and any(v not in (None, "") for v in extra):
            problems.append(
                ErrorItem(
                    loc=[f"{title}!A{FIRST_ROW + len(figures)}"],
                    msg="unerwartete zusätzliche Zeile unter den Grunddaten",
                    type="row",
                )
            )
        if len(problems) > MAX_PROBLEMS:
            break
    return per_year, problems[:MAX_PROBLEMS]


def _cell_changes(
    problems: list[ErrorItem],
    year: service.YearChanges,
    current: Any,
    code: str,
    unit: str,
    title: str,
    r: int,
    cols: Columns,
    i: int,
    cells: list[Any],
) -> None:
    vref = f"{title}!{get_column_letter(cols.value(i))}{r}"
    sref = f"{title}!{get_column_letter(cols.status(i))}{r}"
    cref = f"{title}!{get_column_letter(cols.comment(i))}{r}"
    value = parse_number(cells[cols.value(i) - 1])
    if isinstance(value, str):
        problems.append(ErrorItem(loc=[vref], msg=f"{vref}: {value}", type="cell"))
        return
    raw_status = cells[cols.status(i) - 1]
    status: ValueStatus | None = None
    if raw_status not in (None, ""):
        status = LABEL_STATUS.get(str(raw_status).strip())
        if status is None:
            problems.append(
                ErrorItem(
                    loc=[sref],
                    msg=f"{sref}: unbekannter Status „{str(raw_status)[:40]}“ – erlaubt: "
                    + ", ".join(STATUS_LABELS.values()),
                    type="cell",
                )
            )
            return
    raw_comment = cells[cols.comment(i) - 1]
    comment = None if raw_comment in (None, "") else str(raw_comment).strip()
    if comment is not None and comment.startswith("="):
        problems.append(
            ErrorItem(loc=[cref], msg=f"{cref}: Formeln sind nicht erlaubt", type="cell")
        )
        return
    if comment is not None and len(comment) > 2000:
        problems.append(ErrorItem(loc=[cref], msg=f"{cref}: Kommentar länger als 2000 Zeichen"))
        return
    if unit in FLAG_UNITS and value is not None and value not in (0.0, 1.0):
        problems.append(ErrorItem(loc=[vref], msg=f"{vref}: erlaubt sind 1 (ja) und 0 (nein)"))
        return
    old_value = None if current is None else current.value
    old_status = None if current is None else current.status
    old_comment = None if current is None else current.comment
    new_status = status or old_status or ValueStatus.ok
    if current is None and value is None and status is None and comment is None:
        return
    if (value, new_status, comment) == (old_value, old_status, old_comment):
        return
    if value is not None and abs(value) > 1e12:
        problems.append(
            ErrorItem(loc=[vref], msg=f"{vref}: Wert außerhalb des zulässigen Bereichs")
        )
        return
    try:
        change = ValueChange(base_figure=code, value=value, status=new_status, comment=comment)
    except PydanticValidationError as exc:
        problems.append(ErrorItem(loc=[cref], msg=f"{cref}: {exc.errors()[0]['msg']}"))
        return
    year.changes.append(change)
    year.locs.append([vref])
