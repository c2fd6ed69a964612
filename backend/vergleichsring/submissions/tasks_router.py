"""`GET /api/v1/tasks`: the signed-in user's open tasks for the start page."""

from __future__ import annotations

from fastapi import APIRouter

from vergleichsring.auth.deps import CurrentPrincipal
from vergleichsring.core.database import SessionDep
from vergleichsring.core.errors import NotAuthenticated, error_responses
from vergleichsring.submissions import tasks
from vergleichsring.submissions.tasks import TasksRead

router = APIRouter(prefix="/tasks", tags=["submissions"])


@router.get(
    "",
    response_model=TasksRead,
    responses=error_responses(NotAuthenticated),
    operation_id="list_my_tasks",
)
def list_my_tasks(principal: CurrentPrincipal, db: SessionDep) -> TasksRead:
    """The caller's cities or rings and open tasks: returned values and drafts of the own city
    (coordinators), city-years waiting for review and cities not yet submitted (moderators);
    at most 100 tasks, most urgent first, `total` counts all."""
    return tasks.open_tasks(db, principal)
