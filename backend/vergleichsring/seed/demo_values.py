"""Synthetic, deterministic base figures for the demo ring.

``generate_demo_values(cities, catalog, years, seed)`` returns one :class:`DemoValue` per city,
year and base figure of the catalogue. It is pure: the same inputs give the same list, item for
item. Every city draws its own parameters from ``numpy.random.default_rng([seed, AGS])`` (never
Python's ``hash()``), so adding a city does not change the others.

The figures are plausible, not real: they start from the city's real population (G-BEV-GES of a
year is the population of that year) and derive every other count from it with shares in
realistic ranges (foreign nationals ~7–33 %, East lower than West; age structure; schools; labour
market; social benefits …). They are consistent the way the plausibility checks expect: every
subgroup is at most its total, AUS + DEU = GES, MH ≥ AUS, every numerator of a share is at most
its denominator, ``*-VJ`` figures equal the previous year's value of their source, and year t is
within a few percent of year t−1.

On purpose, the data also contains what the platform must be able to show:

* outliers: in three cities one figure is about three times its usual value in the latest year;
* small counts: in the smallest cities some counts are 1 or 2, and sensitive discrimination
  counts are below 5, so that suppression has something to hide; one of them is the group count
  of a gap key figure (ARB-07, long-term unemployed foreigners), so that A, B, gap and ratio are
  suppressed together;
* missing values (value ``None``): ``not_collectable`` where a source does not exist for the
  city (no elected integration council, no resident survey, Mikrozensus too small, VGR only at
  district level) and ``not_delivered`` where a delivery is still outstanding;
* ``estimated`` values with a comment where a population is interpolated or extrapolated
  (always for G-BEV-GES-T5), and ``provisional`` for the disposable income of 2021 onwards.

Submission states (draft, submitted, approved …) are not decided here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

import numpy as np

from vergleichsring.catalog.spec import CatalogSpec
from vergleichsring.submissions.models import ValueStatus as StoredValueStatus

__all__ = [
    "OUTLIER_CODES",
    "VALUE_STATUSES",
    "DemoCity",
    "DemoValue",
    "ValueStatus",
    "generate_demo_values",
]

ValueStatus: TypeAlias = Literal[
    "ok", "not_collectable", "not_delivered", "suppressed", "provisional", "revised", "estimated"
]
VALUE_STATUSES: Final[tuple[str, ...]] = tuple(s.value for s in StoredValueStatus)
#: Base figures that receive an outlier (about 3× the usual value), one per chosen city.
OUTLIER_CODES: Final[tuple[str, ...]] = ("G-DOLM", "G-GEW-AN-AUS", "G-IK-NEU")
#: The long-term unemployed foreigners of a small-count city: below ARB-07's threshold of 3.
SMALL_GAP_COUNT = 2.0
#: Number of cities with an outlier, with small counts, and with outstanding deliveries.
OUTLIER_CITIES: Final = 3
SMALL_COUNT_CITIES: Final = 3
NOT_DELIVERED_CITIES: Final = 2
#: States (first two AGS digits) whose cities elect an integration / foreigners' council.
_COUNCIL_STATES: Final = frozenset({"05", "06", "07", "09", "10"})
_REGIONS: Final = ("Ost", "West", "Berlin")
_REFERENCE_YEAR: Final = 2020
_NO_MODEL = "Kein Demo-Modell für dieses Grunddatum"


@dataclass(frozen=True)
class DemoCity:
    """A city as the generator needs it.

    ``population`` maps a year to the population on 31.12.; years missing there are
    interpolated (or extrapolated) and marked ``estimated``. ``population_estimated`` names
    years whose population in the mapping is itself an estimate (e.g. an interpolated 2020).
    ``east_west`` is ``"Ost"``, ``"West"`` or ``"Berlin"``.
    """

    ags: str
    name: str
    population: Mapping[int, int]
    area_km2: float
    east_west: str
    kreisfrei: bool
    population_estimated: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DemoValue:
    """One synthetic base-figure value; ``value`` is ``None`` exactly when it is missing."""

    ags: str
    year: int
    base_figure: str
    value: float | None
    status: str
    comment: str | None


@dataclass(frozen=True)
class _Missing:
    status: ValueStatus
    comment: str


@dataclass(frozen=True)
class _Plan:
    """Which cities get outliers, small counts and outstanding deliveries."""

    outliers: Mapping[str, str]  # AGS -> base figure
    small: frozenset[str]
    not_delivered: Mapping[str, tuple[str, ...]]  # AGS -> base figures
    latest_year: int


# --- public entry point ---------------------------------------------------------------------


def generate_demo_values(
    cities: Sequence[DemoCity],
    catalog: CatalogSpec,
    years: Sequence[int],
    seed: int = 2021,
    *,
    outlier_ags: Sequence[str] | None = None,
) -> list[DemoValue]:
    """Synthetic base figures for every city, year and base figure of ``catalog``.

    Order: cities as given, years ascending, base figures in catalogue order. ``outlier_ags``
    chooses the cities with an outlier (default: three drawn from ``seed``). Base figures the
    generator has no model for come back as ``not_delivered`` with a comment, never invented.
    """
    _check_cities(cities)
    wanted_years = sorted({int(y) for y in years})
    if not wanted_years or not cities:
        return []
    plan = _plan(cities, seed, wanted_years[-1], outlier_ags)
    figures = catalog.base_figures
    result: list[DemoValue] = []
    for city in cities:
        model = _CityModel(city, seed, plan)
        for year in wanted_years:
            current = model.values(year)
            previous = model.values(year - 1)
            for figure in figures:
                source = figure.previous_year_of
                entry = previous.get(source) if source is not None else current.get(figure.code)
                if entry is None:
                    result.append(
                        DemoValue(city.ags, year, figure.code, None, "not_delivered", _NO_MODEL)
                    )
                    continue
                value, status, comment = entry
                result.append(DemoValue(city.ags, year, figure.code, value, status, comment))
    return result


# --- planning -------------------------------------------------------------------------------


def _check_cities(cities: Sequence[DemoCity]) -> None:
    seen: set[str] = set()
    for city in cities:
        if len(city.ags) != 8 or not city.ags.isdigit():
            raise ValueError(f"city {city.name!r}: AGS must be 8 digits as text, got {city.ags!r}")
        if city.ags in seen:
            raise ValueError(f"city {city.ags}: listed twice")
        seen.add(city.ags)
        if not city.population:
            raise ValueError(f"city {city.ags}: needs the population of at least one year")
        if any(p <= 0 for p in city.population.values()):
            raise ValueError(f"city {city.ags}: population must be positive")
        if city.east_west not in _REGIONS:
            raise ValueError(f"city {city.ags}: east_west must be one of {', '.join(_REGIONS)}")


def _latest_population(city: DemoCity) -> int:
    return city.population[max(city.population)]


def _plan(
    cities: Sequence[DemoCity], seed: int, latest_year: int, outlier_ags: Sequence[str] | None
) -> _Plan:
    by_size = sorted(cities, key=lambda c: (_latest_population(c), c.ags))
    small_count = min(SMALL_COUNT_CITIES, max(1, len(cities) // 4))
    small = frozenset(c.ags for c in by_size[:small_count])

    rng = np.random.default_rng([seed, 0x0D3])
    order = sorted(c.ags for c in cities)
    shuffled = [order[i] for i in rng.permutation(len(order))]
    if outlier_ags is None:
        candidates = [a for a in shuffled if a not in small] or shuffled
        chosen = candidates[:OUTLIER_CITIES]
    else:
        known = set(order)
        unknown = [a for a in outlier_ags if a not in known]
        if unknown:
            raise ValueError(f"outlier_ags: unknown AGS {', '.join(unknown)}")
        chosen = list(dict.fromkeys(outlier_ags))
    outliers = {ags: OUTLIER_CODES[i % len(OUTLIER_CODES)] for i, ags in enumerate(chosen)}

    rest = [a for a in shuffled if a not in outliers] or shuffled
    late: dict[str, tuple[str, ...]] = {}
    for i, ags in enumerate(rest[:NOT_DELIVERED_CITIES]):
        late[ags] = (
            ("G-KITA-PERS", "G-KITA-PERS-MH")
            if i % 2 == 0
            else ("G-ANERK-POS", "G-GEW-AN-AUS", "G-GEW-AN-DEU")
        )
    return _Plan(outliers=outliers, small=small, not_delivered=late, latest_year=latest_year)


# --- population -----------------------------------------------------------------------------


def _population(city: DemoCity, year: int) -> tuple[int, str | None]:
    """Population on 31.12. of ``year`` and, when it is an estimate, why."""
    known = sorted(city.population)
    if year in city.population:
        comment = None
        if year in city.population_estimated:
            comment = f"Einwohnerzahl {year} geschätzt (Stammdaten)"
        return int(city.population[year]), comment
    before = [y for y in known if y < year]
    after = [y for y in known if y > year]
    if before and after:
        y0, y1 = before[-1], after[0]
        p0, p1 = city.population[y0], city.population[y1]
        value = p0 + (p1 - p0) * (year - y0) / (y1 - y0)
        return round(value), (
            f"Demo: Einwohnerzahl 31.12.{year} linear interpoliert zwischen {y0} und {y1} "
            "(geschätzt)"
        )
    if len(known) == 1:
        return int(city.population[known[0]]), (
            f"Demo: Einwohnerzahl 31.12.{year} vom Stand {known[0]} übernommen (geschätzt)"
        )
    y0, y1 = (known[0], known[1]) if after else (known[-2], known[-1])
    p0, p1 = city.population[y0], city.population[y1]
    growth = (p1 / p0) ** (1.0 / (y1 - y0))
    anchor_year, anchor = (y0, p0) if after else (y1, p1)
    value = anchor * growth ** (year - anchor_year)
    direction = "zurückgeschrieben" if after else "fortgeschrieben"
    return round(value), (
        f"Demo: Einwohnerzahl 31.12.{year} mit der Entwicklung {y0}–{y1} {direction} (geschätzt)"
    )


# --- the model of one city ------------------------------------------------------------------

# Shares of the elementary age bands [0,3) [3,6) [6,15) [15,18) [18,25) [25,65) [65,67) [67,∞)
_AGE_DEU_WEST: Final = (0.028, 0.027, 0.078, 0.026, 0.075, 0.530, 0.023, 0.213)
_AGE_DEU_EAST: Final = (0.027, 0.027, 0.075, 0.024, 0.065, 0.505, 0.027, 0.250)
_AGE_AUS: Final = (0.035, 0.032, 0.090, 0.028, 0.110, 0.620, 0.015, 0.070)
_BANDS: Final[Mapping[str, tuple[int, ...]]] = {
    "U3": (0,),
    "3B6": (1,),
    "U15": (0, 1, 2),
    "U18": (0, 1, 2, 3),
    "15B25": (3, 4),
    "18B25": (4,),
    "15B65": (3, 4, 5),
    "15B67": (3, 4, 5, 6),
    "18B65": (4, 5),
    "25B65": (5,),
    "18P": (4, 5, 6, 7),
    "65P": (6, 7),
    "U65": (0, 1, 2, 3, 4, 5),
}

Entry: TypeAlias = tuple[float | None, str, str | None]


def _allocate(total: int, shares: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``shares`` (largest remainder)."""
    weights = np.asarray(shares, dtype=np.float64)
    raw = weights / weights.sum() * total
    floors = np.floor(raw).astype(np.int64)
    remainder = int(total - int(floors.sum()))
    order = np.argsort(-(raw - floors), kind="stable")
    for i in order[:remainder]:
        floors[i] += 1
    return [int(x) for x in floors]


