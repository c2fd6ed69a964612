/** The pages of moderation: rounds, cockpit, value review. */
export const MODERATION_BASE = "/moderation";

export const roundsAdminPath = (): string => MODERATION_BASE;
export const newRoundPath = (): string => `${MODERATION_BASE}/runden/neu`;
export const roundSettingsPath = (roundId: number): string => `${MODERATION_BASE}/runden/${roundId}`;

/** The cockpit of a round; `search` carries its filters (e.g. `status=submitted`). */
export function cockpitPath(roundId: number, search = ""): string {
  const base = `${MODERATION_BASE}/runden/${roundId}/cockpit`;
  return search ? `${base}${search.startsWith("?") ? search : `?${search}`}` : base;
}

/** The review of one city-year. */
export function reviewPath(roundId: number, ags: string, year: number): string {
  return `${MODERATION_BASE}/runden/${roundId}/pruefung/${ags}/${year}`;
}
