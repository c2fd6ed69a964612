"""HTML (Jinja2) → tagged PDF (WeasyPrint, PDF/UA-1) for the city and the ring report."""

from __future__ import annotations

import hashlib
import math
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from vergleichsring.comparison.schemas import ComparisonRow, IndicatorBrief, Statistics
from vergleichsring.reports import charts
from vergleichsring.reports.collect import (
    CityReportData,
    IndicatorYears,
    RingReportData,
    RoundInfo,
)
from vergleichsring.reports.formatting import (
    Lang,
    heading_unit,
    inline_unit,
    number,
    unit_text,
    with_unit,
)
from vergleichsring.reports.texts import TEXTS, t

TEMPLATES = Path(__file__).parent / "templates"
PDF_VARIANT = "pdf/ua-1"


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def trusted(html: str) -> Markup:
    """Mark text as safe HTML. Only for our own stylesheet and for SVG that :mod:`charts`
    builds, which escapes every text it takes in."""
    return Markup(html)  # noqa: S704


def css_string(text: object) -> Markup:
    """Text for a CSS string literal inside <style> (which HTML escaping does not reach)."""
    out = []
    for ch in str(text):
        if ch in '\\"<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return trusted("".join(out))


@cache
def stylesheet() -> str:
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def render_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint loads pango at import, which the API does not need elsewhere.
    from weasyprint import HTML  # type: ignore[import-untyped]

    document = HTML(string=html, base_url=str(TEMPLATES))
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return pdf


def _words(lang: Lang) -> dict[str, str]:
    return {key: (de if lang == "de" else en) for key, (de, en) in TEXTS.items()}


def _name(brief: IndicatorBrief, lang: Lang) -> str:
    return brief.name_de if lang == "de" else brief.name_en


def _unit_note(brief: IndicatorBrief, lang: Lang) -> str:
    return heading_unit(brief.unit, brief.measure, lang)


def _date(value: date, lang: Lang) -> str:
    return value.strftime("%d.%m.%Y") if lang == "de" else value.isoformat()


def _value(row: ComparisonRow, brief: IndicatorBrief, lang: Lang) -> str:
    if row.status == "suppressed":
        return "."
    return with_unit(row.value, brief.decimals, brief.unit, brief.measure, lang)


def _change(row: ComparisonRow, brief: IndicatorBrief, lang: Lang) -> str:
    if row.change_abs is None:
        return "–"
    shown = number(row.change_abs, brief.decimals, lang, sign=True)
    unit = "Pp." if brief.unit == "%" and lang == "de" else ("pp" if brief.unit == "%" else "")
    if brief.measure == "ratio":
        unit = ""
    text = f"{shown} {unit}".rstrip()
    if row.change_pct is not None and brief.unit != "%":
        text += f" ({number(row.change_pct, 1, lang, sign=True)} %)"
    return text


def _corridor(stats: Statistics, brief: IndicatorBrief, lang: Lang) -> str:
    if stats.q1 is None or stats.q3 is None:
        return t("no_statistics", lang)
    unit = inline_unit(brief.unit, brief.measure, lang)
    low, high = number(stats.q1, brief.decimals, lang), number(stats.q3, brief.decimals, lang)
    return f"{low} – {high} {unit}".rstrip()


def _position(row: ComparisonRow, lang: Lang) -> str:
    if row.corridor is None:
        return t("unplaced", lang)
    text = t(f"{row.corridor}_short", lang)
    if row.verdict is not None and row.corridor != "within":
        text += f" ({t(row.verdict, lang)})"
    return text


def _box(stats: Statistics) -> charts.Box:
    return charts.Box(stats.min, stats.q1, stats.median, stats.q3, stats.max)


def _chart_alt(
    label: str, row: ComparisonRow, stats: Statistics, brief: IndicatorBrief, lang: Lang
) -> str:
    d, unit = brief.decimals, unit_text(brief.unit, brief.measure, lang)
    parts = [f"{_name(brief, lang)}: {label} {_value(row, brief, lang)}"]
    if row.status == "suppressed":
        parts[0] = f"{_name(brief, lang)}: {label} {t('suppressed', lang)}"
    if row.previous is not None:
        parts.append(f"{t('previous', lang)} {number(row.previous, d, lang)} {unit}".rstrip())
    if stats.median is not None:
        parts.append(f"{t('median', lang)} {number(stats.median, d, lang)} {unit}".rstrip())
        parts.append(f"{t('corridor', lang)} {_corridor(stats, brief, lang)}")
        span = "Spannweite" if lang == "de" else "range"
        parts.append(f"{span} {number(stats.min, d, lang)} – {number(stats.max, d, lang)}")
    else:
        parts.append(t("no_statistics", lang))
    return "; ".join(parts) + "."


