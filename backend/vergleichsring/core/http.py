"""The HTTP edge: request ids, the one error shape for errors no handler saw, body limits, and
security headers. Pure ASGI middleware, so it applies to every route, present and future, without
the route's cooperation.

Order (outermost first): ``EdgeMiddleware`` (request id, security headers, JSON 500 for anything
unexpected, 413 for a body over its limit) → FastAPI's own middleware and exception handlers →
the routes. A body limit is read from the route the request will reach: the default
(``VR_MAX_BODY_BYTES``, 1 MB), the upload limit (``VR_MAX_UPLOAD_BYTES``, 10 MB) for every route
that takes a file, or what ``@body_limit(...)`` sets on an endpoint.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vergleichsring.core.cancel import Cancellation
from vergleichsring.core.config import Settings

logger = logging.getLogger("vergleichsring.http")

F = TypeVar("F", bound=Callable[..., Any])
BODY_LIMIT_ATTR = "__vr_body_limit__"
UPLOAD: Literal["upload"] = "upload"
REQUEST_ID_HEADER = "x-request-id"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

# Swagger UI and ReDoc build their pages with inline styles, and ReDoc starts a worker from a
# blob; their pages get exactly that much more, everything else the strict policy.
CSP_STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
CSP_DOCS = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


def body_limit(limit: int | Literal["upload"]) -> Callable[[F], F]:
    """Set the request body limit of one endpoint: a number of bytes, or ``UPLOAD`` for the
    configured upload limit. Routes that take a file get ``UPLOAD`` without this."""

    def mark(endpoint: F) -> F:
        setattr(endpoint, BODY_LIMIT_ATTR, limit)
        return endpoint

    return mark


def size_text(limit: int) -> str:
    """A size limit as people write it: 10 MB, 1 MB, 512 kB, 100 bytes (decimal units)."""
    for unit, factor in (("MB", 1_000_000), ("kB", 1_000)):
        if limit >= factor and limit % factor == 0:
            return f"{limit // factor} {unit}"
    return f"{limit} bytes"


def too_large_text(limit: int) -> str:
    return f"Der Anfrageinhalt ist größer als erlaubt (höchstens {size_text(limit)})."


class BodyTooLarge(HTTPException):
    """Raised while the body is read; an HTTP exception, so FastAPI's body parsing lets it pass
    to the error handler, which answers 413 in the one error shape."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_text(limit))
        self.limit = limit


def error_json(code: str, detail: str, **extra: object) -> bytes:
    body: dict[str, object] = {"error": code, "detail": detail, "errors": []}
    body.update(extra)
    return json.dumps(body, ensure_ascii=False).encode()


