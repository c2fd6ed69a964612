"""Domain errors and their one mapping to HTTP answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException


class ErrorItem(BaseModel):
    loc: list[str | int] = []
    msg: str
    type: str = "error"


class ErrorBody(BaseModel):
    """The one shape of every error answer, whatever its status."""

    error: str
    detail: str
    errors: list[ErrorItem] = []
    request_id: str | None = Field(
        default=None, description="500 only: the id under which the log records the error"
    )


class DomainError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(
        self,
        detail: str,
        *,
        errors: list[ErrorItem] | None = None,
        headers: dict[str, str] | None = None,
        keep_changes: bool = False,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers
        # True when what the request recorded must persist although it fails (e.g. a failed
        # sign-in counts towards the lockout and is audited). Otherwise the request rolls back.
        self.keep_changes = keep_changes


class NotFound(DomainError):
    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    status_code = 409
    code = "conflict"


class PermissionDenied(DomainError):
    status_code = 403
    code = "permission_denied"


class NotAuthenticated(DomainError):
    status_code = 401
    code = "not_authenticated"


class InvalidState(DomainError):
    status_code = 409
    code = "invalid_state"


class ValidationFailed(DomainError):
    status_code = 422
    code = "validation_failed"


class TooManyRequests(DomainError):
    status_code = 429
    code = "too_many_requests"


def error_responses(*errors: type[DomainError]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entry for the domain errors an endpoint may raise."""
    return {err.status_code: {"model": ErrorBody, "description": err.__name__} for err in errors}


HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "too_many_requests",
    500: "internal_error",
}
HTTP_DETAILS = {
    404: "Diese Adresse gibt es nicht.",
    405: "Diese Methode ist für diese Adresse nicht erlaubt.",
}


def error_response(
    request: Request,
    status_code: int,
    *,
    code: str,
    detail: str,
    errors: list[ErrorItem] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    # The request id travels in the X-Request-ID header of every answer; the body names it
    # only for 500, where the person reporting the error needs it.
    body = ErrorBody(error=code, detail=detail, errors=errors or [])
    return JSONResponse(
        body.model_dump(mode="json", exclude_none=True),
        status_code=status_code,
        headers=dict(headers or {}),
    )


def install_error_handlers(app: FastAPI) -> None:
    async def domain_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return error_response(
            request,
            exc.status_code,
            code=exc.code,
            detail=exc.detail,
            errors=exc.errors,
            headers=exc.headers,
        )

    async def request_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        items = [
            ErrorItem(
                loc=[p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
                msg=str(e.get("msg", "")),
                type=str(e.get("type", "error")),
            )
            for e in exc.errors()
        ]
        named = ", ".join(".".join(str(p) for p in item.loc) for item in items[:5])
        return error_response(
            request,
            422,
            code="validation_failed",
            detail=f"The request is not valid: {named}." if named else "The request is not valid.",
            errors=items,
        )

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        status_code = exc.status_code
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if status_code in HTTP_DETAILS and detail in ("Not Found", "Method Not Allowed"):
            detail = HTTP_DETAILS[status_code]
        return error_response(
            request,
            status_code,
            code=HTTP_CODES.get(status_code, "http_error"),
            detail=detail,
            headers=exc.headers,
        )

    async def out_of_range(request: Request, exc: Exception) -> JSONResponse:
        # The last net for a number or text the database cannot store (an integer beyond 64
        # bits, a string beyond its column); routes bound their inputs before this is reached.
        return error_response(
            request,
            422,
            code="validation_failed",
            detail="Ein Wert liegt außerhalb dessen, was gespeichert werden kann.",
            errors=[ErrorItem(loc=["body"], msg="value out of range", type="out_of_range")],
        )

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(OverflowError, out_of_range)
    app.add_exception_handler(DataError, out_of_range)
    app.add_exception_handler(RequestValidationError, request_validation)
    app.add_exception_handler(StarletteHTTPException, http_error)