# --- the city report -------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSummary:
    name: str
    below: int
    within: int
    above: int
    unplaced: int
    better: int
    worse: int


def city_context(data: CityReportData, lang: Lang) -> dict[str, Any]:
    prof = data.profile
    info = data.info
    years = sorted(info.round.years)
    previous_year = years[-2] if len(years) > 1 else None
    by_field: dict[str, list[dict[str, Any]]] = {}
    summary: dict[str, FieldSummary] = {}
    missing, suppressed, flagged = [], [], []
    changes = []
    for entry in prof.entries:
        brief, row, stats = entry.indicator, entry.row, entry.statistics
        field = info.field(brief.field)
        counts = summary.get(brief.field) or FieldSummary(
            field.name_de if lang == "de" else field.name_en, 0, 0, 0, 0, 0, 0
        )
        summary[brief.field] = FieldSummary(
            counts.name,
            counts.below + (row.corridor == "below"),
            counts.within + (row.corridor == "within"),
            counts.above + (row.corridor == "above"),
            counts.unplaced + (row.corridor is None),
            counts.better + (row.verdict == "better" and row.corridor != "within"),
            counts.worse + (row.verdict == "worse" and row.corridor != "within"),
        )
        name = _name(brief, lang)
        if row.status == "missing":
            missing.append((brief.code, name, row.missing_reason or ""))
        elif row.status == "suppressed":
            suppressed.append((brief.code, name))
        flags = getattr(row, "flags", None)  # extension point, see README (reports)
        if flags:
            flagged.append((brief.code, name, ", ".join(str(f) for f in flags)))
        if row.change_abs is not None and stats.iqr:
            # Largest changes measured against the spread of the group, so that shares,
            # rates per 1,000 and counts compare fairly.
            moved = abs(row.change_abs) / stats.iqr
            if math.isfinite(moved):
                changes.append((moved, brief.code, name, brief, row))
        by_field.setdefault(brief.field, []).append(
            {
                "code": brief.code,
                "name": name,
                "unit": _unit_note(brief, lang),
                "measure": (brief.measure_label_de if lang == "de" else brief.measure_label_en)
                if brief.measure != "value"
                else "",
                "value": _value(row, brief, lang),
                "rank": f"{row.rank} {t('of', lang)} {row.rank_n}" if row.rank else "–",
                "median": with_unit(stats.median, brief.decimals, brief.unit, brief.measure, lang),
                "corridor": _corridor(stats, brief, lang),
                "change": _change(row, brief, lang),
                "sig": "*" if row.differs_from_median else "",
                "position": _position(row, lang),
                "chart": trusted(
                    charts.position_chart(
                        _box(stats),
                        row.value,
                        row.previous,
                        title=_chart_alt(prof.label, row, stats, brief, lang),
                    )
                ),
            }
        )
    changes.sort(key=lambda c: (-c[0], c[1]))
    largest = [
        {
            "code": code,
            "name": name,
            "previous": with_unit(row.previous, brief.decimals, brief.unit, brief.measure, lang),
            "value": _value(row, brief, lang),
            "change": _change(row, brief, lang),
            "unit": _unit_note(brief, lang),
            "spread": number(moved, 2, lang),
        }
        for moved, code, name, brief, row in changes[:5]
    ]
    fields: list[dict[str, Any]] = [
        {
            "code": f.code,
            "name": f.name_de if lang == "de" else f.name_en,
            "rows": by_field[f.code],
        }
        for f in info.fields
        if f.code in by_field
    ]
    conventions = _conventions(lang, info.round.min_group_size)
    return {
        "lang": lang,
        "w": _words(lang),
        "css": trusted(stylesheet()),
        "title": f"{t('city_report', lang)} {prof.label} – {info.round.name}",
        "city": prof.label,
        "ring": info.round.ring_name,
        "round": info.round.name,
        "year": prof.year,
        "previous_year": previous_year,
        "date": _date(info.as_of, lang),
        "peer_group": prof.peer_group.name_de if lang == "de" else prof.peer_group.name_en,
        "peer_group_size": prof.peer_group.size,
        "synthetic": prof.synthetic_data,
        # The comparison's data version, as a short checksum: two reports with the same one
        # rest on the same approved data.
        "data_version": hashlib.sha256(prof.data_version.encode()).hexdigest()[:12],
        "summary": [summary[f["code"]] for f in fields],
        "largest": largest,
        "neighbours": [
            {
                "label": n.label,
                "distance": number(n.distance, 2, lang),
                "similar_on": ", ".join(n.similar_on),
            }
            for n in data.neighbours
        ],
        "neighbour_summary": None
        if data.neighbour_summary is None
        else {
            "k": data.neighbour_summary.k,
            "distance": number(data.neighbour_summary.mean_distance, 2, lang),
            "similar_on": [
                (code, count)
                for code, count in sorted(
                    data.neighbour_summary.similar_on.items(), key=lambda item: -item[1]
                )
                if count
            ],
        },
        "fields": fields,
        "conventions": conventions,
        "missing": missing,
        "suppressed": suppressed,
        "flagged": flagged,
    }


