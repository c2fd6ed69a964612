"""The `vergleichsring report` command, batch rendering in processes, and the small helpers."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tests.reports.helpers import pdf_text
from vergleichsring.auth import repository as auth_repository
from vergleichsring.auth.permissions import Principal
from vergleichsring.cli import app
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.core.config import get_settings
from vergleichsring.reports import charts, service
from vergleichsring.reports.formatting import number, plain_float, with_unit
from vergleichsring.reports.pdf import css_string

runner = CliRunner()
KOELN = "05315000"


def run(args: list[str], db_url: str) -> tuple[int, str]:
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, args, env={"VR_DATABASE_URL": db_url, "VR_ENV": "development"})
    finally:
        get_settings.cache_clear()
    return result.exit_code, result.output


def test_report_command_follows_the_callers_view(
    db_url: str, tmp_path: Path, demo_round_id: int
) -> None:
    viewer = f"lesen-{KOELN}@example.org"
    out = tmp_path / "koeln.pdf"
    code, output = run(
        [
            "report",
            "city",
            "--round",
            str(demo_round_id),
            "--ags",
            KOELN,
            "--as",
            viewer,
            "--out",
            str(out),
        ],
        db_url,
    )
    assert code == 0, output
    assert out.read_bytes().startswith(b"%PDF-")
    assert "Bericht für die Stadt Köln" in pdf_text(out.read_bytes())

    # --all as a viewer: only the own city, with a progress bar.
    folder = tmp_path / "alle"
    code, output = run(
        [
            "report",
            "city",
            "--round",
            str(demo_round_id),
            "--all",
            "--as",
            viewer,
            "--out",
            str(folder),
            "--workers",
            "1",
        ],
        db_url,
    )
    assert code == 0, output
    assert "Städteberichte" in output
    assert [p.name for p in folder.iterdir()] == [
        f"{KOELN}-bericht-koeln-runde-{demo_round_id}-de.pdf"
    ]

    # Another city's report, and the ring report, are refused as in the API.
    code, output = run(
        [
            "report",
            "city",
            "--round",
            str(demo_round_id),
            "--ags",
            "02000000",
            "--as",
            viewer,
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        db_url,
    )
    assert code == 1
    assert "02000000" in output
    assert not (tmp_path / "x.pdf").exists()
    code, output = run(
        [
            "report",
            "ring",
            "--round",
            str(demo_round_id),
            "--as",
            viewer,
            "--out",
            str(tmp_path / "ring.pdf"),
        ],
        db_url,
    )
    assert code == 1
    assert "Moderation" in output
    # Bad input: neither --ags nor --all, an unknown account, an unknown language.
    code, _ = run(
        ["report", "city", "--round", str(demo_round_id), "--as", viewer, "--out", str(out)],
        db_url,
    )
    assert code == 2
    code, _ = run(
        [
            "report",
            "city",
            "--round",
            str(demo_round_id),
            "--ags",
            KOELN,
            "--as",
            "nobody@example.org",
            "--out",
            str(out),
        ],
        db_url,
    )
    assert code == 2
    code, _ = run(
        [
            "report",
            "city",
            "--round",
            str(demo_round_id),
            "--ags",
            KOELN,
            "--as",
            viewer,
            "--lang",
            "fr",
            "--out",
            str(out),
        ],
        db_url,
    )
    assert code == 2


def test_batch_in_processes_equals_one_by_one(session: Session, demo_round_id: int) -> None:
    user = auth_repository.get_user_by_email(session, "moderation@example.org")
    assert user is not None
    principal = Principal(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        grants=tuple(auth_repository.grants_for(session, user.id)),
        session_id=0,
        via_cookie=False,
    )
    cache = ComparisonCache()
    cities = service.report_cities(session, principal, round_id=demo_round_id, cache=cache)
    assert len(cities) == 28
    sample = cities[:3]
    parallel = list(
        service.city_reports(
            session, principal, round_id=demo_round_id, cities=sample, cache=cache, workers=2
        )
    )
    assert [ags for ags, _ in parallel] == sample
    for ags, file in parallel:
        alone = service.city_report(
            session, principal, round_id=demo_round_id, ags=ags, cache=cache
        )
        assert file.filename == alone.filename
        assert pdf_text(file.content) == pdf_text(alone.content)
        assert len(PdfReader(io.BytesIO(file.content)).pages) >= 5


def test_numbers_units_and_escaping() -> None:
    assert number(1234.5, 1, "de") == "1.234,5"
    assert number(1234.5, 1, "en") == "1,234.5"
    assert number(-0.04, 1, "de") == "0,0"  # no negative zero
    assert number(-2.25, 1, "de", sign=True) == "−2,2"
    assert number(0.0, 1, "de", sign=True) == "±0,0"
    assert number(None, 1, "de") == "–"
    assert with_unit(12.34, 1, "%", "value", "de") == "12,3 %"
    assert with_unit(-3.0, 1, "%", "gap", "de") == "−3,0 Pp."
    assert with_unit(5.0, 1, "je 1.000 EW", "value", "de") == "5,0"  # unit in the heading
    assert plain_float(0.1, "de") == "0,1"
    assert plain_float(1e-7, "en") == "0.0000001"
    assert plain_float(None, "de") == ""
    assert str(css_string('a"b\\c</style>')) == "a\\22 b\\5c c\\3c /style\\3e "
    svg = charts.position_chart(
        charts.Box(1, 2, 3, 4, 5), 3.5, None, title='<script>alert("x")</script>'
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert service.slug("Frankfurt am Main / Köln") == "frankfurt-am-main-koeln"
