"""The corpus of broken uploads: each answers a clear 4xx naming the problem and writes nothing.

The static files live in ``tests/submissions/bad_uploads/``; the cases that need a real form are
built here from a downloaded one. Every case compares the value tables and the history before
and after.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.submissions.models import Submission, SubmissionValue, SubmissionValueHistory

CORPUS = Path(__file__).parent / "bad_uploads"
KAISERSLAUTERN, KOELN, OFFENBACH = "07312000", "05315000", "06413000"


def snapshot(session: Session) -> tuple[Any, ...]:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(SubmissionValueHistory)),
        session.scalar(select(func.max(SubmissionValueHistory.id))),
        tuple(
            session.execute(
                select(
                    SubmissionValue.id,
                    SubmissionValue.value,
                    SubmissionValue.status,
                    SubmissionValue.comment,
                    SubmissionValue.version,
                ).order_by(SubmissionValue.id)
            ).all()
        ),
        tuple(session.execute(select(Submission.id, Submission.version, Submission.status)).all()),
    )


def form_bytes(client: TestClient, round_id: int, ags: str = KAISERSLAUTERN) -> bytes:
    headers = bearer(client, f"koordination-{ags}@example.org")
    r = client.get(f"/api/v1/rounds/{round_id}/forms/{ags}", headers=headers)
    assert r.status_code == 200
    return r.content


def edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    change(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def cell_of(wb: Any, code: str, column: int = 9) -> Any:
    for ws in wb.worksheets[1:-1]:
        for row in ws.iter_rows(min_row=5, max_col=1):
            if row[0].value == code:
                return ws.cell(row[0].row, column)
    raise AssertionError(code)


def _rename(wb: Any) -> None:
    wb["Bildung"].title = "Schule"


def _remove(wb: Any) -> None:
    del wb["Gesundheit"]


def _move_rows(wb: Any) -> None:
    ws = wb["Demografie"]
    a, b = ws.cell(5, 1).value, ws.cell(6, 1).value
    for col in range(1, 12):
        top, below = ws.cell(5, col).value, ws.cell(6, col).value
        ws.cell(5, col).value, ws.cell(6, col).value = below, top
    assert (ws.cell(5, 1).value, ws.cell(6, 1).value) == (b, a)


def _set(code: str, value: object, column: int = 9) -> Callable[[Any], None]:
    def change(wb: Any) -> None:
        cell_of(wb, code, column).value = value

    return change


def _other_round(wb: Any) -> None:
    ws = wb["_Formular"]
    for row in ws.iter_rows(max_col=2):
        if row[0].value == "round_id":
            row[1].value = 999


def _no_identity(wb: Any) -> None:
    del wb["_Formular"]


def zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"0" * (80 * 1024 * 1024))
    return out.getvalue()


FORM_CASES: dict[str, tuple[Callable[[bytes, bytes], bytes], int, str]] = {
    # name: (make the file from (own form, Köln's form), status, text the answer must contain)
    "another city's form": (lambda own, koeln: koeln, 422, "another city"),
    "another round's form": (lambda own, _k: edit(own, _other_round), 422, "another round"),
    "no form identity": (lambda own, _k: edit(own, _no_identity), 422, "Kennung"),
    "renamed sheet": (lambda own, _k: edit(own, _rename), 422, "Bildung"),
    "missing sheet": (lambda own, _k: edit(own, _remove), 422, "Gesundheit"),
    "moved rows": (lambda own, _k: edit(own, _move_rows), 422, "Demografie!A5"),
    "text in a number cell": (
        lambda own, _k: edit(own, _set("G-EINB", "viele")),
        422,
        "keine Zahl",
    ),
    "formula in a cell": (lambda own, _k: edit(own, _set("G-EINB", "=1+1")), 422, "Formel"),
    "formula in a comment": (lambda own, _k: edit(own, _set("G-EINB", "=A1", 11)), 422, "Formel"),
    "negative count": (lambda own, _k: edit(own, _set("G-EINB", -5)), 422, "keine Anzahl"),
    "fractional count": (lambda own, _k: edit(own, _set("G-EINB", 4.5)), 422, "keine Anzahl"),
    "unknown status": (lambda own, _k: edit(own, _set("G-EINB", "vielleicht", 10)), 422, "Status"),
    "edit of an approved year": (lambda own, _k: edit(own, _set("G-EINB", 7, 6)), 422, "approved"),
    "over the size limit": (lambda own, _k: own + b"\0" * (10 * 1024 * 1024), 413, "10 MB"),
    "compressed-size bomb": (lambda own, _k: zip_bomb(), 413, "Zip-Bombe"),
    "empty file": (lambda own, _k: (CORPUS / "empty.xlsx").read_bytes(), 422, "leer"),
    "PDF renamed .xlsx": (
        lambda own, _k: (CORPUS / "document-renamed.xlsx").read_bytes(),
        415,
        "keine Excel-Datei",
    ),
}


@pytest.mark.parametrize("case", list(FORM_CASES))
def test_broken_form_upload(
    case: str, client: TestClient, demo_round_id: int, session: Session
) -> None:
    make, status, text = FORM_CASES[case]
    koeln = form_bytes_for_moderator(client, demo_round_id, KOELN) if "city" in case else b""
    data = make(form_bytes(client, demo_round_id), koeln)
    before = snapshot(session)
    headers = bearer(client, f"koordination-{KAISERSLAUTERN}@example.org")
    r = client.post(
        f"/api/v1/rounds/{demo_round_id}/forms/{KAISERSLAUTERN}",
        headers=headers,
        files={"file": ("bogen.xlsx", data, "application/octet-stream")},
    )
    assert r.status_code == status, (case, r.text[:500])
    body = r.json()
    assert set(body) >= {"error", "detail", "errors"}
    assert text in r.text, (case, r.text[:500])
    assert body["errors"], case
    assert snapshot(session) == before, case


def form_bytes_for_moderator(client: TestClient, round_id: int, ags: str) -> bytes:
    r = client.get(
        f"/api/v1/rounds/{round_id}/forms/{ags}", headers=bearer(client, "moderation@example.org")
    )
    assert r.status_code == 200
    return r.content


CSV_CASES: dict[str, tuple[str, str, int, str]] = {
    "wrong delimiter": ("wrong-delimiter.csv", "de", 422, "Trennzeichen"),
    "Latin-1 instead of UTF-8": ("latin1.csv", "de", 422, "UTF-8"),
    "text, negative count, unknown code": ("text-and-negative.csv", "de", 422, "keine Zahl"),
    "German file read as international": ("text-and-negative.csv", "intl", 422, "Trennzeichen"),
    "empty file": ("empty.xlsx", "de", 422, "leer"),
    "control character in a comment": ("control-character.csv", "de", 422, "control characters"),
}


@pytest.mark.parametrize("case", list(CSV_CASES))
def test_broken_csv_upload(
    case: str, client: TestClient, demo_round_id: int, session: Session
) -> None:
    name, fmt, status, text = CSV_CASES[case]
    headers = bearer(client, f"koordination-{KAISERSLAUTERN}@example.org")
    base = f"/api/v1/rounds/{demo_round_id}/submissions/{KAISERSLAUTERN}/2021"
    version = client.get(base, headers=headers).json()["version"]
    before = snapshot(session)
    r = client.post(
        f"{base}/csv",
        headers=headers,
        params={"format": fmt, "version": version},
        files={"file": (name, (CORPUS / name).read_bytes(), "text/csv")},
    )
    assert r.status_code == status, (case, r.text[:500])
    assert text in r.text, (case, r.text[:500])
    assert r.json()["errors"]
    if case.startswith("text"):
        locs = [e["loc"][0] for e in r.json()["errors"]]
        assert sorted(locs) == ["Zeile 2:F", "Zeile 3:F", "Zeile 4:C"]
    assert snapshot(session) == before, case
