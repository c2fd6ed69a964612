"""The moderator's cockpit: the round's cities × action fields in one answer, the findings to
review, and reminders to the cities that have not submitted."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vergleichsring.auth import audit
from vergleichsring.auth.audit import AuditAction
from vergleichsring.auth.mail import MailSender
from vergleichsring.auth.models import Membership, Role, User
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.core.config import Settings
from vergleichsring.core.errors import ErrorItem, InvalidState, PermissionDenied
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import Round
from vergleichsring.submissions import repository
from vergleichsring.submissions.catalog_rules import catalog_rules
from vergleichsring.submissions.models import (
    FindingSeverity,
    FindingState,
    SubmissionStatus,
)
from vergleichsring.submissions.schemas import (
    CockpitRead,
    FindingList,
    FindingListItem,
    ReminderBody,
    ReminderRead,
    ReminderSent,
)

NOT_SUBMITTED = (SubmissionStatus.draft, SubmissionStatus.returned)


def _moderated_round(db: Session, principal: Principal, round_id: int) -> Round:
    rnd = round_service.get_round_for(db, principal, round_id, Action.review_submission)
    if not round_service.is_round_moderator(principal, rnd, Action.review_submission):
        raise PermissionDenied("Nur die Moderation der Runde.")  # pragma: no cover
    return rnd


# The cockpit of a round, per database, round, settings and a fingerprint of its submissions:
# every write bumps a submission's version and time, so a stale entry is never served.
_CACHE: dict[tuple[str, int, str], CockpitRead] = {}
_CACHE_SIZE = 16


def cockpit(db: Session, principal: Principal, *, round_id: int) -> CockpitRead:
    rnd = _moderated_round(db, principal, round_id)
    key = (
        db.get_bind().engine.url.render_as_string(),
        rnd.id,
        f"{rnd.status.value}:{rnd.catalog_version_id}:{rnd.years}:{len(rnd.participants)}:"
        + repository.round_fingerprint(db, round_id=rnd.id),
    )
    hit = _CACHE.get(key)
    if hit is None:
        with _collector_paused():
            hit = _compute(db, rnd)
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = hit
    return hit


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the cockpit is built.

    Building the answer allocates tens of thousands of short-lived dicts (no reference cycles); on a
    process with a large heap that triggers full collections which cost about three times the work
    itself (bench/collection.py: 210 ms median with the collector, 53 ms without, 400 cities).
    Reference counting still frees everything; a collection that was due runs after the block. The
    switch is process-wide: a concurrent request only defers its collections by these milliseconds.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compute(db: Session, rnd: Round) -> CockpitRead:
    ctx = catalog_rules(db, rnd.catalog_version_id)
    required = {f.code: len(ctx.figures_in_field(f.code)) for f in ctx.fields}
    field_of = {f.id: f.field for f in ctx.figures}
    submissions = repository.round_submissions(db, round_id=rnd.id)
    filled: dict[tuple[int, str], int] = {}
    legacy = [sub.id for sub, _a, _n in submissions if sub.completeness is None]
    if legacy:  # rows written before completeness was stored: count them now
        filled = repository.filled_counts(
            db, round_id=rnd.id, field_of_figure=field_of, submission_ids=legacy
        )
    findings = repository.finding_counts(db, round_id=rnd.id)
    changed = repository.changed_since_approval_counts(db, round_id=rnd.id)
    by_sub: dict[int, dict[str, dict[tuple[FindingSeverity, FindingState], int]]] = {}
    for (sid, fcode, sev, state), n in findings.items():
        by_sub.setdefault(sid, {}).setdefault(fcode, {})[(sev, state)] = n
    total_required = sum(required.values()) or 1
    # Plain dicts, validated once at the end in pydantic-core (10,000 cells for 400 cities).
    cities: dict[str, dict[str, Any]] = {}
    status_counts = {s.value: 0 for s in SubmissionStatus}
    error, warning = FindingSeverity.error, FindingSeverity.warning
    w_open_key, w_expl_key = (warning, FindingState.open), (warning, FindingState.explained)
    fields = [(f.code, required[f.code]) for f in ctx.fields]
    for sub, ags, name in submissions:
        status_counts[sub.status.value] += 1
        cells: list[dict[str, Any]] = []
        sub_findings = by_sub.get(sub.id, {})
        stored = sub.completeness
        open_total = 0
        filled_total = 0
        for code, needed in fields:
            counts = sub_findings.get(code)
            if counts:
                errors = sum(n for (sev, _s), n in counts.items() if sev == error)
                w_open = counts.get(w_open_key, 0)
                w_expl = counts.get(w_expl_key, 0)
            else:
                errors = w_open = w_expl = 0
            n_filled = (
                int(stored.get(code, 0)) if stored is not None else filled.get((sub.id, code), 0)
            )
            filled_total += n_filled
            open_total += errors + w_open
            cells.append(
                {
                    "field": code,
                    "filled": n_filled,
                    "required": needed,
                    "completeness": round(n_filled / needed, 4) if needed else 1.0,
                    "errors_open": errors,
                    "warnings_open": w_open,
                    "warnings_explained": w_expl,
                }
            )
        city = cities.setdefault(ags, {"ags": ags, "name": name, "years": []})
        city["years"].append(
            {
                "year": sub.year,
                "status": sub.status,
                "version": sub.version,
                "completeness": round(filled_total / total_required, 4),
                "findings_open": open_total,
                "changed_since_approval": changed.get(sub.id, 0),
                "fields": cells,
            }
        )
    return CockpitRead.model_validate(
        {
            "round_id": rnd.id,
            "round_status": rnd.status.value,
            "years": list(rnd.years),
            "fields": [
                {
                    "code": f.code,
                    "name_de": f.name_de,
                    "name_en": f.name_en,
                    "required": required[f.code],
                }
                for f in ctx.fields
            ],
            "status_counts": status_counts,
            "cities": list(cities.values()),
        }
    )


def list_findings(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str | None,
    year: int | None,
    field: str | None,
    severity: FindingSeverity | None,
    state: FindingState | None,
    limit: int,
    offset: int,
) -> FindingList:
    rnd = _moderated_round(db, principal, round_id)
    total, rows = repository.list_findings(
        db,
        round_id=rnd.id,
        ags=ags,
        year=year,
        field=field,
        severity=severity,
        state=state,
        limit=limit,
        offset=offset,
    )
    return FindingList(
        total=total,
        items=[
            FindingListItem(
                id=f.id,
                rule=f.rule,
                severity=f.severity,
                state=f.state,
                base_figure=f.base_figure,
                indicator=f.indicator,
                field=f.field,
                message_de=f.message_de,
                message_en=f.message_en,
                numbers=dict(f.numbers),
                ags=a,
                municipality=n,
                year=y,
                submission_status=st,
            )
            for f, a, n, y, st in rows
        ],
    )


def send_reminders(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    body: ReminderBody,
    mailer: MailSender,
    settings: Settings,
) -> ReminderRead:
    """Mail the coordinators of every city with a draft or returned submission; audit each mail."""
    rnd = _moderated_round(db, principal, round_id)
    if body.year is not None and body.year not in rnd.years:
        raise InvalidState(
            f"{body.year} ist kein Datenjahr der Runde.",
            errors=[ErrorItem(loc=["body", "year"], msg=f"data years: {rnd.years}")],
        )
    open_years: dict[str, list[int]] = {}
    city_ids: dict[str, int] = {}
    for sub, ags, _name in repository.round_submissions(db, round_id=rnd.id):
        if sub.status in NOT_SUBMITTED and (body.year is None or sub.year == body.year):
            open_years.setdefault(ags, []).append(sub.year)
            city_ids[ags] = sub.municipality_id
    recipients: dict[int, list[str]] = {}
    if city_ids:
        stmt = (
            select(Membership.municipality_id, User.email)
            .join(User, User.id == Membership.user_id)
            .where(
                Membership.role == Role.coordinator,
                Membership.municipality_id.in_(list(city_ids.values())),
                User.is_active.is_(True),
            )
            .order_by(User.email)
        )
        for mid, email in db.execute(stmt):
            if mid is not None:
                recipients.setdefault(int(mid), []).append(str(email))
    sent: list[ReminderSent] = []
    missing: list[str] = []
    deadline = rnd.deadline.strftime("%d.%m.%Y") if rnd.deadline else "der vereinbarten Frist"
    for ags, years in sorted(open_years.items()):
        emails = recipients.get(city_ids[ags], [])
        if not emails:
            missing.append(ags)
            continue
        years_text = ", ".join(str(y) for y in sorted(years))
        text = (
            f"Guten Tag,\n\nfür die Runde „{rnd.name}“ fehlt noch die Lieferung Ihrer Stadt für "
            f"das Datenjahr {years_text}. Bitte reichen Sie die Grunddaten bis {deadline} ein: "
            f"{settings.public_url}\n"
        )
        if body.message:
            text += f"\nNachricht der Moderation:\n{body.message}\n"
        for email in emails:
            mailer.send(email, f"Erinnerung: {rnd.name}", text)
            audit.record(
                db,
                AuditAction.reminder_sent,
                actor_id=principal.user_id,
                email=email,
                round_id=rnd.id,
                municipality_ags=ags,
                years=sorted(years),
            )
            sent.append(ReminderSent(ags=ags, email=email, years=sorted(years)))
    return ReminderRead(sent=sent, cities_without_coordinator=missing)
