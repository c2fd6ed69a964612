/** The pages of data entry (coordinators). A round's pages live under `/runden/<round>/`. */
export const ENTRY_SEGMENT = "erfassung";
export const FIELD_PARAM = "feld";

/** The entry form of one city-year; `field` opens one action field (its code, e.g. `BIL`). */
export function entryPath(roundId: number, ags: string, year: number, field?: string): string {
  const base = `/runden/${roundId}/${ENTRY_SEGMENT}/${ags}/${year}`;
  return field ? `${base}?${FIELD_PARAM}=${encodeURIComponent(field)}` : base;
}

/** The Excel form of a city (download, upload with dry run, import). */
export function formPath(roundId: number, ags: string): string {
  return `/runden/${roundId}/${ENTRY_SEGMENT}/${ags}/excel`;
}
