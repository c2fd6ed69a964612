"""The dashboards in a real browser (Debian's Chromium) against a real server with the demo ring."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MODERATOR, PAGE_ERRORS, VIEWER, describe, run_axe
from tests.e2e.server import DEMO_PASSWORD, DemoServer

pytestmark = pytest.mark.browser
# The machine may be busy (tests run in parallel with other work): be patient, not flaky.
expect.set_options(timeout=20_000)

ROUND = 1
CODE = "ARB-05"
DASHBOARDS = {
    "kennzahl": f"/runden/{ROUND}/kennzahl?kennzahl={CODE}",
    "verteilung": f"/runden/{ROUND}/verteilung?kennzahl={CODE}",
    "streuung": f"/runden/{ROUND}/streuung?kennzahl={CODE}",
    "veraenderung": f"/runden/{ROUND}/veraenderung?kennzahl={CODE}",
    "profil": f"/runden/{ROUND}/profil",
    "karte": f"/runden/{ROUND}/karte?kennzahl={CODE}",
    "vergleichsgruppen": f"/runden/{ROUND}/vergleichsgruppen",
}
PSEUDONYM = re.compile(r"^Stadt \d{2}$")
OpenPage = Callable[..., Any]


def wait_ready(page: Any) -> None:
    """The page has drawn its chart (or, without one, its tables)."""
    page.wait_for_selector("h1")
    if page.locator(".echart").count() > 0 or page.url.split("?")[0].rsplit("/", 1)[-1] in (
        "kennzahl",
        "verteilung",
        "streuung",
        "veraenderung",
        "karte",
    ):
        page.wait_for_selector('.echart[data-rendered="true"]', timeout=15_000)
    else:
        page.wait_for_selector("main table", timeout=15_000)


def table_rows(page: Any) -> list[list[str]]:
    table = page.locator(".chart-panel__table table")
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def test_viewer_reads_the_indicator_view(browser: Any, server: DemoServer, artifacts: Path) -> None:
    """Sign in through the form, open the indicator view from the start page, switch year and group."""
    context = browser.new_context(
        base_url=server.base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.goto("/anmelden")
    page.get_by_label("E-Mail-Adresse").fill(VIEWER)
    page.get_by_label("Passwort", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Ihre Vergleichsrunden").wait_for()
    page.get_by_role("link", name="Kennzahl", exact=True).first.click()
    page.wait_for_url(re.compile(rf"/runden/{ROUND}/kennzahl"))
    wait_ready(page)
    assert page.get_by_text("Synthetische Demodaten").first.is_visible()

    # Another key figure through the picker: its search narrows the list.
    page.get_by_label("Kennzahl suchen").fill("Arbeitslosenanteil")
    page.get_by_label("Kennzahl", exact=True).select_option(CODE)
    page.wait_for_url(re.compile(rf"kennzahl={CODE}"))
    wait_ready(page)

    # The own city is highlighted and named; the others are pseudonymised.
    page.get_by_role("button", name="Als Tabelle zeigen").click()
    rows = table_rows(page)
    cities = [row[1] for row in rows]
    assert "Hamburg (eigene Stadt)" in cities
    assert page.locator(".chart-panel__table tr.is-own").count() == 1
    own = next(row for row in rows if row[1] == "Hamburg (eigene Stadt)")
    assert re.search(r"\d", " ".join(own[2:])), own  # with its value
    others = [city for city in cities if city != "Hamburg (eigene Stadt)"]
    assert others
    assert all(PSEUDONYM.match(city) for city in others), others

    # Year and peer group through the page: both land in the URL, Back undoes them.
    page.get_by_role("radio", name="2020").click()
    page.wait_for_url(re.compile(r"jahr=2020"))
    page.get_by_label("Vergleichsgruppe").select_option("size_class:GK1")
    page.wait_for_url(re.compile(r"gruppe=size_class%3AGK1|gruppe=size_class:GK1"))
    page.get_by_role("heading", name=re.compile(r"2020, Größenklasse 1")).wait_for()
    page.go_back()
    page.wait_for_url(re.compile(r"jahr=2020(?!.*gruppe)"))
    page.get_by_role("heading", name=re.compile(r"2020, Alle Städte der Runde")).wait_for()
    context.close()


def test_a_link_opens_the_same_view_and_the_csv_equals_the_api(
    signed_in: OpenPage, artifacts: Path
) -> None:
    page = signed_in(VIEWER)
    page.goto(f"/runden/{ROUND}/kennzahl?kennzahl={CODE}&jahr=2020&gruppe=east_west%3AWest&mass=A")
    wait_ready(page)
    expect(page.get_by_role("radio", name="2020")).to_be_checked()
    expect(page.get_by_label("Vergleichsgruppe")).to_have_value("east_west:West")
    expect(page.get_by_role("radio", name=re.compile(r"^Gruppe A"))).to_be_checked()
    page.get_by_role("heading", name=re.compile(r"2020, Westdeutschland")).wait_for()

    with page.expect_download() as png_info:
        page.get_by_role("button", name="PNG herunterladen").click()
    png = artifacts / "indicator-view.png"
    png_info.value.save_as(png)
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="CSV herunterladen").click()
    download = download_info.value
    target = artifacts / "indicator-view.csv"
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    lines = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    header, body = lines[0], lines[1:]

    api = page.request.get(
        f"/api/v1/rounds/{ROUND}/comparison/indicators/{CODE}",
        params={"year": "2020", "peer_group": "east_west:West", "measure": "A"},
    ).json()
    assert [row[header.index("Stadt")] for row in body] == [row["label"] for row in api["rows"]]
    value_column = header.index("von n") + 1  # the measure's column: "<measure> (<unit>)"
    assert header[value_column].endswith("(%)"), header
    for line, row in zip(body, api["rows"], strict=True):
        text = line[value_column]
        if row["value"] is None:
            assert text == ""
        else:
            assert "," in text or text.isdigit(), "decimal comma"
            assert float(text.replace(",", ".")) == pytest.approx(row["value"], abs=0)
        assert line[header.index("AGS")] == (row["ags"] or "")


def test_the_moderator_sees_names(signed_in: OpenPage) -> None:
    page = signed_in(MODERATOR)
    page.goto(DASHBOARDS["kennzahl"])
    wait_ready(page)
    page.get_by_role("button", name="Als Tabelle zeigen").click()
    cities = [row[1] for row in table_rows(page)]
    assert {"Köln", "Hamburg", "Leipzig"} <= set(cities)
    assert not any(PSEUDONYM.match(city) for city in cities)
    assert page.locator(".chart-panel__table tr.is-own").count() == 0


@pytest.mark.parametrize("who", ["viewer", "moderator"])
def test_every_dashboard_page_renders_and_passes_axe(
    signed_in: OpenPage, artifacts: Path, who: str
) -> None:
    page = signed_in(VIEWER if who == "viewer" else MODERATOR)
    found: dict[str, str] = {}
    for name, path in DASHBOARDS.items():
        page.goto(path)
        wait_ready(page)
        assert page.get_by_text("Synthetische Demodaten").first.is_visible(), name
        page.screenshot(path=str(artifacts / f"{who}-{name}.png"), full_page=True)
        violations = run_axe(page)
        if violations:
            found[name] = describe(violations)
    assert not found, found
    if who == "viewer":
        page.goto(DASHBOARDS["karte"])
        wait_ready(page)
        note = page.get_by_test_id("map-note").inner_text()
        assert "27 pseudonymisierte Städte sind nicht eingezeichnet" in note
    assert not PAGE_ERRORS, PAGE_ERRORS


def test_the_english_pages_format_numbers_themselves(signed_in: OpenPage, artifacts: Path) -> None:
    page = signed_in(VIEWER, language="en")
    page.goto(f"/runden/{ROUND}/kennzahl?kennzahl={CODE}&mass=A")
    wait_ready(page)
    page.get_by_role("button", name="Show as table").click()
    text = page.locator(".chart-panel__table").inner_text()
    assert re.search(r"\d\.\d%", text), "English decimal point"
    assert not re.search(r"\d,\d", text), "no German decimal comma on the English page"
    for name, path in DASHBOARDS.items():
        page.goto(path)
        wait_ready(page)
        assert page.get_by_text("Synthetic demo data").first.is_visible(), name
        main = page.locator("main").inner_text()
        # A decimal comma (German) – not a thousands separator such as 500,000.
        german = re.search(r"\d,\d{1,2}(?!\d)", main)
        assert german is None, f"German number on the English {name} page: {german}"
        page.screenshot(path=str(artifacts / f"viewer-{name}-en.png"), full_page=True)


def test_keyboard_only_use_of_the_indicator_view(signed_in: OpenPage) -> None:
    page = signed_in(VIEWER)
    page.goto(DASHBOARDS["kennzahl"])
    wait_ready(page)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.textContent.trim()")
    assert first == "Zum Inhalt springen", first

    seen: list[dict[str, Any]] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                  const el = document.activeElement;
                  const style = getComputedStyle(el);
                  const label = el.labels && el.labels[0] ? el.labels[0].textContent.trim() : "";
                  return { tag: el.tagName, text: (el.textContent || "").trim().slice(0, 40), label,
                           outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
                           shadow: style.boxShadow !== "none" };
                }"""
            )
        )
        if seen[-1]["text"] == "Als Tabelle zeigen":
            break
    names = [item["label"] or item["text"] for item in seen]
    order = ["Kennzahl suchen", "Kennzahl", "2021", "Vergleichsgruppe", "Als Tabelle zeigen"]
    # The controls come in reading order: each one after the one before.
    position = -1
    for wanted in order:
        later = [i for i, name in enumerate(names) if name == wanted and i > position]
        assert later, f"{wanted!r} not reached by Tab after position {position}: {names}"
        position = later[0]
    assert all(item["outline"] or item["shadow"] for item in seen), [
        i for i in seen if not (i["outline"] or i["shadow"])
    ]

    # The table twin opens with the keyboard; the year changes with the arrow keys.
    page.keyboard.press("Enter")
    page.locator(".chart-panel__table table").wait_for()
    page.get_by_role("radio", name="2021").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"jahr=2020"))
    expect(page.get_by_role("radio", name="2020")).to_be_checked()


