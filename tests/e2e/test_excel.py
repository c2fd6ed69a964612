"""The Excel collection form in a real browser (issue #12, item 3).

Köln's coordinator downloads the city's form, the test fills it with openpyxl (found by reading
the workbook's layout: one sheet per action field, base figures from row 5, per data year the
columns value, status, comment), uploads a file with a bad cell first (the dry run names sheet and
cell, the import stays off), then the good file (the dry run counts the change), imports it and
reads the value back through the API. The import changes data, so the module runs its own server.
In the demo, Köln 2020 is approved (read-only in the form) and Köln 2021 is a pre-filled draft.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import PAGE_ERRORS, describe, run_axe, unavailable
from tests.e2e.server import DEMO_PASSWORD, DemoServer, Unavailable, demo_server

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

ROUND = 1
AGS = "05315000"
YEAR = 2021
COORDINATOR = f"koordination-{AGS}@example.org"
PAGE_PATH = f"/runden/{ROUND}/erfassung/{AGS}/excel"
HEADER_ROW = 4
FIRST_ROW = 5


@pytest.fixture(scope="module")
def excel_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    try:
        with demo_server(tmp_path_factory.mktemp("e2e-excel")) as running:
            yield running
    except Unavailable as exc:
        unavailable(str(exc))


@pytest.fixture(scope="module")
def page(browser: Any, excel_server: DemoServer) -> Iterator[Any]:
    """One page of Köln's coordinator for the whole walk (signed in through the API)."""
    context = browser.new_context(
        base_url=excel_server.base_url,
        viewport={"width": 1280, "height": 900},
        locale="de-DE",
        accept_downloads=True,
    )
    response = context.request.post(
        "/api/v1/auth/login", data={"email": COORDINATOR, "password": DEMO_PASSWORD}
    )
    assert response.status == 200, response.text()
    opened = context.new_page()
    opened.on("pageerror", lambda error: PAGE_ERRORS.append(f"{COORDINATOR}: {error}"))
    yield opened
    context.close()


def check_page(page: Any, artifacts: Path, name: str) -> None:
    """No serious or critical axe violation; a full-page screenshot for people to look at."""
    page.wait_for_selector("h1")
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    page.screenshot(path=str(artifacts / f"excel-{name}.png"), full_page=True)
    assert not violations, describe(violations)


@dataclass(frozen=True)
class Target:
    """The cell the test changes: where it is and what goes in."""

    sheet: str
    cell: str
    code: str
    old: float | None
    new: int


def value_column(workbook: Any, sheet: str, year: int) -> int:
    """The column headed ``Wert <year>`` (read from the form, not assumed)."""
    for cell in workbook[sheet][HEADER_ROW]:
        if cell.value == f"Wert {year}":
            return int(cell.column)
    raise AssertionError(f"no column 'Wert {year}' in {sheet}")


def pick_target(data: bytes) -> Target:
    """A count of Köln 2021 that the form lets the city change, given a new whole number."""
    workbook = load_workbook(io.BytesIO(data))
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible" or ws.cell(row=HEADER_ROW, column=1).value != "Code":
            continue
        column = value_column(workbook, ws.title, YEAR)
        for row in range(FIRST_ROW, ws.max_row + 1):
            code, unit = ws.cell(row=row, column=1).value, ws.cell(row=row, column=3).value
            cell = ws.cell(row=row, column=column)
            if not code or unit != "Anzahl" or cell.protection.locked:
                continue
            old = cell.value
            if isinstance(old, int | float) and old >= 10:
                return Target(ws.title, cell.coordinate, str(code), float(old), int(old) + 7)
    raise AssertionError("no editable count with a value in the form")


def filled(data: bytes, changes: dict[tuple[str, str], str | int]) -> bytes:
    """The downloaded form with some cells set, saved as Excel would save it."""
    workbook = load_workbook(io.BytesIO(data))
    for (sheet, cell), value in changes.items():
        workbook[sheet][cell] = value
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def stored_value(page: Any, code: str) -> float | None:
    response = page.context.request.get(f"/api/v1/rounds/{ROUND}/submissions/{AGS}/{YEAR}")
    assert response.status == 200, response.text()
    values = {v["base_figure"]: v["value"] for v in response.json()["values"]}
    value: float | None = values[code]
    return value


def upload(page: Any, name: str, data: bytes) -> None:
    page.get_by_label("Ausgefüllter Erhebungsbogen (.xlsx)").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )


STATE: dict[str, Any] = {}


