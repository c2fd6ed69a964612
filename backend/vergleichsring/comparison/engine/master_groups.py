"""Master-data peer groups: size class, East/West, state (Land), kreisfrei.

Berlin is in neither East nor West: the city was part East and part West, official statistics
list it separately ("früheres Bundesgebiet ohne Berlin", "neue Länder ohne Berlin"), and as the
ring's largest city it would dominate whichever group it joined. A group of Berlin alone would
never reach the minimum group size, so there is none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import pandas as pd

__all__ = ["ags_values", "simple_groups"]

GROUP_TYPES: Final[tuple[str, ...]] = ("size_class", "east_west", "state", "kreisfrei")
#: Size classes of the ring: code -> (label_de, label_en).
SIZE_CLASSES: Final[Mapping[str, tuple[str, str]]] = {
    "GK1": ("Größenklasse 1 (ab 500.000 Einw.)", "Size class 1 (500,000 residents or more)"),
    "GK2": (
        "Größenklasse 2 (200.000 bis unter 500.000 Einw.)",
        "Size class 2 (200,000 to under 500,000 residents)",
    ),
    "GK3": (
        "Größenklasse 3 (100.000 bis unter 200.000 Einw.)",
        "Size class 3 (100,000 to under 200,000 residents)",
    ),
}
EAST_WEST_GROUPS: Final[Mapping[str, tuple[str, str]]] = {
    "Ost": ("Ostdeutschland (ohne Berlin)", "East Germany (excluding Berlin)"),
    "West": ("Westdeutschland (ohne Berlin)", "West Germany (excluding Berlin)"),
}
KREISFREI_GROUPS: Final[Mapping[bool, tuple[str, str, str]]] = {
    True: ("kreisfrei", "Kreisfreie Städte", "County-level cities (kreisfrei)"),
    False: ("kreisangehoerig", "Kreisangehörige Städte", "Cities within a district"),
}
#: The Länder by the first two AGS digits: code -> (label_de, label_en).
STATES: Final[Mapping[str, tuple[str, str]]] = {
    "01": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "02": ("Hamburg", "Hamburg"),
    "03": ("Niedersachsen", "Lower Saxony"),
    "04": ("Bremen", "Bremen"),
    "05": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "06": ("Hessen", "Hesse"),
    "07": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "08": ("Baden-Württemberg", "Baden-Württemberg"),
    "09": ("Bayern", "Bavaria"),
    "10": ("Saarland", "Saarland"),
    "11": ("Berlin", "Berlin"),
    "12": ("Brandenburg", "Brandenburg"),
    "13": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "14": ("Sachsen", "Saxony"),
    "15": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "16": ("Thüringen", "Thuringia"),
}
_GROUP_COLUMNS: Final = ("group_type", "group", "label_de", "label_en", "ags")


def simple_groups(cities: pd.DataFrame) -> pd.DataFrame:
    """The master-data groups, long: ``group_type``, ``group``, ``label_de``, ``label_en``, ``ags``.

    ``cities`` has ``ags``, ``size_class`` (GK1/GK2/GK3; empty for a city below 100,000: it is
    in no size class), ``east_west`` (Ost/West/Berlin), ``state`` (name or two-digit code,
    checked against the AGS) and ``kreisfrei`` (bool). The state group is the Land of the first
    two AGS digits (``05``). Rows are ordered by group type (as listed), group and AGS.
    """
    required = ("ags", "size_class", "east_west", "state", "kreisfrei")
    absent = [c for c in required if c not in cities.columns]
    if absent:
        raise ValueError(f"cities: missing column(s) {absent}")
    ags = ags_values(cities["ags"])
    if len(set(ags)) != len(ags):
        raise ValueError("cities: an AGS is listed twice")

    rows: list[tuple[str, str, str, str, str]] = []
    for code, size, region, state, kreisfrei in zip(
        ags,
        cities["size_class"].tolist(),
        cities["east_west"].tolist(),
        cities["state"].tolist(),
        cities["kreisfrei"].tolist(),
        strict=True,
    ):
        if not pd.isna(size):
            if size not in SIZE_CLASSES:
                raise ValueError(f"city {code}: unknown size_class {size!r}")
            rows.append(("size_class", size, *SIZE_CLASSES[size], code))
        if region in EAST_WEST_GROUPS:
            rows.append(("east_west", region, *EAST_WEST_GROUPS[region], code))
        elif region != "Berlin":
            raise ValueError(f"city {code}: east_west must be Ost, West or Berlin, got {region!r}")
        state_code = code[:2]
        if state_code not in STATES:
            raise ValueError(f"city {code}: the AGS names no Land")
        if str(state) not in (state_code, STATES[state_code][0]):
            raise ValueError(
                f"city {code}: state {state!r} does not match the AGS "
                f"({state_code} = {STATES[state_code][0]})"
            )
        rows.append(("state", state_code, *STATES[state_code], code))
        if not isinstance(kreisfrei, bool | np.bool_):
            raise ValueError(f"city {code}: kreisfrei must be true or false, got {kreisfrei!r}")
        rows.append(("kreisfrei", *KREISFREI_GROUPS[bool(kreisfrei)], code))

    rows.sort(key=lambda r: (GROUP_TYPES.index(r[0]), r[1], r[4]))
    return pd.DataFrame(rows, columns=list(_GROUP_COLUMNS), dtype="str")


def ags_values(column: pd.Series | pd.Index) -> list[str]:
    values = [str(a) for a in column.tolist()]
    bad = [a for a in values if len(a) != 8 or not a.isdigit()]
    if bad:
        raise ValueError(f"AGS must be 8 digits as text, got {bad[:5]}")
    return values
