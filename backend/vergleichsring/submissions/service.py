"""Values, review workflow and plausibility of one city's submission.

Raw base figures are visible only to the city and the round's moderators; another city's
submission answers 404. Every write goes through one optimistic-locking step (``_claim``): an
``UPDATE … WHERE version = :seen`` that only one of several concurrent writers can win.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import update
from sqlalchemy.orm import Session

from vergleichsring.auth import audit
from vergleichsring.auth.audit import AuditAction
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.core.errors import (
    Conflict,
    ErrorItem,
    InvalidState,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from vergleichsring.core.models import utcnow
from vergleichsring.municipalities import repository as municipality_repository
from vergleichsring.municipalities.models import Municipality
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import Round, RoundStatus
from vergleichsring.submissions import repository, rules
from vergleichsring.submissions.catalog_rules import CatalogRules, catalog_rules
from vergleichsring.submissions.models import (
    Channel,
    Finding,
    FindingSeverity,
    FindingState,
    ReviewState,
    Submission,
    SubmissionStatus,
    SubmissionValue,
    SubmissionValueHistory,
    ValueStatus,
)
from vergleichsring.submissions.schemas import (
    BulkApprove,
    BulkApproveRead,
    ChangeSinceApproval,
    FindingRead,
    HistoryEntry,
    HistoryRead,
    ReturnBody,
    SubmissionRead,
    SubmissionValueRead,
    ValueChange,
    ValuesPatch,
)

EDITABLE_ROUND = (RoundStatus.collection, RoundStatus.review)
EDITABLE_SUBMISSION = (SubmissionStatus.draft, SubmissionStatus.returned)
NEXT_STATES: dict[SubmissionStatus, list[str]] = {
    SubmissionStatus.draft: ["submitted"],
    SubmissionStatus.submitted: ["returned", "approved"],
    SubmissionStatus.returned: ["submitted"],
    SubmissionStatus.approved: ["returned (reopen)"],
}


@dataclass
class Target:
    rnd: Round
    municipality: Municipality
    submission: Submission
    own_city: bool
    moderator: bool
    may_edit: bool
    may_review: bool = False  # a moderator of the round's ring: sees the ring's median


def locate(db: Session, principal: Principal, *, round_id: int, ags: str, year: int) -> Target:
    """The submission if the caller may read it; another city's answers 404."""
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_submission)
    municipality = municipality_repository.get_by_ags(db, ags)
    not_found = NotFound(f"No submission of {ags} for {year} in round {round_id}.")
    if municipality is None:
        raise not_found
    own_city = municipality.id in principal.municipality_ids(Action.read_submission)
    moderator = round_service.is_round_moderator(principal, rnd, Action.read_submission)
    participates = any(p.municipality_id == municipality.id for p in rnd.participants)
    if not participates or not (own_city or moderator):
        raise not_found  # another city's data: 404, so that its existence does not leak
    submission = repository.get_submission(
        db, municipality_id=municipality.id, round_id=rnd.id, year=year
    )
    if submission is None:
        raise not_found
    may_edit = municipality.id in principal.municipality_ids(Action.edit_submission)
    may_review = round_service.is_round_moderator(principal, rnd, Action.review_submission)
    return Target(rnd, municipality, submission, own_city, moderator, may_edit, may_review)


def channel_of(principal: Principal) -> Channel:
    return Channel.web if principal.via_cookie else Channel.api


# --- reading --------------------------------------------------------------------------------


def read_submission(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int
) -> SubmissionRead:
    return submission_read(db, locate(db, principal, round_id=round_id, ags=ags, year=year))


