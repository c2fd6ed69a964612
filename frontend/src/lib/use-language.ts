import { useTranslation } from "react-i18next";

import { toLanguage, type Language } from "./i18n";

/** The current interface language; components re-render when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return toLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** Picks `name_de` or `name_en` of a catalogue entry for the interface language. */
export function localizedName(item: { name_de: string; name_en: string }, language: Language): string {
  return language === "en" ? item.name_en : item.name_de;
}
