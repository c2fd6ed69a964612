"""An automated re-identification attacker against a pseudonymised round.

The attacker is a participant of the round (coordinator or viewer). It knows every public attribute
of every city (what ``/api/v1/municipalities`` shows, and the KON-* context figures, which official
statistics publish per city), the membership of every peer group that is derived from public
attributes (size class, East/West, state, kreisfrei, and the data-driven clusters, which it can
recompute from the public context figures), and the structural distances between cities (also
recomputable). It reads every comparison endpoint it may read and narrows, for every pseudonym, the
set of cities it can stand for. The channels:

- ``context``: a pseudonym's KON-* value matched against the known value of every city;
- ``groups``: peer-group listings that show pseudonyms (members, and non-members of a complete list);
- ``neighbours``: distances of the own city's neighbours matched against known distances;
- ``intervals``: a share's 95 % interval solved for its denominator and matched against populations;
- ``linking``: a value shown beside a pseudonym that reappears in a view of a public-attribute group
  (as a row, or as the group's minimum or maximum) places the pseudonym in that group.

The attacker is sound: it never removes the true city from a pseudonym's candidates (the tests
assert this), so "at least 3 candidates" is a real lower bound on what it learnt.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

from fastapi.testclient import TestClient

PUBLIC_GROUP_TYPES = frozenset({"size_class", "east_west", "state", "kreisfrei", "cluster", "all"})
Z95 = NormalDist().inv_cdf(0.975)

Json = dict[str, Any]
# (code, kind, multiplier, whether the denominator is the total population) of every key figure,
# as the public catalogue states them.
Code = tuple[str, str, int, bool]
POPULATION = "G-BEV-GES"
GROUP_STRIDE = 6  # the full sweep reads every peer group's rows for every 6th key figure


@dataclass(frozen=True)
class PublicKnowledge:
    """What the attacker knows before it signs in."""

    participants: frozenset[str]
    population: dict[tuple[str, int], float]  # (ags, year) -> official population
    context: dict[tuple[str, int], dict[str, float]]  # (KON code, year) -> ags -> value
    group_members: dict[str, frozenset[str]]  # public-attribute group id -> ags
    distances: dict[str, dict[str, float]]  # ags -> ags -> structural distance


@dataclass
class Attack:
    """The candidate cities per pseudonym, narrowed channel by channel."""

    own: str
    knowledge: PublicKnowledge
    candidates: dict[str, set[str]] = field(default_factory=dict)
    evidence: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    requests: int = 0
    truth: dict[str, str] | None = None  # for diagnosis only: which channel was wrong
    unsound: list[str] = field(default_factory=list)

    def _candidates(self, label: str) -> set[str]:
        if label not in self.candidates:
            self.candidates[label] = set(self.knowledge.participants - {self.own})
        return self.candidates[label]

    def narrow(self, label: str, allowed: Iterable[str], channel: str) -> None:
        cands = self._candidates(label)
        before = len(cands)
        cands &= set(allowed)
        if len(cands) < before:
            self.evidence[label].add(channel)
        self._check(label, channel)

    def _check(self, label: str, channel: str) -> None:
        if self.truth is not None and self.truth[label] not in self.candidates[label]:
            self.unsound.append(f"{label} lost its city through {channel}")

    def exclude(self, label: str, excluded: Iterable[str], channel: str) -> None:
        cands = self._candidates(label)
        before = len(cands)
        cands -= set(excluded)
        if len(cands) < before:
            self.evidence[label].add(channel)
        self._check(label, channel)

    def eliminate(self) -> None:
        """A pseudonym pinned to one city takes that city out of every other pseudonym's set."""
        changed = True
        while changed:
            changed = False
            pinned = {next(iter(c)): label for label, c in self.candidates.items() if len(c) == 1}
            for label, cands in self.candidates.items():
                for city, owner in pinned.items():
                    if owner != label and city in cands and len(cands) > 1:
                        cands.discard(city)
                        changed = True

    def identified(self) -> dict[str, str]:
        return {label: next(iter(c)) for label, c in self.candidates.items() if len(c) == 1}


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def wilson_trials(p: float, low: float, high: float) -> float | None:
    """The number of trials n for which the Wilson interval of p has the given width."""
    width = high - low
    if not (0 < p < 1) or width <= 0:
        return None

    def w(n: float) -> float:
        z2 = Z95 * Z95
        return 2 * Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)

    lo, hi = 1.0, 1e9
    if not w(hi) <= width <= w(lo):
        return None
    for _ in range(200):  # bisection on log n; the width falls monotonically with n
        mid = math.sqrt(lo * hi)
        if w(mid) > width:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