def submission_read(db: Session, t: Target) -> SubmissionRead:
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    sub = t.submission
    current = {
        code: v
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=sub.id
        )
    }
    previous = repository.previous_year_values(
        db, municipality_id=t.municipality.id, year=sub.year, round_id=t.rnd.id
    )
    medians = _ring_medians(db, t)
    findings = [_finding_read(f) for f in repository.findings_of(db, submission_id=sub.id)]
    by_figure: dict[str, list[FindingRead]] = {}
    for f in findings:
        if f.base_figure is not None:
            by_figure.setdefault(f.base_figure, []).append(f)
    editable = is_editable(t)
    restricted = _restricted_codes(current.values(), current) if editable else set()
    values: list[SubmissionValueRead] = []
    for fig in ctx.figures:
        v = current.get(fig.code)
        values.append(
            SubmissionValueRead(
                base_figure=fig.code,
                name_de=fig.name_de,
                name_en=fig.name_en,
                field=fig.field,
                unit=fig.unit,
                definition=fig.definition,
                value=None if v is None else v.value,
                status=None if v is None else v.status,
                comment=None if v is None else v.comment,
                source_note=None if v is None else v.source_note,
                version=0 if v is None else v.version,
                updated_at=None if v is None else v.updated_at,
                previous_value=previous.get(fig.code),
                ring_median=medians.get(fig.code),
                review_state=ReviewState.none if v is None else v.review_state,
                review_reason=None if v is None else v.review_reason,
                editable=editable and (not restricted or fig.code in restricted),
                changed_since_approval=(
                    v is not None
                    and v.approved_version is not None
                    and v.approved_version != v.version
                ),
                approved_value=None if v is None else v.approved_value,
                findings=by_figure.get(fig.code, []),
            )
        )
    summary = {"errors": 0, "warnings_open": 0, "warnings_explained": 0, "accepted": 0}
    for f in findings:
        if f.severity == FindingSeverity.error:
            summary["errors"] += 1
        elif f.state == FindingState.open:
            summary["warnings_open"] += 1
        elif f.state == FindingState.explained:
            summary["warnings_explained"] += 1
        else:
            summary["accepted"] += 1
    return SubmissionRead(
        round_id=t.rnd.id,
        ags=t.municipality.ags,
        municipality=t.municipality.name,
        year=sub.year,
        status=sub.status,
        version=sub.version,
        round_status=t.rnd.status.value,
        submitted_at=sub.submitted_at,
        approved_at=sub.approved_at,
        return_reason=sub.return_reason,
        synthetic_data=t.rnd.synthetic_data,
        editable=editable,
        allowed_actions=_allowed_actions(t),
        findings_summary=summary,
        findings=findings,
        values=values,
    )


def _ring_medians(db: Session, t: Target) -> dict[str, float]:
    """The ring's median per base figure, for the round's moderators only: a coordinator or
    viewer reads no number derived from other cities' unapproved values. Fewer contributing
    cities than the round's minimum group size give no median."""
    if not t.may_review:
        return {}
    medians = repository.ring_medians(
        db,
        round_id=t.rnd.id,
        year=t.submission.year,
        exclude_municipality_id=t.municipality.id,
        min_cities=t.rnd.min_group_size,
    )
    return {code: m for code, v in medians.items() if (m := _clean(v)) is not None}


def is_editable(t: Target) -> bool:
    return (
        t.may_edit and t.rnd.status in EDITABLE_ROUND and t.submission.status in EDITABLE_SUBMISSION
    )


def _allowed_actions(t: Target) -> list[str]:
    if t.rnd.status not in EDITABLE_ROUND:
        return []
    status = t.submission.status
    actions: list[str] = []
    if t.may_edit and status in EDITABLE_SUBMISSION:
        actions += ["edit", "submit"]
    if t.moderator:
        if status == SubmissionStatus.submitted:
            actions += ["return", "approve", "reopen"]
        elif status == SubmissionStatus.approved:
            actions += ["reopen"]
    return actions


def _restricted_codes(
    values: Iterable[SubmissionValue], by_code: dict[str, SubmissionValue]
) -> set[str]:
    """When single values were returned or reopened, only those may be changed."""
    return {code for code, v in by_code.items() if v.review_state != ReviewState.none}


def _finding_read(f: Finding) -> FindingRead:
    return FindingRead(
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
    )


