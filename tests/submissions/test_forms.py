"""The Excel collection form and CSV: download, fill, dry run, import – through the API."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.submissions.models import SubmissionValueHistory

KAISERSLAUTERN, KOELN = "07312000", "05315000"
MODERATOR = "moderation@example.org"


def coord(client: TestClient, ags: str = KAISERSLAUTERN) -> dict[str, str]:
    return bearer(client, f"koordination-{ags}@example.org")


def download(client: TestClient, round_id: int, ags: str = KAISERSLAUTERN) -> Any:
    r = client.get(f"/api/v1/rounds/{round_id}/forms/{ags}", headers=coord(client, ags))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(r.content))


def find_row(ws: Any, code: str) -> int:
    for row in ws.iter_rows(min_row=5, max_col=1):
        if row[0].value == code:
            return int(row[0].row)
    raise AssertionError(code)


def save(wb: Any) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(
    client: TestClient, round_id: int, data: bytes, *, dry_run: bool, ags: str = KAISERSLAUTERN
) -> Any:
    return client.post(
        f"/api/v1/rounds/{round_id}/forms/{ags}",
        headers=coord(client, ags),
        params={"dry_run": str(dry_run).lower()},
        files={"file": ("bogen.xlsx", data, "application/octet-stream")},
    )


def test_form_layout_protection_validation_and_identity(
    client: TestClient, demo_round_id: int
) -> None:
    wb = download(client, demo_round_id)
    assert wb.sheetnames[0] == "Anleitung"
    assert "Bildung" in wb.sheetnames
    assert wb["_Formular"].sheet_state == "veryHidden"
    ident = {r[0]: r[1] for r in wb["_Formular"].iter_rows(values_only=True)}
    assert ident["ags"] == KAISERSLAUTERN
    assert ident["catalog_version"] == "2.0"
    assert ident["round_id"] == demo_round_id
    assert wb.security.lockStructure
    ws = wb["Demografie"]
    assert ws.protection.sheet
    header = [c.value for c in ws[4]]
    assert header[:5] == ["Code", "Grunddatum", "Einheit", "Definition", "Vorjahr 2019"]
    assert header[5:] == [
        "Wert 2020",
        "Status 2020",
        "Kommentar 2020",
        "Wert 2021",
        "Status 2021",
        "Kommentar 2021",
    ]
    r = find_row(ws, "G-BEV-GES")
    assert ws.cell(r, 3).value == "Personen"
    assert ws.cell(r, 6).value is not None  # 2020 pre-filled (approved, locked)
    assert ws.cell(r, 6).protection.locked  # 2020 is approved: locked
    assert not ws.cell(r, 9).protection.locked  # 2021 is a draft: open
    assert ws.cell(r, 1).protection.locked
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"decimal", "list"}
    assert "geliefert" in next(
        dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"
    )
    assert "nicht erhebbar" in " ".join(str(c.value) for c in wb["Anleitung"]["A"])


def test_fill_dry_run_import_then_submit(
    client: TestClient, demo_round_id: int, session: Session
) -> None:
    """The acceptance flow: download, fill, dry-run, import; rules block and explain."""
    wb = download(client, demo_round_id)
    sheet_of = {}
    for ws in wb.worksheets[1:-1]:
        for row in ws.iter_rows(min_row=5, max_col=1):
            sheet_of[row[0].value] = ws

    def cell(code: str, column: int = 9) -> Any:
        ws = sheet_of[code]
        return ws.cell(find_row(ws, code), column)

    cell("G-BEV-AUS").value = cell("G-BEV-GES").value - cell("G-BEV-DEU").value
    cell("G-KITA-PERS-MH").value = cell("G-KITA-PERS").value // 4
    mso = sheet_of["G-MSO-GEF"]
    mso_cell = cell("G-MSO-GEF")
    mso_cell.value = "zwölf"  # text in a number cell
    cell("G-DOLM", 11).value = "Einsätze werden nicht zentral erfasst"
    before = session.scalar(
        select(SubmissionValueHistory.id).order_by(SubmissionValueHistory.id.desc()).limit(1)
    )
    dry = upload(client, demo_round_id, save(wb), dry_run=True)
    assert dry.status_code == 200, dry.text
    problems = dry.json()["problems"]
    assert [p["loc"] for p in problems] == [f"{mso.title}!{mso_cell.coordinate}"]
    assert "keine Zahl" in problems[0]["msg"]
    # the real import with the problem writes nothing
    refused = upload(client, demo_round_id, save(wb), dry_run=False)
    assert refused.status_code == 422
    assert f"{mso.title}!{mso_cell.coordinate}" in refused.text
    mso_cell.value = 12
    dry = upload(client, demo_round_id, save(wb), dry_run=True)
    assert dry.json()["problems"] == []
    assert dry.json()["changed_values"] == 4
    after_dry = session.scalar(
        select(SubmissionValueHistory.id).order_by(SubmissionValueHistory.id.desc()).limit(1)
    )
    assert after_dry == before
    done = upload(client, demo_round_id, save(wb), dry_run=False)
    assert done.status_code == 200, done.text
    sub = done.json()["submissions"][1]
    assert sub["year"] == 2021
    assert [f for f in sub["findings"] if f["severity"] == "error"] == []
    channels = set(
        session.scalars(
            select(SubmissionValueHistory.channel).where(SubmissionValueHistory.id > (before or 0))
        )
    )
    assert {c.value for c in channels} == {"excel"}
    # the same form again changes nothing; a changed copy of the old form is stale (409)
    again = upload(client, demo_round_id, save(wb), dry_run=False)
    assert again.status_code == 200
    assert again.json()["changed_values"] == 0
    mso_cell.value = 13
    stale = upload(client, demo_round_id, save(wb), dry_run=False)
    assert stale.status_code == 409
    assert "G-MSO-GEF" in stale.text or "Version" in stale.text


def test_csv_round_trip_in_both_forms_and_injection_is_neutralised(
    client: TestClient, demo_round_id: int
) -> None:
    headers = coord(client)
    base = f"/api/v1/rounds/{demo_round_id}/submissions/{KAISERSLAUTERN}/2021"
    body = client.get(base, headers=headers).json()
    r = client.patch(
        base,
        headers=headers,
        json={
            "version": body["version"],
            "values": [{"base_figure": "G-DOLM", "comment": '=HYPERLINK("http://x")'}],
        },
    )
    assert r.status_code == 200
    version = r.json()["version"]
    de = client.get(f"{base}/csv", headers=headers, params={"format": "de"})
    assert de.status_code == 200
    assert de.content.startswith(b"\xef\xbb\xbf")
    text = de.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["AGS", "Jahr", "Code"]
    assert all(row[0] == KAISERSLAUTERN for row in rows[1:])
    dolm = next(row for row in rows if row[2] == "G-DOLM")
    assert dolm[7].startswith("'=")
    intl = client.get(f"{base}/csv", headers=headers, params={"format": "intl"}).content.decode()
    assert intl.startswith("ags,year,code")
    # change one value in the German file and import it back
    for row in rows:
        if row[2] == "G-MSO-GEF":
            row[5] = "12"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    data = ("\ufeff" + out.getvalue()).encode()
    done = client.post(
        f"{base}/csv",
        headers=headers,
        params={"format": "de", "version": version},
        files={"file": ("daten.csv", data, "text/csv")},
    )
    assert done.status_code == 200, done.text
    assert done.json()["changed_values"] == 1
    after = client.get(base, headers=headers).json()
    assert next(v for v in after["values"] if v["base_figure"] == "G-MSO-GEF")["value"] == 12
    dolm_after = next(v for v in after["values"] if v["base_figure"] == "G-DOLM")
    assert dolm_after["comment"] == '=HYPERLINK("http://x")'  # round trip keeps the text


def test_another_city_cannot_download_or_upload_a_form(
    client: TestClient, demo_round_id: int
) -> None:
    other = coord(client, KOELN)
    assert (
        client.get(
            f"/api/v1/rounds/{demo_round_id}/forms/{KAISERSLAUTERN}", headers=other
        ).status_code
        == 404
    )
    r = client.post(
        f"/api/v1/rounds/{demo_round_id}/forms/{KAISERSLAUTERN}",
        headers=other,
        files={"file": ("x.xlsx", b"PK", "application/octet-stream")},
    )
    assert r.status_code in (404, 415)
