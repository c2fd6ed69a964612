"""Who sees which name, and which rows: the one place where the anonymity rules live.

Moderators and named rounds see every city by name. A participant of a *pseudonymised* round
sees its own city by name and the others under the round's pseudonym, and – because a participant
knows every public attribute of every city (README, "Anonymity: threat model") – only in views
that cannot link a pseudonym to a city:

- context figures (KON-*) of other cities never appear per city, only as group statistics;
- other cities' rows appear only in views whose rows are all participants of the round, or a group
  drawn by the moderator with at least the minimum group size; a view of a group derived from
  public attributes (size class, East/West, state, kreisfrei) or of a data-driven cluster shows the
  group's statistics (rounded, without those that are exactly one member's value) and the own
  city;
- peer-group listings name other members only for those groups; the own membership is shown;
- neighbours are shown as a group (how many, how far on average, similar on what), never as
  pseudonyms with distances;
- no figure beside a pseudonym lets a reader solve for a public attribute: interval bounds (which
  give away the denominator) are not shown for other cities; the significance mark stays.

Every endpoint and every export goes through these functions, so the choice of rows is the same
everywhere.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.comparison.definitions import IndicatorMeta
from vergleichsring.comparison.peer_groups import Group, Participant
from vergleichsring.comparison.schemas import (
    ComparisonRow,
    NeighbourSummary,
    PeerGroupMemberRead,
    Statistics,
)
from vergleichsring.core.errors import NotFound
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import DisplayRule, Round

__all__ = [
    "CONTEXT_WITHHELD",
    "GROUP_WITHHELD",
    "NEIGHBOURS_WITHHELD",
    "RELAXED_FOR_TESTS",
    "Viewer",
    "labelled",
    "neighbour_summary",
    "published_note",
    "viewer_for",
]

# A test switch, never set in production: shows context rows beside pseudonyms, so that the
# re-identification test can show that its attack succeeds without the rules.
RELAXED_FOR_TESTS = False

ROW_GROUP_TYPES = frozenset({"all", "custom"})
CONTEXT_WITHHELD = (
    "Kontextkennzahlen sind amtlich je Stadt veröffentlicht und würden die Pseudonyme aufdecken; "
    "in dieser pseudonymisierten Runde zeigen sie nur die Gruppenstatistik und die eigene Stadt."
)
GROUP_WITHHELD = (
    "Die Zugehörigkeit zu dieser Gruppe folgt aus öffentlichen Merkmalen oder Strukturdaten; "
    "in dieser pseudonymisierten Runde zeigt sie nur die Gruppenstatistik und die eigene Stadt. "
    "Einzelne Städte zeigt die Ansicht aller Städte der Runde."
)
NEIGHBOURS_WITHHELD = (
    "Abstände zu einzelnen Städten lassen sich aus öffentlichen Strukturdaten nachrechnen; "
    "in dieser pseudonymisierten Runde werden die Nachbarn nur als Gruppe gezeigt."
)


@dataclass(frozen=True)
class Viewer:
    names_everywhere: bool
    own_ags: frozenset[str]
    moderator: bool

    @property
    def guarded(self) -> bool:
        """A participant of a pseudonymised round: the anonymity rules apply."""
        return not self.names_everywhere

    def label(self, p: Participant) -> tuple[str, str | None]:
        if self.names_everywhere or p.ags in self.own_ags:
            return p.name, p.ags
        return p.pseudonym, None

    def city(self, by_ags: Mapping[str, Participant], ags: str) -> Participant:
        """A city the viewer may open (moderators: every city; participants: their own)."""
        participant = by_ags.get(ags)
        if participant is None or not (self.moderator or ags in self.own_ags):
            raise NotFound(f"No city {ags} in this round for you.")
        return participant

    def group_withheld(self, group: Group, min_group_size: int) -> str | None:
        """Why other members of this group are not shown to this viewer (None: they are)."""
        if not self.guarded or group.brief.type == "all":
            return None
        if group.brief.type == "custom" and len(group.members) >= min_group_size:
            return None
        return GROUP_WITHHELD

    def others_withheld(self, group: Group, *, context: bool, min_group_size: int) -> str | None:
        """Why other cities' values are not shown in a view of this key figure and group."""
        if self.guarded and context and not RELAXED_FOR_TESTS:
            return CONTEXT_WITHHELD
        return self.group_withheld(group, min_group_size)

    def statistics(
        self, stats: Statistics, withheld: str | None, *, context: bool, decimals: int
    ) -> Statistics:
        """Group statistics as this viewer may see them.

        Where other cities' rows are withheld (a group derived from public attributes, a
        cluster), a statistic that is exactly one member's value – minimum and maximum always, the
        median for an odd count, the quartiles where their position falls on a member – would
        link that member's pseudonym (shown in the view of all cities) to the group, so it is not
        shown; the others are rounded to the key figure's decimals, so that no search over the
        pseudonyms' values can reproduce them. Context figures are public and stay as they are.
        """
        if withheld is None or context or stats.n == 0:
            return stats
        exact = {"min", "max"}
        if stats.n % 2 == 1:
            exact.add("median")
        if (stats.n - 1) % 4 == 0:
            exact |= {"q1", "q3"}
        update: dict[str, float | None] = {}
        for name in ("mean", "weighted", "median", "q1", "q3", "iqr", "sd", "min", "max"):
            value = getattr(stats, name)
            update[name] = None if name in exact or value is None else round(value, decimals)
        if update["q1"] is None or update["q3"] is None:
            update["iqr"] = None
        return stats.model_copy(update=update)

    def members(
        self, group: Group, by_ags: Mapping[str, Participant], min_group_size: int
    ) -> tuple[list[PeerGroupMemberRead], str | None]:
        withheld = self.group_withheld(group, min_group_size)
        shown = group.members if withheld is None else group.members & self.own_ags
        members = []
        for ags in shown:
            label, visible = self.label(by_ags[ags])
            members.append(PeerGroupMemberRead(label=label, ags=visible, own=ags in self.own_ags))
        members.sort(key=lambda m: m.label)
        return members, withheld

    def parameters(self, parameters: Mapping[str, object]) -> dict[str, object]:
        """A group's method parameters; the list of imputed values names cities and is reduced
        to its count for guarded viewers."""
        shown = dict(parameters)
        if self.guarded and isinstance(imputed := shown.get("imputed"), list):
            own = [
                {k: v for k, v in item.items() if k != "ags"}
                for item in imputed
                if isinstance(item, dict) and item.get("ags") in self.own_ags
            ]
            shown["imputed"] = own
            shown["imputed_other_cities"] = len(imputed) - len(own)
        return shown


