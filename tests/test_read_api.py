"""The public read API over the seeded database."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_health(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["synthetic_demo_data"] is True
    assert body["database"] in {"sqlite", "postgresql"}


def test_municipalities_keep_the_ags_as_text(client: TestClient) -> None:
    rows = client.get("/api/v1/municipalities").json()
    assert len(rows) == 81
    hamburg = next(r for r in rows if r["name"] == "Hamburg")
    assert hamburg["ags"] == "02000000"
    assert hamburg["size_class"] == "GK1"
    years = {p["year"]: p for p in hamburg["population"]}
    assert years[2019]["value"] == 1847253
    assert years[2021]["value"] == 1853935
    assert years[2020]["status"] == "estimated"
    assert years[2021]["status"] == "ok"
    one = client.get("/api/v1/municipalities/02000000").json()
    assert one["ags"] == "02000000"


def test_unknown_municipality_is_404_with_error_body(client: TestClient) -> None:
    response = client.get("/api/v1/municipalities/99999999")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    bad = client.get("/api/v1/municipalities/2000000")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"][-1] == "ags"


def test_catalog(client: TestClient) -> None:
    fields = client.get("/api/v1/catalog/fields").json()
    key_fields = [f for f in fields if not f["context"]]
    assert len(key_fields) == 10
    indicators = client.get("/api/v1/catalog/indicators").json()
    key = [i for i in indicators if not i["context"]]
    context = [i for i in indicators if i["context"]]
    assert len(key) >= 65
    assert len(context) == 14
    assert {i["field"] for i in key} == {f["code"] for f in key_fields}
    assert sum(f["indicator_count"] for f in key_fields) == len(key)
    gap = next(i for i in indicators if i["code"] == "ARB-05")
    assert gap["is_gap"]
    assert sorted(gap["gap_groups"]) == ["AUS", "DEU"]
    assert {f["group"] for f in gap["formulas"]} == {"A", "B"}
    ratio = next(i for i in indicators if i["code"] == "DEM-01")
    assert ratio["formula"] == "(G-BEV-AUS) / (G-BEV-GES) × 100"
    only_context = client.get("/api/v1/catalog/indicators", params={"context": True}).json()
    assert len(only_context) == 14
    figures = client.get("/api/v1/catalog/base-figures").json()
    codes = {b["code"] for b in figures}
    assert {"G-BEV-GES", "G-BEV-AUS"} <= codes
    for ind in indicators:
        for f in ind["formulas"]:
            for token in f["numerator"].replace("(", " ").replace(")", " ").split():
                if token.startswith("G-"):
                    assert token in codes, (ind["code"], token)


def test_unknown_catalog_version_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/catalog/fields", params={"version": "9.9"})
    assert response.status_code == 404
    assert "9.9" in response.json()["detail"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/catalog/indicators" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_spa_fallback_does_not_swallow_api_404(client: TestClient) -> None:
    assert client.get("/api/v1/does-not-exist").status_code == 404
    page = client.get("/some/client/route")
    assert page.status_code == 200
    assert "<html" in page.text.lower()


def test_catalog_names_the_official_source_of_a_key_figure(client: TestClient) -> None:
    indicators = {i["code"]: i for i in client.get("/api/v1/catalog/indicators").json()}
    assert "12521" in indicators["DEM-01"]["published_source"]
    assert "Bundesagentur für Arbeit" in indicators["ARB-04"]["published_source"]
    assert "22221" in indicators["SOZ-05"]["published_source"]
    assert indicators["DEM-02"]["published_source"] is None
