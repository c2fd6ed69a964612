"""Property: a planted small count is never visible in any report or export, for any role.

The idea of ``tests/comparison/test_disclosure_property.py`` carried into the files: Hypothesis
plants a count below the threshold into a random city's approved base figures, and a random role
downloads the city report (PDF, text extracted with pypdf) and every export (German CSV,
international CSV, Excel, SDMX-CSV) of that key figure and of the city profile. In each, the
planted city's cell for the key figure is empty with the status "suppressed" (for a gap key
figure also both group values), and its PDF row shows "." without a rank. The ring report
(moderators) is checked once with a planted count, as it takes long to render.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select, update
from sqlalchemy.orm import Session, SessionTransaction

from tests.comparison.test_disclosure_property import PLANTS, ROLES
from tests.conftest import bearer
from tests.reports.helpers import pdf_text
from vergleichsring.catalog.models import BaseFigure
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds.models import RoundParticipant
from vergleichsring.submissions.models import Submission, SubmissionStatus, SubmissionValue


def plant(
    session: Session, round_id: int, city_index: int, figure: str, count: int
) -> tuple[str, str, str, SessionTransaction]:
    """Plant COUNT into a city's approved 2021 figure; returns AGS, name, pseudonym, savepoint."""
    cities = session.execute(
        select(Municipality.ags, Municipality.name, Submission.id, RoundParticipant.pseudonym)
        .join(Submission, Submission.municipality_id == Municipality.id)
        .join(
            RoundParticipant,
            (RoundParticipant.municipality_id == Municipality.id)
            & (RoundParticipant.round_id == Submission.round_id),
        )
        .where(
            Submission.round_id == round_id,
            Submission.year == 2021,
            Submission.status == SubmissionStatus.approved,
            Municipality.ags != "02000000",
        )
        .order_by(Municipality.ags)
    ).all()
    ags, name, submission_id, pseudonym = cities[city_index % len(cities)]
    figure_id = session.scalars(select(BaseFigure.id).where(BaseFigure.code == figure)).one()
    savepoint = session.begin_nested()
    session.execute(
        update(SubmissionValue)
        .where(
            SubmissionValue.submission_id == submission_id,
            SubmissionValue.base_figure_id == figure_id,
        )
        .values(value=float(count), status="ok")
    )
    session.flush()
    return ags, name, pseudonym, savepoint


def get(client: TestClient, headers: dict[str, str], path: str, **params: Any) -> bytes:
    answer = client.get(path, headers=headers, params=params)
    assert answer.status_code == 200, (path, answer.text)
    return answer.content


def check_tabular(frame: pd.DataFrame, cols: dict[str, str], code: str, who: set[str]) -> int:
    """The planted city's 2021 rows of CODE: empty values, status suppressed, no rank."""
    mine = frame[
        (frame[cols["indicator"]] == code)
        & (frame[cols["year"]] == 2021)
        & frame[cols["city"]].isin(who)
    ]
    for record in mine.to_dict(orient="records"):
        assert record[cols["status"]] == "suppressed", record
        for key in ("value", "value_a", "value_b", "rank", "percentile", "change_abs"):
            assert pd.isna(record[cols[key]]), (key, record)
    return len(mine)


GERMAN = {
    "indicator": "Kennzahl",
    "year": "Jahr",
    "city": "Stadt",
    "status": "Status",
    "value": "Wert",
    "value_a": "Wert_Gruppe_A",
    "value_b": "Wert_Gruppe_B",
    "rank": "Rang",
    "percentile": "Perzentil",
    "change_abs": "Veraenderung",
}
ENGLISH = {k: k for k in GERMAN}


