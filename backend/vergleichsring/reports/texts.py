"""The words of the reports and exports in German and English."""

from __future__ import annotations

from vergleichsring.reports.formatting import Lang

TEXTS: dict[str, tuple[str, str]] = {
    "city_report": ("Bericht für die Stadt", "City report"),
    "ring_report": ("Bericht der Moderation", "Ring report for the moderator"),
    "ring": ("Vergleichsring", "Comparison ring"),
    "round": ("Vergleichsrunde", "Comparison round"),
    "city": ("Stadt", "City"),
    "date": ("Stand", "As of"),
    "peer_group": ("Vergleichsgruppe", "Peer group"),
    "data_year": ("Datenjahr", "Data year"),
    "synthetic": (
        "Synthetische Demodaten: Die Werte sind erfunden und sagen nichts über die genannten Städte.",
        "Synthetic demo data: the values are invented and say nothing about the cities named.",
    ),
    "contents": ("Inhalt", "Contents"),
    "summary": ("Auf einen Blick", "Summary"),
    "summary_intro": (
        "Wo die Stadt in jedem Handlungsfeld steht: wie viele Kennzahlen unter, im oder über dem "
        "Korridor der Vergleichsgruppe liegen (Korridor = mittlere Hälfte der Städte, Q1 bis Q3).",
        "Where the city stands in each action field: how many key figures lie below, within or "
        "above the corridor of the peer group (corridor = the middle half of the cities, Q1 to Q3).",
    ),
    "field": ("Handlungsfeld", "Action field"),
    "below": ("unter dem Korridor", "below the corridor"),
    "within": ("im Korridor", "within the corridor"),
    "above": ("über dem Korridor", "above the corridor"),
    "below_short": ("darunter", "below"),
    "within_short": ("im Korridor", "within"),
    "above_short": ("darüber", "above"),
    "unplaced": ("ohne Einordnung", "not placed"),
    "better": ("günstiger", "better"),
    "worse": ("ungünstiger", "worse"),
    "largest_changes": ("Größte Veränderungen", "Largest changes"),
    "largest_changes_intro": (
        "Die fünf Kennzahlen, die sich zum Vorjahr am stärksten verändert haben, gemessen an der "
        "Streuung der Vergleichsgruppe (Veränderung geteilt durch den Interquartilsabstand).",
        "The five key figures that changed most from the previous year, measured against the "
        "spread of the peer group (change divided by the interquartile range).",
    ),
    "similar": ("Strukturell ähnliche Städte", "Structurally similar cities"),
    "similar_intro": (
        "Die Städte mit den ähnlichsten Strukturdaten (KON-Kennzahlen); andere Städte erscheinen "
        "unter dem Pseudonym der Runde.",
        "The cities with the most similar structural data (KON key figures); other cities appear "
        "under the round's pseudonym.",
    ),
    "similar_group": (
        "In dieser pseudonymisierten Runde erscheinen die ähnlichsten Städte nur als Gruppe: "
        "Abstände zu einzelnen Städten ließen sich aus öffentlichen Strukturdaten nachrechnen.",
        "In this pseudonymised round the most similar cities appear as a group only: distances "
        "to single cities could be recomputed from public structural data.",
    ),
    "similar_k": ("Zahl der ähnlichsten Städte", "Number of most similar cities"),
    "similar_mean": ("mittlerer Abstand", "mean distance"),
    "similar_count": (
        "Merkmal: so viele der Städte sind darin am ähnlichsten",
        "Variable: how many of the cities are most alike on it",
    ),
    "no_similar": ("Keine Strukturdaten für einen Vergleich.", "No structural data to compare."),
    "indicator": ("Kennzahl", "Key figure"),
    "value": ("Wert", "Value"),
    "rank": ("Rang", "Rank"),
    "of": ("von", "of"),
    "median": ("Median", "Median"),
    "corridor": ("Korridor (Q1–Q3)", "Corridor (Q1–Q3)"),
    "change": ("Veränderung", "Change"),
    "significance": ("Sig.", "Sig."),
    "chart": ("Lage in der Gruppe", "Position in the group"),
    "position": ("Einordnung", "Position"),
    "previous": ("Vorjahr", "Previous year"),
    "no_statistics": ("keine Statistik", "no statistics"),
    "suppressed": ("gesperrt (Geheimhaltung)", "suppressed (confidentiality)"),
    "missing": ("fehlt", "missing"),
    "annex": ("Anhang: Konventionen und Datenstand", "Annex: conventions and data status"),
    "conventions": ("Konventionen", "Conventions"),
    "data_status": ("Datenstand", "Data status"),
    "data_version": (
        "Datenversion (Prüfsumme; gleiche Prüfsumme = gleiche freigegebene Daten)",
        "Data version (checksum; the same checksum means the same approved data)",
    ),
    "legend": ("Zeichenerklärung", "Legend"),
    "legend_dot": (
        "„.“ gesperrt (Geheimhaltung, zu kleine Fallzahl); „–“ kein Wert; * der Median der Gruppe "
        "liegt außerhalb des 95-%-Intervalls der Stadt (signifikanter Abstand).",
        "'.' suppressed (confidentiality, count too small); '–' no value; * the group median lies "
        "outside the city's 95 % interval (significant distance).",
    ),
    "chart_legend": (
        "Grafik: Linie = Spannweite der Gruppe (Minimum bis Maximum), Kasten = Korridor Q1–Q3, "
        "Strich = Median, gefüllter Punkt = Wert der Stadt, offener Punkt = Vorjahreswert.",
        "Chart: line = range of the group (minimum to maximum), box = corridor Q1–Q3, bar = "
        "median, filled dot = the city's value, open dot = previous year's value.",
    ),
    "status_missing": ("Fehlende Werte", "Missing values"),
    "status_suppressed": ("Gesperrte Werte", "Suppressed values"),
    "status_flagged": ("Vorläufige oder berichtigte Werte", "Provisional or revised values"),
    "none": ("keine", "none"),
    "flags_not_marked": (
        "Die Vergleichsdaten weisen vorläufige („p“) oder berichtigte („r“) Werte bisher nicht "
        "gesondert aus.",
        "The comparison data do not yet mark provisional ('p') or revised ('r') values separately.",
    ),
    "page": ("Seite", "Page"),
    "completeness": ("Vollständigkeit der Runde", "Completeness of the round"),
    "completeness_intro": (
        "Je Stadt und Datenjahr: Freigabe der Meldung und Zahl der Kennzahlen mit Wert, ohne Wert "
        "und gesperrt.",
        "Per city and data year: approval of the submission and the number of key figures with a "
        "value, without a value and suppressed.",
    ),
    "approved": ("freigegeben", "approved"),
    "not_approved": ("nicht freigegeben", "not approved"),
    "with_value": ("mit Wert", "with value"),
    "share": ("Anteil", "share"),
    "findings": ("Offene Befunde", "Open findings"),
    "findings_none": (
        "Keine offenen Befunde erfasst.",
        "No open findings recorded.",
    ),
    "findings_unavailable": (
        "Befunde der Plausibilitätsprüfung stehen für diese Runde noch nicht zur Verfügung.",
        "Findings of the plausibility checks are not yet available for this round.",
    ),
    "key_figures": ("Kennzahlen", "Key figures"),
    "distribution": ("Verteilung", "Distribution"),
    "all_cities": ("Alle Städte", "All cities"),
    "pseudonym": ("Pseudonym", "Pseudonym"),
    "finding_rule": ("Prüfregel", "Rule"),
    "finding_message": ("Befund", "Finding"),
    "n_cities": ("Städte", "cities"),
    "in_iqr": ("in IQR", "in IQR"),
    "withheld": ("Statistik zurückgehalten", "statistics withheld"),
}


def t(key: str, lang: Lang) -> str:
    de, en = TEXTS[key]
    return de if lang == "de" else en