def viewer_for(principal: Principal, rnd: Round, participants: tuple[Participant, ...]) -> Viewer:
    moderator = round_service.is_round_moderator(principal, rnd, Action.read_comparison)
    own_ids = principal.municipality_ids(Action.read_comparison)
    own = frozenset(p.ags for p in participants if p.municipality_id in own_ids)
    return Viewer(
        names_everywhere=moderator or rnd.display_rule == DisplayRule.named,
        own_ags=own,
        moderator=moderator,
    )


def labelled(
    rows: Mapping[str, ComparisonRow],
    by_ags: Mapping[str, Participant],
    viewer: Viewer,
    withheld: str | None = None,
) -> list[ComparisonRow]:
    """The rows this viewer may see, with the labels it may see, by rank (unranked last), then
    label – never by AGS, which would reveal the order behind the pseudonyms."""
    chosen: Iterable[tuple[str, ComparisonRow]] = rows.items()
    if withheld is not None:
        chosen = [(a, r) for a, r in rows.items() if a in viewer.own_ags]
    shaped = []
    for ags, row in chosen:
        label, shown_ags = viewer.label(by_ags[ags])
        own = ags in viewer.own_ags
        update: dict[str, object] = {"label": label, "ags": shown_ags, "own": own}
        if viewer.guarded and not own:
            update |= {"ci_low": None, "ci_high": None}
        shaped.append(row.model_copy(update=update))
    return sorted(shaped, key=lambda r: (r.rank is None, r.rank or 0, r.label))


def neighbour_summary(records: list[dict[Hashable, Any]], variables: list[str]) -> NeighbourSummary:
    """The nearest neighbours as a group: how many, how far on average, alike on what."""
    counts = dict.fromkeys(variables, 0)
    for row in records:
        for variable in row["similar_on"]:
            counts[str(variable)] = counts.get(str(variable), 0) + 1
    distances = [float(row["distance"]) for row in records]
    return NeighbourSummary(
        k=len(records),
        mean_distance=round(sum(distances) / len(distances), 4) if distances else 0.0,
        similar_on=counts,
    )


def published_note(rnd: Round, meta: IndicatorMeta) -> str | None:
    """The note that pseudonyms cannot protect a key figure official statistics publish per
    city (pseudonymised rounds only)."""
    if rnd.display_rule != DisplayRule.pseudonymised or not meta.published_source:
        return None
    return (
        f"Diese Kennzahl wird amtlich je Stadt veröffentlicht ({meta.published_source}); "
        "Pseudonyme schützen sie nicht: wer den Wert nachschlägt, erkennt die Stadt."
    )
