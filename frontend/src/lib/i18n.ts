import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import deAdmin from "@/locales/de/admin.json";
import de from "@/locales/de/common.json";
import deModeration from "@/locales/de/moderation.json";
import deSubmissions from "@/locales/de/submissions.json";
import enAdmin from "@/locales/en/admin.json";
import en from "@/locales/en/common.json";
import enModeration from "@/locales/en/moderation.json";
import enSubmissions from "@/locales/en/submissions.json";

export const supportedLanguages = ["de", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = "de";
export const defaultNS = "common";

/**
 * German is the source; each English file must have the same keys (checked by the compiler).
 * Namespaces: `common` (layout, sign-in, dashboards), `submissions` (data entry and the Excel form),
 * `moderation` (rounds, cockpit, review) and `admin` (accounts and the audit log).
 */
export const resources = {
  de: { common: de, submissions: deSubmissions, moderation: deModeration, admin: deAdmin },
  en: {
    common: en satisfies typeof de,
    submissions: enSubmissions satisfies typeof deSubmissions,
    moderation: enModeration satisfies typeof deModeration,
    admin: enAdmin satisfies typeof deAdmin,
  },
} as const;

/** The locale for numbers and dates in each interface language. */
const numberLocales: Record<Language, string> = { de: "de-DE", en: "en-GB" };

const storageKey = "vergleichsring.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** The interface language for a language tag such as `en-US`; German for anything unknown. */
export function toLanguage(tag: string | undefined): Language {
  const base = tag?.split("-")[0];
  return isLanguage(base) ? base : defaultLanguage;
}

export function numberLocale(language: string | undefined): string {
  return numberLocales[toLanguage(language)];
}

function readStoredLanguage(): Language {
  try {
    return toLanguage(window.localStorage.getItem(storageKey) ?? undefined);
  } catch {
    return defaultLanguage;
  }
}

function applyLanguage(language: string): void {
  const lng = toLanguage(language);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(storageKey, lng);
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): the choice then lasts for the page.
  }
}

i18n.on("languageChanged", applyLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLanguage(),
  fallbackLng: defaultLanguage,
  supportedLngs: supportedLanguages,
  ns: [defaultNS, "submissions", "moderation", "admin"],
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

export { i18n };