# --- the optimistic lock --------------------------------------------------------------------


def _claim(
    db: Session,
    t: Target,
    *,
    seen_version: int,
    from_states: Sequence[SubmissionStatus],
    action: str,
    **changes: object,
) -> None:
    """Move the submission to its next version iff nobody changed it since ``seen_version``.

    One conditional UPDATE: of concurrent writers holding the same version, exactly one wins;
    the others get 409 naming the values changed in between.
    """
    sub = t.submission
    result = db.execute(
        update(Submission)
        .where(
            Submission.id == sub.id,
            Submission.version == seen_version,
            Submission.status.in_(list(from_states)),
        )
        .values(version=Submission.version + 1, updated_at=utcnow(), **changes)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) == 1:
        db.refresh(sub)
        return
    db.refresh(sub)
    if sub.version != seen_version:
        changed = repository.codes_changed_after(
            db, municipality_id=t.municipality.id, submission_id=sub.id, version=seen_version
        )
        errors = [
            ErrorItem(loc=["values", code], msg="changed by someone else", type="stale")
            for code in changed
        ]
        errors.append(
            ErrorItem(
                loc=["body", "version"],
                msg=f"you read version {seen_version}, the current version is {sub.version}",
                type="stale",
            )
        )
        names = ", ".join(changed) if changed else "der Status der Lieferung"
        raise Conflict(
            f"Die Lieferung wurde inzwischen geändert (Version {sub.version}, Ihre Version "
            f"{seen_version}); geändert: {names}. Bitte neu laden.",
            errors=errors,
        )
    allowed = ", ".join(NEXT_STATES[sub.status]) or "–"
    raise InvalidState(
        f"„{action}“ ist im Status {sub.status.value} nicht möglich; erlaubt als nächstes: "
        f"{allowed}.",
        errors=[ErrorItem(loc=["status"], msg=f"allowed next states: {allowed}")],
    )


def _require_round_open(rnd: Round, what: str) -> None:
    if rnd.status not in EDITABLE_ROUND:
        raise InvalidState(
            f"Die Runde ist im Status {rnd.status.value}; {what} ist nur in der Erhebung "
            "oder Prüfung möglich.",
            errors=[ErrorItem(loc=["round", "status"], msg=rnd.status.value)],
        )


# --- editing --------------------------------------------------------------------------------


def patch_values(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int,
    body: ValuesPatch,
    channel: Channel | None = None,
) -> SubmissionRead:
    t = locate(db, principal, round_id=round_id, ags=ags, year=year)
    apply_changes(db, principal, t, body.version, body.values, channel or channel_of(principal))
    return submission_read(db, t)


