"""Tenant isolation, proven by walking every route of the OpenAPI document.

Another city's raw base figures carry sentinel values. Every operation is called with that
city's identifiers by every role that does not own it; no answer may contain a sentinel.
Every operation that declares security answers 401 without credentials. New routes are
covered automatically because the walk reads the OpenAPI document.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import bearer
from vergleichsring.auth.models import User
from vergleichsring.catalog.models import BaseFigure, Indicator, IndicatorFormula, IndicatorKind
from vergleichsring.municipalities.models import Municipality
from vergleichsring.submissions.models import Submission, SubmissionValue

VICTIM = "02000000"  # Hamburg, a participant of the demo round
SENTINELS = {2020: 987654.321, 2021: 876543.219}
DIRECT_KINDS = (IndicatorKind.count_, IndicatorKind.delivered, IndicatorKind.flag)
# Callers that must never see Hamburg's raw figures: another city's coordinator and viewer,
# and the admin (operations, no ring role). Moderators of the ring may; they are checked apart.
OUTSIDERS = [
    "koordination-05315000@example.org",
    "lesen-05315000@example.org",
    "admin@example.org",
]
METHODS = ("get", "post", "put", "patch", "delete")


def operations(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = client.get("/api/v1/openapi.json").json()
    ops = [
        (method, path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if method in METHODS
    ]
    # Calls that end the caller's own session come last.
    return sorted(ops, key=lambda o: o[1].endswith("/logout"))


def example_value(schema: dict[str, Any], name: str, ctx: dict[str, Any]) -> Any:
    if "anyOf" in schema:
        schema = next((s for s in schema["anyOf"] if s.get("type") != "null"), schema["anyOf"][0])
    if "$ref" in schema:
        return {}
    if "enum" in schema:
        return schema["enum"][0]
    pattern = schema.get("pattern", "")
    if "\\d{8}" in pattern or name in ("ags", "municipality_ags"):
        return VICTIM
    if name in ctx:
        return ctx[name]
    kind = schema.get("type")
    if kind == "integer":
        return 1
    if kind == "number":
        return 1.0
    if kind == "boolean":
        return False
    if kind == "array":
        return []
    if schema.get("format") == "email" or name == "email":
        return "probe@example.org"
    return "probe"


def build_request(
    path: str, op: dict[str, Any], ctx: dict[str, Any], spec: dict[str, Any]
) -> tuple[str, dict[str, Any], Any]:
    url = path
    query: dict[str, Any] = {}
    for param in op.get("parameters", []):
        value = example_value(param.get("schema", {}), param["name"], ctx)
        if param["in"] == "path":
            url = url.replace("{" + param["name"] + "}", str(value))
        elif param["in"] == "query" and (param.get("required") or param["name"] in ctx):
            query[param["name"]] = value
    body = None
    content = op.get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        return url, query, {"__files__": True}
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        if "$ref" in schema:
            schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        body = {
            key: example_value(prop, key, ctx) for key, prop in schema.get("properties", {}).items()
        }
    assert not re.search(r"{\w+}", url), f"unfilled path parameter in {url}"
    return url, query, body


@pytest.fixture
def sentinel_context(session: Session, demo_round_id: int) -> dict[str, Any]:
    victim = session.scalars(select(Municipality).where(Municipality.ags == VICTIM)).one()
    # --- issue 13 (exports walk every key figure) -----------------------------------------
    # A key figure of kind count/delivered/flag publishes its one base figure as it is (e.g.
    # KON-01 = G-BEV-GES), and the comparison shows it to every participant. The whole-round
    # export is the first walked route that carries every key figure, so those base figures
    # keep their values here; every other base figure still carries the sentinel.
    published = set(
        session.scalars(
            select(BaseFigure.id).where(
                BaseFigure.code.in_(
                    select(IndicatorFormula.numerator)
                    .join(Indicator, Indicator.id == IndicatorFormula.indicator_id)
                    .where(Indicator.kind.in_(DIRECT_KINDS), IndicatorFormula.denominator.is_(None))
                )
            )
        )
    )
    # --- end issue 13 ----------------------------------------------------------------------
    for year, sentinel in SENTINELS.items():
        sub_id = session.scalars(
            select(Submission.id).where(
                Submission.municipality_id == victim.id, Submission.year == year
            )
        ).one()
        session.execute(
            update(SubmissionValue)
            .where(
                SubmissionValue.submission_id == sub_id,
                SubmissionValue.base_figure_id.not_in(published),
            )
            .values(value=sentinel)
        )
    session.flush()
    victim_user = session.scalars(
        select(User.id).where(User.email == f"koordination-{VICTIM}@example.org")
    ).one()
    return {
        "round_id": demo_round_id,
        "year": 2021,
        "user_id": victim_user,
        "membership_id": 1,
        "code": "DEM-01",
        "version": 1,
        # realistic bodies, so that writes reach the tenancy check instead of failing validation
        "values": [{"base_figure": "G-BEV-GES", "value": 1, "reason": "probe reason"}],
        "items": [{"ags": VICTIM, "year": 2021, "version": 1}],
        "reason": "probe reason",
    }


def victim_values(session: Session) -> list[tuple[Any, ...]]:
    session.expire_all()
    stmt = (
        select(SubmissionValue.id, SubmissionValue.value, SubmissionValue.version)
        .join(Submission, Submission.id == SubmissionValue.submission_id)
        .join(Municipality, Municipality.id == Submission.municipality_id)
        .where(Municipality.ags == VICTIM)
        .order_by(SubmissionValue.id)
    )
    return [tuple(r) for r in session.execute(stmt)]


def send(
    client: TestClient, method: str, url: str, query: dict[str, Any], body: Any, **kw: Any
) -> Any:
    if isinstance(body, dict) and body.get("__files__"):
        files = {"file": ("probe.xlsx", VICTIM_FILE[0], "application/octet-stream")}
        return client.request(method.upper(), url, params=query, files=files, **kw)
    return client.request(method.upper(), url, params=query, json=body, **kw)


VICTIM_FILE: list[bytes] = [b""]


@pytest.fixture
def victim_form(client: TestClient, sentinel_context: dict[str, Any]) -> bytes:
    """Hamburg's real form (with the sentinels): uploads must be stopped by tenancy, not parsing."""
    r = client.get(
        f"/api/v1/rounds/{sentinel_context['round_id']}/forms/{VICTIM}",
        headers=bearer(client, "moderation@example.org"),
    )
    assert r.status_code == 200
    VICTIM_FILE[0] = r.content
    return r.content


