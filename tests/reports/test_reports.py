"""City and ring report: content, language, anonymity, access and the tagged (PDF/UA) structure.

Every report of the demo ring is rendered (on PostgreSQL a sample of the city reports, to keep
the suite within the shared machine's means; SQLite renders all of them), and its pages are
written as PNG to ``var/test-artefacts/reports/<backend>/`` for a person to look at.
"""

from __future__ import annotations

import io
import re

from fastapi.testclient import TestClient
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import bearer
from tests.reports.helpers import (
    ARTEFACTS,
    catalog,
    pdf_text,
    save_pages,
    structure_elements,
    xmp,
)
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import RoundParticipant
from vergleichsring.submissions.models import Finding, FindingState, Submission

KOELN = "05315000"
VIEWER = f"lesen-{KOELN}@example.org"
MODERATOR = "moderation@example.org"


def url(round_id: int, tail: str) -> str:
    return f"/api/v1/rounds/{round_id}/{tail}"


def participants(session: Session, round_id: int) -> dict[str, tuple[str, str]]:
    """AGS -> (name, pseudonym) of the round's cities."""
    rows = session.execute(
        select(Municipality.ags, Municipality.name, RoundParticipant.pseudonym)
        .join(RoundParticipant, RoundParticipant.municipality_id == Municipality.id)
        .where(RoundParticipant.round_id == round_id)
    ).all()
    return {ags: (name, pseudonym) for ags, name, pseudonym in rows}


def backend_name(session: Session) -> str:
    return session.get_bind().dialect.name