def _conventions(lang: Lang, min_group_size: int) -> list[tuple[str, str]]:
    de = lang == "de"
    return [
        (
            "Rangfolge" if de else "Ranking",
            "Wettkampf-Rangfolge (1, 2, 2, 4); Rang 1 ist der günstigste Wert nach der Richtung "
            "der Kennzahl. Neutrale Kennzahlen werden nach Größe geordnet, ohne Bewertung."
            if de
            else "Competition ranking (1, 2, 2, 4); rank 1 is the best value by the key figure's "
            "polarity. Neutral key figures are ordered by size, without a verdict.",
        ),
        (
            "Median und Korridor" if de else "Median and corridor",
            "Quartile durch lineare Interpolation (Hyndman–Fan Typ 7); der Korridor ist [Q1, Q3], "
            "Grenzen eingeschlossen; die Statistik schließt die Stadt selbst ein."
            if de
            else "Quartiles by linear interpolation (Hyndman–Fan type 7); the corridor is "
            "[Q1, Q3], bounds inclusive; statistics include the city itself.",
        ),
        (
            "Lücken" if de else "Gaps",
            "Lückenkennzahlen werden über die Differenz Gruppe A − Gruppe B verglichen "
            "(Prozentpunkte bei Anteilen)."
            if de
            else "Gap key figures are compared by the difference group A − group B (percentage "
            "points for shares).",
        ),
        (
            "Signifikanz" if de else "Significance",
            "* : Der Median der Gruppe liegt außerhalb des 95-%-Wilson-Intervalls des Werts der "
            "Stadt (nur bei Anteilen)."
            if de
            else "* : the group median lies outside the 95 % Wilson interval of the city's value "
            "(shares only).",
        ),
        (
            "Veränderung" if de else "Change",
            "Differenz zum Vorjahr; bei Anteilen in Prozentpunkten, sonst mit relativer "
            "Veränderung in %."
            if de
            else "Difference from the previous year; for shares in percentage points, otherwise "
            "with the relative change in %.",
        ),
        (
            "Geheimhaltung" if de else "Confidentiality",
            "Ein Wert, dessen Zähler mindestens 1 und kleiner als die Schwelle der Kennzahl ist "
            "(3, bei sensiblen Themen 5), wird nicht gezeigt („.“), ebenso die ergänzenden Werte "
            "einer Lückenkennzahl. Gesperrte Werte gehen in keine Statistik ein."
            if de
            else "A value whose numerator is at least 1 and below the key figure's threshold (3, "
            "5 for sensitive topics) is not shown ('.'), nor are the complementary values of a "
            "gap key figure. Suppressed values enter no statistic.",
        ),
        (
            "Mindestgröße" if de else "Minimum group size",
            f"Gruppen mit weniger als {min_group_size} Städten zeigen keine Statistik und keine "
            "Ränge."
            if de
            else f"Groups of fewer than {min_group_size} cities show no statistics and no ranks.",
        ),
        (
            "Anonymität" if de else "Anonymity",
            "Die eigene Stadt erscheint mit Namen, andere Städte unter dem Pseudonym der Runde "
            "(„Stadt“ und eine Nummer), wenn die Runde pseudonymisiert ist."
            if de
            else "The own city appears by name, other cities under the round's pseudonym ("
            "'Stadt' and a number) when the round is pseudonymised.",
        ),
    ]


def city_report_html(data: CityReportData, lang: Lang) -> str:
    return environment().get_template("city.html.j2").render(**city_context(data, lang))


def city_report_pdf(data: CityReportData, lang: Lang) -> bytes:
    return render_pdf(city_report_html(data, lang))


# --- the ring report -------------------------------------------------------------------------