def check_exports(
    client: TestClient, headers: dict[str, str], round_id: int, code: str, who: set[str], own: str
) -> None:
    base = f"/api/v1/rounds/{round_id}/exports"
    paths = [f"{base}/indicators/{code}", f"{base}/municipalities/{own}/profile"]
    for path in paths:
        de = pd.read_csv(
            io.BytesIO(get(client, headers, path, format="csv-de")),
            sep=";",
            decimal=",",
            encoding="utf-8-sig",
            dtype={"AGS": str, "Stadt": str},
        )
        found = check_tabular(de, GERMAN, code, who)
        if "/indicators/" in path:
            assert found == 1  # the planted city is in the key figure's table, suppressed
        en = pd.read_csv(io.BytesIO(get(client, headers, path, format="csv")), dtype={"ags": str})
        assert check_tabular(en, ENGLISH, code, who) == found
        book = load_workbook(io.BytesIO(get(client, headers, path, format="xlsx")))
        sheets = []
        for sheet in book.worksheets[1:]:
            rows = list(sheet.iter_rows(values_only=True))
            sheets.append(pd.DataFrame(rows[1:], columns=rows[0]))
        assert check_tabular(pd.concat(sheets), GERMAN, code, who) == found
        sdmx = pd.read_csv(
            io.BytesIO(get(client, headers, path, format="sdmx-csv")),
            dtype={"MUNICIPALITY": str, "OBS_STATUS": str},
        )
        planted = sdmx[
            (sdmx["INDICATOR"] == code)
            & (sdmx["TIME_PERIOD"] == 2021)
            & sdmx["MUNICIPALITY"].isin(who)
        ]
        assert len(planted) >= found
        assert set(planted["OBS_STATUS"]) <= {"Q"}
        assert set(planted["CONF_STATUS"]) <= {"C"}
        assert planted["OBS_VALUE"].isna().all()


def pdf_row(text: str, code: str) -> str:
    """What follows the key figure's code in the field table, up to the next code."""
    match = re.search(rf"{code}\s*(.*?)(?=[A-Z]{{3}}-\d{{2}}\s|„\.“)", text, re.S)
    assert match, code
    return match.group(1)


@settings(
    max_examples=6,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    planted=st.sampled_from(PLANTS),
    city_index=st.integers(min_value=0, max_value=100),
    count=st.integers(min_value=1, max_value=4),
    role=st.sampled_from(ROLES),
)
def test_planted_small_count_is_in_no_file(
    client: TestClient,
    session: Session,
    demo_round_id: int,
    planted: tuple[str, str, int, tuple[str, ...]],
    city_index: int,
    count: int,
    role: str,
) -> None:
    code, figure, threshold, _ = planted
    ags, name, pseudonym, savepoint = plant(
        session, demo_round_id, city_index, figure, min(count, threshold - 1)
    )
    try:
        client.app.state.comparison_cache = ComparisonCache()  # type: ignore[attr-defined]
        email = role.format(ags=ags)
        headers = bearer(client, email)
        who = {ags, name, pseudonym}
        own = "02000000" if email.startswith("lesen-02000000") else ags
        check_exports(client, headers, demo_round_id, code, who, own)
        report = pdf_text(
            get(client, headers, f"/api/v1/rounds/{demo_round_id}/reports/cities/{own}.pdf")
        )
        if own == ags:  # the planted city's own report: its row shows "." and no rank
            row = pdf_row(report, code)
            assert row.split()[0] == ".", row
            assert " von " not in row, row
    finally:
        savepoint.rollback()


def test_planted_small_count_is_not_in_the_ring_report(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    code, figure, _, _ = PLANTS[2]  # REC-02, threshold 3
    ags, name, _, savepoint = plant(session, demo_round_id, 7, figure, 1)
    try:
        client.app.state.comparison_cache = ComparisonCache()  # type: ignore[attr-defined]
        headers = bearer(client, "moderation@example.org")
        text = pdf_text(get(client, headers, f"/api/v1/rounds/{demo_round_id}/reports/ring.pdf"))
        section = text[text.index(f"{code} ") :]
        section = section[: re.search(r"\n[A-Z]{3}-\d{2} ", section[1:]).start() + 1]  # type: ignore[union-attr]
        line = next(ln for ln in section.splitlines() if f" {name} " in f" {ln} ")
        assert line.split()[0] == "–", line  # no rank
        assert f"{ags} ." in line, line  # the value shows as "."
    finally:
        savepoint.rollback()