def leaked(text: str) -> list[str]:
    found = []
    for sentinel in SENTINELS.values():
        for shown in (repr(sentinel), f"{sentinel:.2f}", f"{sentinel:.1f}".replace(".", ",")):
            if shown in text:
                found.append(shown)
    return found


@pytest.mark.parametrize("email", OUTSIDERS)
def test_no_route_returns_or_changes_another_citys_raw_figures(
    client: TestClient,
    sentinel_context: dict[str, Any],
    email: str,
    session: Session,
    victim_form: bytes,
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    walked = 0
    before = victim_values(session)
    for method, path, op in operations(client):
        url, query, body = build_request(path, op, sentinel_context, spec)
        headers = bearer(client, email)
        client.cookies.clear()
        response = send(client, method, url, query, body, headers=headers)
        assert response.status_code < 500, (method, url, response.text)
        assert not leaked(response.text), (email, method, url, response.status_code)
        if VICTIM in url and method != "get":
            assert response.status_code in (403, 404), (email, method, url, response.text)
        walked += 1
    assert walked >= 30
    assert victim_values(session) == before  # nobody wrote Hamburg's values


def test_moderator_sees_the_figures_the_walk_protects(
    client: TestClient, sentinel_context: dict[str, Any]
) -> None:
    """The sentinel is really reachable for those allowed: the walk above is not vacuous."""
    headers = bearer(client, "moderation@example.org")
    round_id = sentinel_context["round_id"]
    response = client.get(f"/api/v1/rounds/{round_id}/submissions/{VICTIM}/2021", headers=headers)
    assert leaked(response.text)


def test_every_secured_route_answers_401_without_credentials(
    client: TestClient, sentinel_context: dict[str, Any]
) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    secured = 0
    public = []
    for method, path, op in operations(client):
        url, query, body = build_request(path, op, sentinel_context, spec)
        client.cookies.clear()
        response = send(client, method, url, query, body)
        if op.get("security"):
            secured += 1
            assert response.status_code == 401, (method, url, response.status_code)
        else:
            public.append(path)
            assert not leaked(response.text)
    assert secured >= 10
    # Only master data, health and the sign-in steps are public.
    allowed_public = re.compile(
        r"^/api/v1/(health|municipalities.*|catalog/.*|auth/(login|token|password|sso|oidc/.*))$"
    )
    assert all(allowed_public.match(p) for p in public), public
