"""What a report or an export shows, gathered only through the comparison service's public
operations for the caller.

Nothing here reads base figures or key figures around the comparison: every number, name and
pseudonym comes from ``comparison.service`` answers for the calling principal, so the
visibility rules of the API (suppression, pseudonyms, own city only) carry into every file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Action, Principal
from vergleichsring.catalog import repository as catalog_repository
from vergleichsring.catalog.models import IndicatorKind
from vergleichsring.comparison import service as comparison
from vergleichsring.comparison import shaping
from vergleichsring.comparison.schemas import (
    ComparisonRow,
    IndicatorBrief,
    IndicatorComparison,
    Measure,
    Neighbour,
    NeighbourSummary,
    Profile,
    Statistics,
)
from vergleichsring.core.errors import PermissionDenied, ValidationFailed
from vergleichsring.reports import findings as findings_module
from vergleichsring.rounds import service as round_service
from vergleichsring.rounds.models import Round
from vergleichsring.rounds.schemas import RoundRead

# The comparison's missing reason for a city whose submission is not approved yet.
NOT_APPROVED = shaping.NOT_APPROVED
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class FieldInfo:
    code: str
    name_de: str
    name_en: str


@dataclass(frozen=True)
class RoundInfo:
    round: RoundRead
    fields: tuple[FieldInfo, ...]
    indicator_codes: tuple[str, ...]
    as_of: date

    def field(self, code: str) -> FieldInfo:
        for f in self.fields:
            if f.code == code:
                return f
        return FieldInfo(code, code, code)


def round_info(db: Session, principal: Principal, round_id: int) -> tuple[Round, RoundInfo]:
    """The round as the comparison checks it (404 for strangers, 403 without the right)."""
    rnd = round_service.get_round_for(db, principal, round_id, Action.read_comparison)
    fields = tuple(
        FieldInfo(f.code, f.name_de, f.name_en)
        for f in catalog_repository.list_fields(db, catalog_version_id=rnd.catalog_version_id)
    )
    codes = tuple(
        i.code
        for i in catalog_repository.list_indicators(db, catalog_version_id=rnd.catalog_version_id)
        if i.kind != IndicatorKind.category
    )
    return rnd, RoundInfo(
        round_service.round_read(db, rnd), fields, codes, datetime.now(BERLIN).date()
    )


def is_moderator(principal: Principal, rnd: Round) -> bool:
    return round_service.is_round_moderator(principal, rnd, Action.read_comparison)


def require_moderator(principal: Principal, rnd: Round) -> None:
    if not is_moderator(principal, rnd):
        raise PermissionDenied("Den Bericht der Moderation erhält nur die Moderation des Rings.")


# --- the city report -------------------------------------------------------------------------


@dataclass(frozen=True)
class CityReportData:
    info: RoundInfo
    profile: Profile
    neighbours: tuple[Neighbour, ...]
    peer_group: str
    neighbour_summary: NeighbourSummary | None = None


def city_report_data(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    peer_group: str,
    cache: comparison.ComparisonCache,
) -> CityReportData:
    _, info = round_info(db, principal, round_id)
    prof = comparison.profile(
        db,
        principal,
        round_id=round_id,
        ags=ags,
        year=None,
        peer_group=peer_group,
        cache=cache,
    )
    try:
        near = comparison.neighbours(db, principal, round_id=round_id, ags=ags, k=5, cache=cache)
        neighbours, summary = tuple(near.neighbours), near.summary
    except ValidationFailed:
        neighbours, summary = (), None
    return CityReportData(info, prof, neighbours, peer_group, summary)


# --- the ring report -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorYears:
    """One key figure across the round's data years (latest first)."""

    indicator: IndicatorBrief
    by_year: dict[int, IndicatorComparison]


@dataclass(frozen=True)
class CityCompleteness:
    label: str
    ags: str | None
    counts: dict[int, dict[str, int]]  # year -> ok / missing / suppressed / not_approved


@dataclass(frozen=True)
class RingReportData:
    info: RoundInfo
    indicators: tuple[IndicatorYears, ...]
    completeness: tuple[CityCompleteness, ...]
    findings: findings_module.FindingsReport
    peer_group: str


def indicator_years(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    codes: tuple[str, ...],
    years: list[int],
    peer_group: str,
    measure: Measure | None = None,
    cache: comparison.ComparisonCache,
) -> Iterator[IndicatorYears]:
    for code in codes:
        by_year = {
            year: comparison.indicator_comparison(
                db,
                principal,
                round_id=round_id,
                code=code,
                year=year,
                peer_group=peer_group,
                measure=measure,
                cache=cache,
            )
            for year in sorted(years, reverse=True)
        }
        first = next(iter(by_year.values()))
        yield IndicatorYears(first.indicator, by_year)


def completeness(indicators: tuple[IndicatorYears, ...]) -> tuple[CityCompleteness, ...]:
    """Per city and year the number of key figures with a value, missing and suppressed."""
    cities: dict[str, CityCompleteness] = {}
    for item in indicators:
        for year, answer in item.by_year.items():
            for row in answer.rows:
                city = cities.setdefault(row.label, CityCompleteness(row.label, row.ags, {}))
                counts = city.counts.setdefault(
                    year, {"ok": 0, "missing": 0, "suppressed": 0, "not_approved": 0}
                )
                counts[row.status] += 1
                if row.missing_reason == NOT_APPROVED:
                    counts["not_approved"] += 1
    return tuple(sorted(cities.values(), key=lambda c: c.label))


def ring_report_data(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    peer_group: str,
    cache: comparison.ComparisonCache,
) -> RingReportData:
    rnd, info = round_info(db, principal, round_id)
    require_moderator(principal, rnd)
    items = tuple(
        indicator_years(
            db,
            principal,
            round_id=round_id,
            codes=info.indicator_codes,
            years=info.round.years,
            peer_group=peer_group,
            cache=cache,
        )
    )
    return RingReportData(
        info=info,
        indicators=items,
        completeness=completeness(items),
        findings=findings_module.open_findings(db, round_id=round_id),
        peer_group=peer_group,
    )


# --- export records --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportRecord:
    """One city, key figure and data year as the comparison answered it to the caller."""

    round_id: int
    round_name: str
    field: FieldInfo
    indicator: IndicatorBrief
    year: int
    peer_group: str
    statistics: Statistics
    row: ComparisonRow


def records_from_comparisons(
    info: RoundInfo, items: list[IndicatorYears] | tuple[IndicatorYears, ...]
) -> list[ExportRecord]:
    records = []
    for item in items:
        for year in sorted(item.by_year):
            answer = item.by_year[year]
            for row in answer.rows:
                records.append(
                    ExportRecord(
                        round_id=info.round.id,
                        round_name=info.round.name,
                        field=info.field(answer.indicator.field),
                        indicator=answer.indicator,
                        year=year,
                        peer_group=answer.peer_group.id,
                        statistics=answer.statistics,
                        row=row,
                    )
                )
    return records


def records_from_profiles(info: RoundInfo, profiles: list[Profile]) -> list[ExportRecord]:
    records = []
    for prof in sorted(profiles, key=lambda p: p.year):
        for entry in prof.entries:
            records.append(
                ExportRecord(
                    round_id=info.round.id,
                    round_name=info.round.name,
                    field=info.field(entry.indicator.field),
                    indicator=entry.indicator,
                    year=prof.year,
                    peer_group=prof.peer_group.id,
                    statistics=entry.statistics,
                    row=entry.row,
                )
            )
    return records
