"""Exports of comparison results: German CSV, international CSV, Excel and SDMX-CSV.

All four are written from the same :class:`~vergleichsring.reports.collect.ExportRecord` list,
which holds only what the comparison service answered to the caller: a suppressed value is
already gone (empty cell, status ``suppressed``), another city appears under its pseudonym
without AGS where the caller may not see its name. Text cells that a spreadsheet would read as a
formula are neutralised; the AGS is written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vergleichsring.reports.collect import ExportRecord
from vergleichsring.reports.formatting import Lang, neutralise, plain_float

ExportFormat = Literal["csv-de", "csv", "xlsx", "sdmx-csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv-de", "csv", "xlsx", "sdmx-csv")
MEDIA_TYPES: dict[ExportFormat, str] = {
    "csv-de": "text/csv; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sdmx-csv": "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8",
}
EXTENSIONS: dict[ExportFormat, str] = {
    "csv-de": "csv",
    "csv": "csv",
    "xlsx": "xlsx",
    "sdmx-csv": "sdmx.csv",
}

Kind = Literal["text", "ags", "int", "num", "value"]


@dataclass(frozen=True)
class Column:
    key: str
    de: str
    en: str
    kind: Kind
    get: Callable[[ExportRecord], object]


def _bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


COLUMNS: tuple[Column, ...] = (
    Column("round_id", "Runde_ID", "round_id", "int", lambda r: r.round_id),
    Column("round", "Runde", "round", "text", lambda r: r.round_name),
    Column("field", "Handlungsfeld", "field", "text", lambda r: r.field.code),
    Column("field_name", "Handlungsfeld_Name", "field_name", "text", lambda r: r.field.name_de),
    Column("indicator", "Kennzahl", "indicator", "text", lambda r: r.indicator.code),
    Column(
        "indicator_name", "Kennzahl_Name", "indicator_name", "text", lambda r: r.indicator.name_de
    ),
    Column("unit", "Einheit", "unit", "text", lambda r: r.indicator.unit),
    Column("measure", "Messgroesse", "measure", "text", lambda r: r.indicator.measure),
    Column("year", "Jahr", "year", "int", lambda r: r.year),
    Column("peer_group", "Vergleichsgruppe", "peer_group", "text", lambda r: r.peer_group),
    Column("city", "Stadt", "city", "text", lambda r: r.row.label),
    Column("ags", "AGS", "ags", "ags", lambda r: r.row.ags),
    Column("own", "eigene_Stadt", "own", "int", lambda r: int(r.row.own)),
    Column("status", "Status", "status", "text", lambda r: r.row.status),
    Column("value", "Wert", "value", "value", lambda r: r.row.value),
    Column("value_a", "Wert_Gruppe_A", "value_a", "value", lambda r: r.row.value_a),
    Column("value_b", "Wert_Gruppe_B", "value_b", "value", lambda r: r.row.value_b),
    Column("rank", "Rang", "rank", "int", lambda r: r.row.rank),
    Column("rank_n", "Rang_n", "rank_n", "int", lambda r: r.row.rank_n),
    Column("percentile", "Perzentil", "percentile", "num", lambda r: r.row.percentile),
    Column("group_n", "Gruppe_n", "group_n", "int", lambda r: r.statistics.n),
    Column("median", "Median", "median", "value", lambda r: r.statistics.median),
    Column("q1", "Q1", "q1", "value", lambda r: r.statistics.q1),
    Column("q3", "Q3", "q3", "value", lambda r: r.statistics.q3),
    Column("corridor", "Korridor", "corridor", "text", lambda r: r.row.corridor),
    Column("verdict", "Bewertung", "verdict", "text", lambda r: r.row.verdict),
    Column("previous", "Vorjahr", "previous", "value", lambda r: r.row.previous),
    Column("change_abs", "Veraenderung", "change_abs", "value", lambda r: r.row.change_abs),
    Column("change_pct", "Veraenderung_Prozent", "change_pct", "num", lambda r: r.row.change_pct),
    Column(
        "significant",
        "signifikant",
        "significant",
        "int",
        lambda r: _bool(r.row.differs_from_median),
    ),
    Column(
        "missing_reason", "Grund_fehlt", "missing_reason", "text", lambda r: r.row.missing_reason
    ),
)


def _header(column: Column, lang: Lang) -> str:
    return column.de if lang == "de" else column.en


def _cell_text(value: object, kind: Kind, lang: Lang) -> str:
    if value is None:
        return ""
    if kind in ("num", "value"):
        return plain_float(float(value), lang)  # type: ignore[arg-type]
    if kind == "int":
        return str(value)
    return neutralise(str(value))


def to_csv(records: Sequence[ExportRecord], *, german: bool) -> bytes:
    """German form: semicolon, decimal comma, UTF-8 with BOM; international: comma, point."""
    lang: Lang = "de" if german else "en"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow([_header(c, lang) for c in COLUMNS])
    for record in records:
        writer.writerow([_cell_text(c.get(record), c.kind, lang) for c in COLUMNS])
    return out.getvalue().encode("utf-8-sig" if german else "utf-8")


# --- Excel -----------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="003064")
WIDTHS = {"text": 16, "ags": 11, "int": 8, "num": 11, "value": 12}
WIDE = {"indicator_name": 42, "field_name": 28, "round": 24, "city": 20, "missing_reason": 30}


def _sheet_title(code: str, name: str, taken: set[str]) -> str:
    clean = "".join(ch for ch in f"{code} {name}" if ch not in "[]:*?/\\")[:31].strip()
    title, i = clean, 2
    while title in taken:
        title = f"{clean[:28]} {i}"
        i += 1
    taken.add(title)
    return title


def _number_format(kind: Kind, decimals: int) -> str:
    if kind == "int":
        return "0"
    if kind == "num":
        return "#,##0.0##"
    return "#,##0" if decimals <= 0 else "#,##0." + "0" * decimals


def to_xlsx(
    records: Sequence[ExportRecord], *, conventions: Sequence[tuple[str, str]], title: str
) -> bytes:
    """A sheet per action field (frozen header, filters, number formats), one of conventions."""
    book = Workbook()
    info = book.active
    assert info is not None
    info.title = "Konventionen"
    by_field: dict[str, list[ExportRecord]] = {}
    names: dict[str, str] = {}
    for record in records:
        by_field.setdefault(record.field.code, []).append(record)
        names[record.field.code] = record.field.name_de
    taken = {info.title}
    for code, rows in by_field.items():
        sheet = book.create_sheet(_sheet_title(code, names[code], taken))
        sheet.append([c.de for c in COLUMNS])
        for cell in sheet[1]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for record in rows:
            decimals = 2 if record.indicator.measure == "ratio" else record.indicator.decimals
            values: list[object] = []
            for c in COLUMNS:
                value = c.get(record)
                if c.kind in ("text", "ags") and value is not None:
                    value = neutralise(str(value))
                values.append(value)
            sheet.append(values)
            line = sheet.max_row
            for i, c in enumerate(COLUMNS, start=1):
                cell = sheet.cell(row=line, column=i)
                if c.kind == "ags":
                    cell.number_format = "@"
                elif c.kind in ("int", "num", "value"):
                    cell.number_format = _number_format(c.kind, decimals)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for i, c in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = WIDE.get(c.key, WIDTHS[c.kind])
    info.append([neutralise(title)])
    info["A1"].font = Font(bold=True, size=13)
    info.append([])
    info.append(["Thema", "Regel"])
    for cell in info[3]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for name, text in conventions:
        info.append([neutralise(name), neutralise(text)])
    info.append([])
    info.append(["Spalte", "Bedeutung"])
    for cell in info[info.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for column, meaning in COLUMN_NOTES:
        info.append([column, meaning])
    info.freeze_panes = "A4"
    info.column_dimensions["A"].width = 26
    info.column_dimensions["B"].width = 110
    for row in info.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


COLUMN_NOTES: tuple[tuple[str, str], ...] = (
    (
        "AGS",
        "Amtlicher Gemeindeschlüssel als Text (8 Stellen); leer, wo die Stadt nur unter "
        "ihrem Pseudonym erscheint",
    ),
    ("Stadt", "Name der Stadt, oder ihr Pseudonym in der Runde („Stadt“ und eine Nummer)"),
    (
        "Status",
        "ok = Wert vorhanden; missing = kein Wert („–“); suppressed = gesperrt wegen "
        "Geheimhaltung („.“), der Wert fehlt dann in jeder Spalte",
    ),
    (
        "Wert",
        "Wert der Kennzahl; bei Lückenkennzahlen die Lücke A − B (Prozentpunkte bei "
        "Anteilen), die Gruppenwerte in Wert_Gruppe_A und Wert_Gruppe_B",
    ),
    (
        "Rang, Rang_n",
        "Wettkampf-Rangfolge (1, 2, 2, 4) in der Vergleichsgruppe; Rang 1 = günstigster Wert",
    ),
    (
        "Median, Q1, Q3",
        "Statistik der Vergleichsgruppe (Quartile Typ 7); der Korridor ist [Q1, Q3]",
    ),
    ("Korridor", "below / within / above: Lage zum Korridor"),
    ("Bewertung", "better / worse nach der Richtung der Kennzahl; leer bei neutralen Kennzahlen"),
    ("signifikant", "1 = der Median der Gruppe liegt außerhalb des 95-%-Intervalls des Werts"),
)


# --- SDMX-CSV --------------------------------------------------------------------------------

DATAFLOW = "VERGLEICHSRING:DF_KOMMUNALVERGLEICH(1.0)"
SDMX_COLUMNS = (
    "DATAFLOW",
    "ROUND",
    "MUNICIPALITY",
    "INDICATOR",
    "TIME_PERIOD",
    "MEASURE",
    "OBS_VALUE",
    "OBS_STATUS",
    "CONF_STATUS",
    "UNIT_MEASURE",
)
# SDMX cross-domain code lists: CL_OBS_STATUS (A normal, O missing, Q missing: suppressed) and
# CL_CONF_STATUS (F free, C confidential).
OBS_STATUS = {"ok": "A", "missing": "O", "suppressed": "Q"}
CONF_STATUS = {"ok": "F", "missing": "F", "suppressed": "C"}


def _sdmx_measures(record: ExportRecord) -> list[tuple[str, float | None]]:
    if record.indicator.measure == "gap":
        return [
            ("GAP", record.row.value),
            ("A", record.row.value_a),
            ("B", record.row.value_b),
        ]
    return [(record.indicator.measure.upper(), record.row.value)]


def to_sdmx_csv(records: Sequence[ExportRecord]) -> bytes:
    """SDMX-CSV 1.0: one observation per round, municipality, key figure, year and measure."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
    writer.writerow(SDMX_COLUMNS)
    seen: set[tuple[object, ...]] = set()
    for record in records:
        municipality = record.row.ags or record.row.label
        for measure, value in _sdmx_measures(record):
            key = (record.round_id, municipality, record.indicator.code, record.year, measure)
            if key in seen:  # a profile and a comparison may both carry the same observation
                continue
            seen.add(key)
            if record.row.status == "suppressed":
                status = "suppressed"
            elif value is None:
                status = "missing"
            else:
                status = "ok"
            writer.writerow(
                [
                    DATAFLOW,
                    str(record.round_id),
                    neutralise(municipality),
                    record.indicator.code,
                    str(record.year),
                    measure,
                    plain_float(value, "en") if status == "ok" else "",
                    OBS_STATUS[status],
                    CONF_STATUS[status],
                    neutralise(record.indicator.unit),
                ]
            )
    return out.getvalue().encode("utf-8")
