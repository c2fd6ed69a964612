"""The start page, the navigation and the administration in a real browser (Debian's Chromium).

These tests change data (a value is reopened, a coordinator invited, an account disabled and
enabled), so the module runs its own demo server instead of the session's shared one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MODERATOR, PAGE_ERRORS, VIEWER, describe, run_axe, unavailable
from tests.e2e.server import DEMO_PASSWORD, DemoServer, Unavailable, demo_server

pytestmark = pytest.mark.browser
expect.set_options(timeout=20_000)

ROUND = 1
KOELN = "05315000"
# A city approved in both years: its coordinator starts with nothing to do (Köln 2021 is a draft).
FRANKFURT = "06412000"
COORDINATOR = f"koordination-{FRANKFURT}@example.org"
KOELN_COORDINATOR = f"koordination-{KOELN}@example.org"
ADMIN = "admin@example.org"
INVITED = "neu-koordination-koeln@example.org"
REASON = "Bitte den Ausländeranteil mit dem Melderegister abgleichen"
OpenPage = Callable[..., Any]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    """This module's own demo server: its tests change data the other modules rely on."""
    try:
        with demo_server(tmp_path_factory.mktemp("e2e-admin")) as running:
            yield running
    except Unavailable as exc:
        unavailable(str(exc))


def api(server: DemoServer, email: str) -> httpx.Client:
    """A client with a bearer token of a demo account (the token is fetched before it opens)."""
    token = httpx.post(
        f"{server.base_url}/api/v1/auth/token",
        data={"username": email, "password": DEMO_PASSWORD},
        timeout=60,
    ).json()["access_token"]
    return httpx.Client(
        base_url=server.base_url, timeout=60, headers={"Authorization": f"Bearer {token}"}
    )


def check_page(page: Any, artifacts: Path, name: str) -> None:
    """Screenshot and axe-core: no violation of impact serious or critical."""
    page.wait_for_selector("h1")
    page.wait_for_selector('[role="status"].kern-loader', state="detached")
    page.screenshot(path=str(artifacts / f"admin-{name}.png"), full_page=True)
    violations = run_axe(page)
    assert not violations, f"{name}: {describe(violations)}"


def nav(page: Any) -> Any:
    return page.get_by_role("navigation", name="Hauptnavigation")


def nav_names(page: Any) -> list[str]:
    nav(page).get_by_role("link", name="Start").wait_for()
    page.wait_for_load_state("networkidle")
    return [n.strip() for n in nav(page).get_by_role("link").all_inner_texts()]


