"""API shapes of the comparison. Every number is computed on the server; charts only draw."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from vergleichsring.catalog.models import IndicatorKind, Polarity
from vergleichsring.core.validation import Name

Measure = Literal["value", "A", "B", "gap", "ratio"]
# A ring compares cities, not every municipality of the country: a generous ceiling.
MAX_PEER_GROUP_MEMBERS = 2000


class IndicatorBrief(BaseModel):
    code: str
    field: str
    name_de: str
    name_en: str
    unit: str
    kind: IndicatorKind
    polarity: Polarity
    decimals: int
    context: bool
    measure: Measure
    measure_label_de: str
    measure_label_en: str
    group_a_de: str | None = None
    group_b_de: str | None = None
    published_source: str | None = Field(
        default=None,
        description="the official statistics that publish this key figure per city, if any",
    )


class PeerGroupBrief(BaseModel):
    id: str = Field(examples=["all", "size_class:GK2", "east_west:Ost", "cluster:2"])
    type: str
    name_de: str
    name_en: str
    size: int


class Conventions(BaseModel):
    tie_rule: str = "competition ranking (1, 2, 2, 4)"
    rank_direction: str
    polarity: Polarity
    quantile_method: str = "linear interpolation (Hyndman–Fan type 7, numpy/R default)"
    own_city_included: bool = Field(
        default=True,
        description="statistics include every city of the group; rows carry `excluding_self`",
    )
    weighting: str = (
        "mean is unweighted; weighted = Σ numerators / Σ denominators × multiplier "
        "(the ring value), suppressed cities excluded"
    )
    sd: str = "sample standard deviation (n − 1)"
    percentile: str = "100 × (n − rank) / (n − 1): best city 100, worst 0"
    robust_z: str = "(value − median) / (1.4826 × median absolute deviation)"
    corridor: str = "interquartile range [Q1, Q3], bounds inclusive"
    interval: str = (
        "95 % interval from the counts, by the key figure's declared kind: Wilson score for a "
        "share of a population (also groups A and B of a gap), exact Poisson for a rate per "
        "1,000 or 100,000, none for growth rates, differences, densities and other kinds; "
        "`differs_from_median` = the group median lies outside it"
    )
    suppression: str = (
        "a value whose numerator is at least 1 and below the key figure's threshold is not "
        "shown ('.'), nor are the complementary group values of a gap indicator"
    )
    gap: str | None = None
    min_group_size: int


class Statistics(BaseModel):
    n: int
    mean: float | None
    weighted: float | None
    median: float | None
    min: float | None
    max: float | None
    q1: float | None
    q3: float | None
    iqr: float | None
    sd: float | None
    withheld: str | None = Field(description="why the statistics are withheld, e.g. 'n=3 < 5'")


class ExcludingSelf(BaseModel):
    n: int
    mean: float | None
    median: float | None
    withheld: str | None


class ComparisonRow(BaseModel):
    label: str = Field(description="the city's name, or its pseudonym in the round")
    ags: str | None = Field(description="only where the caller may see the name")
    own: bool
    value: float | None = Field(description="null when missing or suppressed")
    display: str = Field(description="the value as text; '.' suppressed, '-' missing")
    suppressed: bool
    suppression_reason: str | None
    missing_reason: str | None
    status: Literal["ok", "missing", "suppressed"]
    rank: int | None
    rank_n: int | None
    percentile: float | None
    dev_mean: float | None
    dev_mean_pct: float | None
    dev_median: float | None
    dev_median_pct: float | None
    z: float | None
    robust_z: float | None
    previous: float | None
    change_abs: float | None
    change_pct: float | None
    corridor: Literal["below", "within", "above"] | None
    verdict: Literal["better", "worse"] | None
    ci_low: float | None
    ci_high: float | None
    differs_from_median: bool | None
    excluding_self: ExcludingSelf
    value_a: float | None = None
    value_b: float | None = None


class IndicatorComparison(BaseModel):
    round_id: int
    indicator: IndicatorBrief
    year: int
    peer_group: PeerGroupBrief
    conventions: Conventions
    statistics: Statistics
    rows: list[ComparisonRow]
    others_withheld: str | None = Field(
        default=None,
        description="why the rows of other cities are not shown (pseudonymised round: only the "
        "group's statistics and the own city); null when every row is shown",
    )
    published_note: str | None = Field(
        default=None,
        description="set when official statistics publish this key figure per city: pseudonyms "
        "cannot protect it",
    )
    data_version: str
    synthetic_data: bool


class ProfileEntry(BaseModel):
    indicator: IndicatorBrief
    statistics: Statistics
    row: ComparisonRow


class Profile(BaseModel):
    round_id: int
    label: str
    ags: str | None
    year: int
    peer_group: PeerGroupBrief
    conventions_note: str
    entries: list[ProfileEntry]
    data_version: str
    synthetic_data: bool


class BoxPlot(BaseModel):
    year: int
    peer_group: PeerGroupBrief
    statistics: Statistics
    own_value: float | None
    own_label: str | None


class Distribution(BaseModel):
    round_id: int
    indicator: IndicatorBrief
    quantile_method: str
    boxes: list[BoxPlot]
    data_version: str
    synthetic_data: bool


class ScatterPoint(BaseModel):
    label: str
    ags: str | None
    own: bool
    x: float
    y: float


class Scatter(BaseModel):
    round_id: int
    year: int
    x: IndicatorBrief
    y: IndicatorBrief
    peer_group: PeerGroupBrief
    points: list[ScatterPoint]
    left_out: int = Field(
        description="cities without both values (missing or suppressed), or withheld"
    )
    others_withheld: str | None = Field(
        default=None, description="why the points of other cities are not shown"
    )
    data_version: str
    synthetic_data: bool


class PeerGroupMemberRead(BaseModel):
    label: str
    ags: str | None
    own: bool


class PeerGroupRead(PeerGroupBrief):
    method: str
    parameters: dict[str, object] = {}
    members: list[PeerGroupMemberRead]
    members_withheld: str | None = Field(
        default=None,
        description="why the other members are not listed (pseudonymised round, a group "
        "derived from public attributes); the own city's membership is always shown",
    )
    usable: bool = Field(description="has at least the round's minimum group size")


class PeerGroupCreate(BaseModel):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,40}$")
    name: Annotated[Name, Field(min_length=2)]
    members: list[Annotated[str, Field(pattern=r"^[0-9]{8}$")]] = Field(
        min_length=1, max_length=MAX_PEER_GROUP_MEMBERS, description="AGS of cities of the round"
    )


class Neighbour(BaseModel):
    label: str
    ags: str | None
    distance: float
    rank: int
    differences: dict[str, float]
    similar_on: list[str]
    imputed: list[str]


class NeighbourSummary(BaseModel):
    k: int
    mean_distance: float
    similar_on: dict[str, int] = Field(
        description="per structural variable, how many of the k neighbours are most similar on it"
    )


class Neighbours(BaseModel):
    round_id: int
    label: str
    ags: str | None
    variables: list[str]
    method: str
    neighbours: list[Neighbour]
    summary: NeighbourSummary | None = Field(
        default=None,
        description="pseudonymised round, participants: the neighbours as a group (no "
        "pseudonyms, no distances of single cities)",
    )
    others_withheld: str | None = None
    synthetic_data: bool
