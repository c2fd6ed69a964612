import type { TFunction } from "i18next";

import type { UserMembership } from "./api/get-users";

export interface Names {
  cities: ReadonlyMap<string, string>;
  rings: ReadonlyMap<number, string>;
}

/** "Koordination – Köln (05315000)", "Moderation – Integrationsmonitoring 2.0", "Administration". */
export function membershipLabel(m: UserMembership, t: TFunction<"admin">, names: Names): string {
  const role = t(`roles.${m.role}`);
  if (m.municipality_ags) {
    const city = names.cities.get(m.municipality_ags);
    return `${role} – ${city ? `${city} (${m.municipality_ags})` : m.municipality_ags}`;
  }
  if (m.ring_id !== null) return `${role} – ${names.rings.get(m.ring_id) ?? t("ring", { id: m.ring_id })}`;
  return role;
}

/** An audit action in words, e.g. `user.disabled` → "Konto gesperrt"; unknown actions as they are. */
export function actionLabel(action: string, t: TFunction<"admin">): string {
  const key = `audit.actions.${action.replace(/\./g, "_")}`;
  return t(key as "audit.actions.user_disabled", { defaultValue: action });
}

/** A point in time in the language's form, e.g. `04.12.2026, 17:20`. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return "–";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
