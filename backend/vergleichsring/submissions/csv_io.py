"""CSV export and import of one submission, in German form (semicolon, decimal comma, UTF-8 with
byte-order mark, German status labels) and international form (comma, decimal point, UTF-8,
status codes).

The AGS stays text (8 digits, leading zero kept). Text cells that begin with ``=``, ``+``,
``-``, ``@`` (or a tab or carriage return) are neutralised on export with a leading apostrophe,
so that a spreadsheet never runs them as formulas; the import strips that apostrophe again.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from pydantic import ValidationError as PydanticValidationError
from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Principal
from vergleichsring.core.errors import ErrorItem, ValidationFailed
from vergleichsring.submissions import repository, service
from vergleichsring.submissions.catalog_rules import catalog_rules
from vergleichsring.submissions.forms import LABEL_STATUS, STATUS_LABELS, check_upload
from vergleichsring.submissions.models import Channel, ValueStatus
from vergleichsring.submissions.schemas import CsvFormat, ImportProblem, ImportResult, ValueChange

MAX_LINES = 5000
INJECTION_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    decimal: str
    header: tuple[str, ...]
    bom: bool
    status_labels: bool


DIALECTS: dict[str, Dialect] = {
    "de": Dialect(
        ";",
        ",",
        ("AGS", "Jahr", "Code", "Grunddatum", "Einheit", "Wert", "Status", "Kommentar"),
        bom=True,
        status_labels=True,
    ),
    "intl": Dialect(
        ",",
        ".",
        ("ags", "year", "code", "base_figure", "unit", "value", "status", "comment"),
        bom=False,
        status_labels=False,
    ),
}


def neutralise(text: str | None) -> str:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe."""
    if not text:
        return ""
    return "'" + text if text.startswith(INJECTION_START) else text


