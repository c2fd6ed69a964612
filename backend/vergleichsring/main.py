"""The application: routers under /api/v1, error handlers, and the single-page frontend."""

from __future__ import annotations

import logging
from importlib.metadata import version
from typing import Literal

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from sqlalchemy import text

from vergleichsring.auth.mail import mail_sender_for
from vergleichsring.auth.router import router as auth_router
from vergleichsring.catalog.router import router as catalog_router
from vergleichsring.comparison.router import router as comparison_router
from vergleichsring.comparison.service import ComparisonCache
from vergleichsring.core.config import Settings, get_settings
from vergleichsring.core.database import SessionDep, make_engine, make_sessionmaker
from vergleichsring.core.docs import install_docs
from vergleichsring.core.errors import install_error_handlers
from vergleichsring.core.http import EdgeMiddleware
from vergleichsring.core.openapi import install_openapi
from vergleichsring.core.validation import integer_ranges
from vergleichsring.municipalities.router import router as municipalities_router
from vergleichsring.reports.router import router as reports_router  # issue 13
from vergleichsring.rounds.repository import any_synthetic_round
from vergleichsring.rounds.router import router as rounds_router
from vergleichsring.submissions.router import router as submissions_router
from vergleichsring.submissions.tasks_router import router as tasks_router

API_PREFIX = "/api/v1"


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str
    synthetic_demo_data: bool


health_router = APIRouter(tags=["system"])


@health_router.get("/health", response_model=Health, operation_id="health")
def health(session: SessionDep) -> Health:
    """Liveness and readiness: the database answers."""
    session.execute(text("SELECT 1"))
    bind = session.get_bind()
    return Health(
        status="ok",
        version=version("vergleichsring"),
        database=bind.dialect.name,
        synthetic_demo_data=any_synthetic_round(session),
    )


def _operation_id(route: APIRoute) -> str:
    return route.name


def _configure_logging(settings: Settings) -> None:
    """The application's log goes to stderr next to uvicorn's, unless the host configured it."""
    log = logging.getLogger("vergleichsring")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
    log.setLevel(settings.log_level)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    _configure_logging(settings)
    app = FastAPI(
        title="Vergleichsring API",
        version=version("vergleichsring"),
        summary="Inter-municipal comparison ring on integration monitoring",
        generate_unique_id_function=_operation_id,
        openapi_url=f"{API_PREFIX}/openapi.json" if settings.docs else None,
        docs_url=None,
        redoc_url=None,
        dependencies=[Depends(integer_ranges)],
    )
    engine = make_engine(settings.database_url, echo=settings.sql_echo)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.mail_sender = mail_sender_for(settings)
    app.state.comparison_cache = ComparisonCache()
    install_error_handlers(app)
    install_openapi(app)

    api = APIRouter(prefix=API_PREFIX)
    api.include_router(health_router)
    api.include_router(municipalities_router)
    api.include_router(catalog_router)
    api.include_router(auth_router)
    api.include_router(rounds_router)
    api.include_router(submissions_router)
    api.include_router(tasks_router)
    api.include_router(comparison_router)
    api.include_router(reports_router)  # issue 13: reports and exports
    app.include_router(api)
    if settings.docs:
        install_docs(app, openapi_url=f"{API_PREFIX}/openapi.json")
    _mount_frontend(app, settings)
    # Outermost: request id, security headers, body limits, a JSON 500 for the unexpected.
    app.add_middleware(EdgeMiddleware, settings=settings)
    return app


def _mount_frontend(app: FastAPI, settings: Settings) -> None:
    dist = settings.frontend_dist
    index = dist / "index.html"
    if (dist / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=dist / "assets"), name="assets")

    @app.get("/{path:path}", include_in_schema=False, response_model=None)
    def spa(path: str) -> FileResponse | HTMLResponse:
        if path.startswith(("api/", "docs", "redoc")):
            raise HTTPException(status_code=404)
        candidate = (dist / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(dist.resolve()):
            return FileResponse(candidate)
        if index.is_file():
            return FileResponse(index)
        return HTMLResponse(
            "<!doctype html><html lang='de'><title>Vergleichsring</title>"
            "<p>Das Frontend ist noch nicht gebaut: <code>make frontend</code>. "
            "Die API-Dokumentation steht unter <a href='/docs'>/docs</a>.</p></html>"
        )
