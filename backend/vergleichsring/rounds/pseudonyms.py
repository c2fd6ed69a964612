"""Pseudonyms for the cities of a round: "Stadt 07".

The numbers are a random permutation, so a pseudonym reveals neither the alphabetical order nor
the size of a city. They are assigned once per round and stored, so they stay the same in every
chart, table and export of that round.
"""

from __future__ import annotations

import random
import secrets


def pseudonyms(count: int, *, rng: random.Random | None = None) -> list[str]:
    """``count`` distinct labels in random order; the i-th belongs to the i-th city passed in."""
    width = max(2, len(str(count)))
    numbers = list(range(1, count + 1))
    (rng or secrets.SystemRandom()).shuffle(numbers)
    return [f"Stadt {n:0{width}d}" for n in numbers]
