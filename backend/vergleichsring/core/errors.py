"""Domain errors and their one mapping to HTTP answers."""

from __future__ import annotations

from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ErrorItem(BaseModel):
    loc: list[str | int] = []
    msg: str
    type: str = "error"


class ErrorBody(BaseModel):
    error: str
    detail: str
    errors: list[ErrorItem] = []


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


def install_error_handlers(app: FastAPI) -> None:
    async def domain_error(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        body = ErrorBody(error=exc.code, detail=exc.detail, errors=exc.errors)
        return JSONResponse(body.model_dump(), status_code=exc.status_code, headers=exc.headers)

    async def request_validation(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        items = [
            ErrorItem(loc=list(e.get("loc", ())), msg=str(e.get("msg", "")), type=str(e["type"]))
            for e in exc.errors()
        ]
        body = ErrorBody(
            error="validation_failed", detail="The request is not valid.", errors=items
        )
        return JSONResponse(body.model_dump(), status_code=422)

    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(RequestValidationError, request_validation)