def _unneutralise(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(INJECTION_START):
        return text[1:]
    return text


def format_number(value: float | None, decimal: str) -> str:
    if value is None:
        return ""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    if "e" in text or "E" in text:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def export_csv(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int, fmt: CsvFormat
) -> tuple[str, bytes]:
    t = service.locate(db, principal, round_id=round_id, ags=ags, year=year)
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    d = DIALECTS[fmt]
    current = {
        code: v
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
    }
    out = io.StringIO()
    writer = csv.writer(
        out, delimiter=d.delimiter, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow(d.header)
    for fig in ctx.figures:
        v = current.get(fig.code)
        status = (
            "" if v is None else (STATUS_LABELS[v.status] if d.status_labels else v.status.value)
        )
        writer.writerow(
            [
                t.municipality.ags,
                str(year),
                fig.code,
                neutralise(fig.name_de),
                neutralise(fig.unit),
                format_number(None if v is None else v.value, d.decimal),
                status,
                neutralise(None if v is None else v.comment),
            ]
        )
    text = (BOM if d.bom else "") + out.getvalue()
    return f"grunddaten_{round_id}_{ags}_{year}_{fmt}.csv", text.encode("utf-8")


def _parse_number(text: str, d: Dialect) -> float | str | None:
    text = text.strip()
    if not text:
        return None
    if d.decimal == ",":
        ok = re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?|-?[0-9]+(,[0-9]+)?", text)
        normal = text.replace(".", "").replace(",", ".")
    else:
        ok = re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text)
        normal = text
    if not ok:
        return f"„{text[:40]}“ ist keine Zahl im {'deutschen' if d.decimal == ',' else 'internationalen'} Format"
    return float(normal)


def import_csv(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int,
    fmt: CsvFormat,
    version: int,
    data: bytes,
    dry_run: bool,
) -> ImportResult:
    check_upload(data, kind="CSV-Datei")
    d = DIALECTS[fmt]
    t = service.locate(db, principal, round_id=round_id, ags=ags, year=year)
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValidationFailed(
            f"Die CSV-Datei ist nicht UTF-8-kodiert (Zeile {line}); bitte als „CSV UTF-8“ "
            "speichern.",
            errors=[ErrorItem(loc=["file", f"Zeile {line}"], msg="not valid UTF-8")],
        ) from exc
    text = text.removeprefix(BOM)
    if "\x00" in text:
        raise ValidationFailed(
            "Die Datei enthält Binärdaten; das ist keine CSV-Datei.",
            errors=[ErrorItem(loc=["file"], msg="NUL byte in text")],
        )
    first = text.split("\n", 1)[0].strip("\r")
    header = [h.strip() for h in next(csv.reader([first], delimiter=d.delimiter), [])]
    if tuple(header) != d.header:
        other = ";" if d.delimiter == "," else ","
        wrong_delimiter = other in first and d.delimiter not in first
        msg = (
            f"Falsches Trennzeichen: erwartet „{d.delimiter}“ ({'deutsches' if fmt == 'de' else 'internationales'} "
            f"Format), gefunden „{other}“."
            if wrong_delimiter
            else "Kopfzeile passt nicht; erwartet: " + d.delimiter.join(d.header)
        )
        raise ValidationFailed(msg, errors=[ErrorItem(loc=["Zeile 1"], msg=msg)])
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=d.delimiter))[1 : MAX_LINES + 2]
    except csv.Error as exc:
        raise ValidationFailed(
            f"Die CSV-Datei ist nicht lesbar: {exc}.",
            errors=[ErrorItem(loc=["file"], msg=str(exc))],
        ) from exc
    problems: list[ErrorItem] = []
    changes: list[ValueChange] = []
    locs: list[list[str | int]] = []
    seen: set[str] = set()
    current = {
        code: v
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
    }
    for n, row in enumerate(rows, start=2):
        if n > MAX_LINES:
            problems.append(ErrorItem(loc=[f"Zeile {n}"], msg=f"mehr als {MAX_LINES} Zeilen"))
            break
        if not row or all(not c.strip() for c in row):
            continue
        where = f"Zeile {n}"
        if len(row) != len(d.header):
            problems.append(
                ErrorItem(loc=[where], msg=f"{where}: {len(row)} statt {len(d.header)} Spalten")
            )
            continue
        row_ags, row_year, code, _name, _unit, raw_value, raw_status, raw_comment = row
        row_ags = row_ags.strip()
        if row_ags.isdigit() and len(row_ags) == 7:
            row_ags = "0" + row_ags  # a spreadsheet dropped the leading zero
        if row_ags != ags:
            problems.append(
                ErrorItem(loc=[f"{where}:A"], msg=f"{where}: AGS {row_ags}, erwartet {ags}")
            )
            continue
        if row_year.strip() != str(year):
            problems.append(
                ErrorItem(loc=[f"{where}:B"], msg=f"{where}: Jahr {row_year}, erwartet {year}")
            )
            continue
        code = code.strip()
        if code not in ctx.metas:
            problems.append(
                ErrorItem(loc=[f"{where}:C"], msg=f"{where}: unbekanntes Grunddatum „{code[:40]}“")
            )
            continue
        if code in seen:
            problems.append(ErrorItem(loc=[f"{where}:C"], msg=f"{where}: {code} doppelt"))
            continue
        seen.add(code)
        value = _parse_number(raw_value, d)
        if isinstance(value, str):
            problems.append(ErrorItem(loc=[f"{where}:F"], msg=f"{where}: {value}"))
            continue
        status: ValueStatus | None = None
        if raw_status.strip():
            status = LABEL_STATUS.get(raw_status.strip())
            if status is None:
                problems.append(
                    ErrorItem(
                        loc=[f"{where}:G"], msg=f"{where}: unbekannter Status „{raw_status[:40]}“"
                    )
                )
                continue
        comment = _unneutralise(raw_comment.strip()) or None
        if comment is not None and len(comment) > 2000:
            problems.append(ErrorItem(loc=[f"{where}:H"], msg=f"{where}: Kommentar zu lang"))
            continue
        if value is not None and abs(value) > 1e12:
            problems.append(ErrorItem(loc=[f"{where}:F"], msg=f"{where}: Wert zu groß"))
            continue
        cur = current.get(code)
        new_status = status or (cur.status if cur else ValueStatus.ok)
        old = (None, None, None) if cur is None else (cur.value, cur.status, cur.comment)
        if cur is None and value is None and status is None and comment is None:
            continue
        if (value, new_status, comment) == old:
            continue
        try:
            change = ValueChange(base_figure=code, value=value, status=new_status, comment=comment)
        except PydanticValidationError as exc:
            problems.append(ErrorItem(loc=[f"{where}:H"], msg=f"{where}: {exc.errors()[0]['msg']}"))
            continue
        changes.append(change)
        locs.append([f"{where}:F"])
    changed, all_problems, reads = service.import_changes(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        years=[service.YearChanges(year, version, changes, locs)],
        problems=problems,
        channel=Channel.csv,
        dry_run=dry_run,
    )
    return ImportResult(
        dry_run=dry_run,
        changed_values=changed,
        problems=[
            ImportProblem(loc=str(p.loc[0]) if p.loc else "", msg=p.msg) for p in all_problems
        ],
        submissions=reads,
    )
