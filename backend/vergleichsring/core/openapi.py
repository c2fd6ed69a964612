"""The OpenAPI document states the answers the server really gives.

FastAPI declares its own ``HTTPValidationError`` for 422 while our handler answers
``ErrorBody``; it knows nothing of 413 (body limit), 500 (the edge middleware) or the 401 of a
route that needs a sign-in. ``install_openapi`` rewrites the generated document once, for every
route including those added later: every error status an operation can return is declared with
the one error shape, and FastAPI's validation schemas are gone.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from vergleichsring.core.errors import ErrorBody
from vergleichsring.core.validation import INT64_MAX, INT64_MIN

ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
DESCRIPTIONS = {
    400: "The body cannot be parsed (not JSON, not UTF-8, a broken form)",
    401: "Not signed in, or the session or token is no longer valid",
    403: "The role does not allow this (or the CSRF header is missing)",
    404: "Not found (or not visible to the caller)",
    409: "Conflict with the current state",
    413: "Request body over its limit",
    422: "The request is not valid; `errors[].loc` names the field",
    429: "Too many attempts; see Retry-After",
    500: "Unexpected error; the answer carries the request id that the log names",
}
_UNSAFE = frozenset({"post", "put", "patch", "delete"})
_FASTAPI_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _error_response(status: int, description: str | None = None) -> dict[str, Any]:
    return {
        "description": description or DESCRIPTIONS.get(status, "Error"),
        "content": {"application/json": {"schema": ERROR_REF}},
    }


def _bound_integer(schema: dict[str, Any]) -> None:
    """Integer parameters are held to the 64-bit range (``core.validation.integer_ranges``)."""
    for candidate in [schema, *schema.get("anyOf", [])]:
        if candidate.get("type") == "integer":
            if "minimum" not in candidate and "exclusiveMinimum" not in candidate:
                candidate["minimum"] = INT64_MIN
            if "maximum" not in candidate and "exclusiveMaximum" not in candidate:
                candidate["maximum"] = INT64_MAX


def harden_document(document: dict[str, Any]) -> dict[str, Any]:
    """Declare the one error shape for every error status each operation can return."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in _FASTAPI_SCHEMAS:
        schemas.pop(name, None)
    for name, schema in (
        ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
        .get("$defs", {})
        .items()
    ):
        schemas[name] = schema
    body_schema = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    body_schema.pop("$defs", None)
    schemas["ErrorBody"] = body_schema

    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in {"get", "put", "post", "delete", "patch", "head", "options"}:
                continue
            responses: dict[str, Any] = operation.setdefault("responses", {})
            statuses = {500}
            parameters = operation.get("parameters", [])
            for parameter in parameters:
                _bound_integer(parameter.get("schema", {}))
            if parameters or "requestBody" in operation:
                statuses.add(422)
            if "requestBody" in operation:
                statuses.add(400)  # a body that cannot be parsed at all
            if "requestBody" in operation or method in _UNSAFE:
                statuses.add(413)
            if any(p.get("in") == "path" for p in parameters):
                statuses.add(404)
            security = operation.get("security")
            if security:
                statuses.add(401)
                if method in _UNSAFE:
                    statuses.add(403)  # the CSRF check of cookie sessions
            for code in statuses:
                responses.setdefault(str(code), _error_response(code))
            for key, response in responses.items():
                if key.isdigit() and int(key) >= 400:
                    description = str(response.get("description") or "")
                    if description in ("", "Validation Error") or description.isidentifier():
                        description = DESCRIPTIONS.get(int(key), description)
                    responses[key] = _error_response(int(key), description)
    return document


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                summary=app.summary,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = harden_document(document)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
