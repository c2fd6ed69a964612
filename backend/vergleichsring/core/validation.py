"""Input types with bounds, shared by every module's schemas.

- ``Name``: text that names something (a person, a group, a round): no control characters, no
  bidirectional overrides or other invisible format characters (they make a name read differently
  from what it is), no line breaks; trimmed, NFC-normalised, at most 200 characters.
- ``DbInt`` / ``DbId``: integers the database can store (64-bit); ``integer_ranges``, an
  app-wide dependency, holds every integer path and query parameter of every route to these
  bounds, so an integer beyond 2^63 − 1 answers 422 instead of an overflow deep in the driver.
- Digits are ASCII digits: patterns use ``[0-9]``, never ``\\d`` (which matches every script's
  digits).
"""

from __future__ import annotations

import re
import types
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, Union, get_args, get_origin

from fastapi import Request, params
from fastapi.dependencies.utils import get_flat_params
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, Field

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
_INTEGER = re.compile(r"[+-]?[0-9][0-9_]*")
NAME_MAX = 200
# Unicode categories refused in names: controls, format characters (bidi overrides and
# isolates, zero-width characters), surrogates, private use, unassigned; line/paragraph separators.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def plain_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    for position, char in enumerate(value):
        if unicodedata.category(char) in REFUSED_CATEGORIES:
            raise ValueError(
                f"character U+{ord(char):04X} at position {position} is not allowed in a name "
                "(control, format or bidirectional character)"
            )
    return value


Name = Annotated[
    str,
    AfterValidator(plain_text),
    Field(max_length=NAME_MAX),
]
DbInt = Annotated[int, Field(ge=INT64_MIN, le=INT64_MAX)]
DbId = Annotated[int, Field(ge=1, le=INT64_MAX)]


def _is_int(annotation: Any) -> bool:
    if annotation is int:
        return True
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return len(args) == 1 and args[0] is int
    return False


def integer_ranges(request: Request) -> None:
    """An app-wide dependency: every integer path or query parameter of the route reached must
    fit the database's 64-bit range, else 422 naming it, before any code of the route runs.

    The route's own declaration says which parameters are integers; tighter bounds a route
    states itself are checked by FastAPI as usual. ``core.openapi`` declares the same bounds in
    the document."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    errors: list[dict[str, Any]] = []
    values: Mapping[str, Any]
    for field in get_flat_params(dependant):
        if isinstance(field.field_info, params.Path):
            location, values = "path", request.path_params
        elif isinstance(field.field_info, params.Query):
            location, values = "query", request.query_params
        else:
            continue
        if _is_int(field.field_info.annotation):
            raw = values.get(field.alias)
            if not isinstance(raw, str) or not _INTEGER.fullmatch(raw.strip()):
                continue  # absent, or not a number: FastAPI's own validation answers
            if not INT64_MIN <= int(raw.strip()) <= INT64_MAX:
                errors.append(
                    {
                        "loc": (location, field.alias),
                        "msg": f"must lie between {INT64_MIN} and {INT64_MAX}",
                        "type": "out_of_range",
                        "input": raw,
                    }
                )
    if errors:
        raise RequestValidationError(errors)
