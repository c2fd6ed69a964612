"""Exports load back into pandas and openpyxl with the right types and equal the API."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import update
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.reports.exports import to_csv
from vergleichsring.reports.formatting import neutralise
from vergleichsring.rounds.models import Round

# The viewer's own city: approved in both years (Köln 2021 is a draft in the demo).
OWN = "06412000"
OWN_NAME = "Frankfurt am Main"
VIEWER = f"lesen-{OWN}@example.org"
MODERATOR = "moderation@example.org"
CODE = "ARB-07"  # a gap key figure: gap, group A and group B


def export(
    client: TestClient, headers: dict[str, str], round_id: int, tail: str, **params: Any
) -> bytes:
    answer = client.get(f"/api/v1/rounds/{round_id}/exports/{tail}", headers=headers, params=params)
    assert answer.status_code == 200, answer.text
    return answer.content


def api_rows(
    client: TestClient, headers: dict[str, str], round_id: int, code: str, year: int
) -> dict[str, dict[str, Any]]:
    answer = client.get(
        f"/api/v1/rounds/{round_id}/comparison/indicators/{code}",
        headers=headers,
        params={"year": year},
    )
    assert answer.status_code == 200, answer.text
    return {r["label"]: r for r in answer.json()["rows"]}


def read_csv(content: bytes, *, german: bool) -> pd.DataFrame:
    if german:
        assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
        return pd.read_csv(
            io.BytesIO(content), sep=";", decimal=",", encoding="utf-8-sig", dtype={"AGS": str}
        )
    assert not content.startswith(b"\xef\xbb\xbf")
    return pd.read_csv(io.BytesIO(content), dtype={"ags": str})


def assert_equal_to_api(
    frame: pd.DataFrame, api: dict[str, dict[str, Any]], names: dict[str, str]
) -> None:
    assert len(frame) == len(api)
    for record in frame.to_dict(orient="records"):
        row = api[record[names["city"]]]
        value = record[names["value"]]
        if row["value"] is None:
            assert pd.isna(value)
        else:
            assert value == pytest.approx(row["value"], abs=1e-9)
        assert record[names["status"]] == row["status"]
        rank = record[names["rank"]]
        assert (pd.isna(rank) and row["rank"] is None) or rank == row["rank"]
        ags = record[names["ags"]]
        assert (pd.isna(ags) and row["ags"] is None) or ags == row["ags"]


GERMAN = {"city": "Stadt", "value": "Wert", "status": "Status", "rank": "Rang", "ags": "AGS"}
ENGLISH = {"city": "city", "value": "value", "status": "status", "rank": "rank", "ags": "ags"}


def test_indicator_export_csv_both_forms_equal_the_api(
    client: TestClient, demo_round_id: int
) -> None:
    viewer = bearer(client, VIEWER)
    api = api_rows(client, viewer, demo_round_id, CODE, 2021)
    de = read_csv(
        export(client, viewer, demo_round_id, f"indicators/{CODE}", format="csv-de", year=2021),
        german=True,
    )
    assert pd.api.types.is_string_dtype(de["AGS"])
    assert pd.api.types.is_float_dtype(de["Wert"])
    assert pd.api.types.is_integer_dtype(de["Jahr"])
    assert de.loc[de["Stadt"] == OWN_NAME, "AGS"].tolist() == [OWN]  # leading zero kept
    assert de["AGS"].dropna().tolist() == [OWN]  # others under pseudonyms, without AGS
    assert_equal_to_api(de, api, GERMAN)
    en = read_csv(
        export(client, viewer, demo_round_id, f"indicators/{CODE}", format="csv", year=2021),
        german=False,
    )
    assert_equal_to_api(en, api, ENGLISH)
    # both group values of the gap key figure are carried
    own = en[en["city"] == OWN_NAME].iloc[0]
    assert own["value_a"] == pytest.approx(api[OWN_NAME]["value_a"])
    assert own["value_b"] == pytest.approx(api[OWN_NAME]["value_b"])


def test_round_export_xlsx_sheets_types_and_values(client: TestClient, demo_round_id: int) -> None:
    viewer = bearer(client, VIEWER)
    content = export(client, viewer, demo_round_id, "round", format="xlsx")
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "Konventionen"
    field_sheets = book.sheetnames[1:]
    assert len(field_sheets) == 11
    assert any(s.startswith("ARB") for s in field_sheets)
    arb = book[next(s for s in field_sheets if s.startswith("ARB"))]
    assert arb.freeze_panes == "A2"
    header = [c.value for c in arb[1]]
    ags_col = header.index("AGS") + 1
    value_col = header.index("Wert") + 1
    own_rows = [r for r in range(2, arb.max_row + 1) if arb.cell(r, ags_col).value == OWN]
    assert own_rows
    cell = arb.cell(own_rows[0], ags_col)
    assert cell.data_type == "s"
    assert cell.number_format == "@"
    value = arb.cell(own_rows[0], value_col)
    assert isinstance(value.value, float)
    assert value.number_format.startswith("#,##0")
    conventions = [row[0] for row in book["Konventionen"].iter_rows(values_only=True)]
    assert "Rangfolge" in conventions
    assert "Geheimhaltung" in conventions

    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype={"AGS": str})
    frame = pd.concat([f for name, f in sheets.items() if name != "Konventionen"])
    for year in (2020, 2021):
        api = api_rows(client, viewer, demo_round_id, CODE, year)
        part = frame[(frame["Kennzahl"] == CODE) & (frame["Jahr"] == year)]
        assert_equal_to_api(part, api, GERMAN)
    assert frame["Kennzahl"].nunique() >= 70


def test_profile_export_equals_the_profile(client: TestClient, demo_round_id: int) -> None:
    viewer = bearer(client, VIEWER)
    profile = client.get(
        f"/api/v1/rounds/{demo_round_id}/comparison/municipalities/{OWN}/profile",
        headers=viewer,
        params={"year": 2021},
    ).json()
    frame = read_csv(
        export(
            client,
            viewer,
            demo_round_id,
            f"municipalities/{OWN}/profile",
            format="csv",
            year=2021,
        ),
        german=False,
    )
    assert len(frame) == len(profile["entries"])
    assert set(frame["ags"]) == {OWN}
    by_code = {e["indicator"]["code"]: e for e in profile["entries"]}
    for record in frame.to_dict(orient="records"):
        entry = by_code[record["indicator"]]
        assert record["value"] == pytest.approx(entry["row"]["value"])
        assert record["median"] == pytest.approx(entry["statistics"]["median"])
        assert record["rank"] == entry["row"]["rank"]
    # another city's profile is not the viewer's to export
    other = client.get(
        f"/api/v1/rounds/{demo_round_id}/exports/municipalities/02000000/profile", headers=viewer
    )
    assert other.status_code == 404


def test_sdmx_csv_dimensions_codes_and_values(client: TestClient, demo_round_id: int) -> None:
    moderator = bearer(client, MODERATOR)
    content = export(client, moderator, demo_round_id, f"indicators/{CODE}", format="sdmx-csv")
    frame = pd.read_csv(io.BytesIO(content), dtype={"MUNICIPALITY": str, "OBS_STATUS": str})
    assert list(frame.columns[:7]) == [
        "DATAFLOW",
        "ROUND",
        "MUNICIPALITY",
        "INDICATOR",
        "TIME_PERIOD",
        "MEASURE",
        "OBS_VALUE",
    ]
    assert set(frame["MEASURE"]) == {"GAP", "A", "B"}
    assert set(frame["TIME_PERIOD"]) == {2020, 2021}
    assert frame["MUNICIPALITY"].str.fullmatch(r"\d{8}").all()  # moderators: AGS
    api = api_rows(client, moderator, demo_round_id, CODE, 2021)
    by_ags = {r["ags"]: r for r in api.values()}
    gaps = frame[(frame["MEASURE"] == "GAP") & (frame["TIME_PERIOD"] == 2021)]
    assert len(gaps) == len(api)
    for record in gaps.to_dict(orient="records"):
        row = by_ags[record["MUNICIPALITY"]]
        expected = {"ok": "A", "missing": "O", "suppressed": "Q"}[row["status"]]
        assert record["OBS_STATUS"] == expected
        assert record["CONF_STATUS"] == ("C" if row["status"] == "suppressed" else "F")
        if row["value"] is None:
            assert pd.isna(record["OBS_VALUE"])
        else:
            assert record["OBS_VALUE"] == pytest.approx(row["value"])
    # a viewer's SDMX file names other cities only by pseudonym
    viewer = bearer(client, VIEWER)
    mine = pd.read_csv(
        io.BytesIO(export(client, viewer, demo_round_id, f"indicators/{CODE}", format="sdmx-csv")),
        dtype={"MUNICIPALITY": str},
    )
    assert set(mine["MUNICIPALITY"]) - {OWN} <= {
        r["label"] for r in api_rows(client, viewer, demo_round_id, CODE, 2021).values()
    }


def test_formula_injection_is_neutralised(
    client: TestClient, session: Session, demo_round_id: int
) -> None:
    assert neutralise("=1+2") == "'=1+2"
    assert neutralise("+49") == "'+49"
    assert neutralise("-3") == "'-3"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("Köln") == "Köln"
    assert to_csv([], german=True).startswith(b"\xef\xbb\xbfRunde_ID;")
    # A round named like a formula (moderators name rounds) reaches every text cell safely.
    evil = '=HYPERLINK("http://example.invalid","klick")'
    session.execute(update(Round).where(Round.id == demo_round_id).values(name=evil))
    session.flush()
    viewer = bearer(client, VIEWER)
    de = read_csv(
        export(client, viewer, demo_round_id, f"indicators/{CODE}", format="csv-de", year=2021),
        german=True,
    )
    assert set(de["Runde"]) == {"'" + evil}
    content = export(client, viewer, demo_round_id, f"indicators/{CODE}", format="xlsx", year=2021)
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.coordinate
                    assert cell.data_type != "f"


def test_bad_export_requests_are_refused_clearly(client: TestClient, demo_round_id: int) -> None:
    viewer = bearer(client, VIEWER)
    base = f"/api/v1/rounds/{demo_round_id}/exports"
    bad = client.get(f"{base}/round", headers=viewer, params={"format": "pdf"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["query", "format"]
    year = client.get(f"{base}/indicators/{CODE}", headers=viewer, params={"year": 1850})
    assert year.status_code == 422
    not_a_year = client.get(f"{base}/indicators/{CODE}", headers=viewer, params={"year": 2019})
    assert not_a_year.status_code == 422
    unknown = client.get(f"{base}/indicators/XYZ-99", headers=viewer)
    assert unknown.status_code == 404
    assert client.get(f"{base}/round").status_code == 401