def run_attack(
    client: TestClient,
    headers: dict[str, str],
    *,
    round_id: int,
    own: str,
    knowledge: PublicKnowledge,
    codes: list[Code],
    years: list[int],
    full_sweep: bool,
    on_response: Callable[[str, Json], None] | None = None,
    truth: dict[str, str] | None = None,
) -> Attack:
    """Read what a participant may read and narrow the candidates of every pseudonym."""
    attack = Attack(own=own, knowledge=knowledge, truth=truth)
    base = f"/api/v1/rounds/{round_id}/comparison"

    def get(path: str, **params: Any) -> Json | list[Json] | None:
        attack.requests += 1
        response = client.get(f"{base}{path}", headers=headers, params=params)
        if response.status_code != 200:
            return None
        body: Any = response.json()
        if on_response is not None and isinstance(body, dict):
            on_response(path, body)
        return body  # type: ignore[no-any-return]

    # Peer groups: memberships shown beside pseudonyms.
    groups = get("/peer-groups")
    assert isinstance(groups, list)
    group_ids = [str(g["id"]) for g in groups]
    for g in groups:
        known_members = knowledge.group_members.get(str(g["id"]))
        if known_members is None:
            continue  # a group drawn by the moderator: its membership is not public
        listed = {str(m["label"]) for m in g["members"] if not m["own"]}
        for label in listed:
            attack.narrow(label, known_members, "groups")
        complete = len(g["members"]) == int(g["size"]) and g["members"]
        if complete:
            for label in set(attack.candidates) - listed:
                attack.exclude(label, known_members, "groups")

    # Neighbours with distances.
    found = get(f"/municipalities/{own}/neighbours", k=20)
    if isinstance(found, dict):
        known = knowledge.distances.get(own, {})
        for n in found["neighbours"]:
            if n.get("ags") or n.get("distance") is None:
                continue
            d = float(n["distance"])
            attack.narrow(
                str(n["label"]),
                {c for c, dc in known.items() if abs(dc - d) <= 1e-3 + 1e-4 * d},
                "neighbours",
            )

    # Indicator views. The full sweep reads every key figure, year and measure in the view of all
    # cities, every peer group's view for every GROUP_STRIDE-th key figure, and every peer
    # group's statistics for every key figure (through the distribution endpoint); the light
    # sweep reads the context figures in the view of all cities.
    shown: dict[tuple[str, int, str], dict[str, float]] = defaultdict(dict)  # label -> value
    in_group: dict[tuple[str, int, str], dict[str, set[float]]] = defaultdict(
        lambda: defaultdict(set)
    )
    everyone: dict[tuple[str, int, str], list[float]] = defaultdict(list)
    others = [g for g in group_ids if g != "all"]
    for number, (code, kind, multiplier, per_population) in enumerate(codes):
        if not full_sweep and not code.startswith("KON-"):
            continue
        measures = ["gap", "A", "B", "ratio"] if kind == "gap" else ["value"]
        sweep = ["all", *others] if full_sweep and number % GROUP_STRIDE == 0 else ["all"]
        for measure in measures:
            if full_sweep:
                for start in range(0, len(others), 20):
                    boxes = get(
                        f"/indicators/{code}/distribution",
                        measure=measure,
                        peer_group=others[start : start + 20],
                    )
                    for box in boxes["boxes"] if isinstance(boxes, dict) else []:
                        key = (code, int(box["year"]), measure)
                        group_id = str(box["peer_group"]["id"])
                        in_group[key][group_id] |= member_values(box["statistics"])
            for year in years:
                for gid in sweep:
                    view = get(f"/indicators/{code}", year=year, peer_group=gid, measure=measure)
                    if not isinstance(view, dict):
                        continue
                    key = (code, year, measure)
                    for row in view["rows"]:
                        value = row.get("value")
                        if value is None:
                            continue
                        in_group[key][gid].add(float(value))
                        if gid == "all":
                            everyone[key].append(float(value))
                        if row["own"] or row.get("ags"):
                            continue
                        label = str(row["label"])
                        shown[key][label] = float(value)
                        _row_channels(
                            attack, row, code, year, measure, multiplier * per_population, knowledge
                        )

    # Scatter plots with a context figure on an axis.
    kon_codes = [c[0] for c in codes if c[0].startswith("KON-")]
    other = next((c[0] for c in codes if not c[0].startswith("KON-") and c[1] != "gap"), None)
    for code in kon_codes:
        for year in years:
            for x, y in ((code, other), (other, code)):
                if x is None or y is None:
                    continue
                plot = get("/scatter", x=x, y=y, year=year, peer_group="all")
                if not isinstance(plot, dict):
                    continue
                for point in plot["points"]:
                    if point["own"] or point.get("ags"):
                        continue
                    value = float(point["x"] if x == code else point["y"])
                    _context_channel(attack, str(point["label"]), code, year, value, knowledge)

    # Linking: a pseudonym's unique value reappearing in a public-attribute group's view.
    for key, by_label in shown.items():
        counts: dict[float, int] = defaultdict(int)
        for v in everyone[key]:  # every value of the view of all cities, the own included
            counts[round(v, 9)] += 1
        for label, v in by_label.items():
            if counts[round(v, 9)] != 1:
                continue  # a tie: the value does not point to one city
            for gid, values in in_group[key].items():
                known_members = knowledge.group_members.get(gid)
                if known_members is None or gid == "all":
                    continue
                if round(v, 9) in {round(w, 9) for w in values}:
                    attack.narrow(label, known_members, "linking")

    attack.eliminate()
    return attack


