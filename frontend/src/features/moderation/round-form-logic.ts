/** Reads "2022, 2023" or "2022 2023" as distinct data years 1990–2100, sorted; `null` when unreadable. */
export function parseYears(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 10) return null;
  const years = parts.map(Number);
  if (years.some((year) => !Number.isInteger(year) || year < 1990 || year > 2100)) return null;
  if (new Set(years).size !== years.length) return null;
  return [...years].sort((a, b) => a - b);
}

export interface RoundFormErrors {
  name?: "form.errors.name";
  years?: "form.errors.years";
  catalogVersion?: "form.errors.catalogVersion";
  ring?: "form.errors.ring";
}

/** Field errors of the create form (as translation keys), before anything is sent. */
export function validateRoundForm(input: { name: string; years: string; catalogVersion: string; ringId: number | null }): RoundFormErrors {
  const errors: RoundFormErrors = {};
  const name = input.name.trim();
  if (name.length < 3 || name.length > 200) errors.name = "form.errors.name";
  if (parseYears(input.years) === null) errors.years = "form.errors.years";
  if (!/^[0-9A-Za-z._-]{1,40}$/.test(input.catalogVersion.trim())) errors.catalogVersion = "form.errors.catalogVersion";
  if (input.ringId === null) errors.ring = "form.errors.ring";
  return errors;
}
