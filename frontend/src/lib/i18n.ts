import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import de from "@/locales/de/common.json";
import en from "@/locales/en/common.json";

export const supportedLanguages = ["de", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = "de";
export const defaultNS = "common";

/** German is the source; the English file must have the same keys (checked by the compiler). */
export const resources = {
  de: { common: de },
  en: { common: en satisfies typeof de },
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
  ns: [defaultNS],
  defaultNS,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
}

export { i18n };