def test_the_coordinator_sees_the_returned_value_with_its_reason(
    signed_in: OpenPage, server: DemoServer, artifacts: Path
) -> None:
    page = signed_in(COORDINATOR)
    page.goto("/")
    page.get_by_role("region", name="Offene Aufgaben").wait_for()
    expect(page.get_by_text("Keine offenen Aufgaben")).to_be_visible()
    check_page(page, artifacts, "start-coordinator-empty")

    # The moderator reopens one of Frankfurt's approved values with a reason.
    moderator = api(server, MODERATOR)
    with moderator:
        base = f"/api/v1/rounds/{ROUND}/submissions/{FRANKFURT}/2021"
        version = moderator.get(base).json()["version"]
        reopened = moderator.post(
            f"{base}/reopen",
            json={
                "version": version,
                "reason": REASON,
                "values": [{"base_figure": "G-BEV-AUS", "reason": "Wert weicht vom Register ab"}],
            },
        )
        assert reopened.status_code == 200, reopened.text

    page.reload()
    tasks = page.get_by_role("region", name="Offene Aufgaben")
    link = tasks.get_by_role(
        "link", name="Frankfurt am Main 2021 korrigieren und erneut einreichen"
    )
    expect(link).to_have_attribute("href", f"/runden/{ROUND}/erfassung/{FRANKFURT}/2021")
    expect(tasks.get_by_text(REASON)).to_be_visible()
    expect(tasks.get_by_text("G-BEV-AUS")).to_be_visible()
    expect(tasks.get_by_text(re.compile(r"Frist abgelaufen am 30\.09\.2022"))).to_be_visible()
    city = page.get_by_role("region", name="Ihre Stadt")
    expect(city).to_contain_text("Frankfurt am Main")
    expect(city).to_contain_text("Koordination")
    expect(page.get_by_text("Abgabefrist: 30.09.2022")).to_be_visible()
    assert nav_names(page) == ["Start", "Dateneingabe", "Dashboards"]
    expect(nav(page).get_by_role("link", name="Start")).to_have_attribute("aria-current", "page")
    expect(nav(page).get_by_role("link", name="Dateneingabe")).to_have_attribute(
        "href", f"/runden/{ROUND}/erfassung/{FRANKFURT}/2021"
    )
    check_page(page, artifacts, "start-coordinator")

    # The dashboards stay where the dashboard tests expect them; the navigation marks them.
    page.get_by_role("link", name="Kennzahl", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/runden/{ROUND}/kennzahl"))
    expect(nav(page).get_by_role("link", name="Dashboards")).to_have_attribute(
        "aria-current", "page"
    )
    expect(nav(page).get_by_role("link", name="Start")).not_to_have_attribute(
        "aria-current", "page"
    )


def test_the_koeln_coordinator_sees_the_draft_to_enter(
    signed_in: OpenPage, artifacts: Path
) -> None:
    """Köln 2021 is the demo's draft to enter, pre-filled, with one warning to explain."""
    page = signed_in(KOELN_COORDINATOR)
    page.goto("/")
    tasks = page.get_by_role("region", name="Offene Aufgaben")
    link = tasks.get_by_role("link", name="Köln 2021 erfassen und einreichen")
    expect(link).to_have_attribute("href", f"/runden/{ROUND}/erfassung/{KOELN}/2021")
    expect(tasks.get_by_role("heading", name="Noch nicht eingereicht: 1 Entwurf")).to_be_visible()
    expect(tasks.get_by_text("1 Hinweis wartet auf einen Kommentar")).to_be_visible()
    expect(tasks.get_by_text(re.compile(r"Fehler offen"))).to_have_count(0)
    expect(page.get_by_role("region", name="Ihre Stadt")).to_contain_text("Köln")
    check_page(page, artifacts, "start-coordinator-draft")


def test_the_moderator_sees_city_years_to_review(signed_in: OpenPage, artifacts: Path) -> None:
    page = signed_in(MODERATOR)
    page.goto("/")
    tasks = page.get_by_role("region", name="Offene Aufgaben")
    tasks.get_by_role(
        "heading", name=re.compile(r"^Zu prüfen: 4 eingereichte Datenjahre")
    ).wait_for()
    review = tasks.get_by_role("link", name="Münster 2021 prüfen")
    expect(review).to_have_attribute("href", f"/moderation/runden/{ROUND}/pruefung/05515000/2021")
    # Köln, Offenbach and Kaiserslautern (drafts), Gelsenkirchen (returned), Frankfurt (reopened
    # above).
    cockpit = tasks.get_by_role("link", name=re.compile(r"5 Datenjahre noch nicht eingereicht"))
    expect(cockpit).to_have_attribute("href", f"/moderation/runden/{ROUND}/cockpit")
    expect(page.get_by_role("region", name="Ihr Vergleichsring")).to_contain_text(
        "Integrationsmonitoring 2.0"
    )
    assert nav_names(page) == ["Start", "Moderation", "Dashboards"]
    check_page(page, artifacts, "start-moderator")


def test_the_viewer_has_nothing_to_do_and_reads_dashboards(
    signed_in: OpenPage, artifacts: Path
) -> None:
    page = signed_in(VIEWER)
    page.goto("/")
    expect(page.get_by_text("Keine offenen Aufgaben")).to_be_visible()
    expect(page.get_by_role("region", name="Ihre Stadt")).to_contain_text("Lesezugriff")
    assert nav_names(page) == ["Start", "Dashboards"]
    expect(page.get_by_role("heading", name="Ihre Vergleichsrunden")).to_be_visible()
    check_page(page, artifacts, "start-viewer")


def test_the_admin_invites_a_coordinator_disables_enables_and_finds_it_in_the_log(
    signed_in: OpenPage, server: DemoServer, artifacts: Path
) -> None:
    page = signed_in(ADMIN)
    page.goto("/")
    assert nav_names(page) == ["Start", "Verwaltung"]
    check_page(page, artifacts, "start-admin")

    nav(page).get_by_role("link", name="Verwaltung").click()
    page.get_by_role("heading", level=1, name="Konten").wait_for()
    expect(nav(page).get_by_role("link", name="Verwaltung")).to_have_attribute(
        "aria-current", "page"
    )
    page.get_by_role("table", name="Konten").wait_for()
    check_page(page, artifacts, "users")

    # Invite: round, city of the round, email, name.
    page.get_by_role("link", name="Koordination einladen").first.click()
    page.get_by_role("heading", level=1, name="Koordination einladen").wait_for()
    expect(page.get_by_label("Vergleichsrunde")).to_have_value(str(ROUND))
    page.get_by_label("Stadt").select_option(KOELN)
    page.get_by_label("E-Mail-Adresse").fill(INVITED)
    page.get_by_label("Name").fill("Neue Koordination Köln")
    check_page(page, artifacts, "invite")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.get_by_role("alert")).to_contain_text(f"Einladung an {INVITED} verschickt.")
    expect(page.get_by_role("alert")).to_contain_text("koordiniert jetzt Köln")
    check_page(page, artifacts, "invite-done")

    # The user list finds the new account by search and filters, with the filters in the URL.
    page.get_by_role("link", name="Zum Konto").click()
    page.get_by_role("heading", level=1, name=f"Konto {INVITED}").wait_for()
    page.go_back()
    page.get_by_role("link", name="Zurück zu den Konten").click()
    page.get_by_label("Suche").fill("neu-koordination")
    page.get_by_label("Rolle").select_option("coordinator")
    page.get_by_label("Stadt").select_option(KOELN)
    page.wait_for_url(re.compile(r"suche=neu-koordination.*rolle=coordinator.*stadt=05315000"))
    table = page.get_by_role("table", name="Konten")
    expect(table.get_by_role("row")).to_have_count(2)
    check_page(page, artifacts, "users-filtered")
    table.get_by_role("link", name=INVITED).click()

    # Disable and enable, each after a confirmation.
    page.get_by_role("heading", level=1, name=f"Konto {INVITED}").wait_for()
    expect(page.get_by_text("Koordination – Köln (05315000)")).to_be_visible()
    check_page(page, artifacts, "user")
    page.get_by_role("button", name="Konto sperren").click()
    confirm = page.get_by_role("group", name=f"Konto {INVITED} wirklich sperren?")
    expect(confirm).to_be_focused()
    check_page(page, artifacts, "user-confirm")
    confirm.get_by_role("button", name="Ja, sperren").click()
    expect(page.get_by_text(f"Das Konto {INVITED} ist gesperrt.")).to_be_visible()
    page.get_by_role("button", name="Konto entsperren").click()
    page.get_by_role("group", name=f"Konto {INVITED} wirklich entsperren?").get_by_role(
        "button", name="Ja, entsperren"
    ).click()
    expect(page.get_by_text(f"Das Konto {INVITED} ist entsperrt.")).to_be_visible()
    page.get_by_role("button", name="Link zum Passwort senden").click()
    expect(
        page.get_by_text(f"Ein Link zum Setzen des Passworts ist an {INVITED} verschickt.")
    ).to_be_visible()

    # The audit log, filtered in the URL: the account's events, then the invitation alone.
    page.get_by_role("link", name="Protokoll zu diesem Konto").click()
    page.get_by_role("heading", level=1, name="Protokoll").wait_for()
    expect(page.get_by_label("Betrifft")).to_have_value(INVITED)
    page.get_by_label("Ereignis").select_option("user.")
    page.get_by_label("Ausgeführt von").fill("admin@")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url(re.compile(r"aktion=user\.&akteur=admin%40&betrifft="))
    log = page.get_by_role("table", name="Protokoll, Seite 1")
    expect(log.locator("tbody tr")).to_have_count(3)
    events = [e.strip() for e in log.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert events == ["Konto entsperrt", "Konto gesperrt", "Konto angelegt"], events
    check_page(page, artifacts, "audit-filtered")

    page.get_by_label("Ereignis").select_option("coordinator.invited")
    page.get_by_role("button", name="Filtern").click()
    page.wait_for_url(re.compile(r"aktion=coordinator\.invited"))
    expect(log.locator("tbody tr")).to_have_count(1)
    expect(log).to_contain_text("Koordination eingeladen")
    expect(log).to_contain_text("05315000")

    # Paging over the whole log: the next page leads on and back (sign-ins make it long enough).
    for _ in range(26):
        api(server, VIEWER).close()
    page.get_by_role("link", name="Filter zurücksetzen").click()
    page.wait_for_url(re.compile(r"/verwaltung/protokoll$"))
    page.get_by_role("table", name="Protokoll, Seite 1").wait_for()
    check_page(page, artifacts, "audit")
    pager = page.get_by_role("navigation", name="Seiten des Protokolls")
    pager.get_by_role("link", name="Nächste Seite").click()
    page.get_by_role("table", name="Protokoll, Seite 2").wait_for()
    page.get_by_role("navigation", name="Seiten des Protokolls").get_by_role(
        "link", name="Vorherige Seite"
    ).click()
    page.get_by_role("table", name="Protokoll, Seite 1").wait_for()


def test_the_admin_creates_an_account_with_a_role(signed_in: OpenPage, artifacts: Path) -> None:
    page = signed_in(ADMIN)
    page.goto("/verwaltung/benutzer/neu")
    page.get_by_role("heading", level=1, name="Neues Konto anlegen").wait_for()
    page.get_by_role("button", name="Konto anlegen und Link senden").click()
    expect(page.get_by_text("Bitte geben Sie eine gültige E-Mail-Adresse ein.")).to_be_visible()
    page.get_by_label("E-Mail-Adresse").fill("lesen-neu@example.org")
    expect(page.get_by_text("Bitte geben Sie eine gültige E-Mail-Adresse ein.")).to_have_count(0)
    page.get_by_label("Rolle").select_option("viewer")
    page.get_by_label("Stadt").select_option("02000000")
    check_page(page, artifacts, "create")
    page.get_by_role("button", name="Konto anlegen und Link senden").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Das Konto lesen-neu@example.org ist angelegt."
    )


def test_other_roles_are_refused_the_administration(signed_in: OpenPage) -> None:
    page = signed_in(COORDINATOR)
    page.goto("/verwaltung/benutzer")
    page.get_by_role("heading", level=1, name="Kein Zugriff").wait_for()


def test_no_page_raised_a_script_error() -> None:
    assert PAGE_ERRORS == []