def apply_changes(
    db: Session,
    principal: Principal,
    t: Target,
    seen_version: int,
    changes: Sequence[ValueChange],
    channel: Channel,
    *,
    locs: Sequence[list[str | int]] | None = None,
) -> int:
    """Write changed values all or nothing; returns how many values changed.

    ``locs`` names where each change came from (``["Bildung!F14"]``, ``["line", 7]``) so that
    errors point at the cell; by default the JSON path ``["body", "values", i]``.
    """
    if not t.may_edit:
        raise PermissionDenied("Nur die Koordination der Stadt ändert ihre Werte.")
    _require_round_open(t.rnd, "Ändern")
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    where = locs or [["body", "values", i] for i in range(len(changes))]
    problems = validate_changes(ctx, changes, where)
    if problems:
        raise ValidationFailed(
            f"{len(problems)} Wert(e) sind ungültig; nichts wurde gespeichert.", errors=problems
        )
    _claim(db, t, seen_version=seen_version, from_states=EDITABLE_SUBMISSION, action="edit")
    current = {
        code: v
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
    }
    restricted = _restricted_codes(current.values(), current)
    if restricted:
        refused = [
            (loc, c.base_figure)
            for loc, c in zip(where, changes, strict=True)
            if c.base_figure not in restricted
        ]
        if refused:
            raise InvalidState(
                "Zurückgegeben bzw. wieder geöffnet sind nur "
                f"{', '.join(sorted(restricted))}; andere Werte bleiben gesperrt.",
                errors=[
                    ErrorItem(loc=[*loc, "base_figure"], msg=f"{code} is not open for changes")
                    for loc, code in refused
                ],
            )
    changed = 0
    now = utcnow()
    for change in changes:
        fig = ctx.by_code[change.base_figure]
        row = current.get(change.base_figure)
        given = change.model_fields_set
        old_value = None if row is None else row.value
        old_status = None if row is None else row.status
        old_comment = None if row is None else row.comment
        value = change.value if "value" in given else old_value
        comment = (change.comment or None) if "comment" in given else old_comment
        if "status" in given and change.status is not None:
            status = change.status
        else:
            status = old_status or ValueStatus.ok
        if t.rnd.revision > 0 and value != old_value and status == ValueStatus.ok:
            status = ValueStatus.revised  # a correction after publication is a revision
        if row is not None and (value, status, comment) == (old_value, old_status, old_comment):
            continue
        if row is None:
            row = SubmissionValue(
                submission_id=t.submission.id,
                base_figure_id=fig.id,
                value=value,
                status=status,
                comment=comment,
                version=1,
                updated_by_id=principal.user_id,
                updated_at=now,
            )
            db.add(row)
            db.flush()  # a new row needs its id for the history
            current[change.base_figure] = row
        else:
            row.value, row.status, row.comment = value, status, comment
            row.version += 1
            row.updated_by_id, row.updated_at = principal.user_id, now
        db.add(
            SubmissionValueHistory(
                submission_value_id=row.id,
                version=row.version,
                value=value,
                status=status,
                comment=comment,
                source_note=row.source_note,
                action="edit",
                channel=channel,
                submission_version=t.submission.version,
                changed_by_id=principal.user_id,
                changed_at=now,
            )
        )
        changed += 1
    db.flush()
    recompute_findings(db, t, ctx)
    return changed


def validate_changes(
    ctx: CatalogRules, changes: Sequence[ValueChange], where: Sequence[list[str | int]]
) -> list[ErrorItem]:
    """Unknown base figures, duplicates and value-level hard rules (counts, flags, signs)."""
    problems: list[ErrorItem] = []
    seen: set[str] = set()
    for loc, change in zip(where, changes, strict=True):
        code = change.base_figure
        if code not in ctx.metas:
            problems.append(ErrorItem(loc=[*loc, "base_figure"], msg=f"unknown base figure {code}"))
            continue
        if code in seen:
            problems.append(ErrorItem(loc=[*loc, "base_figure"], msg=f"{code} given twice"))
        seen.add(code)
        if change.value is None:
            continue
        entry = {code: rules.Entry(change.value)}
        for f in rules.hard_findings(ctx.metas, entry, required=()):
            problems.append(ErrorItem(loc=[*loc, "value"], msg=f.message_de, type=f.rule))
    return problems


# --- plausibility ---------------------------------------------------------------------------


def entries_of(db: Session, t: Target) -> dict[str, rules.Entry]:
    return {
        code: rules.Entry(v.value, v.status.value, v.comment)
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
    }


def evaluate(db: Session, t: Target, ctx: CatalogRules) -> list[rules.Finding]:
    """Every hard and soft finding of the submission as it stands."""
    entries = entries_of(db, t)
    year = t.submission.year
    mid = t.municipality.id
    previous = repository.previous_year_values(
        db, municipality_id=mid, year=year, round_id=t.rnd.id
    )
    config = rules.RuleConfig(
        change_relative=t.rnd.change_threshold_relative,
        change_absolute=t.rnd.change_threshold_absolute,
    )
    found = rules.hard_findings(ctx.metas, entries, shares=ctx.shares, part_totals=ctx.part_totals)
    found += rules.change_findings(ctx.metas, entries, previous, config)
    official = repository.official_population(db, municipality_id=mid, year=year)
    found += rules.population_findings(ctx.metas, entries, official, config)
    prev_for_formulas = dict(previous)
    for code, stand_in in ctx.stand_ins.items():
        if prev_for_formulas.get(code) is None and stand_in in entries:
            prev_for_formulas[code] = entries[stand_in].value
    own = rules.key_figure_values(ctx.key_figures, entries, prev_for_formulas)
    found += rules.rate_findings(ctx.key_figures, own, ctx.shares)
    peers = _peer_key_figures(db, t, ctx)
    found += rules.outlier_findings(ctx.key_figures, own, peers, config)
    return found


