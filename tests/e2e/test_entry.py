"""Data entry in a real browser (issue #12, item 2), and the whole path of a value across roles.

The module runs its own demo server because it changes data. Köln 2021 is a pre-filled draft in
the demo with one warning (``G-EINB`` rose by 39 %); the tests run in file order and build on
each other:

1. two browser contexts of Köln's coordinator edit the same value: the second sees the conflict
   message naming it, keeps its own input, and the first then takes theirs;
2. the coordinator enters a value by keyboard that raises a warning, explains both warnings and
   submits; the moderator returns that value with a reason; the coordinator corrects it and
   submits again; the moderator approves, and Köln's indicator view shows the new key figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MODERATOR, PAGE_ERRORS, describe, run_axe, unavailable
from tests.e2e.server import DEMO_PASSWORD, DemoServer, Unavailable, demo_server

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

ROUND = 1
KOELN = "05315000"
COORDINATOR = f"koordination-{KOELN}@example.org"
VIEWER = f"lesen-{KOELN}@example.org"
ENTRY = f"/runden/{ROUND}/erfassung/{KOELN}/2021"
REVIEW = f"/moderation/runden/{ROUND}/pruefung/{KOELN}/2021"
DULD = "G-AUS-DULD-GEST"  # Ausländer mit Duldung oder Aufenthaltsgestattung; REC-02's numerator
BEV_AUS = 200_037  # Köln's G-BEV-AUS 2021 in the demo, REC-02's denominator
SAVED = "Alle Änderungen sind gespeichert"
OpenPage = Callable[..., Any]


@pytest.fixture(scope="module")
def entry_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    try:
        with demo_server(tmp_path_factory.mktemp("e2e-entry")) as running:
            yield running
    except Unavailable as exc:
        unavailable(str(exc))


@pytest.fixture
def open_as(browser: Any, entry_server: DemoServer) -> Iterator[OpenPage]:
    """A page in a fresh browser context, signed in as a demo account."""
    contexts: list[Any] = []

    def open_page(email: str) -> Any:
        context = browser.new_context(
            base_url=entry_server.base_url, viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        response = context.request.post(
            "/api/v1/auth/login", data={"email": email, "password": DEMO_PASSWORD}
        )
        assert response.status == 200, response.text()
        page = context.new_page()
        page.on("pageerror", lambda error: PAGE_ERRORS.append(f"{email}: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()


def check_page(page: Any, artifacts: Path, name: str) -> None:
    """No serious or critical axe violation; a full-page screenshot for people to look at."""
    page.wait_for_selector("h1")
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    page.screenshot(path=str(artifacts / f"entry-{name}.png"), full_page=True)
    assert not violations, describe(violations)


def submission(page: Any) -> dict[str, Any]:
    response = page.context.request.get(f"/api/v1/rounds/{ROUND}/submissions/{KOELN}/2021")
    assert response.status == 200, response.text()
    data: dict[str, Any] = response.json()
    return data


def value_of(page: Any, code: str) -> dict[str, Any]:
    return next(v for v in submission(page)["values"] if v["base_figure"] == code)


def save_state(page: Any) -> Any:
    return page.locator("[data-save-state]")


def test_two_contexts_edit_the_same_value_and_the_second_sees_the_conflict(
    open_as: OpenPage, artifacts: Path
) -> None:
    first, second = open_as(COORDINATOR), open_as(COORDINATOR)
    target = next(
        v for v in submission(first)["values"] if v["field"] == "BIL" and v["value"] is not None
    )
    code, name, old = target["base_figure"], target["name_de"], int(target["value"])
    label = f"Wert 2021: {name}"
    for page in (first, second):
        page.goto(f"{ENTRY}?feld=BIL")
        expect(page.get_by_label(label)).to_be_visible()

    first.get_by_label(label).fill(f"{old + 1:,}".replace(",", "."))
    first.get_by_label(label).press("Tab")
    expect(save_state(first)).to_contain_text(SAVED)
    assert value_of(first, code)["value"] == old + 1

    # The second context still holds the old version: its save is refused and named.
    second.get_by_label(label).fill(str(old + 2))
    second.get_by_label(label).press("Tab")
    alert = second.get_by_role("alert").filter(has_text="Jemand anderes hat diese Lieferung")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text(code)
    expect(alert).to_contain_text("Sie haben dieselben Werte bearbeitet")
    expect(save_state(second)).to_contain_text("Nicht gespeichert")
    check_page(second, artifacts, "conflict")
    assert value_of(second, code)["value"] == old + 1  # nothing of the stale save was written

    alert.get_by_role("button", name="Meine Eingaben behalten und speichern").click()
    expect(save_state(second)).to_contain_text(SAVED)
    assert value_of(second, code)["value"] == old + 2

    # Now the first is stale: it edits again, sees the conflict and takes theirs.
    first.get_by_label(label).fill(str(old + 3))
    first.get_by_label(label).press("Tab")
    first_alert = first.get_by_role("alert").filter(has_text="Jemand anderes")
    expect(first_alert).to_contain_text(code)
    first_alert.get_by_role("button", name="Deren Werte übernehmen").click()
    expect(first.get_by_label(label)).to_have_value(f"{old + 2:,}".replace(",", "."))
    expect(save_state(first)).to_contain_text(SAVED)
    assert value_of(first, code)["value"] == old + 2

    # Put the demo value back for the walk below (+/-2 raise no finding either way).
    first.get_by_label(label).fill(str(old))
    first.get_by_label(label).press("Tab")
    expect(save_state(first)).to_contain_text(SAVED)
    assert value_of(first, code)["value"] == old


def test_coordinator_enters_by_keyboard_explains_the_warnings_and_submits(
    open_as: OpenPage, artifacts: Path
) -> None:
    page = open_as(COORDINATOR)
    page.goto(ENTRY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dateneingabe: Köln, Datenjahr 2021")
    check_page(page, artifacts, "form")
    page.get_by_role("link", name="Rechtliche Integration (Aufenthalt und Einbürgerung)").click()
    expect(page).to_have_url(re.compile(r"feld=REC"))
    check_page(page, artifacts, "form-rec")

    # A value typed in German form; Enter moves down the column, and the value is saved.
    duld = page.get_by_label(re.compile(r"^Wert 2021: Ausländer mit Duldung"))
    duld.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("12,3,4")
    expect(page.get_by_text("Unklare Schreibweise")).to_be_visible()
    expect(save_state(page)).to_contain_text("Nicht gespeichert")
    page.keyboard.press("Control+A")
    page.keyboard.type("12.000")
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
    active_id = page.evaluate("document.activeElement.id")
    assert active_id.endswith("-value-G-AUS-EINB-ANSPR"), (active_id, focused)
    expect(save_state(page)).to_contain_text(SAVED)
    assert value_of(page, DULD)["value"] == 12_000
    expect(duld).to_have_value("12.000")

    # The jump of 53 % raises a warning that asks for a comment; submitting waits for it.
    expect(page.get_by_text("Bitte begründen Sie den Wert im Kommentar.")).to_have_count(2)
    summary = page.get_by_role("region", name="Vor dem Einreichen")
    expect(summary).to_contain_text("Noch 2 offene Punkte")
    submit = page.get_by_role("button", name="Lieferung 2021 einreichen")
    expect(submit).to_be_disabled()
    check_page(page, artifacts, "warnings")

    page.get_by_label(re.compile(r"^Kommentar: Ausländer mit Duldung")).fill(
        "Neue Erstaufnahmeeinrichtung im Jahr 2021."
    )
    page.get_by_label("Kommentar: Einbürgerungen im Berichtsjahr").fill(
        "Einbürgerungskampagne der Stadt 2021."
    )
    page.get_by_label("Kommentar: Einbürgerungen im Berichtsjahr").press("Tab")
    expect(save_state(page)).to_contain_text(SAVED)
    expect(summary).to_contain_text("Alles erfasst und geprüft")
    expect(submit).to_be_enabled()
    submit.click()
    expect(page.get_by_role("alert").filter(has_text="Eingereicht.")).to_be_visible()
    expect(page.locator(".entry-facts")).to_contain_text("eingereicht")
    expect(duld).to_be_disabled()
    check_page(page, artifacts, "submitted")
    assert submission(page)["status"] == "submitted"


def test_moderator_returns_the_value_with_a_reason(open_as: OpenPage, artifacts: Path) -> None:
    page = open_as(MODERATOR)
    page.goto(REVIEW)
    expect(page.get_by_role("heading", level=1, name="Prüfung: Köln 2021")).to_be_visible()
    row = page.get_by_role("table", name="Grunddaten Köln 2021").locator("tr", has_text=DULD)
    expect(row).to_contain_text("Neue Erstaufnahmeeinrichtung")
    row.get_by_role("checkbox").check()
    page.get_by_label(re.compile(r"^Begründung zu Ausländer mit Duldung")).fill(
        "Bitte mit dem Stichtag 31.12. der Ausländerbehörde abgleichen."
    )
    page.get_by_label("Begründung für die Stadt").fill("Ein Wert ist zu prüfen.")
    page.get_by_role("button", name="1 Wert zurückgeben").click()
    expect(page.get_by_role("alert").filter(has_text="an die Stadt zurückgegeben")).to_be_visible()


def test_coordinator_corrects_the_returned_value_and_submits_again(
    open_as: OpenPage, artifacts: Path
) -> None:
    page = open_as(COORDINATOR)
    page.goto(f"{ENTRY}?feld=REC")
    expect(page.get_by_text("Von der Moderation zurückgegeben")).to_be_visible()
    expect(page.get_by_text("Ein Wert ist zu prüfen.")).to_be_visible()
    duld = page.get_by_label(re.compile(r"^Wert 2021: Ausländer mit Duldung"))
    expect(page.locator("tr", has=duld)).to_contain_text("Bitte mit dem Stichtag 31.12.")
    # Only the returned value is open; the others stay locked.
    expect(page.get_by_label("Wert 2021: Einbürgerungen im Berichtsjahr")).to_be_disabled()
    check_page(page, artifacts, "returned")
    duld.fill("10.001")
    duld.press("Tab")
    expect(save_state(page)).to_contain_text(SAVED)
    page.get_by_role("button", name="Lieferung 2021 einreichen").click()
    expect(page.get_by_role("alert").filter(has_text="Eingereicht.")).to_be_visible()
    assert value_of(page, DULD)["value"] == 10_001


def test_moderator_approves_and_the_indicator_view_shows_the_new_value(
    open_as: OpenPage, artifacts: Path
) -> None:
    page = open_as(MODERATOR)
    page.goto(REVIEW)
    page.get_by_role("button", name="Meldung freigeben").click()
    expect(
        page.get_by_role("alert").filter(has_text="Die Meldung wurde freigegeben.")
    ).to_be_visible()

    viewer = open_as(VIEWER)
    viewer.goto(f"/runden/{ROUND}/kennzahl?kennzahl=REC-02&jahr=2021")
    viewer.get_by_role("button", name="Als Tabelle zeigen").click()
    own = viewer.locator(".chart-panel__table tr.is-own")
    expected = f"{10_001 / BEV_AUS * 100:.1f}".replace(".", ",")  # 5,0
    expect(own).to_contain_text("Köln (eigene Stadt)")
    expect(own).to_contain_text(f"{expected} %")
    viewer.screenshot(path=str(artifacts / "entry-indicator-after-approval.png"), full_page=True)


def test_no_script_errors() -> None:
    assert not PAGE_ERRORS, PAGE_ERRORS
