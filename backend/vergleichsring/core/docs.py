"""API documentation pages (Swagger UI at /docs, ReDoc at /redoc) from files in the Python
environment, never from a CDN: an administration's network usually blocks those.

The JavaScript and CSS come from the ``fastapi-offline`` package (its ``static/`` folder, pinned
in requirements.txt like every dependency); the pages are our own, with no inline script, so
they work under the strict Content-Security-Policy of ``core.http``.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"


def assets_dir() -> Path:
    return Path(str(files("fastapi_offline") / "static"))


def _page(title: str, head: str, body: str) -> str:
    return (
        "<!doctype html>\n<html lang='de'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title>"
        f"<link rel='icon' type='image/png' href='{ASSETS_URL}/favicon.png'>{head}</head>"
        f"<body>{body}</body></html>"
    )


def install_docs(app: FastAPI, *, openapi_url: str) -> None:
    app.mount(ASSETS_URL, StaticFiles(directory=assets_dir()), name="docs-assets")
    title = f"{app.title} – Dokumentation"
    swagger_html = _page(
        title,
        f"<link rel='stylesheet' href='{ASSETS_URL}/swagger-ui.css'>",
        "<div id='swagger-ui'></div>"
        f"<script src='{ASSETS_URL}/swagger-ui-bundle.js'></script>"
        "<script src='/docs/init.js'></script>",
    )
    swagger_init = (
        "window.ui = SwaggerUIBundle({"
        f"url: {openapi_url!r}, dom_id: '#swagger-ui', deepLinking: true, "
        "persistAuthorization: false, "
        "presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset], "
        "layout: 'BaseLayout'});\n"
    )
    redoc_html = _page(
        title,
        "",
        f"<redoc spec-url='{openapi_url}'></redoc>"
        f"<script src='{ASSETS_URL}/redoc.standalone.js'></script>",
    )

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return HTMLResponse(swagger_html)

    @app.get("/docs/init.js", include_in_schema=False)
    def swagger_ui_init() -> Response:
        return Response(swagger_init, media_type="text/javascript")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(redoc_html)
