/**
 * The API speaks German in a few free-text fields (reasons, group names). The German page shows
 * them as they are; the English page translates the known ones and, for anything else, says that
 * the note is in German rather than inventing a translation.
 */
import type { Language } from "@/lib/i18n";

export interface ReasonText {
  text: string;
  /** The text is the API's German original (mark it `lang="de"` on the English page). */
  german: boolean;
}

const knownReasons: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^Meldung noch nicht freigegeben$/, () => "submission not yet approved"],
  [/^primary: Fallzahl < (\d+)$/, (m) => `small count (fewer than ${m[1] ?? "?"} cases)`],
  [/^primary: marked at source$/, () => "suppressed at source"],
  [/^secondary: (.+)$/, (m) => `secondary suppression (${m[1] ?? ""})`],
  [/^Nenner 0( \(Gruppe ([AB])\))?$/, (m) => (m[2] ? `denominator 0 (group ${m[2]})` : "denominator 0")],
  [/^nicht berechenbar$/, () => "cannot be computed"],
  [/^keine Werte$/, () => "no values"],
  [/^n=(\d+) < (\d+)$/, (m) => `n=${m[1] ?? "?"} < ${m[2] ?? "?"} (group too small)`],
  [/^fehlt: (.+)$/, (m) => `missing: ${m[1] ?? ""}`],
];

const germanReasons: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^primary: Fallzahl < (\d+)$/, (m) => `Fallzahl kleiner als ${m[1] ?? "?"}`],
  [/^primary: marked at source$/, () => "an der Quelle gesperrt"],
  [/^secondary: (.+)$/, (m) => `Sekundärsperrung (${m[1] ?? ""})`],
  [/^n=(\d+) < (\d+)$/, (m) => `n=${m[1] ?? "?"} < ${m[2] ?? "?"} (Gruppe zu klein)`],
];

/** A reason from the API (suppression, missing value, withheld statistics) in the interface language. */
export function reasonText(reason: string | null | undefined, language: Language): ReasonText | null {
  if (!reason) return null;
  const table = language === "en" ? knownReasons : germanReasons;
  for (const [pattern, render] of table) {
    const match = reason.match(pattern);
    if (match) return { text: render(match), german: false };
  }
  return { text: reason, german: language === "en" };
}

const groupNames: Record<string, string> = {
  "Ausländer:innen": "foreign nationals",
  Deutsche: "German nationals",
  "EU-Ausländer:innen": "EU nationals",
  "mit Migrationshintergrund": "with migration background",
  "ohne Migrationshintergrund": "without migration background",
};

/** The name of a gap indicator's group A or B in the interface language. */
export function groupName(germanName: string | null | undefined, fallback: string, language: Language): string {
  if (!germanName) return fallback;
  if (language === "de") return germanName;
  return groupNames[germanName] ?? fallback;
}
