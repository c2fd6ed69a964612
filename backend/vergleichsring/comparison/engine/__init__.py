from vergleichsring.comparison.engine.intervals import differs_from as differs_from
from vergleichsring.comparison.engine.intervals import rate_intervals as rate_intervals
from vergleichsring.comparison.engine.intervals import wilson_interval as wilson_interval
from vergleichsring.comparison.engine.key_figures import KEY_FIGURE_COLUMNS as KEY_FIGURE_COLUMNS
from vergleichsring.comparison.engine.key_figures import FormulaLike as FormulaLike
from vergleichsring.comparison.engine.key_figures import GroupFormula as GroupFormula
from vergleichsring.comparison.engine.key_figures import IndicatorDef as IndicatorDef
from vergleichsring.comparison.engine.key_figures import key_figures as key_figures
from vergleichsring.comparison.engine.peer_groups import ClusterResult as ClusterResult
from vergleichsring.comparison.engine.peer_groups import Standardised as Standardised
from vergleichsring.comparison.engine.peer_groups import nearest_neighbours as nearest_neighbours
from vergleichsring.comparison.engine.peer_groups import silhouette as silhouette
from vergleichsring.comparison.engine.peer_groups import similar_on as similar_on
from vergleichsring.comparison.engine.peer_groups import simple_groups as simple_groups
from vergleichsring.comparison.engine.peer_groups import standardise as standardise
from vergleichsring.comparison.engine.peer_groups import ward_clusters as ward_clusters
from vergleichsring.comparison.engine.positions import CORRIDORS as CORRIDORS
from vergleichsring.comparison.engine.positions import POLARITIES as POLARITIES
from vergleichsring.comparison.engine.positions import POSITION_COLUMNS as POSITION_COLUMNS
from vergleichsring.comparison.engine.positions import VERDICTS as VERDICTS
from vergleichsring.comparison.engine.positions import GroupComparison as GroupComparison
from vergleichsring.comparison.engine.positions import PolaritySpec as PolaritySpec
from vergleichsring.comparison.engine.positions import TieMethod as TieMethod
from vergleichsring.comparison.engine.positions import changes as changes
from vergleichsring.comparison.engine.positions import group_comparison as group_comparison
from vergleichsring.comparison.engine.positions import positions as positions
from vergleichsring.comparison.engine.statistics import DEFAULT_BY as DEFAULT_BY
from vergleichsring.comparison.engine.statistics import QUANTILE_METHODS as QUANTILE_METHODS
from vergleichsring.comparison.engine.statistics import STATISTIC_COLUMNS as STATISTIC_COLUMNS
from vergleichsring.comparison.engine.statistics import assign_groups as assign_groups
from vergleichsring.comparison.engine.statistics import group_statistics as group_statistics
from vergleichsring.comparison.engine.statistics import (
    group_statistics_excluding_self as group_statistics_excluding_self,
)
from vergleichsring.comparison.engine.suppression import (
    DEFAULT_SUPPRESSION_THRESHOLD as DEFAULT_SUPPRESSION_THRESHOLD,
)
from vergleichsring.comparison.engine.suppression import GAP_MEASURES as GAP_MEASURES
from vergleichsring.comparison.engine.suppression import (
    SENSITIVE_SUPPRESSION_THRESHOLD as SENSITIVE_SUPPRESSION_THRESHOLD,
)
from vergleichsring.comparison.engine.suppression import primary_suppression as primary_suppression
from vergleichsring.comparison.engine.suppression import redact as redact
from vergleichsring.comparison.engine.suppression import (
    secondary_suppression as secondary_suppression,
)