def test_the_moderator_draws_a_peer_group(signed_in: OpenPage) -> None:
    page = signed_in(MODERATOR)
    page.goto(DASHBOARDS["vergleichsgruppen"])
    page.get_by_role("heading", name="Eigene Vergleichsgruppe anlegen").wait_for()
    page.get_by_label("Name der Gruppe").fill("Rhein-Ruhr (E2E)")
    page.get_by_label("Kurzname").fill("rhein-ruhr-e2e")
    for city in ("Köln", "Essen", "Duisburg", "Gelsenkirchen", "Hamm"):
        page.get_by_role("checkbox", name=city, exact=True).check()
    page.get_by_role("button", name="Gruppe anlegen").click()
    page.get_by_text("Gruppe „Rhein-Ruhr (E2E)“ angelegt.").wait_for()
    row = page.locator(".groups-table tr", has_text="Rhein-Ruhr (E2E)")
    expect(row).to_contain_text("Duisburg")
    # The new group is offered as a peer group of the indicator view.
    page.goto(DASHBOARDS["kennzahl"])
    wait_ready(page)
    options = page.get_by_label("Vergleichsgruppe").locator("option").all_inner_texts()
    assert any(option.startswith("Rhein-Ruhr (E2E)") for option in options), options


def test_a_shared_link_leads_through_the_sign_in_to_the_same_view(
    browser: Any, server: DemoServer
) -> None:
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    link = f"/runden/{ROUND}/verteilung?kennzahl={CODE}&gruppe=size_class%3AGK1"
    page.goto(link)
    page.wait_for_url(re.compile(r"/anmelden\?next="))
    page.get_by_label("E-Mail-Adresse").fill("lesen-06412000@example.org")
    page.get_by_label("Passwort", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/runden/1/verteilung\?kennzahl=ARB-05&gruppe=size_class"))
    wait_ready(page)
    expect(page.get_by_label("Vergleichsgruppe")).to_have_value("size_class:GK1")
    page.get_by_role("button", name="Als Tabelle zeigen").click()
    expect(
        page.get_by_role("columnheader", name="Frankfurt am Main (eigene Stadt)")
    ).to_be_visible()
    context.close()
