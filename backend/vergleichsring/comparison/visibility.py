"""Who sees which name: own city and moderators by name, the others under the round's
pseudonym (unless the round's display rule names everyone)."""

from __future__ import annotations

from dataclasses import dataclass

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.comparison.peer_groups import Participant
from vergleichsring.comparison.schemas import ComparisonRow
from vergleichsring.core.errors import NotFound
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import DisplayRule, Round

__all__ = ["Viewer", "labelled", "viewer_for"]


@dataclass(frozen=True)
class Viewer:
    names_everywhere: bool
    own_ags: frozenset[str]
    moderator: bool

    def label(self, p: Participant) -> tuple[str, str | None]:
        if self.names_everywhere or p.ags in self.own_ags:
            return p.name, p.ags
        return p.pseudonym, None

    def city(self, by_ags: dict[str, Participant], ags: str) -> Participant:
        """A city the viewer may open (moderators: every city; participants: their own)."""
        participant = by_ags.get(ags)
        if participant is None or not (self.moderator or ags in self.own_ags):
            raise NotFound(f"No city {ags} in this round for you.")
        return participant


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
    rows: dict[str, ComparisonRow], by_ags: dict[str, Participant], viewer: Viewer
) -> list[ComparisonRow]:
    """The rows with the labels this viewer may see, by rank (unranked last), then label –
    never by AGS, which would reveal the order behind the pseudonyms."""
    shaped = []
    for ags, row in rows.items():
        label, shown_ags = viewer.label(by_ags[ags])
        shaped.append(
            row.model_copy(update={"label": label, "ags": shown_ags, "own": ags in viewer.own_ags})
        )
    return sorted(shaped, key=lambda r: (r.rank is None, r.rank or 0, r.label))