def _peer_key_figures(db: Session, t: Target, ctx: CatalogRules) -> dict[str, list[float]]:
    year = t.submission.year
    rows = repository.peer_values(
        db, round_id=t.rnd.id, year=year, exclude_municipality_id=t.municipality.id
    )
    cities = sorted({mid for mid, y, _c, _v in rows if y == year})
    if not cities:
        return {}
    index = {mid: i for i, mid in enumerate(cities)}
    columns: dict[str, np.ndarray] = {}
    previous: dict[str, np.ndarray] = {}
    for mid, y, code, value in rows:
        i = index.get(mid)
        if i is None:
            continue
        target = columns if y == year else previous
        column = target.get(code)
        if column is None:
            column = target[code] = np.full(len(cities), np.nan)
        column[i] = value
    for code, stand_in in ctx.stand_ins.items():
        if code not in previous and stand_in in columns:
            previous[code] = columns[stand_in]
        elif code in previous and stand_in in columns:
            previous[code] = np.where(np.isnan(previous[code]), columns[stand_in], previous[code])
    arrays = rules.key_figure_arrays(ctx.key_figures, columns, previous, len(cities))
    return {code: arr[np.isfinite(arr)].tolist() for code, arr in arrays.items()}


def recompute_findings(db: Session, t: Target, ctx: CatalogRules) -> list[Finding]:
    found = evaluate(db, t, ctx)
    entries = entries_of(db, t)
    rows = []
    for f in found:
        if f.severity == rules.ERROR:
            state = FindingState.open
        elif (
            f.base_figure is not None and entries.get(f.base_figure, rules.Entry(None)).has_comment
        ):
            state = FindingState.explained
        else:
            state = FindingState.open
        rows.append(
            Finding(
                submission_id=t.submission.id,
                rule=f.rule,
                severity=FindingSeverity(f.severity),
                state=state,
                base_figure=f.base_figure,
                indicator=f.indicator,
                field=f.field,
                message_de=f.message_de,
                message_en=f.message_en,
                numbers={k: _clean(v) for k, v in f.numbers.items()},
            )
        )
    repository.replace_findings(db, submission_id=t.submission.id, findings=rows)
    refresh_completeness(db, t, ctx)
    return rows


def refresh_completeness(db: Session, t: Target, ctx: CatalogRules) -> None:
    """Store per action field how many base figures have a value or a status (cockpit)."""
    counts = repository.filled_counts(
        db,
        round_id=t.rnd.id,
        field_of_figure={f.id: f.field for f in ctx.figures},
        submission_ids=[t.submission.id],
    )
    t.submission.completeness = {f: n for (_sid, f), n in sorted(counts.items())}
    db.flush()


def _clean(v: float | None) -> float | None:
    if v is None or not np.isfinite(v):
        return None
    return round(float(v), 6)


# --- workflow actions -----------------------------------------------------------------------


