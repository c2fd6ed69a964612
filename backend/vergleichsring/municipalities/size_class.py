"""Size classes (Größenklassen) of the ring."""

from __future__ import annotations


def size_class(population: float | None) -> str | None:
    """GK1 ≥ 500,000; GK2 200,000 – < 500,000; GK3 100,000 – < 200,000; below: None."""
    if population is None:
        return None
    if population >= 500_000:
        return "GK1"
    if population >= 200_000:
        return "GK2"
    if population >= 100_000:
        return "GK3"
    return None