def test_city_report_for_koeln_as_viewer(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    answer = client.get(
        url(demo_round_id, f"reports/cities/{KOELN}.pdf"), headers=bearer(client, VIEWER)
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert "attachment" in answer.headers["content-disposition"]
    content = answer.content
    reader = PdfReader(io.BytesIO(content))
    assert 5 <= len(reader.pages) <= 25  # a few pages: cover, summary, fields, annex
    text = pdf_text(content)
    assert "Bericht für die Stadt Köln" in text
    assert "Auf einen Blick" in text
    assert "Anhang: Konventionen und Datenstand" in text
    assert "Seite 2 / " in text  # page numbers
    assert "Integrationsmonitoring 2.0 · Vergleichsrunde 2020/2021" in text  # running header

    # Köln named; the other cities only under their pseudonyms, never by name or AGS.
    cities = participants(session, demo_round_id)
    others = {ags: v for ags, v in cities.items() if ags != KOELN}
    for ags, (name, _) in others.items():
        assert not re.search(rf"\b{re.escape(name)}\b", text), name
        assert ags not in text
    shown = set(re.findall(r"Stadt \d{2}", text))
    assert shown <= {p for _, p in others.values()}
    # A pseudonymised round shows a participant its most similar cities as a group only.
    assert "Zahl der ähnlichsten Städte" in text

    # Tagged PDF/UA: language, title, headings, figures with alternative text, real tables.
    root = catalog(reader)
    assert str(root["/Lang"]) == "de"
    mark = root["/MarkInfo"].get_object()
    assert isinstance(mark, DictionaryObject)
    assert mark["/Marked"] == BooleanObject(True)
    assert reader.metadata is not None
    assert reader.metadata.title is not None
    assert "Köln" in reader.metadata.title
    assert b"pdfuaid" in content or b"pdfuaid" in xmp(root)
    tags: dict[str, int] = {}
    figures = []
    for element in structure_elements(content):
        tag = str(element["/S"])
        tags[tag] = tags.get(tag, 0) + 1
        if tag == "/Figure":
            figures.append(element)
    assert tags.get("/H1", 0) >= 1
    assert tags.get("/H2", 0) >= 5
    assert tags.get("/Table", 0) >= 5
    assert tags.get("/TH", 0) > 50
    assert tags.get("/TD", 0) > 200
    assert len(figures) >= 70  # a chart per key figure
    assert all(str(f.get("/Alt", "")).strip() for f in figures)
    assert any("Köln" in str(f["/Alt"]) and "Median" in str(f["/Alt"]) for f in figures)

    pages = save_pages(content, ARTEFACTS / backend_name(session), "stadtbericht-koeln-de")
    assert len(pages) == len(reader.pages)


def test_city_report_in_english(client: TestClient, session: Session, demo_round_id: int) -> None:
    answer = client.get(
        url(demo_round_id, f"reports/cities/{KOELN}.pdf"),
        headers=bearer(client, VIEWER),
        params={"lang": "en"},
    )
    assert answer.status_code == 200, answer.text
    reader = PdfReader(io.BytesIO(answer.content))
    assert str(catalog(reader)["/Lang"]) == "en"
    text = pdf_text(answer.content)
    assert "City report Köln" in text
    assert "Summary" in text
    assert "Page 2 / " in text
    assert "Auf einen Blick" not in text
    save_pages(answer.content, ARTEFACTS / backend_name(session), "city-report-koeln-en")


def test_access_to_reports_follows_the_comparison(client: TestClient, demo_round_id: int) -> None:
    viewer = bearer(client, VIEWER)
    # Another city's report: 404, as in the comparison (its existence does not leak).
    other = client.get(url(demo_round_id, "reports/cities/02000000.pdf"), headers=viewer)
    assert other.status_code == 404
    assert set(other.json()) >= {"error", "detail", "errors"}
    # The ring report is for moderators.
    ring = client.get(url(demo_round_id, "reports/ring.pdf"), headers=viewer)
    assert ring.status_code == 403
    # Anonymous callers are asked to sign in; admins without a ring role may not read.
    assert client.get(url(demo_round_id, f"reports/cities/{KOELN}.pdf")).status_code == 401
    admin = bearer(client, "admin@example.org")
    assert client.get(url(demo_round_id, "reports/ring.pdf"), headers=admin).status_code == 403
    # Bad input: a clear 4xx naming the parameter.
    bad = client.get(url(demo_round_id, "reports/cities/123.pdf"), headers=viewer)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][-1] == "ags"
    lang = client.get(
        url(demo_round_id, f"reports/cities/{KOELN}.pdf"), headers=viewer, params={"lang": "fr"}
    )
    assert lang.status_code == 422
    assert lang.json()["errors"][0]["loc"] == ["query", "lang"]
    group = client.get(
        url(demo_round_id, f"reports/cities/{KOELN}.pdf"),
        headers=viewer,
        params={"peer_group": "nope:nothing"},
    )
    assert group.status_code in (404, 422)
    missing = client.get(url(999_999, f"reports/cities/{KOELN}.pdf"), headers=viewer)
    assert missing.status_code == 404


def test_ring_report_names_all_cities(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    answer = client.get(url(demo_round_id, "reports/ring.pdf"), headers=bearer(client, MODERATOR))
    assert answer.status_code == 200, answer.text
    content = answer.content
    text = pdf_text(content)
    cities = participants(session, demo_round_id)
    assert len(cities) == 28
    for ags, (name, pseudonym) in cities.items():
        assert name in text, name
        assert ags in text, ags
        assert not re.search(rf"\b{pseudonym}\b", text)  # moderators see names, not pseudonyms
    assert "Vollständigkeit der Runde" in text
    assert "Offene Befunde" in text
    assert "DEM-01 Ausländeranteil" in text
    # The findings the demo plants (collection, issue #10) are listed with their rule codes.
    open_rules = set(
        session.scalars(
            select(Finding.rule)
            .join(Submission, Submission.id == Finding.submission_id)
            .where(Submission.round_id == demo_round_id, Finding.state == FindingState.open)
        )
    )
    assert open_rules
    assert all(rule in text for rule in open_rules), open_rules
    reader = PdfReader(io.BytesIO(content))
    assert str(catalog(reader)["/Lang"]) == "de"
    tags = {str(e["/S"]) for e in structure_elements(content)}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/Figure"} <= tags
    save_pages(content, ARTEFACTS / backend_name(session), "ringbericht-de", resolution=40)


def test_every_city_report_of_the_demo_ring(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    """The moderator renders the report of every city; each names its city and opens."""
    moderator = bearer(client, MODERATOR)
    cities = sorted(participants(session, demo_round_id).items())
    if backend_name(session) != "sqlite":
        cities = cities[::9]  # a sample on PostgreSQL; SQLite renders all 28
    folder = ARTEFACTS / backend_name(session) / "alle-staedte"
    for ags, (name, _) in cities:
        answer = client.get(url(demo_round_id, f"reports/cities/{ags}.pdf"), headers=moderator)
        assert answer.status_code == 200, (ags, answer.text)
        reader = PdfReader(io.BytesIO(answer.content))
        assert len(reader.pages) >= 5
        assert f"Bericht für die Stadt {name}" in pdf_text(answer.content)
        save_pages(answer.content, folder, ags, resolution=30)
