"""The life of a round: create, edit, participants, open, review, publish (frozen), close, revise.

    preparation → collection → review → (evaluation →) published → closed
                       ↑___________|                     |  ↑________|
                                                   revise: published | closed → review

Illegal transitions answer 409 with the allowed next states. Publishing freezes a copy of the
approved values (``RoundPublication``); a revision publishes again under the next number while
the earlier publication stays readable. Submissions sit above this module, so the few reads and
writes of the submission tables here go through ``rounds.repository``'s lightweight table
clauses (no import of the submissions module).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from vergleichsring.auth import audit
from vergleichsring.auth.audit import AuditAction
from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.catalog import repository as catalog_repository
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
from vergleichsring.rounds import repository
from vergleichsring.rounds.models import Round, RoundParticipant, RoundPublication, RoundStatus
from vergleichsring.rounds.schemas import (
    ParticipantRead,
    PublicationRead,
    PublicationValues,
    RoundCreate,
    RoundDetail,
    RoundUpdate,
    TransitionBody,
)
from vergleichsring.rounds.service import get_round_for, is_round_moderator, round_read

S = RoundStatus
TRANSITIONS: dict[RoundStatus, tuple[RoundStatus, ...]] = {
    S.preparation: (S.collection,),
    S.collection: (S.review, S.preparation),
    S.review: (S.collection, S.evaluation, S.published),
    S.evaluation: (S.review, S.published),
    S.published: (S.review, S.closed),
    S.closed: (S.review,),
}
# Settings that define what is collected may change only before data arrives.
STRUCTURAL_STATES = (S.preparation, S.collection)
FROZEN_STATES = (S.published, S.closed)


def allowed_transitions(status: RoundStatus) -> list[RoundStatus]:
    return list(TRANSITIONS[status])


def round_detail(db: Session, rnd: Round) -> RoundDetail:
    base = round_read(db, rnd)
    names = repository.participant_rows(db, round_id=rnd.id)
    return RoundDetail(
        **base.model_dump(),
        revision=rnd.revision,
        allowed_transitions=allowed_transitions(rnd.status),
        change_threshold_relative=rnd.change_threshold_relative,
        change_threshold_absolute=rnd.change_threshold_absolute,
        participants=[ParticipantRead(ags=a, name=n, pseudonym=p) for a, n, p in names],
    )


def _ring_moderator(principal: Principal, ring_id: int) -> None:
    if ring_id not in principal.ring_ids(Action.manage_rounds):
        raise PermissionDenied("Nur die Moderation des Rings legt Runden an und steuert sie.")


def _managed(db: Session, principal: Principal, round_id: int) -> Round:
    rnd = get_round_for(db, principal, round_id, Action.manage_rounds)
    if not is_round_moderator(principal, rnd, Action.manage_rounds):  # pragma: no cover
        raise PermissionDenied("Nur die Moderation des Rings steuert die Runde.")
    return rnd


def _catalog_version_id(db: Session, version: str, loc: list[str | int]) -> int:
    cv = catalog_repository.get_version(db, version)
    if cv is None:
        raise ValidationFailed(
            f"Unbekannte Katalogversion {version}.",
            errors=[ErrorItem(loc=loc, msg="unknown catalogue version")],
        )
    return cv.id


def create_round(db: Session, principal: Principal, body: RoundCreate) -> RoundDetail:
    _ring_moderator(principal, body.ring_id)
    if repository.get_round_by_name(db, ring_id=body.ring_id, name=body.name) is not None:
        raise Conflict(
            f"Im Ring gibt es schon eine Runde „{body.name}“.",
            errors=[ErrorItem(loc=["body", "name"], msg="already exists in this ring")],
        )
    rnd = Round(
        ring_id=body.ring_id,
        catalog_version_id=_catalog_version_id(
            db, body.catalog_version, ["body", "catalog_version"]
        ),
        name=body.name,
        years=list(body.years),
        status=RoundStatus.preparation,
        deadline=body.deadline,
        display_rule=body.display_rule,
        min_group_size=body.min_group_size,
        synthetic_data=False,
        revision=0,
        change_threshold_relative=body.change_threshold_relative,
        change_threshold_absolute=body.change_threshold_absolute,
        participants=[],
    )
    db.add(rnd)
    db.flush()
    _add_participants(db, rnd, body.participants, ["body", "participants"])
    audit.record(
        db, AuditAction.round_created, actor_id=principal.user_id, round_id=rnd.id, name=rnd.name
    )
    return round_detail(db, _reload(db, rnd.id))


def _reload(db: Session, round_id: int) -> Round:
    db.expire_all()
    rnd = repository.get_round(db, round_id)
    if rnd is None:  # pragma: no cover
        raise NotFound(f"No round {round_id}.")
    return rnd


def update_round(
    db: Session, principal: Principal, round_id: int, body: RoundUpdate
) -> RoundDetail:
    rnd = _managed(db, principal, round_id)
    given = body.model_fields_set
    if rnd.status in FROZEN_STATES:
        raise InvalidState(
            f"Die Runde ist {rnd.status.value} und damit eingefroren; erst überarbeiten "
            "(Übergang nach review).",
            errors=[ErrorItem(loc=["round", "status"], msg="allowed next states: review")],
        )
    structural = {"years", "catalog_version"} & given
    if structural and rnd.status not in STRUCTURAL_STATES:
        raise InvalidState(
            "Datenjahre und Katalogversion ändern sich nur in Vorbereitung oder Erhebung.",
            errors=[ErrorItem(loc=["body", k], msg="fixed after collection") for k in structural],
        )
    changed: list[str] = []
    if body.name is not None and body.name != rnd.name:
        other = repository.get_round_by_name(db, ring_id=rnd.ring_id, name=body.name)
        if other is not None and other.id != rnd.id:
            raise Conflict(
                f"Im Ring gibt es schon eine Runde „{body.name}“.",
                errors=[ErrorItem(loc=["body", "name"], msg="already exists in this ring")],
            )
        rnd.name = body.name
        changed.append("name")
    if body.years is not None and body.years != list(rnd.years):
        removed = set(rnd.years) - set(body.years)
        if removed and repository.has_entered_data(db, round_id=rnd.id, years=removed):
            raise Conflict(
                "Für entfernte Datenjahre gibt es schon Werte.",
                errors=[
                    ErrorItem(loc=["body", "years"], msg=f"data entered for {sorted(removed)}")
                ],
            )
        repository.delete_empty_submissions(db, round_id=rnd.id, years=removed)
        rnd.years = list(body.years)
        changed.append("years")
    if body.catalog_version is not None:
        cv_id = _catalog_version_id(db, body.catalog_version, ["body", "catalog_version"])
        if cv_id != rnd.catalog_version_id:
            if repository.has_entered_data(db, round_id=rnd.id, years=rnd.years):
                raise Conflict(
                    "Die Katalogversion ändert sich nicht mehr, sobald Werte erfasst sind.",
                    errors=[ErrorItem(loc=["body", "catalog_version"], msg="data entered")],
                )
            rnd.catalog_version_id = cv_id
            changed.append("catalog_version")
    for key in (
        "deadline",
        "display_rule",
        "min_group_size",
        "change_threshold_relative",
        "change_threshold_absolute",
    ):
        if key in given:
            value = getattr(body, key)
            if value is None and key != "deadline":
                continue
            if getattr(rnd, key) != value:
                setattr(rnd, key, value)
                changed.append(key)
    db.flush()
    if rnd.status == RoundStatus.collection:
        repository.create_missing_submissions(db, rnd)
    if changed:
        audit.record(
            db,
            AuditAction.round_updated,
            actor_id=principal.user_id,
            round_id=rnd.id,
            fields=changed,
        )
    return round_detail(db, _reload(db, rnd.id))


def add_participants(
    db: Session, principal: Principal, round_id: int, ags_list: Iterable[str]
) -> RoundDetail:
    rnd = _managed(db, principal, round_id)
    if rnd.status not in STRUCTURAL_STATES:
        raise InvalidState(
            "Städte kommen nur in Vorbereitung oder Erhebung hinzu.",
            errors=[ErrorItem(loc=["round", "status"], msg=rnd.status.value)],
        )
    added = _add_participants(db, rnd, list(ags_list), ["body", "ags"])
    for ags in added:
        audit.record(
            db,
            AuditAction.round_participant_added,
            actor_id=principal.user_id,
            round_id=rnd.id,
            municipality_ags=ags,
        )
    return round_detail(db, _reload(db, rnd.id))


def _add_participants(
    db: Session, rnd: Round, wanted: list[str], loc: list[str | int]
) -> list[str]:
    problems: list[ErrorItem] = []
    ids: list[tuple[str, int]] = []
    seen: set[str] = set()
    existing = {p.municipality_id for p in rnd.participants}
    for i, ags in enumerate(wanted):
        if ags in seen:
            problems.append(ErrorItem(loc=[*loc, i], msg=f"{ags} listed twice"))
            continue
        seen.add(ags)
        m = municipality_repository.get_by_ags(db, ags)
        if m is None:
            problems.append(ErrorItem(loc=[*loc, i], msg=f"unknown AGS {ags}"))
        elif m.id not in existing:
            ids.append((ags, m.id))
    if problems:
        raise ValidationFailed(
            "Unbekannte oder doppelte Städte; nichts wurde geändert.", errors=problems
        )
    used = set(repository.pseudonyms_of(db, round_id=rnd.id))
    total = len(used) + len(ids)
    width = max(2, len(str(max(total, 1))))
    free = [n for n in range(1, max(2 * total, 10) + 1) if f"Stadt {n:0{width}d}" not in used]
    rng = secrets.SystemRandom()
    rng.shuffle(free)
    for (_ags, mid), n in zip(ids, free, strict=False):
        db.add(
            RoundParticipant(round_id=rnd.id, municipality_id=mid, pseudonym=f"Stadt {n:0{width}d}")
        )
    db.flush()
    if rnd.status == RoundStatus.collection:
        repository.create_missing_submissions(db, _reload(db, rnd.id))
    return [a for a, _ in ids]


def remove_participant(db: Session, principal: Principal, round_id: int, ags: str) -> RoundDetail:
    rnd = _managed(db, principal, round_id)
    if rnd.status not in STRUCTURAL_STATES:
        raise InvalidState(
            "Städte verlassen eine Runde nur in Vorbereitung oder Erhebung.",
            errors=[ErrorItem(loc=["round", "status"], msg=rnd.status.value)],
        )
    m = municipality_repository.get_by_ags(db, ags)
    participant = next(
        (p for p in rnd.participants if m is not None and p.municipality_id == m.id), None
    )
    if m is None or participant is None:
        raise NotFound(f"{ags} nimmt an Runde {round_id} nicht teil.")
    if repository.has_entered_data(db, round_id=rnd.id, years=rnd.years, municipality_id=m.id):
        raise Conflict(
            f"{ags} hat schon Werte geliefert; die Stadt bleibt Teil der Runde.",
            errors=[ErrorItem(loc=["path", "ags"], msg="data entered")],
        )
    repository.delete_empty_submissions(db, round_id=rnd.id, years=rnd.years, municipality_id=m.id)
    db.delete(participant)
    db.flush()
    audit.record(
        db,
        AuditAction.round_participant_removed,
        actor_id=principal.user_id,
        round_id=rnd.id,
        municipality_ags=ags,
    )
    return round_detail(db, _reload(db, rnd.id))


def transition(
    db: Session, principal: Principal, round_id: int, body: TransitionBody
) -> RoundDetail:
    rnd = _managed(db, principal, round_id)
    allowed = TRANSITIONS[rnd.status]
    if body.to not in allowed:
        names = ", ".join(s.value for s in allowed)
        raise InvalidState(
            f"Von {rnd.status.value} geht es nicht nach {body.to.value}; erlaubt: {names}.",
            errors=[
                ErrorItem(
                    loc=["body", "to"], msg=f"allowed next states: {names}", type="transition"
                )
            ],
        )
    old = rnd.status
    if body.to == S.collection:
        if not rnd.participants:
            raise InvalidState(
                "Eine Runde ohne teilnehmende Städte kann nicht öffnen.",
                errors=[ErrorItem(loc=["round", "participants"], msg="no participants")],
            )
        repository.lock_catalog_version(db, rnd.catalog_version_id)
        repository.create_missing_submissions(db, rnd)
    if body.to == S.published:
        pending = repository.pending_submissions(db, round_id=rnd.id)
        if pending:
            raise InvalidState(
                f"{len(pending)} Lieferung(en) warten auf Prüfung: "
                + ", ".join(f"{a}/{y}" for a, y in pending[:20]),
                errors=[
                    ErrorItem(loc=["submissions", f"{a}/{y}"], msg="submitted, not yet reviewed")
                    for a, y in pending
                ],
            )
        number = rnd.revision + 1
        snapshot = repository.approved_snapshot(db, round_id=rnd.id)
        db.add(
            RoundPublication(
                round_id=rnd.id,
                number=number,
                published_at=utcnow(),
                published_by_id=principal.user_id,
                note=body.note,
                snapshot=snapshot,
            )
        )
        rnd.revision = number
    rnd.status = body.to
    db.flush()
    extra: dict[str, Any] = {
        "round_id": rnd.id,
        "from": old.value,
        "to": body.to.value,
        "revision": rnd.revision,
        "note": body.note or None,
    }
    audit.record(db, AuditAction.round_transition, actor_id=principal.user_id, **extra)
    return round_detail(db, _reload(db, rnd.id))


def list_publications(db: Session, principal: Principal, round_id: int) -> list[PublicationRead]:
    rnd = get_round_for(db, principal, round_id, Action.read_rounds)
    return [
        PublicationRead(
            number=p.number, published_at=p.published_at, note=p.note, submissions=len(p.snapshot)
        )
        for p in repository.publications(db, round_id=rnd.id)
    ]


def read_publication(
    db: Session, principal: Principal, round_id: int, number: int
) -> PublicationValues:
    """The values as published then: moderators see every city, a city only its own."""
    rnd = get_round_for(db, principal, round_id, Action.read_submission)
    pub = next(
        (p for p in repository.publications(db, round_id=rnd.id) if p.number == number), None
    )
    if pub is None:
        raise NotFound(f"Runde {round_id} hat keine Veröffentlichung {number}.")
    if is_round_moderator(principal, rnd, Action.read_submission):
        values = dict(pub.snapshot)
    else:
        own = repository.ags_of(db, principal.municipality_ids(Action.read_submission))
        values = {k: v for k, v in pub.snapshot.items() if k.split("|", 1)[0] in own}
    return PublicationValues(number=pub.number, published_at=pub.published_at, values=values)