def submit(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int, version: int
) -> SubmissionRead:
    t = locate(db, principal, round_id=round_id, ags=ags, year=year)
    if not (t.may_edit and principal.municipality_ids(Action.submit_submission)):
        raise PermissionDenied("Nur die Koordination der Stadt reicht ihre Werte ein.")
    _require_round_open(t.rnd, "Einreichen")
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    blocking = _blocking(db, t, ctx)
    if blocking:
        raise ValidationFailed(
            f"Einreichen nicht möglich: {len(blocking)} Befund(e) – Fehler beheben, Warnungen "
            "mit einem Kommentar am Wert begründen.",
            errors=blocking,
        )
    now = utcnow()
    _claim(
        db,
        t,
        seen_version=version,
        from_states=EDITABLE_SUBMISSION,
        action="submit",
        status=SubmissionStatus.submitted,
        submitted_at=now,
    )
    _clear_review_marks(db, t)
    recompute_findings(db, t, ctx)
    _audit(db, principal, AuditAction.submission_submitted, t)
    return submission_read(db, t)


def _blocking(db: Session, t: Target, ctx: CatalogRules) -> list[ErrorItem]:
    found = evaluate(db, t, ctx)
    entries = entries_of(db, t)
    errors = [f for f in found if f.severity == rules.ERROR]
    unexplained = rules.unexplained_warnings(found, entries)
    return [
        ErrorItem(
            loc=["values", f.base_figure or f.indicator or "submission"],
            msg=f.message_de,
            type=f"{f.severity}:{f.rule}",
        )
        for f in [*errors, *unexplained]
    ]


def _clear_review_marks(db: Session, t: Target) -> None:
    db.execute(
        update(SubmissionValue)
        .where(
            SubmissionValue.submission_id == t.submission.id,
            SubmissionValue.review_state != ReviewState.none,
        )
        .values(review_state=ReviewState.none)
        .execution_options(synchronize_session=False)
    )
    db.expire_all()


def _moderator_target(
    db: Session, principal: Principal, round_id: int, ags: str, year: int
) -> Target:
    t = locate(db, principal, round_id=round_id, ags=ags, year=year)
    if not round_service.is_round_moderator(principal, t.rnd, Action.review_submission):
        raise PermissionDenied("Nur die Moderation der Runde prüft und gibt frei.")
    return t


def return_submission(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int,
    body: ReturnBody,
    reopen: bool = False,
) -> SubmissionRead:
    """Return a submitted submission (``reopen``: also an approved one) for correction, as a
    whole or single values with a reason each; only those values may then be changed."""
    t = _moderator_target(db, principal, round_id, ags, year)
    _require_round_open(t.rnd, "Zurückgeben" if not reopen else "Wieder öffnen")
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    bad = [
        ErrorItem(
            loc=["body", "values", i, "base_figure"], msg=f"unknown base figure {v.base_figure}"
        )
        for i, v in enumerate(body.values)
        if v.base_figure not in ctx.metas
    ]
    if bad:
        raise ValidationFailed("Unbekannte Grunddaten; nichts wurde geändert.", errors=bad)
    states = (
        [SubmissionStatus.submitted, SubmissionStatus.approved]
        if reopen
        else [SubmissionStatus.submitted]
    )
    _claim(
        db,
        t,
        seen_version=body.version,
        from_states=states,
        action="reopen" if reopen else "return",
        status=SubmissionStatus.returned,
        return_reason=body.reason,
    )
    current = {
        code: v
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
    }
    now = utcnow()
    mark = ReviewState.reopened if reopen else ReviewState.returned
    for item in body.values:
        row = current.get(item.base_figure)
        if row is None:
            row = SubmissionValue(
                submission_id=t.submission.id,
                base_figure_id=ctx.by_code[item.base_figure].id,
                value=None,
                status=ValueStatus.not_delivered,
                version=1,
                updated_at=now,
            )
            db.add(row)
            current[item.base_figure] = row
        row.review_state, row.review_reason = mark, item.reason
        db.flush()
        db.add(
            SubmissionValueHistory(
                submission_value_id=row.id,
                version=row.version,
                value=row.value,
                status=row.status,
                comment=row.comment,
                source_note=row.source_note,
                action="reopened" if reopen else "returned",
                channel=channel_of(principal),
                reason=item.reason,
                submission_version=t.submission.version,
                changed_by_id=principal.user_id,
                changed_at=now,
            )
        )
    db.flush()
    refresh_completeness(db, t, ctx)
    _audit(
        db,
        principal,
        AuditAction.submission_reopened if reopen else AuditAction.submission_returned,
        t,
        reason=body.reason,
        values=[v.base_figure for v in body.values] or None,
    )
    return submission_read(db, t)


