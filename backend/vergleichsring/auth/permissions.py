"""Who may do what: one table, role × action. Scope (which ring, which city) is checked in code.

The README prints this table (`python -m vergleichsring.auth.permissions` renders it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from vergleichsring.auth.models import Role


class Action(StrEnum):
    read_rounds = "read_rounds"
    read_submission = "read_submission"
    edit_submission = "edit_submission"
    submit_submission = "submit_submission"
    review_submission = "review_submission"
    manage_rounds = "manage_rounds"
    invite_coordinators = "invite_coordinators"
    read_comparison = "read_comparison"
    manage_users = "manage_users"
    read_audit = "read_audit"
    manage_catalog = "manage_catalog"


class Scope(StrEnum):
    all = "all"
    ring = "own ring"
    city = "own city"


# role -> action -> the scope in which the role may do it. Absent: not allowed.
PERMISSIONS: Mapping[Role, Mapping[Action, Scope]] = {
    Role.admin: {
        Action.read_rounds: Scope.all,
        Action.invite_coordinators: Scope.all,
        Action.manage_users: Scope.all,
        Action.read_audit: Scope.all,
        Action.manage_catalog: Scope.all,
    },
    Role.moderator: {
        Action.read_rounds: Scope.ring,
        Action.read_submission: Scope.ring,
        Action.review_submission: Scope.ring,
        Action.manage_rounds: Scope.ring,
        Action.invite_coordinators: Scope.ring,
        Action.read_comparison: Scope.ring,
    },
    Role.coordinator: {
        Action.read_rounds: Scope.city,
        Action.read_submission: Scope.city,
        Action.edit_submission: Scope.city,
        Action.submit_submission: Scope.city,
        Action.read_comparison: Scope.city,
    },
    Role.viewer: {
        Action.read_rounds: Scope.city,
        Action.read_submission: Scope.city,
        Action.read_comparison: Scope.city,
    },
}


@dataclass(frozen=True)
class Grant:
    role: Role
    municipality_id: int | None
    municipality_ags: str | None
    ring_id: int | None


@dataclass(frozen=True)
class Principal:
    """The signed-in user and the roles they hold, as the request sees them."""

    user_id: int
    email: str
    display_name: str
    grants: tuple[Grant, ...]
    session_id: int
    via_cookie: bool

    def roles(self) -> set[Role]:
        return {g.role for g in self.grants}

    def may(self, action: Action) -> bool:
        return any(action in PERMISSIONS[g.role] for g in self.grants)

    def may_everywhere(self, action: Action) -> bool:
        return any(PERMISSIONS[g.role].get(action) == Scope.all for g in self.grants)

    def ring_ids(self, action: Action) -> set[int]:
        """Rings in which a moderator grant allows the action."""
        return {
            g.ring_id
            for g in self.grants
            if g.ring_id is not None and PERMISSIONS[g.role].get(action) == Scope.ring
        }

    def municipality_ids(self, action: Action) -> set[int]:
        """Cities for which a city grant (coordinator, viewer) allows the action."""
        return {
            g.municipality_id
            for g in self.grants
            if g.municipality_id is not None and PERMISSIONS[g.role].get(action) == Scope.city
        }


def permission_table_markdown() -> str:
    roles = list(Role)
    lines = [
        "| action | " + " | ".join(r.value for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        cells = [PERMISSIONS[r].get(action) for r in roles]
        lines.append(
            f"| `{action.value}` | " + " | ".join(c.value if c else "–" for c in cells) + " |"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(permission_table_markdown())
