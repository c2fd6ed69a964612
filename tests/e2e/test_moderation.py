"""Moderation in a real browser: rounds, lifecycle, cockpit, value review (issue #12, item 4).

These tests change data (return, approve, create a round), so the module runs its own demo server
instead of the session one the dashboards read. The tests run in file order and build on each
other: the demo round (status *review*) has Münster, Heidelberg, Erfurt 2021 and Göttingen 2020
submitted (``seed_data/demo/ring.yaml``).
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
OpenPage = Callable[..., Any]


@pytest.fixture(scope="module")
def moderation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    try:
        with demo_server(tmp_path_factory.mktemp("e2e-moderation")) as running:
            yield running
    except Unavailable as exc:
        unavailable(str(exc))


@pytest.fixture
def moderator(browser: Any, moderation_server: DemoServer) -> Iterator[OpenPage]:
    """Pages signed in as the demo moderator (through the API's session cookie)."""
    contexts: list[Any] = []

    def open_page(language: str = "de") -> Any:
        context = browser.new_context(
            base_url=moderation_server.base_url,
            viewport={"width": 1280, "height": 900},
            locale="de-DE" if language == "de" else "en-GB",
        )
        contexts.append(context)
        response = context.request.post(
            "/api/v1/auth/login", data={"email": MODERATOR, "password": DEMO_PASSWORD}
        )
        assert response.status == 200, response.text()
        page = context.new_page()
        page.on("pageerror", lambda error: PAGE_ERRORS.append(f"{MODERATOR}: {error}"))
        if language != "de":
            page.add_init_script(f"localStorage.setItem('vergleichsring.language', '{language}')")
        return page

    yield open_page
    for context in contexts:
        context.close()


def check_page(page: Any, artifacts: Path, name: str) -> None:
    """No serious or critical axe violation; a full-page screenshot for people to look at."""
    page.wait_for_selector("h1")
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    page.screenshot(path=str(artifacts / f"moderation-{name}.png"), full_page=True)
    page.screenshot(path=str(artifacts / f"moderation-{name}-top.png"))
    assert not violations, describe(violations)


def test_refused_step_shows_the_apis_409(moderator: OpenPage, artifacts: Path) -> None:
    """Publishing while submissions await review is refused; the page says why."""
    page = moderator()
    page.goto(f"/moderation/runden/{ROUND}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Einstellungen und Ablauf")
    expect(page.get_by_text("Aktueller Stand:")).to_contain_text("Prüfung")
    steps = page.get_by_role("group", name="Nächster Schritt")
    # Only the allowed next states of "review": back to collection, evaluation, publish.
    expect(steps.get_by_role("button")).to_have_count(3)
    check_page(page, artifacts, "round-settings")
    steps.get_by_role("button", name="Veröffentlichen").click()
    page.get_by_role("button", name="Ja, ausführen").click()
    alert = page.get_by_role("alert").filter(has_text="Der Schritt wurde nicht ausgeführt")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Prüfung")
    page.screenshot(path=str(artifacts / "moderation-round-409.png"), full_page=True)
    expect(page.get_by_text("Aktueller Stand:")).to_contain_text("Prüfung")


def test_cockpit_filters_sorts_and_opens_a_city_year(moderator: OpenPage, artifacts: Path) -> None:
    page = moderator()
    page.goto("/moderation")
    expect(
        page.get_by_role("heading", level=1, name="Moderation: Vergleichsrunden")
    ).to_be_visible()
    check_page(page, artifacts, "rounds")
    page.get_by_role("link", name=re.compile("^Cockpit öffnen")).first.click()
    page.wait_for_url(re.compile(rf"/moderation/runden/{ROUND}/cockpit"))
    table = page.get_by_role("table", name=re.compile("Städte und Datenjahre"))
    expect(table.locator("tbody tr")).to_have_count(56)  # 28 cities × 2 years
    check_page(page, artifacts, "cockpit")

    page.get_by_label("Status", exact=True).select_option("submitted")
    page.wait_for_url(re.compile("status=submitted"))
    expect(table.locator("tbody tr")).to_have_count(4)
    names = table.locator("tbody th").all_inner_texts()
    assert sorted(names) == ["Erfurt", "Göttingen", "Heidelberg", "Münster"], names
    # The rows are sorted by city name; a click on its header turns the order round (in the URL too).
    table.get_by_role("button", name="Stadt", exact=True).click()
    page.wait_for_url(re.compile("richtung=desc"))
    expect(table.locator("tbody th").first).to_have_text("Münster")
    expect(table.get_by_role("columnheader", name=re.compile("^Stadt"))).to_have_attribute(
        "aria-sort", "descending"
    )
    page.screenshot(path=str(artifacts / "moderation-cockpit-submitted.png"), full_page=True)

    # The filter survives a reload (bookmarkable).
    page.reload()
    expect(page.get_by_label("Status", exact=True)).to_have_value("submitted")
    page.get_by_role("link", name="Prüfen Münster 2021").click()
    page.wait_for_url(re.compile(rf"/moderation/runden/{ROUND}/pruefung/05515000/2021"))
    expect(page.get_by_role("heading", level=1, name="Prüfung: Münster 2021")).to_be_visible()
    values = page.get_by_role("table", name="Grunddaten Münster 2021")
    expect(values.get_by_role("columnheader", name="Median des Rings")).to_be_visible()
    # value, previous year, ring median: the median of the other cities, in German form
    median = values.locator("tbody tr").first.locator("td").nth(2)
    expect(median).to_have_text(re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?"))
    check_page(page, artifacts, "review")


def test_return_one_value_with_a_reason_and_see_its_history(
    moderator: OpenPage, artifacts: Path
) -> None:
    page = moderator()
    page.goto(f"/moderation/runden/{ROUND}/pruefung/05515000/2021")
    values = page.get_by_role("table", name="Grunddaten Münster 2021")
    first = values.locator("tbody tr").first
    value_name = first.locator("th").inner_text().splitlines()[1].strip()
    first.get_by_role("checkbox").check()
    page.get_by_label(f"Begründung zu {value_name}").fill("Bitte Stichtag prüfen: 31.12.")
    page.get_by_label("Begründung für die Stadt").fill("Ein Wert ist zu prüfen.")
    page.get_by_role("button", name="1 Wert zurückgeben").click()
    expect(page.get_by_role("alert").filter(has_text="an die Stadt zurückgegeben")).to_be_visible()
    expect(page.locator(".kern-description-list")).to_contain_text("zurückgegeben")
    expect(first).to_contain_text("Bitte Stichtag prüfen")
    check_page(page, artifacts, "review-returned")

    first.get_by_role("button", name=re.compile("^Verlauf")).click()
    history = page.get_by_role("table", name=re.compile(f"Verlauf von {re.escape(value_name)}"))
    expect(history).to_be_visible()
    expect(history.locator("tbody tr").first).to_contain_text("zurückgegeben")
    expect(history.locator("tbody tr").first).to_contain_text("Bitte Stichtag prüfen")
    expect(page.get_by_role("heading", name="Seit der Freigabe geändert")).to_be_visible()
    check_page(page, artifacts, "review-history")


def test_approve_one_city_year_and_many(moderator: OpenPage, artifacts: Path) -> None:
    page = moderator()
    page.goto(f"/moderation/runden/{ROUND}/pruefung/08221000/2021")
    expect(page.get_by_role("heading", level=1, name="Prüfung: Heidelberg 2021")).to_be_visible()
    page.get_by_role("button", name="Meldung freigeben").click()
    expect(
        page.get_by_role("alert").filter(has_text="Die Meldung wurde freigegeben.")
    ).to_be_visible()
    expect(page.locator(".kern-description-list")).to_contain_text("freigegeben")

    page.goto(f"/moderation/runden/{ROUND}/cockpit?status=submitted")
    table = page.get_by_role("table", name=re.compile("Städte und Datenjahre"))
    expect(table.locator("tbody tr")).to_have_count(2)  # Erfurt 2021, Göttingen 2020
    page.get_by_role("checkbox", name="Erfurt 2021 zur Freigabe auswählen").check()
    page.get_by_role("checkbox", name="Göttingen 2020 zur Freigabe auswählen").check()
    page.get_by_role("button", name="2 ausgewählte Meldungen freigeben").click()
    expect(page.get_by_role("alert").filter(has_text="2 Meldungen freigegeben.")).to_be_visible()
    expect(page.get_by_text("Keine Stadt entspricht dem Filter.")).to_be_visible()

    # Reminders: the preview names who gets one before anything is sent.
    page.get_by_label("Status", exact=True).select_option("all")
    recipients = page.get_by_role("list", name="Empfänger der Erinnerung")
    expect(recipients).to_contain_text("Gelsenkirchen")
    expect(recipients).to_contain_text("Münster")  # returned above
    check_page(page, artifacts, "cockpit-after-approval")
    page.get_by_role("button", name=re.compile(r"^Erinnerung an \d+ Städte senden")).click()
    expect(page.get_by_role("alert").filter(has_text="Erinnerungen gesendet")).to_be_visible()


def test_create_a_round_and_open_its_collection(moderator: OpenPage, artifacts: Path) -> None:
    page = moderator()
    page.goto("/moderation")
    page.get_by_role("link", name="Neue Vergleichsrunde anlegen").click()
    expect(page.get_by_role("heading", level=1, name="Neue Vergleichsrunde")).to_be_visible()
    # Sending an empty name names the field.
    page.get_by_role("button", name="Runde anlegen").click()
    expect(
        page.get_by_text("Bitte geben Sie einen Namen mit 3 bis 200 Zeichen ein.")
    ).to_be_visible()
    page.get_by_label("Name der Runde").fill("Vergleichsrunde 2022/2023")
    page.get_by_label("Datenjahre").fill("2022, 2023")
    expect(page.get_by_label("Katalogversion")).to_have_value("2.0")
    page.get_by_label("Frist für die Meldung").fill("2024-09-30")
    page.get_by_label("Mit Namen").check()
    page.get_by_label("Städte filtern").fill("Köln")
    page.get_by_label(re.compile(r"^Köln \(05315000\)")).check()
    page.get_by_label("Städte filtern").fill("Jena")
    page.get_by_label(re.compile(r"^Jena \(16053000\)")).check()
    expect(page.get_by_text("2 Städte ausgewählt")).to_be_visible()
    page.get_by_label("Städte filtern").fill("")
    check_page(page, artifacts, "round-new")
    page.get_by_role("button", name="Runde anlegen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Vergleichsrunde 2022/2023: Einstellungen und Ablauf"
    )
    expect(page.get_by_text("Die Runde wurde angelegt.")).to_be_visible()
    participants = page.get_by_role("table", name="2 teilnehmende Städte")
    expect(participants).to_contain_text("Köln")
    expect(participants).to_contain_text("Jena")
    expect(page.get_by_label("Mit Namen")).to_be_checked()
    steps = page.get_by_role("group", name="Nächster Schritt")
    expect(steps.get_by_role("button")).to_have_count(1)
    steps.get_by_role("button", name="Erhebung starten").click()
    page.get_by_role("button", name="Ja, ausführen").click()
    expect(page.get_by_role("alert").filter(has_text="im Stand „Erhebung“")).to_be_visible()
    expect(page.get_by_role("button", name="Prüfung beginnen")).to_be_visible()
    check_page(page, artifacts, "round-created")

    page.goto("/moderation")
    expect(page.get_by_role("table", name="Ihre Vergleichsrunden")).to_contain_text(
        "Vergleichsrunde 2022/2023"
    )


def test_english_cockpit(moderator: OpenPage, artifacts: Path) -> None:
    page = moderator(language="en")
    page.goto(f"/moderation/runden/{ROUND}/cockpit?status=returned")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cockpit:")
    expect(page.get_by_label("Status", exact=True)).to_have_value("returned")
    expect(page.get_by_role("link", name="Review Gelsenkirchen 2021")).to_be_visible()
    check_page(page, artifacts, "cockpit-en")


def test_no_script_errors() -> None:
    errors = [error for error in PAGE_ERRORS if MODERATOR in error]
    assert not errors, errors