def _ring_indicator(item: IndicatorYears, lang: Lang) -> dict[str, Any]:
    brief = item.indicator
    years = sorted(item.by_year, reverse=True)
    latest = item.by_year[years[0]]
    stats_lines = []
    box_rows = []
    for year in sorted(years):
        answer = item.by_year[year]
        s = answer.statistics
        dots = [r.value for r in answer.rows if r.value is not None]
        box_rows.append((str(year), _box(s), dots))
        if s.withheld:
            stats_lines.append(f"{year}: {t('withheld', lang)} ({s.withheld})")
        else:
            d = brief.decimals
            stats_lines.append(
                f"{year}: n = {s.n}, {t('median', lang)} {number(s.median, d, lang)}, "
                f"Q1 {number(s.q1, d, lang)}, Q3 {number(s.q3, d, lang)}, "
                f"Min {number(s.min, d, lang)}, Max {number(s.max, d, lang)}"
            )
    alt = f"{t('distribution', lang)} {_name(brief, lang)}: " + "; ".join(stats_lines)
    rows = [
        {
            "rank": str(r.rank) if r.rank else "–",
            "label": r.label,
            "ags": r.ags or "",
            "value": _value(r, brief, lang),
            "previous": with_unit(r.previous, brief.decimals, brief.unit, brief.measure, lang),
            "change": _change(r, brief, lang),
            "position": _position(r, lang),
        }
        for r in latest.rows
    ]
    return {
        "code": brief.code,
        "name": _name(brief, lang),
        "unit": unit_text(brief.unit, brief.measure, lang) if brief.unit != "Anzahl" else "",
        "field": brief.field,
        "year": years[0],
        "previous_year": years[1] if len(years) > 1 else None,
        "stats": stats_lines,
        "chart": trusted(charts.distribution_chart(box_rows, title=alt)),
        "rows": rows,
    }


def ring_context(data: RingReportData, lang: Lang) -> dict[str, Any]:
    info = data.info
    years = sorted(info.round.years)
    by_field: dict[str, list[dict[str, Any]]] = {}
    for item in data.indicators:
        by_field.setdefault(item.indicator.field, []).append(_ring_indicator(item, lang))
    total = len(data.indicators)
    completeness = []
    for city in data.completeness:
        per_year = []
        for year in years:
            c = city.counts.get(year, {"ok": 0, "missing": 0, "suppressed": 0, "not_approved": 0})
            per_year.append(
                {
                    "approved": t(
                        "not_approved" if c["not_approved"] == total else "approved", lang
                    ),
                    "ok": c["ok"],
                    "missing": c["missing"],
                    "suppressed": c["suppressed"],
                    "share": f"{number(100 * c['ok'] / total if total else 0, 0, lang)} %",
                }
            )
        completeness.append({"label": city.label, "ags": city.ags or "", "years": per_year})
    return {
        "lang": lang,
        "w": _words(lang),
        "css": trusted(stylesheet()),
        "title": f"{t('ring_report', lang)} – {info.round.ring_name} – {info.round.name}",
        "ring": info.round.ring_name,
        "round": info.round.name,
        "date": _date(info.as_of, lang),
        "years": years,
        "peer_group": data.peer_group,
        "synthetic": info.round.synthetic_data,
        "total": total,
        "completeness": completeness,
        "findings": data.findings,
        "fields": [
            {
                "code": f.code,
                "name": f.name_de if lang == "de" else f.name_en,
                "indicators": by_field[f.code],
            }
            for f in info.fields
            if f.code in by_field
        ],
        "conventions": _conventions(lang, info.round.min_group_size),
    }


def ring_report_html(data: RingReportData, lang: Lang) -> str:
    return environment().get_template("ring.html.j2").render(**ring_context(data, lang))


def ring_report_pdf(data: RingReportData, lang: Lang) -> bytes:
    return render_pdf(ring_report_html(data, lang))


def export_conventions(info: RoundInfo) -> list[tuple[str, str]]:
    """The conventions sheet of an Excel export (German, like the sheet)."""
    rows = [
        ("Runde", f"{info.round.ring_name} – {info.round.name} (ID {info.round.id})"),
        ("Stand", info.as_of.strftime("%d.%m.%Y")),
        ("Datenjahre", ", ".join(str(y) for y in info.round.years)),
    ]
    if info.round.synthetic_data:
        rows.append(("Hinweis", t("synthetic", "de")))
    return rows + _conventions("de", info.round.min_group_size)


def render_many(htmls: Iterable[tuple[str, str]], *, workers: int) -> Iterator[tuple[str, bytes]]:
    """Render (key, html) pairs to PDFs, in ``workers`` processes when more than one.

    The HTML is built in the calling process (which holds the database session); the worker
    processes only lay out and write PDFs, so a batch of city reports uses every core.
    Results come back in the order given.
    """
    if workers <= 1:
        for key, html in htmls:
            yield key, render_pdf(html)
        return
    context = multiprocessing.get_context("spawn")  # no forked database connections
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending: deque[tuple[str, Future[bytes]]] = deque()
        for key, html in htmls:
            pending.append((key, pool.submit(render_pdf, html)))
            while len(pending) > 2 * workers:  # bounded: never more than a few HTMLs in flight
                done_key, future = pending.popleft()
                yield done_key, future.result()
        while pending:
            done_key, future = pending.popleft()
            yield done_key, future.result()
