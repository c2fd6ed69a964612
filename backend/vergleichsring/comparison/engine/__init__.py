"""The comparison engine: pure functions, DataFrame in, DataFrame out (see the modules)."""

from vergleichsring.comparison.engine.intervals import (
    differs_from,
    poisson_interval,
    rate_intervals,
    wilson_interval,
)
from vergleichsring.comparison.engine.key_figures import (
    KEY_FIGURE_COLUMNS,
    FormulaLike,
    GroupFormula,
    IndicatorDef,
    key_figures,
)
from vergleichsring.comparison.engine.peer_groups import (
    ClusterResult,
    Standardised,
    nearest_neighbours,
    silhouette,
    similar_on,
    simple_groups,
    standardise,
    ward_clusters,
)
from vergleichsring.comparison.engine.positions import (
    CORRIDORS,
    POLARITIES,
    POSITION_COLUMNS,
    VERDICTS,
    GroupComparison,
    PolaritySpec,
    changes,
    group_comparison,
    positions,
)
from vergleichsring.comparison.engine.statistics import (
    DEFAULT_BY,
    STATISTIC_COLUMNS,
    group_statistics,
    group_statistics_excluding_self,
)
from vergleichsring.comparison.engine.suppression import (
    DEFAULT_SUPPRESSION_THRESHOLD,
    GAP_MEASURES,
    SENSITIVE_SUPPRESSION_THRESHOLD,
    primary_suppression,
    redact,
    secondary_suppression,
)

__all__ = [
    "CORRIDORS",
    "DEFAULT_BY",
    "DEFAULT_SUPPRESSION_THRESHOLD",
    "GAP_MEASURES",
    "KEY_FIGURE_COLUMNS",
    "POLARITIES",
    "POSITION_COLUMNS",
    "SENSITIVE_SUPPRESSION_THRESHOLD",
    "STATISTIC_COLUMNS",
    "VERDICTS",
    "ClusterResult",
    "FormulaLike",
    "GroupComparison",
    "GroupFormula",
    "IndicatorDef",
    "PolaritySpec",
    "Standardised",
    "changes",
    "differs_from",
    "group_comparison",
    "group_statistics",
    "group_statistics_excluding_self",
    "key_figures",
    "nearest_neighbours",
    "poisson_interval",
    "positions",
    "primary_suppression",
    "rate_intervals",
    "redact",
    "secondary_suppression",
    "silhouette",
    "similar_on",
    "simple_groups",
    "standardise",
    "ward_clusters",
    "wilson_interval",
]
