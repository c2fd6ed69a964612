"""Public operations of the reports module: PDFs and exports for the calling principal.

Each operation first asks the comparison service, as the caller, for what the file shows, and
then only shapes that answer into a file. Permissions are the comparison's (``read_comparison``
on the round; participants their own city only); the ring report is for the ring's moderators.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy.orm import Session

from vergleichsring.auth.permissions import Principal
from vergleichsring.comparison import service as comparison
from vergleichsring.comparison.schemas import Measure
from vergleichsring.reports import collect, exports, pdf
from vergleichsring.reports.exports import ExportFormat
from vergleichsring.reports.formatting import Lang

PDF_MEDIA_TYPE = "application/pdf"


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    media_type: str
    filename: str


def slug(text: str) -> str:
    """A file-name part: ASCII letters, digits and hyphens (Köln → koeln)."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "datei"


def city_report(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    lang: Lang = "de",
    peer_group: str = "all",
    cache: comparison.ComparisonCache,
) -> ReportFile:
    data = collect.city_report_data(
        db, principal, round_id=round_id, ags=ags, peer_group=peer_group, cache=cache
    )
    name = f"bericht-{slug(data.profile.label)}-runde-{round_id}-{lang}.pdf"
    return ReportFile(pdf.city_report_pdf(data, lang), PDF_MEDIA_TYPE, name)


def city_reports(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    cities: list[str],
    lang: Lang = "de",
    peer_group: str = "all",
    cache: comparison.ComparisonCache,
    workers: int = 1,
) -> Iterator[tuple[str, ReportFile]]:
    """City reports of many cities (batch runs): the comparison is asked here, as the caller;
    the PDFs are laid out in ``workers`` processes. Yields (AGS, file) in the order given."""
    names: dict[str, str] = {}

    def pages() -> Iterator[tuple[str, str]]:
        for ags in cities:
            data = collect.city_report_data(
                db, principal, round_id=round_id, ags=ags, peer_group=peer_group, cache=cache
            )
            names[ags] = f"bericht-{slug(data.profile.label)}-runde-{round_id}-{lang}.pdf"
            yield ags, pdf.city_report_html(data, lang)

    for ags, content in pdf.render_many(pages(), workers=workers):
        yield ags, ReportFile(content, PDF_MEDIA_TYPE, names[ags])


def ring_report(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    lang: Lang = "de",
    peer_group: str = "all",
    cache: comparison.ComparisonCache,
) -> ReportFile:
    data = collect.ring_report_data(
        db, principal, round_id=round_id, peer_group=peer_group, cache=cache
    )
    name = f"ringbericht-runde-{round_id}-{lang}.pdf"
    return ReportFile(pdf.ring_report_pdf(data, lang), PDF_MEDIA_TYPE, name)


def _file(
    records: list[collect.ExportRecord],
    info: collect.RoundInfo,
    fmt: ExportFormat,
    stem: str,
    title: str,
) -> ReportFile:
    if fmt == "csv-de":
        content = exports.to_csv(records, german=True)
    elif fmt == "csv":
        content = exports.to_csv(records, german=False)
    elif fmt == "xlsx":
        content = exports.to_xlsx(
            records,
            conventions=pdf.export_conventions(info),
            title=title,
        )
    else:
        content = exports.to_sdmx_csv(records)
    suffix = "-de" if fmt == "csv-de" else ""
    return ReportFile(
        content, exports.MEDIA_TYPES[fmt], f"{stem}{suffix}.{exports.EXTENSIONS[fmt]}"
    )


def export_indicator(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    code: str,
    year: int | None,
    peer_group: str,
    measure: Measure | None,
    fmt: ExportFormat,
    cache: comparison.ComparisonCache,
) -> ReportFile:
    _, info = collect.round_info(db, principal, round_id)
    years = [year] if year is not None else info.round.years
    items = list(
        collect.indicator_years(
            db,
            principal,
            round_id=round_id,
            codes=(code,),
            years=years,
            peer_group=peer_group,
            measure=measure,
            cache=cache,
        )
    )
    records = collect.records_from_comparisons(info, items)
    stem = f"kennzahl-{slug(code)}-runde-{round_id}" + (f"-{year}" if year else "")
    return _file(records, info, fmt, stem, f"{code} – {info.round.name}")


def export_profile(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    ags: str,
    year: int | None,
    peer_group: str,
    fmt: ExportFormat,
    cache: comparison.ComparisonCache,
) -> ReportFile:
    _, info = collect.round_info(db, principal, round_id)
    years = [year] if year is not None else info.round.years
    profiles = [
        comparison.profile(
            db,
            principal,
            round_id=round_id,
            ags=ags,
            year=y,
            peer_group=peer_group,
            cache=cache,
        )
        for y in years
    ]
    records = collect.records_from_profiles(info, profiles)
    label = profiles[0].label if profiles else ags
    stem = f"profil-{slug(label)}-runde-{round_id}" + (f"-{year}" if year else "")
    return _file(records, info, fmt, stem, f"{label} – {info.round.name}")


def export_round(
    db: Session,
    principal: Principal,
    *,
    round_id: int,
    peer_group: str,
    fmt: ExportFormat,
    cache: comparison.ComparisonCache,
) -> ReportFile:
    _, info = collect.round_info(db, principal, round_id)
    items = list(
        collect.indicator_years(
            db,
            principal,
            round_id=round_id,
            codes=info.indicator_codes,
            years=info.round.years,
            peer_group=peer_group,
            cache=cache,
        )
    )
    records = collect.records_from_comparisons(info, items)
    return _file(records, info, fmt, f"runde-{round_id}", info.round.name)


def report_cities(
    db: Session, principal: Principal, *, round_id: int, cache: comparison.ComparisonCache
) -> list[str]:
    """The AGS of every city whose report the caller may have (moderators: all; participants:
    their own), in the order of the comparison's peer-group listing."""
    rnd, _ = collect.round_info(db, principal, round_id)
    moderator = collect.is_moderator(principal, rnd)
    groups = comparison.list_peer_groups(db, principal, round_id=round_id, cache=cache)
    everyone = next(g for g in groups if g.id == "all")
    return sorted(m.ags for m in everyone.members if m.ags and (moderator or m.own))
