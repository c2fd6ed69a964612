"""Fixtures of the end-to-end tests: a real server with the demo ring, Debian's Chromium, axe-core.

Without chromium (or a built frontend) the tests skip with a message; with ``CI=true`` that is
an error. Screenshots of every dashboard page go to ``test-artifacts/e2e/`` (ignored by git).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from tests.e2e.server import DEMO_PASSWORD, PROJECT_ROOT, DemoServer, Unavailable, demo_server

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "e2e"
AXE_SCRIPT = PROJECT_ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
# The viewer of a city approved in both years, so that its own values show in every year and
# view (Köln 2021 is a draft in the demo).
VIEWER = "lesen-02000000@example.org"
MODERATOR = "moderation@example.org"
# Uncaught script errors of any page; a test module asserts it stays empty.
PAGE_ERRORS: list[str] = []


def unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"The end-to-end tests need a browser when CI=true: {reason}")
    pytest.skip(f"end-to-end tests skipped: {reason}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoServer]:
    try:
        with demo_server(tmp_path_factory.mktemp("e2e")) as running:
            yield running
    except Unavailable as exc:
        unavailable(str(exc))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the Python package playwright is not installed (make install-dev)")
    from tests.e2e.server import launch_chromium

    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except Unavailable as exc:
            unavailable(str(exc))
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def signed_in(browser: Any, server: DemoServer) -> Iterator[Callable[..., Any]]:
    """Opens a page for a demo account, signed in through the API (the session cookie)."""
    contexts: list[Any] = []

    def open_page(email: str, language: str = "de") -> Any:
        context = browser.new_context(
            base_url=server.base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        contexts.append(context)
        response = context.request.post(
            "/api/v1/auth/login", data={"email": email, "password": DEMO_PASSWORD}
        )
        assert response.status == 200, response.text()
        page = context.new_page()
        page.on("pageerror", lambda error: PAGE_ERRORS.append(f"{email}: {error}"))
        if language != "de":
            page.add_init_script(f"localStorage.setItem('vergleichsring.language', '{language}')")
        return page

    yield open_page
    for context in contexts:
        context.close()


def run_axe(page: Any) -> list[dict[str, Any]]:
    """axe-core (npm) injected into the page; the violations of impact serious or critical."""
    if not AXE_SCRIPT.is_file():
        unavailable(
            "frontend/node_modules/axe-core is missing (make frontend/node_modules/.package-lock.json)"
        )
    # Evaluated through the DevTools protocol, not as a <script> tag: the app's strict CSP
    # (script-src 'self') rightly refuses inline scripts, and the test must not weaken it.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {
              runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
            });
            return r.violations.map((v) => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )
    violations: list[dict[str, Any]] = list(result)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)