def member_values(stats: Json) -> set[float]:
    """The statistics that are exactly one member's value: minimum and maximum always; the
    median and the quartiles (type 7) where their position falls on a member."""
    n = int(stats.get("n") or 0)
    exact = ["min", "max"]
    if n % 2 == 1:
        exact.append("median")
    if n >= 5 and (n - 1) % 4 == 0:
        exact += ["q1", "q3"]
    return {float(stats[k]) for k in exact if stats.get(k) is not None}


def _context_channel(
    attack: Attack, label: str, code: str, year: int, value: float, knowledge: PublicKnowledge
) -> None:
    known = knowledge.context.get((code, year), {})
    if known:
        attack.narrow(label, {c for c, v in known.items() if _close(v, value)}, "context")


def _row_channels(
    attack: Attack,
    row: Json,
    code: str,
    year: int,
    measure: str,
    multiplier: int,
    knowledge: PublicKnowledge,
) -> None:
    label = str(row["label"])
    value = float(row["value"])
    if code.startswith("KON-") and measure == "value":
        _context_channel(attack, label, code, year, value, knowledge)
    low, high = row.get("ci_low"), row.get("ci_high")
    if low is not None and high is not None and multiplier:
        n = wilson_trials(value / multiplier, float(low) / multiplier, float(high) / multiplier)
        if n is not None:
            matches = {
                c
                for c in knowledge.participants
                if (pop := knowledge.population.get((c, year))) and abs(pop - n) <= 1e-2 * pop
            }
            if matches:  # the denominator is the population: the interval names the city
                attack.narrow(label, matches, "intervals")
