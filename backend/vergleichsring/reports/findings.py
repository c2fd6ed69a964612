"""The open findings of a round for the ring report: what the plausibility checks of the
collection (issue #10) found and the moderator has not yet accepted – errors, warnings without a
comment, and warnings the coordinator explained. The ring report renders what this returns."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from vergleichsring.submissions import repository as submission_repository
from vergleichsring.submissions.models import FindingState


@dataclass(frozen=True)
class Finding:
    city: str  # the city's name (the ring report is for moderators, who see names)
    year: int
    rule: str  # the check's code, e.g. "PLAUS-03"
    message: str  # what the check found, in German
    severity: str  # "error" or "warning"


@dataclass(frozen=True)
class FindingsReport:
    available: bool  # False: no findings source connected yet
    findings: tuple[Finding, ...] = ()


# The ring report lists at most this many findings (the cockpit pages through all of them).
MAX_FINDINGS = 2000


def open_findings(db: Session, *, round_id: int) -> FindingsReport:
    """The round's findings that still need the moderator (not accepted), by city and year."""
    found: list[Finding] = []
    for state in (FindingState.open, FindingState.explained):
        _, rows = submission_repository.list_findings(
            db,
            round_id=round_id,
            ags=None,
            year=None,
            field=None,
            severity=None,
            state=state,
            limit=MAX_FINDINGS,
            offset=0,
        )
        found.extend(
            Finding(
                city=name,
                year=year,
                rule=f.rule,
                message=f.message_de,
                severity=f.severity.value,
            )
            for f, _, name, year, _ in rows
        )
    found.sort(key=lambda f: (f.city, f.year, f.severity != "error", f.rule))
    return FindingsReport(available=True, findings=tuple(found[:MAX_FINDINGS]))
