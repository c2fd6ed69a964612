"""The HTTP edge: one error shape for every status, body limits, bounded inputs, security
headers, documentation from package files, the OpenAPI contract, links and serving."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI, UploadFile
from fastapi.testclient import TestClient
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from tests.conftest import bearer
from vergleichsring import cli
from vergleichsring.auth.mail import RecordingMailSender
from vergleichsring.auth.models import AuthSession
from vergleichsring.core.config import Settings, get_settings
from vergleichsring.core.errors import install_error_handlers
from vergleichsring.core.http import EdgeMiddleware, body_limit
from vergleichsring.core.models import utcnow
from vergleichsring.main import create_app
from vergleichsring.municipalities.models import Municipality
from vergleichsring.submissions.models import Submission, SubmissionStatus

MODERATOR = "moderation@example.org"
ERROR_KEYS = {"error", "detail", "errors"}


def _is_error_shape(body: dict[str, Any]) -> bool:
    return set(body) >= ERROR_KEYS and isinstance(body["errors"], list)


# --- one error shape ---------------------------------------------------------------------------


def test_unknown_route_and_wrong_method_answer_the_error_shape(client: TestClient) -> None:
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json()["error"] == "not_found"
    assert _is_error_shape(missing.json())
    wrong = client.delete("/api/v1/health")
    assert wrong.status_code == 405
    assert wrong.json()["error"] == "method_not_allowed"
    assert wrong.headers["allow"] == "GET"


def test_unexpected_error_is_a_json_500_with_a_logged_request_id(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    def boom() -> dict[str, str]:
        raise RuntimeError("secret internals: /etc/passwd")

    app: FastAPI = client.app  # type: ignore[assignment]
    app.router.add_api_route("/api/v1/test-boom", boom)
    app.router.routes.insert(0, app.router.routes.pop())  # before the SPA's catch-all
    answer = client.get("/api/v1/test-boom")
    assert answer.status_code == 500
    body = answer.json()
    assert _is_error_shape(body)
    assert body["error"] == "internal_error"
    assert body["request_id"] == answer.headers["x-request-id"]
    assert "secret internals" not in answer.text
    assert "Traceback" not in answer.text
    logged = [r for r in caplog.records if body["request_id"] in r.getMessage()]
    assert logged
    assert logged[0].exc_info is not None


def test_path_integer_beyond_64_bits_is_422(client: TestClient) -> None:
    headers = bearer(client, MODERATOR)
    for path in (
        "/api/v1/rounds/99999999999999999999",
        "/api/v1/rounds/-99999999999999999999/comparison/peer-groups",
    ):
        answer = client.get(path, headers=headers)
        assert answer.status_code == 422, (path, answer.text)
        assert answer.json()["errors"][0]["loc"] == ["path", "round_id"]
    body = client.post(
        "/api/v1/users/1/memberships",
        headers=bearer(client, "admin@example.org"),
        json={"role": "moderator", "ring_id": 2**64},
    )
    assert body.status_code == 422
    assert body.json()["errors"][0]["loc"] == ["body", "ring_id"]


# --- body limits -------------------------------------------------------------------------------


def test_a_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b"{" + b" " * 1_100_000 + b"}"
    declared = client.post(
        "/api/v1/auth/login", content=big, headers={"content-type": "application/json"}
    )
    assert declared.status_code == 413
    assert declared.json()["error"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 100_000

    streamed = client.post(
        "/api/v1/auth/login", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
    assert _is_error_shape(streamed.json())


def _upload_app(settings: Settings) -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/upload")
    def upload(file: UploadFile) -> dict[str, int]:
        return {"size": file.size or 0}

    @app.post("/small")
    @body_limit(2_000)
    def small(payload: dict[str, str]) -> dict[str, int]:
        return {"keys": len(payload)}

    @app.post("/plain")
    def plain(payload: dict[str, str]) -> dict[str, int]:
        return {"keys": len(payload)}

    app.add_middleware(EdgeMiddleware, settings=settings)
    return app


def test_routes_that_take_a_file_get_the_upload_limit_and_routes_may_set_their_own() -> None:
    client = TestClient(_upload_app(Settings(database_url="sqlite://")))
    five_mb = client.post("/upload", files={"file": ("a.xlsx", b"x" * 5_000_000)})
    assert five_mb.status_code == 200, five_mb.text
    assert five_mb.json() == {"size": 5_000_000}
    eleven_mb = client.post("/upload", files={"file": ("a.xlsx", b"x" * 11_000_000)})
    assert eleven_mb.status_code == 413
    plain = client.post("/plain", json={"a": "x" * 1_200_000})
    assert plain.status_code == 413
    assert client.post("/small", json={"a": "x" * 1_000}).status_code == 200
    assert client.post("/small", json={"a": "x" * 3_000}).status_code == 413


# --- bounded inputs ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Gruppe\u202enetsO", "Gruppe\x00A", "Zeile\neins", "A\u2066b"])
def test_names_refuse_control_and_bidi_characters(
    client: TestClient, demo_round_id: int, name: str
) -> None:
    answer = client.post(
        f"/api/v1/rounds/{demo_round_id}/comparison/peer-groups",
        headers=bearer(client, MODERATOR),
        json={"code": "test-gruppe", "name": name, "members": ["05315000", "02000000"]},
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["loc"] == ["body", "name"]


def test_peer_group_members_are_bounded_and_checked_in_linear_time(
    client: TestClient, demo_round_id: int
) -> None:
    url = f"/api/v1/rounds/{demo_round_id}/comparison/peer-groups"
    headers = bearer(client, MODERATOR)
    many = [f"{i:08d}" for i in range(40_000)]
    too_many = client.post(url, headers=headers, json={"code": "x1", "name": "XX", "members": many})
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["loc"] == ["body", "members"]
    outsiders = client.post(
        url, headers=headers, json={"code": "x2", "name": "XX", "members": many[:2000]}
    )
    assert outsiders.status_code == 422
    errors = outsiders.json()["errors"]
    assert errors[0]["loc"] == ["body", "members", 0]
    assert len(errors) == 100  # named, but not all two thousand


def test_digits_are_ascii_digits(client: TestClient, demo_round_id: int) -> None:
    arabic_indic = "\u0660\u0665\u0663\u0661\u0665\u0660\u0660\u0660"  # 05315000
    headers = bearer(client, MODERATOR)
    assert client.get(f"/api/v1/municipalities/{arabic_indic}").status_code == 422
    answer = client.post(
        f"/api/v1/rounds/{demo_round_id}/invitations",
        headers=headers,
        json={"email": "neu@example.org", "ags": arabic_indic},
    )
    assert answer.status_code == 422
    assert client.get(f"/api/v1/rounds/\u0661{demo_round_id}", headers=headers).status_code == 422


# --- security headers, documentation -----------------------------------------------------------


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/api/v1/health", "/api/v1/no-such-thing", "/docs", "/redoc"):
        answer = client.get(path)
        csp = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert "unsafe-eval" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert answer.headers["x-frame-options"] == "DENY"
        assert "strict-transport-security" not in answer.headers
    assert "unsafe-inline" not in client.get("/").headers["content-security-policy"]


def test_hsts_when_the_public_address_is_https(
    settings: Settings, session_factory: sessionmaker[Session]
) -> None:
    app = create_app(settings.model_copy(update={"public_url": "https://vr.example"}))
    app.state.sessionmaker = session_factory
    with TestClient(app) as https_client:
        hsts = https_client.get("/api/v1/health").headers["strict-transport-security"]
    app.state.engine.dispose()
    assert hsts.startswith("max-age=")


def test_docs_come_from_package_files_not_a_cdn(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        assert "http://" not in html
        assert "https://" not in html
        assert "<script>" not in html  # no inline script: the strict CSP holds
    assets = ["/docs/assets/swagger-ui-bundle.js", "/docs/assets/swagger-ui.css"]
    assets += ["/docs/assets/redoc.standalone.js", "/docs/init.js"]
    for asset in assets:
        answer = client.get(asset)
        assert answer.status_code == 200, asset
        assert len(answer.content) > 100


def test_docs_can_be_switched_off(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"docs": False}))
    with TestClient(app) as off:
        for path in ("/docs", "/redoc", "/api/v1/openapi.json", "/docs/assets/swagger-ui.css"):
            assert off.get(path).status_code == 404, path
    app.state.engine.dispose()


# --- the OpenAPI contract ----------------------------------------------------------------------


def test_openapi_declares_the_one_error_shape_for_every_error_status(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json").json()
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert "ValidationError" not in document["components"]["schemas"]
    error_ref = {"$ref": "#/components/schemas/ErrorBody"}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert "500" in responses, (path, method)
            if operation.get("security"):
                assert "401" in responses, (path, method)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in responses, (path, method)
            for status, response in responses.items():
                if int(status) >= 400:
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == error_ref, (path, method, status)


# --- links and serving -------------------------------------------------------------------------


def test_public_url_defaults_to_the_served_address() -> None:
    assert Settings(port=8123).public_base_url == "http://127.0.0.1:8123"
    assert Settings(host="0.0.0.0", port=9000).public_base_url == "http://localhost:9000"  # noqa: S104
    explicit = Settings(port=8123, public_url="https://vr.example/")
    assert explicit.public_base_url == "https://vr.example"
    assert explicit.secure_cookies


def test_serve_passes_workers_and_the_bound_address(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    monkeypatch.delenv("VR_PUBLIC_URL", raising=False)
    result = CliRunner().invoke(cli.app, ["serve", "--port", "8456", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert seen["workers"] == 3
    assert seen["port"] == 8456
    assert seen["timeout_graceful_shutdown"] > 0
    assert "http://127.0.0.1:8456" in result.output
    get_settings.cache_clear()


def test_the_comparison_cache_of_each_process_follows_the_database(
    settings: Settings, session_factory: sessionmaker[Session], session: Session, demo_round_id: int
) -> None:
    """Two app instances (as two worker processes: each its own cache) on one database: an
    approval through the database is seen by both at their next request."""
    apps = [create_app(settings) for _ in range(2)]
    clients = []
    for app in apps:
        app.state.sessionmaker = session_factory
        clients.append(TestClient(app))
    url = f"/api/v1/rounds/{demo_round_id}/comparison/indicators/DEM-01?year=2021"
    headers = bearer(clients[0], MODERATOR)

    def münster(c: TestClient) -> dict[str, Any]:
        rows = c.get(url, headers=headers).json()["rows"]
        found: dict[str, Any] = next(r for r in rows if r["ags"] == "05515000")
        return found

    assert all(münster(c)["value"] is None for c in clients)  # submitted, not approved
    city = session.scalars(select(Municipality.id).where(Municipality.ags == "05515000")).one()
    session.execute(
        update(Submission)
        .where(Submission.municipality_id == city, Submission.round_id == demo_round_id)
        .values(status=SubmissionStatus.approved, approved_at=utcnow())
    )
    session.flush()
    assert all(münster(c)["value"] is not None for c in clients)
    for app in apps:
        app.state.engine.dispose()


def test_invitation_links_follow_the_served_port(
    settings: Settings,
    session_factory: sessionmaker[Session],
    mailbox: RecordingMailSender,
    demo_round_id: int,
) -> None:
    app = create_app(settings.model_copy(update={"port": 8123, "public_url": None}))
    app.state.sessionmaker = session_factory
    app.state.mail_sender = mailbox
    with TestClient(app) as served:
        invited = served.post(
            f"/api/v1/rounds/{demo_round_id}/invitations",
            headers=bearer(served, MODERATOR),
            json={"email": "port@example.org", "ags": "05315000"},
        )
    app.state.engine.dispose()
    assert invited.status_code == 201, invited.text
    assert "http://127.0.0.1:8123/passwort-setzen#token=" in mailbox.sent[-1][2]


def test_a_get_never_writes_in_its_transaction(client: TestClient, session: Session) -> None:
    """The last-seen time of a session is written apart, in a short transaction of its own."""
    headers = bearer(client, MODERATOR)
    session.execute(update(AuthSession).values(last_seen_at=utcnow() - timedelta(minutes=5)))
    session.flush()
    writes: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            writes.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
        assert client.get("/api/v1/auth/me", headers=headers).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len(writes) == 1  # the touch, once, and nothing else
    assert "auth_session" in writes[0]