class _CityModel:
    """Parameters of one city (drawn once) and the counts they imply for any year."""

    def __init__(self, city: DemoCity, seed: int, plan: _Plan) -> None:
        self.city = city
        self.seed = seed
        self.plan = plan
        self.east = city.east_west == "Ost"
        self.berlin = city.east_west == "Berlin"
        self.state = city.ags[:2]
        rng = np.random.default_rng([seed, int(city.ags)])
        self.base, self.trend = self._draw_rates(rng)
        self.fixed = self._draw_fixed(rng)
        self.age_aus = self._jitter(rng, _AGE_AUS)
        self.age_deu = self._jitter(rng, _AGE_DEU_EAST if self.east else _AGE_DEU_WEST)
        self._cache: dict[int, dict[str, Entry]] = {}

    # parameters --------------------------------------------------------------------------

    @staticmethod
    def _jitter(rng: np.random.Generator, shares: Sequence[float]) -> tuple[float, ...]:
        noisy = np.asarray(shares) * np.exp(rng.normal(0.0, 0.05, size=len(shares)))
        return tuple(float(x) for x in noisy / noisy.sum())

    def _draw_rates(self, rng: np.random.Generator) -> tuple[dict[str, float], dict[str, float]]:
        east, berlin = self.east, self.berlin

        def u(lo: float, hi: float) -> float:
            return float(rng.uniform(lo, hi))

        def region(west: tuple[float, float], ost: tuple[float, float]) -> float:
            lo_w, hi_w = west
            lo_o, hi_o = ost
            x = float(rng.uniform(0.0, 1.0))
            if east:
                return lo_o + x * (hi_o - lo_o)
            if berlin:
                return (lo_w + lo_o) / 2 + x * ((hi_w + hi_o) / 2 - (lo_w + lo_o) / 2)
            return lo_w + x * (hi_w - lo_w)

        rates: dict[str, float] = {
            "aus_share": region((0.13, 0.33), (0.07, 0.13)),
            "mh_extra": region((0.10, 0.18), (0.03, 0.07)),
            "mh_child_factor": u(1.35, 1.65),
            "dritt": region((0.50, 0.68), (0.62, 0.80)),
            "bq_aus": u(0.25, 0.45),
            "bq_deu": u(0.10, 0.20),
            "wan_saldo": u(0.010, 0.035),
            "ad_u4": u(0.18, 0.30),
            "ad_8p": u(0.45, 0.58),
            "ad_20p": u(0.25, 0.38),
            "langfr": u(0.60, 0.78),
            "duld_gest": u(0.02, 0.06),
            "einb_anspr": u(0.75, 0.90),
            "schutz": region((0.08, 0.20), (0.15, 0.30)),
            "einb": u(0.015, 0.035),
            "kita_u3_mh": region((0.20, 0.35), (0.35, 0.50)),
            "kita_u3_omh": region((0.40, 0.58), (0.55, 0.68)),
            "kita_3b6_mh": u(0.80, 0.92),
            "kita_3b6_omh": u(0.92, 0.98),
            "kita_nds": u(0.45, 0.65),
            "kita_ratio": u(6.0, 9.0),
            "kita_pers_mh": u(0.08, 0.20),
            "esu_cover": u(0.92, 0.99),
            "esu_kita2j_mh": u(0.78, 0.90),
            "esu_kita2j_omh": u(0.92, 0.98),
            "esu_sprf_mh": u(0.30, 0.50),
            "esu_sprf_omh": u(0.05, 0.12),
            "esu_heft_mh": u(0.80, 0.92),
            "esu_heft_omh": u(0.92, 0.98),
            "esu_u8_mh": u(0.85, 0.93),
            "esu_u8_omh": u(0.92, 0.97),
            "esu_ueg_mh": u(0.10, 0.16),
            "esu_ueg_omh": u(0.06, 0.10),
            "esu_impf_mh": u(0.85, 0.93),
            "esu_impf_omh": u(0.90, 0.96),
            "esu_mmr2_mh": u(0.90, 0.96),
            "esu_mmr2_omh": u(0.92, 0.97),
            "j8_cohort": u(0.95, 1.08),
            "gym_aus": u(0.15, 0.28),
            "gym_deu": u(0.38, 0.50),
            "abg": u(0.92, 1.05),
            "abg_oa_aus": u(0.10, 0.20),
            "abg_oa_deu": u(0.03, 0.06),
            "abg_hsr_aus": u(0.12, 0.25),
            "abg_hsr_deu": u(0.35, 0.50),
            "sch_ges": u(0.58, 0.66),
            "intensiv": u(0.005, 0.02),
            "bs_aus": u(0.10, 0.16),
            "bs_deu": u(0.12, 0.18),
            "bs_oav_aus": u(0.20, 0.35),
            "bs_oav_deu": u(0.08, 0.15),
            "azubi_aus": u(0.04, 0.08),
            "azubi_deu": u(0.08, 0.14),
            "iabe_anf_aus": u(0.06, 0.10),
            "iabe_anf_deu": u(0.07, 0.10),
            "iabe_ausb_aus": u(0.40, 0.55),
            "iabe_ausb_deu": u(0.65, 0.80),
            "ik_neu": u(0.010, 0.025),
            "ik_dtz": u(0.50, 0.70),
            "ik_b1": u(0.45, 0.65),
            "svb_aus": region((0.42, 0.52), (0.30, 0.42)),
            "svb_deu": u(0.60, 0.68),
            "ausbk_aus": u(0.70, 0.82),
            "ausbk_deu": u(0.85, 0.92),
            "oba_aus": u(0.35, 0.50),
            "oba_deu": u(0.08, 0.14),
            "gb_aus": u(0.06, 0.10),
            "gb_deu": u(0.05, 0.08),
            "alo_aus": u(0.06, 0.11),
            "alo_deu": region((0.03, 0.05), (0.04, 0.06)),
            "zep_aus": u(1.05, 1.12),
            "zep_deu": u(1.10, 1.18),
            "zep_ges": u(1.08, 1.12),
            "alo_u25": u(0.08, 0.12),
            "alo_lz_aus": u(0.30, 0.40),
            "alo_lz_deu": u(0.35, 0.45),
            "anerk": u(0.002, 0.005),
            "gew_aus": u(0.010, 0.018),
            "gew_deu": u(0.005, 0.009),
            "rlb_aus": u(0.15, 0.28),
            "rlb_deu": region((0.05, 0.10), (0.07, 0.12)),
            "elb": u(0.65, 0.72),
            "sgb2_u15": u(0.25, 0.32),
            "gsia_aus": u(0.12, 0.22),
            "gsia_deu": u(0.02, 0.04),
            "asylblg": u(0.08, 0.18),
            "mz_cover": u(0.97, 0.99),
            "arm_mh": u(0.25, 0.35),
            "arm_omh": region((0.10, 0.16), (0.13, 0.19)),
            "hh_size_mh": u(2.4, 2.8),
            "hh_size_omh": u(1.70, 1.95),
            "eig_mh": region((0.15, 0.25), (0.08, 0.15)),
            "eig_omh": region((0.25, 0.40), (0.15, 0.25)),
            "wfl_mh": u(28.0, 34.0),
            "wfl_omh": u(42.0, 50.0),
            "seg": u(14.0, 32.0),
            "unt": u(0.10, 0.25),
            "unt_gu": u(0.30, 0.60),
            "msomh": u(0.0003, 0.0008),
            "pers": u(0.010, 0.016),
            "pers_resp": u(0.25, 0.55),
            "pers_mh": u(0.08, 0.20),
            "azubi_neu": u(0.015, 0.030),
            "azubi_neu_mh": u(0.10, 0.30),
            "ikfb": u(0.01, 0.05),
            "dolm": u(0.02, 0.08),
            "adb_with_office": u(0.0002, 0.0006),
            "adb_without_office": u(0.00003, 0.0001),
            "adb_rass": u(0.30, 0.50),
            "pmk": u(0.00005, 0.00015),
            "umf_disk_mh": u(0.20, 0.35),
            "umf_disk_omh": u(0.05, 0.12),
            "eink": region((21000.0, 26000.0), (19000.0, 22000.0)),
            "stud": u(0.03, 0.20),
        }
        trends = {name: float(rng.normal(0.0, 0.01)) for name in rates}
        trends["aus_share"] += 0.025
        return rates, trends

    def _draw_fixed(self, rng: np.random.Generator) -> dict[str, float]:
        population = _latest_population(self.city)
        return {
            "nat_noise": float(rng.normal(0.0, 6.0)),
            "has_office": float(rng.uniform() < (0.75 if population >= 300_000 else 0.35)),
            "has_survey": float(rng.uniform() < 0.6),
            "irw_wber": float(rng.uniform(0.95, 1.10)),
            "irw_turnout": float(rng.uniform(0.08, 0.18)),
            "kw_eu_turnout": float(rng.uniform(0.10, 0.25)),
            "kw_deu_turnout": float(rng.uniform(0.40, 0.60)),
            "rat_mh": float(rng.uniform(0.03, 0.12)),
            "umf_n": float(rng.uniform(1500.0, 4000.0)),
            "small_rat": float(rng.integers(1, 3)),
            "small_anerk": float(rng.integers(1, 3)),
            "small_azubi_mh": float(rng.integers(1, 3)),
            "small_unt_gu": float(rng.integers(1, 3)),
            "small_adb_rass": float(rng.integers(3, 5)),
            "small_pmk": float(rng.integers(2, 5)),
            "outlier_factor": float(rng.uniform(2.8, 3.2)),
        }

    def rates(self, year: int) -> dict[str, float]:
        """The rates of ``year``: base × exp(trend × (year − 2020) + noise of that year)."""
        rng = np.random.default_rng([self.seed, int(self.city.ags), year])
        noise = rng.normal(0.0, 0.008, size=len(self.base))
        out: dict[str, float] = {}
        for (name, base), eps in zip(self.base.items(), noise, strict=True):
            out[name] = base * math.exp(self.trend[name] * (year - _REFERENCE_YEAR) + float(eps))
        return out

    # counts ------------------------------------------------------------------------------

    def values(self, year: int) -> dict[str, Entry]:
        if year not in self._cache:
            self._cache[year] = self._compute(year)
        return self._cache[year]

    def _compute(self, year: int) -> dict[str, Entry]:
        city, fixed, plan = self.city, self.fixed, self.plan
        r = self.rates(year)
        v: dict[str, float] = {}

        def n(x: float) -> float:
            return float(max(0, round(x)))

        population, pop_comment = _population(city, year)
        p5, _ = _population(city, year - 5)
        ref_pop, _ = _population(city, _REFERENCE_YEAR)

        # population and age structure
        aus = round(population * min(r["aus_share"], 0.6))
        deu = population - aus
        v["G-BEV-GES"] = float(population)
        v["G-BEV-GES-T5"] = float(p5)
        v["G-BEV-AUS"] = float(aus)
        v["G-BEV-DEU"] = float(deu)
        mh_share = min(r["aus_share"] + r["mh_extra"], 0.75)
        v["G-BEV-MH"] = float(max(aus, round(population * mh_share)))
        a_b = _allocate(aus, self.age_aus)
        d_b = _allocate(deu, self.age_deu)
        for band, idx in _BANDS.items():
            v[f"G-BEV-{band}-AUS"] = float(sum(a_b[i] for i in idx))
            v[f"G-BEV-{band}-DEU"] = float(sum(d_b[i] for i in idx))
            v[f"G-BEV-{band}"] = v[f"G-BEV-{band}-AUS"] + v[f"G-BEV-{band}-DEU"]
        mh_child = min(0.85, mh_share * r["mh_child_factor"])
        for band in ("U3", "3B6"):
            total = v[f"G-BEV-{band}"]
            mh = min(total, max(v[f"G-BEV-{band}-AUS"], n(total * mh_child)))
            v[f"G-BEV-{band}-MH"] = mh
            v[f"G-BEV-{band}-OMH"] = total - mh
        rest = v["G-BEV-U18"] - v["G-BEV-U3"] - v["G-BEV-3B6"]
        rest_aus = v["G-BEV-U18-AUS"] - v["G-BEV-U3-AUS"] - v["G-BEV-3B6-AUS"]
        rest_mh = min(rest, max(rest_aus, n(rest * mh_child)))
        v["G-BEV-U18-MH"] = min(v["G-BEV-MH"], v["G-BEV-U3-MH"] + v["G-BEV-3B6-MH"] + rest_mh)
        v["G-BEV-AUS-DRITT"] = n(aus * min(r["dritt"], 0.95))
        v["G-BEV-18P-DRITT"] = n(v["G-BEV-18P-AUS"] * min(r["dritt"], 0.95))
        v["G-BEV-AUS-BQ"] = n(aus * r["bq_aus"])
        v["G-BEV-DEU-BQ"] = n(deu * r["bq_deu"])
        v["G-FLAECHE"] = round(float(city.area_km2), 2)
        v["G-WAN-AUS-SALDO"] = n(aus * r["wan_saldo"])

        # legal status
        v["G-AUS-AD-U4"] = n(aus * r["ad_u4"])
        v["G-AUS-AD-8P"] = n(aus * min(r["ad_8p"], 0.65))
        v["G-AUS-AD-20P"] = min(v["G-AUS-AD-8P"], n(aus * r["ad_20p"]))
        v["G-AUS-LANGFR"] = n(aus * min(r["langfr"], 0.9))
        v["G-AUS-DULD-GEST"] = n(aus * r["duld_gest"])
        v["G-AUS-EINB-ANSPR"] = n(v["G-AUS-AD-8P"] * min(r["einb_anspr"], 0.95))
        v["G-AUS-SCHUTZ"] = n(aus * r["schutz"])
        v["G-AUS-NAT-N"] = n(
            95 + 30 * math.log10(population / 100_000) + fixed["nat_noise"] + (year - 2020)
        )
        prev_aus = round(
            _population(city, year - 1)[0] * min(self.rates(year - 1)["aus_share"], 0.6)
        )
        prev_8p = prev_aus * min(self.rates(year - 1)["ad_8p"], 0.65)
        v["G-EINB"] = n(prev_8p * r["einb"])

        # early education and health at school entry
        v["G-KITA-U3-MH"] = n(v["G-BEV-U3-MH"] * min(r["kita_u3_mh"], 0.95))
        v["G-KITA-U3-OMH"] = n(v["G-BEV-U3-OMH"] * min(r["kita_u3_omh"], 0.95))
        v["G-KITA-3B6-MH"] = n(v["G-BEV-3B6-MH"] * min(r["kita_3b6_mh"], 0.99))
        v["G-KITA-3B6-OMH"] = n(v["G-BEV-3B6-OMH"] * min(r["kita_3b6_omh"], 0.99))
        v["G-KITA-3B6"] = v["G-KITA-3B6-MH"] + v["G-KITA-3B6-OMH"]
        v["G-KITA-3B6-NDS"] = n(v["G-KITA-3B6-MH"] * min(r["kita_nds"], 0.9))
        kita_children = v["G-KITA-U3-MH"] + v["G-KITA-U3-OMH"] + v["G-KITA-3B6"]
        v["G-KITA-PERS"] = n(kita_children / r["kita_ratio"])
        v["G-KITA-PERS-MH"] = n(v["G-KITA-PERS"] * r["kita_pers_mh"])
        for grp in ("MH", "OMH"):
            low = grp.lower()
            examined = n(v[f"G-BEV-3B6-{grp}"] / 3 * min(r["esu_cover"], 1.0))
            v[f"G-ESU-N-{grp}"] = examined
            for key in ("kita2j", "sprf", "heft", "ueg", "impf"):
                share = min(r[f"esu_{key}_{low}"], 0.99)
                v[f"G-ESU-{key.upper()}-{grp}"] = n(examined * share)
            v[f"G-ESU-U8-{grp}"] = n(v[f"G-ESU-HEFT-{grp}"] * min(r[f"esu_u8_{low}"], 0.99))
            v[f"G-ESU-MMR2-{grp}"] = n(v[f"G-ESU-IMPF-{grp}"] * min(r[f"esu_mmr2_{low}"], 0.99))

        # school and vocational training
        for grp in ("AUS", "DEU"):
            low = grp.lower()
            ages = a_b if grp == "AUS" else d_b
            cohort = n(ages[2] / 9 * r["j8_cohort"])
            v[f"G-SCH-J8-{grp}"] = cohort
            v[f"G-SCH-J8-GYM-{grp}"] = n(cohort * r[f"gym_{low}"])
            leavers = n(cohort * r["abg"])
            v[f"G-SCH-ABG-{grp}"] = leavers
            v[f"G-SCH-ABG-OA-{grp}"] = n(leavers * r[f"abg_oa_{low}"])
            v[f"G-SCH-ABG-HSR-{grp}"] = n(leavers * min(r[f"abg_hsr_{low}"], 0.8))
            young = v[f"G-BEV-18B25-{grp}"]
            v[f"G-BS-{grp}"] = n(young * r[f"bs_{low}"])
            v[f"G-BS-OAV-{grp}"] = n(v[f"G-BS-{grp}"] * r[f"bs_oav_{low}"])
            v[f"G-AZUBI-{grp}"] = n(young * r[f"azubi_{low}"])
            v[f"G-IABE-ANF-{grp}"] = n(young * r[f"iabe_anf_{low}"])
            v[f"G-IABE-AUSB-{grp}"] = n(v[f"G-IABE-ANF-{grp}"] * min(r[f"iabe_ausb_{low}"], 0.95))
        v["G-SCH-GES"] = n(v["G-BEV-U18"] * r["sch_ges"])
        v["G-SCH-INTENSIV"] = n(v["G-SCH-GES"] * r["intensiv"])
        v["G-IK-NEU"] = n(prev_aus * r["ik_neu"])
        v["G-IK-DTZ-N"] = n(v["G-IK-NEU"] * r["ik_dtz"])
        v["G-IK-DTZ-B1"] = n(v["G-IK-DTZ-N"] * r["ik_b1"])

        # labour market
        for grp in ("AUS", "DEU"):
            low = grp.lower()
            working_age = v[f"G-BEV-15B65-{grp}"]
            svb = n(working_age * r[f"svb_{low}"])
            v[f"G-SVB-WO-{grp}"] = svb
            v[f"G-SVB-AUSBK-{grp}"] = n(svb * min(r[f"ausbk_{low}"], 0.98))
            v[f"G-SVB-OBA-{grp}"] = n(v[f"G-SVB-AUSBK-{grp}"] * r[f"oba_{low}"])
            v[f"G-GB-WO-{grp}"] = n(working_age * r[f"gb_{low}"])
            alo = n(working_age * r[f"alo_{low}"])
            v[f"G-ALO-{grp}"] = alo
            v[f"G-ZEP-ABH-{grp}"] = n((svb + 0.5 * v[f"G-GB-WO-{grp}"] + alo) * r[f"zep_{low}"])
            v[f"G-ALO-U25-{grp}"] = min(v[f"G-BEV-15B25-{grp}"], n(alo * r["alo_u25"]))
            v[f"G-ALO-LZ-{grp}"] = n(alo * r[f"alo_lz_{low}"])
            v[f"G-GEW-AN-{grp}"] = n(v[f"G-BEV-18B65-{grp}"] * r[f"gew_{low}"])
        v["G-ALO-GES"] = v["G-ALO-AUS"] + v["G-ALO-DEU"]
        v["G-ZEP-GES"] = n((v["G-ZEP-ABH-AUS"] + v["G-ZEP-ABH-DEU"]) * r["zep_ges"])
        v["G-ANERK-POS"] = n(v["G-BEV-25B65-AUS"] * r["anerk"])

        # social security
        for grp in ("AUS", "DEU"):
            low = grp.lower()
            rlb = n(v[f"G-BEV-U65-{grp}"] * min(r[f"rlb_{low}"], 0.4))
            v[f"G-SGB2-RLB-{grp}"] = rlb
            v[f"G-SGB2-ELB-{grp}"] = min(v[f"G-BEV-15B67-{grp}"], n(rlb * min(r["elb"], 0.8)))
            v[f"G-SGB2-U15-{grp}"] = min(v[f"G-BEV-U15-{grp}"], n(rlb * r["sgb2_u15"]))
            v[f"G-SGB12-GSIA-{grp}"] = n(v[f"G-BEV-65P-{grp}"] * r[f"gsia_{low}"])
        v["G-SGB2-RLB-GES"] = v["G-SGB2-RLB-AUS"] + v["G-SGB2-RLB-DEU"]
        v["G-ASYLBLG"] = n(v["G-AUS-SCHUTZ"] * r["asylblg"])
        mh, omh = v["G-BEV-MH"], population - v["G-BEV-MH"]
        v["G-MZ-BEV-MH"] = n(mh * min(r["mz_cover"], 1.0))
        v["G-MZ-BEV-OMH"] = n(omh * min(r["mz_cover"], 1.0))
        v["G-MZ-ARM-MH"] = n(v["G-MZ-BEV-MH"] * r["arm_mh"])
        v["G-MZ-ARM-OMH"] = n(v["G-MZ-BEV-OMH"] * r["arm_omh"])

        # housing
        for grp, persons in (("MH", mh), ("OMH", omh)):
            low = grp.lower()
            households = n(persons / r[f"hh_size_{low}"])
            v[f"G-HH-{grp}"] = households
            v[f"G-HH-EIG-{grp}"] = n(households * min(r[f"eig_{low}"], 0.9))
            members = n(persons * min(r["mz_cover"], 1.0))
            v[f"G-HH-PERS-{grp}"] = members
            v[f"G-HH-WFL-{grp}"] = n(members * r[f"wfl_{low}"])
        v["G-SEG-AUS-DEU"] = round(min(r["seg"], 60.0), 1)
        v["G-UNT-GES"] = n(v["G-AUS-SCHUTZ"] * r["unt"])
        v["G-UNT-GU"] = n(v["G-UNT-GES"] * min(r["unt_gu"], 0.9))

        # participation: election figures are those of the last election (fixed)
        ref_aus = ref_pop * self.base["aus_share"]
        ref_deu = ref_pop - ref_aus
        v["G-IRW-WBER"] = n(ref_aus * 0.85 * fixed["irw_wber"])
        v["G-IRW-WAEHLER"] = n(v["G-IRW-WBER"] * fixed["irw_turnout"])
        v["G-KW-EU-WBER"] = n(ref_aus * (1 - self.base["dritt"]) * 0.85)
        v["G-KW-EU-WAEHLER"] = n(v["G-KW-EU-WBER"] * fixed["kw_eu_turnout"])
        v["G-KW-DEU-WBER"] = n(ref_deu * 0.84)
        v["G-KW-DEU-WAEHLER"] = n(v["G-KW-DEU-WBER"] * fixed["kw_deu_turnout"])
        council = _council_size(ref_pop)
        v["G-RAT-GES"] = float(council)
        v["G-RAT-MH"] = n(council * fixed["rat_mh"])
        v["G-MSO-GEF"] = n(mh * r["msomh"])

        # administration
        staff = n(population * r["pers"])
        v["G-PERS-GES"] = staff
        v["G-PERS-RESP"] = n(staff * min(r["pers_resp"], 0.9))
        v["G-PERS-MH"] = n(v["G-PERS-RESP"] * r["pers_mh"])
        v["G-PERS-AZUBI-NEU"] = n(staff * r["azubi_neu"])
        v["G-PERS-AZUBI-NEU-MH"] = n(v["G-PERS-AZUBI-NEU"] * r["azubi_neu_mh"])
        v["G-PERS-IKFB"] = n(staff * r["ikfb"])
        v["G-DOLM"] = n(aus * r["dolm"])

        # discrimination
        office = fixed["has_office"] >= 1.0
        v["G-ADS-STELLE"] = 1.0 if office else 0.0
        cases_rate = r["adb_with_office"] if office else r["adb_without_office"]
        v["G-ADB-FAELLE"] = n(population * cases_rate)
        v["G-ADB-RASS"] = n(v["G-ADB-FAELLE"] * r["adb_rass"])
        v["G-PMK-RASS"] = n(population * r["pmk"])
        respondents = fixed["umf_n"] * math.exp(0.01 * (year - _REFERENCE_YEAR))
        mh_respondents = n(respondents * mh_share * 0.8)
        v["G-UMF-N-MH"] = mh_respondents
        v["G-UMF-N-OMH"] = n(respondents - mh_respondents)
        v["G-UMF-DISK-MH"] = n(mh_respondents * r["umf_disk_mh"])
        v["G-UMF-DISK-OMH"] = n(v["G-UMF-N-OMH"] * r["umf_disk_omh"])

        # context
        v["G-EINK"] = float(round(population * r["eink"], -3))
        v["G-STUD"] = n(population * min(r["stud"], 0.3))

        if city.ags in plan.small:
            self._small_counts(v)
        outlier = plan.outliers.get(city.ags)
        if outlier is not None and year == plan.latest_year and outlier in v:
            v[outlier] = n(v[outlier] * fixed["outlier_factor"])

        return self._with_status(v, year, pop_comment)

    def _small_counts(self, v: dict[str, float]) -> None:
        fixed = self.fixed
        v["G-RAT-MH"] = fixed["small_rat"]
        v["G-ANERK-POS"] = fixed["small_anerk"]
        v["G-PERS-AZUBI-NEU-MH"] = min(v["G-PERS-AZUBI-NEU"], fixed["small_azubi_mh"])
        v["G-UNT-GU"] = min(v["G-UNT-GES"], fixed["small_unt_gu"])
        v["G-ADB-RASS"] = fixed["small_adb_rass"]
        v["G-ADB-FAELLE"] = max(v["G-ADB-FAELLE"], v["G-ADB-RASS"] + 6.0)
        v["G-PMK-RASS"] = fixed["small_pmk"]
        # A gap key figure whose group count lies below the threshold (ARB-07, group A): its
        # A, B, gap and ratio are suppressed together (primary on A, secondary on the rest).
        v["G-ALO-LZ-AUS"] = min(v["G-ALO-LZ-AUS"], SMALL_GAP_COUNT)

    def _missing(self, year: int) -> dict[str, _Missing]:
        city, plan = self.city, self.plan
        missing: dict[str, _Missing] = {}
        if self.state not in _COUNCIL_STATES:
            reason = _Missing(
                "not_collectable", "Kein direkt gewählter Integrationsrat/Ausländerbeirat"
            )
            missing["G-IRW-WBER"] = missing["G-IRW-WAEHLER"] = reason
        if self.fixed["has_survey"] < 1.0:
            reason = _Missing(
                "not_collectable", "Keine Bürgerumfrage mit abgestimmtem Diskriminierungsmodul"
            )
            for code in ("G-UMF-N-MH", "G-UMF-N-OMH", "G-UMF-DISK-MH", "G-UMF-DISK-OMH"):
                missing[code] = reason
        if _latest_population(city) < 200_000:
            reason = _Missing(
                "not_collectable", "Mikrozensus: Fallzahl für Städte unter 200.000 EW zu klein"
            )
            for code in ("G-MZ-ARM-MH", "G-MZ-ARM-OMH", "G-MZ-BEV-MH", "G-MZ-BEV-OMH"):
                missing[code] = reason
            if self.fixed["has_survey"] < 1.0:
                reason = _Missing(
                    "not_collectable", "Weder Mikrozensus-Auswertung noch Bürgerumfrage zum Wohnen"
                )
                for grp in ("MH", "OMH"):
                    for stem in ("G-HH", "G-HH-EIG", "G-HH-WFL", "G-HH-PERS"):
                        missing[f"{stem}-{grp}"] = reason
        if not city.kreisfrei:
            missing["G-EINK"] = _Missing(
                "not_collectable", "VGR der Länder weist das Einkommen nur für Kreise aus"
            )
        if year == plan.latest_year:
            for code in plan.not_delivered.get(city.ags, ()):
                missing[code] = _Missing("not_delivered", "Lieferung der Fachstelle steht noch aus")
        return missing

    def _with_status(
        self, v: dict[str, float], year: int, pop_comment: str | None
    ) -> dict[str, Entry]:
        missing = self._missing(year)
        out: dict[str, Entry] = {}
        for code, value in v.items():
            gap = missing.get(code)
            if gap is not None:
                out[code] = (None, gap.status, gap.comment)
            else:
                out[code] = (value, "ok", None)
        if pop_comment is not None:
            out["G-BEV-GES"] = (v["G-BEV-GES"], "estimated", pop_comment)
        _, t5_comment = _population(self.city, year - 5)
        if t5_comment is not None:
            out["G-BEV-GES-T5"] = (v["G-BEV-GES-T5"], "estimated", t5_comment)
        if out["G-EINK"][0] is not None and year >= 2021:
            out["G-EINK"] = (
                out["G-EINK"][0],
                "provisional",
                "Vorläufig: VGR-Fortschreibung, Revision zu erwarten",
            )
        return out


def _council_size(population: float) -> int:
    if population >= 1_000_000:
        return 120
    if population >= 500_000:
        return 90
    if population >= 250_000:
        return 70
    if population >= 150_000:
        return 60
    return 52
