"""Contract tests: schemathesis generates requests for every operation of the OpenAPI document —
whatever routes exist when the test runs — without credentials and with a moderator's, a
coordinator's and a viewer's token, and checks each answer: no 5xx, a status the operation
declares, the declared content type, a body that matches the declared schema.

Bounded: the examples are shared out over the operations (``VR_CONTRACT_EXAMPLES`` per role and
database, default 240), at least ``MIN_PER_OPERATION`` each, so the run stays at a few minutes
as routes are added. Half of the examples of an operation under a round use the demo round, so
the generated requests reach real data and not only 404.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import bearer

ROLES = {
    "anonymous": None,
    "moderator": "moderation@example.org",
    "coordinator": "koordination-05315000@example.org",
    "viewer": "lesen-02000000@example.org",
}
BUDGET = int(os.environ.get("VR_CONTRACT_EXAMPLES", "240"))
MIN_PER_OPERATION = 3
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Routes that end the caller's session: a fresh token after each call keeps the run signed in.
ENDS_SESSION = ("/api/v1/auth/logout",)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_operation_keeps_its_contract(
    client: TestClient, demo_round_id: int, role: str
) -> None:
    email = ROLES[role]
    headers: dict[str, str] = bearer(client, email) if email else {}
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", client.app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the document has an invalid operation: {result}"
        operations.append(result.ok())
    assert len(operations) > 20  # the whole API, not a stray subset
    per_operation = max(MIN_PER_OPERATION, BUDGET // len(operations))
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    for operation in operations:
        strategies = [
            operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
            operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
        ]
        if any(p.name == "round_id" for p in operation.path_parameters):
            strategies.append(
                operation.as_strategy(
                    generation_mode=GenerationMode.POSITIVE,
                    path_parameters={"round_id": demo_round_id},
                )
            )
        run = _runner(client, operation.path, headers, email, st.one_of(*strategies), statuses)
        try:
            settings(
                max_examples=per_operation,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )(run)()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label} ({role}): {exc}")
    assert not failures, "\n\n".join(failures)
    # The run reached the API behind the sign-in, not only its 401s and 422s.
    answered = sum(n for status, n in statuses.items() if 200 <= status < 300)
    assert answered >= (30 if email else 5), statuses


def _runner(
    client: TestClient,
    path: str,
    headers: dict[str, str],
    email: str | None,
    strategy: st.SearchStrategy[Any],
    statuses: Counter[int],
) -> Callable[[], None]:
    @given(case=strategy)
    def run(case: Any) -> None:
        sent = {**(case.headers or {}), **headers}
        response = case.call(headers=sent)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS, headers=sent)
        if email and any(path.endswith(p) for p in ENDS_SESSION):
            headers.update(bearer(client, email))

    return run
