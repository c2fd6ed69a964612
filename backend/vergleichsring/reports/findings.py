"""Extension point: the open findings of a round for the ring report.

The plausibility checks and their findings come with the collection work (issue #10), which is
being built in parallel. Until it lands, :func:`open_findings` answers that no source is
connected, and the ring report says so instead of pretending the round is clean.

To connect it: replace the body of :func:`open_findings` with a call to the submissions
module's public read of open findings for the round (moderator's view) and map each to a
:class:`Finding`. Nothing else in the reports module changes: the ring report renders whatever
this function returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session


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


def open_findings(db: Session, *, round_id: int) -> FindingsReport:
    """The round's open plausibility findings; no source is connected yet (see module doc)."""
    del db, round_id
    return FindingsReport(available=False)
