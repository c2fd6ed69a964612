"""The vocabulary of key figures, defined once: the catalogue spec, the ORM models, the API
schemas and the comparison all use these enums (the engine, which imports no domain module,
receives their string values through ``comparison.definitions``)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FormulaGroup", "IndicatorKind", "IntervalKind", "Polarity"]


class Polarity(StrEnum):
    higher_better = "higher_better"
    lower_better = "lower_better"
    neutral = "neutral"


class IndicatorKind(StrEnum):
    rate = "rate"
    gap = "gap"
    count_ = "count"  # the member name avoids shadowing str.count
    flag = "flag"
    category = "category"
    delivered = "delivered"


class FormulaGroup(StrEnum):
    total = "total"
    a = "A"
    b = "B"


class IntervalKind(StrEnum):
    """How the uncertainty of a key figure's value is measured (its 95 % interval).

    ``wilson``: a share of a population (numerator counted among the denominator), the Wilson
    score interval; ``poisson``: a rate of events or persons per 1,000 or 100,000, the exact
    (Garwood) Poisson interval of the numerator; ``none``: no interval (growth rates,
    differences, densities, amounts per resident and every other kind).
    """

    wilson = "wilson"
    poisson = "poisson"
    none = "none"
