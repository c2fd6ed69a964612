"""The vocabulary of key figures, defined once: the catalogue spec, the ORM models, the API
schemas and the comparison all use these enums (the engine, which imports no domain module,
receives their string values through ``comparison.definitions``)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["FormulaGroup", "IndicatorKind", "Polarity"]


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
