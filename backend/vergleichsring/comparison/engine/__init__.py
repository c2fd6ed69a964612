"""The comparison engine: pure functions, DataFrame in, DataFrame out (see the modules)."""

from vergleichsring.comparison.engine.key_figures import key_figures
from vergleichsring.comparison.engine.master_groups import simple_groups
from vergleichsring.comparison.engine.peer_groups import nearest_neighbours, ward_clusters
from vergleichsring.comparison.engine.suppression import (
    primary_suppression,
    redact,
    secondary_suppression,
)

__all__ = [
    "key_figures",
    "nearest_neighbours",
    "primary_suppression",
    "redact",
    "secondary_suppression",
    "simple_groups",
    "ward_clusters",
]
