"""The dashboards' two speed goals, measured in Debian's headless Chromium against a real server.

1. The JavaScript the browser loads for the first page (the start page, signed out), gzipped:
   every script response of that page load, compressed here with gzip -9. Goal: under 250 kB.
   ECharts and the map outline must not be among them (they load with the dashboards only).
2. The indicator view usable: from the start of the navigation to `/runden/1/kennzahl?...` until
   the chart reports itself drawn (`data-rendered="true"`) and the statistics table is there,
   signed in as a viewer, each run in a new browser context (cold browser cache). Goal: median
   of 5 under 1.5 s.

Needs a built frontend (`make frontend`) and Debian's chromium (`make system-packages`).

    .venv/bin/python bench/frontend.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

# The server and browser helpers are shared with the end-to-end tests (tests/e2e/server.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.e2e.server import DEMO_PASSWORD, demo_server, launch_chromium

FIRST_PAGE_GOAL_KB = 250.0
READY_GOAL_S = 1.5
VIEW = "/runden/1/kennzahl?kennzahl=ARB-05&jahr=2021&gruppe=all"
VIEWER = "lesen-05315000@example.org"


def first_page_scripts(browser: Any, base_url: str) -> list[tuple[str, int, int]]:
    """(name, raw bytes, gzip -9 bytes) of every script the start page loads."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    responses: list[Any] = []
    page.on("response", lambda response: responses.append(response))
    page.goto("/", wait_until="networkidle")
    page.get_by_role("heading", level=1).wait_for()
    scripts = []
    for response in responses:
        if response.request.resource_type == "script" and response.ok:
            body = response.body()
            scripts.append(
                (response.url.rsplit("/", 1)[-1], len(body), len(gzip.compress(body, 9)))
            )
    context.close()
    return scripts


def indicator_view_ready(browser: Any, base_url: str) -> float:
    """Seconds from navigation start until chart drawn and statistics table present."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    login = context.request.post(
        "/api/v1/auth/login", data={"email": VIEWER, "password": DEMO_PASSWORD}
    )
    assert login.status == 200, login.text()
    page = context.new_page()
    start = time.perf_counter()
    page.goto(VIEW, wait_until="commit")
    page.wait_for_selector('.echart[data-rendered="true"]', timeout=30_000)
    page.wait_for_selector(".statistics-table tbody tr", timeout=30_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as tmp,
        demo_server(Path(tmp)) as server,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        scripts = first_page_scripts(browser, server.base_url)
        raw = sum(item[1] for item in scripts) / 1000
        packed = sum(item[2] for item in scripts) / 1000
        print("First page (start page, signed out): JavaScript loaded by the browser")
        for name, size, zipped in sorted(scripts, key=lambda item: -item[2]):
            print(f"  {name:<44}{size / 1000:>9.1f} kB{zipped / 1000:>9.1f} kB gzip")
        charts = [name for name, _, _ in scripts if name.startswith(("echarts", "map-"))]
        print(
            f"  total {len(scripts)} files: {raw:.1f} kB, {packed:.1f} kB gzipped (goal < {FIRST_PAGE_GOAL_KB:.0f} kB: {packed / FIRST_PAGE_GOAL_KB:.0%} of it)"
        )
        print(f"  chart code on the first page: {', '.join(charts) if charts else 'none'}")

        indicator_view_ready(browser, server.base_url)  # warm the server's comparison cache once
        times = [indicator_view_ready(browser, server.base_url) for _ in range(args.repeat)]
        median = statistics.median(times)
        print(
            f"Indicator view usable (chart drawn, table ready), {args.repeat} runs, cold browser cache:"
        )
        print("  runs: " + ", ".join(f"{value:.2f} s" for value in times))
        print(
            f"  median {median:.2f} s (goal < {READY_GOAL_S} s: {median / READY_GOAL_S:.0%} of it), min {min(times):.2f} s, max {max(times):.2f} s"
        )
        browser.close()


if __name__ == "__main__":
    main()