def test_the_start_page_links_to_the_form(page: Any, artifacts: Path) -> None:
    page.goto("/")
    link = page.get_by_role("link", name="Excel-Erhebungsbogen Köln")
    expect(link.first).to_be_visible()
    link.first.click()
    page.wait_for_url(re.compile(re.escape(PAGE_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Excel-Erhebungsbogen: Köln")
    expect(page).to_have_title(re.compile("^Excel-Erhebungsbogen Köln – "))
    # Which years the form may change: 2020 is approved, 2021 a draft.
    expect(page.get_by_text("im Bogen nur zur Ansicht")).to_be_visible()
    expect(page.get_by_text("im Bogen änderbar")).to_be_visible()
    expect(page.get_by_role("button", name="Importieren")).to_be_disabled()
    check_page(page, artifacts, "start")


def test_download_the_form(page: Any, artifacts: Path) -> None:
    with page.expect_download() as info:
        page.get_by_role("button", name="Erhebungsbogen herunterladen (.xlsx)").click()
    download = info.value
    assert download.suggested_filename == f"erhebungsbogen_{ROUND}_{AGS}.xlsx"
    path = download.path()
    assert path is not None
    data = Path(path).read_bytes()
    assert data[:2] == b"PK"  # an xlsx is a zip
    expect(page.get_by_role("status").filter(has_text="Heruntergeladen:")).to_be_visible()
    STATE["form"] = data
    STATE["target"] = pick_target(data)


def test_a_bad_cell_is_named_and_the_import_stays_off(page: Any, artifacts: Path) -> None:
    target: Target = STATE["target"]
    bad = filled(STATE["form"], {(target.sheet, target.cell): "abc"})
    upload(page, "bogen-mit-fehler.xlsx", bad)
    expect(
        page.get_by_role("alert").filter(has_text="Der Probelauf hat 1 Problem gefunden")
    ).to_be_visible()
    table = page.get_by_role("table", name="Probleme in bogen-mit-fehler.xlsx")
    row = table.locator("tbody tr")
    expect(row).to_have_count(1)
    cells = row.first.locator("td")
    expect(cells.nth(0)).to_have_text(target.sheet)
    expect(cells.nth(1)).to_have_text(target.cell)
    expect(cells.nth(2)).to_have_text("„abc“ ist keine Zahl")
    expect(page.get_by_role("button", name="Importieren")).to_be_disabled()
    expect(page.get_by_text("gesperrt, solange der Probelauf Probleme meldet")).to_be_visible()
    check_page(page, artifacts, "dry-run-problems")
    assert stored_value(page, target.code) == target.old


def test_a_clean_dry_run_then_the_import(page: Any, artifacts: Path) -> None:
    target: Target = STATE["target"]
    good = filled(STATE["form"], {(target.sheet, target.cell): target.new})
    upload(page, "bogen.xlsx", good)
    expect(
        page.get_by_role("alert").filter(has_text="Keine Probleme – der Import würde 1 Wert ändern")
    ).to_be_visible()
    expect(page.get_by_text("1 Wert ändert sich")).to_be_visible()
    changes = page.get_by_role("table", name=f"Änderungen im Datenjahr {YEAR}")
    expect(changes.locator("tbody tr")).to_have_count(1)
    expect(changes.locator("tbody tr").first).to_contain_text(target.code)
    # German numbers: a thousands point above 999.
    new_text = f"{target.new:,}".replace(",", ".")
    expect(changes.locator("tbody td").nth(1)).to_have_text(new_text)
    assert stored_value(page, target.code) == target.old  # a dry run writes nothing
    button = page.get_by_role("button", name="1 Wert importieren")
    expect(button).to_be_enabled()
    check_page(page, artifacts, "dry-run-clean")

    button.click()
    success = page.get_by_role("alert").filter(has_text="Import abgeschlossen: 1 Wert gespeichert")
    expect(success).to_be_visible()
    expect(success.get_by_role("link", name=f"Erfassung {YEAR} öffnen")).to_have_attribute(
        "href", f"/runden/{ROUND}/erfassung/{AGS}/{YEAR}"
    )
    expect(page.get_by_role("button", name="1 Wert importieren")).to_be_disabled()
    check_page(page, artifacts, "imported")
    assert stored_value(page, target.code) == float(target.new)


def test_a_second_import_of_the_old_form_is_refused(page: Any, artifacts: Path) -> None:
    """The form carries the version it was made from: after the import it is stale (409)."""
    target: Target = STATE["target"]
    stale = filled(STATE["form"], {(target.sheet, target.cell): target.new + 1})
    upload(page, "alter-bogen.xlsx", stale)
    alert = page.get_by_role("alert").filter(has_text="Der Probelauf ist fehlgeschlagen")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Bitte laden Sie den Bogen neu herunter")
    expect(page.get_by_role("button", name="Importieren")).to_be_disabled()
    page.screenshot(path=str(artifacts / "excel-stale-409.png"), full_page=True)
    assert stored_value(page, target.code) == float(target.new)


def test_not_an_excel_file_is_stopped_before_sending(page: Any) -> None:
    upload(page, "werte.csv", b"a;b\n1;2\n")
    expect(
        page.get_by_text("Bitte wählen Sie eine Excel-Datei mit der Endung .xlsx")
    ).to_be_visible()
    upload(page, "kaputt.xlsx", b"this is no zip")
    alert = page.get_by_role("alert").filter(has_text="Der Probelauf ist fehlgeschlagen")
    expect(alert).to_contain_text("keine lesbare Excel-Datei")


def test_no_script_errors() -> None:
    errors = [error for error in PAGE_ERRORS if COORDINATOR in error]
    assert not errors, errors