def approve(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int, version: int
) -> SubmissionRead:
    t = _moderator_target(db, principal, round_id, ags, year)
    _approve(db, principal, t, version, loc=["body", "version"])
    return submission_read(db, t)


def _approve(
    db: Session, principal: Principal, t: Target, version: int, *, loc: list[str | int]
) -> None:
    _require_round_open(t.rnd, "Freigeben")
    ctx = catalog_rules(db, t.rnd.catalog_version_id)
    now = utcnow()
    # The version the moderator saw: an edit in between makes this fail (409), so a value the
    # moderator did not see is never approved.
    _claim(
        db,
        t,
        seen_version=version,
        from_states=[SubmissionStatus.submitted],
        action="approve",
        status=SubmissionStatus.approved,
        approved_at=now,
        approved_by_id=principal.user_id,
        return_reason=None,
    )
    errors = [f for f in evaluate(db, t, ctx) if f.severity == rules.ERROR]
    if errors:
        raise ValidationFailed(
            f"Freigabe nicht möglich: {len(errors)} Fehler.",
            errors=[
                ErrorItem(loc=[*loc, "values", f.base_figure or ""], msg=f.message_de)
                for f in errors
            ],
        )
    db.execute(
        update(SubmissionValue)
        .where(SubmissionValue.submission_id == t.submission.id)
        .values(
            approved_version=SubmissionValue.version,
            approved_value=SubmissionValue.value,
            approved_status=SubmissionValue.status,
            review_state=ReviewState.none,
        )
        .execution_options(synchronize_session=False)
    )
    db.expire_all()
    db.refresh(t.submission)
    rows = recompute_findings(db, t, ctx)
    for row in rows:
        if row.severity == FindingSeverity.warning:
            row.state = FindingState.accepted
    db.flush()
    _audit(db, principal, AuditAction.submission_approved, t, version=t.submission.version)


def approve_many(
    db: Session, principal: Principal, *, round_id: int, body: BulkApprove
) -> BulkApproveRead:
    """Approve many city-years at once: all or nothing (any failure rolls every one back)."""
    problems: list[ErrorItem] = []
    seen: set[tuple[str, int]] = set()
    for i, item in enumerate(body.items):
        key = (item.ags, item.year)
        if key in seen:
            problems.append(ErrorItem(loc=["body", "items", i], msg="listed twice"))
        seen.add(key)
    if problems:
        raise ValidationFailed("Die Liste enthält Doppelungen.", errors=problems)
    for i, item in enumerate(body.items):
        loc: list[str | int] = ["body", "items", i]
        try:
            t = _moderator_target(db, principal, round_id, item.ags, item.year)
            _approve(db, principal, t, item.version, loc=loc)
        except (Conflict, InvalidState, ValidationFailed, NotFound) as exc:
            exc.detail = f"{item.ags}/{item.year}: {exc.detail} Nichts wurde freigegeben."
            exc.errors = [ErrorItem(loc=loc, msg=e.msg, type=e.type) for e in exc.errors] or [
                ErrorItem(loc=loc, msg=exc.detail)
            ]
            raise
    return BulkApproveRead(approved=list(body.items))


def _audit(
    db: Session, principal: Principal, action: AuditAction, t: Target, **detail: object
) -> None:
    extra: dict[str, Any] = {
        "round_id": t.rnd.id,
        "municipality_ags": t.municipality.ags,
        "year": t.submission.year,
        **detail,
    }
    audit.record(db, action, actor_id=principal.user_id, email=principal.email, **extra)


# --- history --------------------------------------------------------------------------------