def _takes_file(route: object) -> bool:
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return False
    from fastapi import params  # local: only routes of FastAPI have dependants

    stack = [dependant]
    while stack:
        dep = stack.pop()
        if any(isinstance(f.field_info, params.File) for f in dep.body_params):
            return True
        stack.extend(dep.dependencies)
    return False


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, *, settings: Settings) -> None:
        self.app = app
        self.default_limit = settings.max_body_bytes
        self.upload_limit = settings.max_upload_bytes
        self.hsts = settings.public_base_url.startswith("https://")
        self._limits: dict[int, int] = {}

    # --- body limits ---------------------------------------------------------------------

    def limit_for(self, scope: Scope) -> int:
        """The limit of the route this request reached (the router has put it in the scope by
        the time the endpoint reads its body)."""
        route = scope.get("route")
        endpoint = scope.get("endpoint") or getattr(route, "endpoint", None)
        if endpoint is None:
            return self.default_limit
        key = id(endpoint)
        if key not in self._limits:
            marked = getattr(endpoint, BODY_LIMIT_ATTR, None)
            if marked == UPLOAD or (marked is None and _takes_file(route)):
                self._limits[key] = self.upload_limit
            elif isinstance(marked, int):
                self._limits[key] = marked
            else:
                self._limits[key] = self.default_limit
        return self._limits[key]

    # --- the middleware ------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = self._request_id(scope)
        cancellation = Cancellation()
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        state["cancellation"] = cancellation
        extra_headers = self._headers(scope["path"], request_id)
        started = False
        finished = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                finished = True  # answered: a disconnect from now on is the normal end
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in extra_headers if k not in present)
                message = {**message, "headers": headers}
            await send(message)

        async def answer(status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        *headers,
                    ],
                }
            )
            await send_with_headers({"type": "http.response.body", "body": body})

        declared = _content_length(scope)
        ceiling = max(self.default_limit, self.upload_limit)
        if declared is not None and declared > ceiling:
            # Over every limit: refused before routing and before a byte of the body is read.
            await answer(413, _too_large(ceiling, request_id), [(b"connection", b"close")])
            return
        seen = 0
        limit: int | None = None
        watcher: asyncio.Task[None] | None = None

        async def watch_for_disconnect() -> None:
            # Only once the body is read, so the app and this task never wait on it together.
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    if not finished:
                        logger.info("client went away, request id %s: stopping", request_id)
                        cancellation.cancel()
                    return

        def start_watching() -> None:
            nonlocal watcher
            if watcher is None:
                watcher = asyncio.ensure_future(watch_for_disconnect())

        async def counting_receive() -> Message:
            nonlocal seen, limit
            if limit is None:
                # First read of the body: the route is known now. A declared length over its
                # limit is refused before anything is read.
                limit = self.limit_for(scope)
                if declared is not None and declared > limit:
                    raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
                if not message.get("more_body", False):
                    start_watching()
            return message

        if declared in (None, 0) and not _chunked(scope):
            start_watching()  # no body to read: watch from the start
        try:
            await self.app(scope, counting_receive, send_with_headers)
        except asyncio.CancelledError:
            # The server ends requests still running after its graceful timeout: their
            # database work stops too, so the worker threads come free and the process can end.
            cancellation.cancel()
            raise
        except BodyTooLarge as exc:
            if not started:
                await answer(413, _too_large(exc.limit, request_id), [(b"connection", b"close")])
        except Exception:
            if cancellation.cancelled:
                logger.info("request id %s stopped: the client went away", request_id)
                return
            logger.exception(
                "unexpected error, request id %s: %s %s",
                request_id,
                scope["method"],
                scope["path"],
            )
            if not started:
                body = error_json(
                    "internal_error",
                    f"Ein unerwarteter Fehler ist aufgetreten. Bitte nennen Sie dem Betrieb die "
                    f"Kennung {request_id}.",
                    request_id=request_id,
                )
                await answer(500, body, [])
        finally:
            finished = True
            if watcher is not None:
                watcher.cancel()

    @staticmethod
    def _request_id(scope: Scope) -> str:
        for key, value in scope.get("headers", []):
            if key == b"x-request-id":
                candidate: str = value.decode("latin-1")
                if _SANE_REQUEST_ID.fullmatch(candidate):
                    return candidate
        return uuid.uuid4().hex

    def _headers(self, path: str, request_id: str) -> list[tuple[bytes, bytes]]:
        docs = path in DOCS_PATHS or path.startswith("/docs/")
        headers = [
            (b"x-request-id", request_id.encode()),
            (b"content-security-policy", (CSP_DOCS if docs else CSP_STRICT).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if path.startswith("/api/"):
            headers.append((b"cache-control", b"no-store"))
        if self.hsts:
            headers.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
        return headers


def _chunked(scope: Scope) -> bool:
    return any(
        key == b"transfer-encoding" and b"chunked" in value.lower()
        for key, value in scope.get("headers", [])
    )


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _too_large(limit: int, request_id: str) -> bytes:
    return error_json(
        "payload_too_large",
        too_large_text(limit),
        errors=[{"loc": ["body"], "msg": f"at most {size_text(limit)}", "type": "too_large"}],
        request_id=request_id,
    )