def read_history(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int,
    base_figure: str | None,
    limit: int,
    offset: int,
) -> HistoryRead:
    t = locate(db, principal, round_id=round_id, ags=ags, year=year)
    total, rows = repository.history(
        db,
        municipality_id=t.municipality.id,
        submission_id=t.submission.id,
        base_figure=base_figure,
        limit=limit,
        offset=offset,
    )
    return HistoryRead(
        total=total,
        entries=[
            HistoryEntry(
                base_figure=code,
                version=h.version,
                value=h.value,
                status=h.status,
                comment=h.comment,
                action=h.action,
                channel=h.channel,
                reason=h.reason,
                submission_version=h.submission_version,
                changed_by=email,
                changed_at=h.changed_at,
            )
            for h, code, email in rows
        ],
    )


def changes_since_approval(
    db: Session, principal: Principal, *, round_id: int, ags: str, year: int
) -> list[ChangeSinceApproval]:
    t = locate(db, principal, round_id=round_id, ags=ags, year=year)
    return [
        ChangeSinceApproval(
            base_figure=code,
            approved_value=v.approved_value,
            approved_status=v.approved_status,
            value=v.value,
            status=v.status,
            version=v.version,
            approved_version=v.approved_version,
        )
        for v, code in repository.values_with_codes(
            db, municipality_id=t.municipality.id, submission_id=t.submission.id
        )
        if v.approved_version is not None and v.approved_version != v.version
    ]


# --- imports (Excel, CSV): the same path as the API, all or nothing -------------------------


@dataclass
class YearChanges:
    """The changes an uploaded file makes to one data year, with where each came from."""

    year: int
    seen_version: int
    changes: list[ValueChange]
    locs: list[list[str | int]]


def import_changes(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    years: Sequence[YearChanges],
    problems: list[ErrorItem],
    channel: Channel,
    dry_run: bool,
) -> tuple[int, list[ErrorItem], list[SubmissionRead]]:
    """Apply parsed file changes through ``apply_changes``; a dry run does everything inside a
    savepoint and rolls it back. Returns (changed values, problems, submissions as they would
    be). A real import with problems raises, so nothing is written."""
    targets = [locate(db, principal, round_id=round_id, ags=ags, year=y.year) for y in years]
    for t in targets:
        if not t.may_edit:
            raise PermissionDenied("Nur die Koordination der Stadt lädt ihre Werte hoch.")
    all_problems = list(problems)
    changed = 0
    reads: list[SubmissionRead] = []
    savepoint = db.begin_nested()
    try:
        for t, y in zip(targets, years, strict=True):
            if not y.changes:
                continue
            if not is_editable(t):
                all_problems.extend(
                    ErrorItem(
                        loc=loc,
                        msg=f"{y.year}: die Lieferung ist {t.submission.status.value} und "
                        "nicht änderbar",
                        type="locked",
                    )
                    for loc in y.locs
                )
                continue
            try:
                changed += apply_changes(
                    db, principal, t, y.seen_version, y.changes, channel, locs=y.locs
                )
            except (ValidationFailed, InvalidState) as exc:
                all_problems.extend(exc.errors)
        if dry_run or all_problems:
            reads = [submission_read(db, t) for t in targets]
            savepoint.rollback()
        else:
            savepoint.commit()
            reads = [submission_read(db, t) for t in targets]
    except BaseException:
        if savepoint.is_active:
            savepoint.rollback()
        raise
    if all_problems and not dry_run:
        raise ValidationFailed(
            f"{len(all_problems)} Problem(e) in der Datei; nichts wurde importiert.",
            errors=all_problems,
        )
    if not dry_run and changed:
        audit.record(
            db,
            AuditAction.submission_imported,
            actor_id=principal.user_id,
            email=principal.email,
            round_id=round_id,
            municipality_ags=ags,
            channel=channel.value,
            changed=changed,
        )
    if dry_run:
        db.expire_all()
    return changed, all_problems, reads
