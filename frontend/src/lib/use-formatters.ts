import { useMemo } from "react";

import { formatInteger, formatNumber, formatPercent, formatSigned, type NumberOptions, type PercentOptions } from "./format";
import { numberLocale, type Language } from "./i18n";
import { useLanguage } from "./use-language";

export interface Formatters {
  language: Language;
  locale: string;
  number: (value: number | null | undefined, options?: Omit<NumberOptions, "locale">) => string;
  integer: (value: number | null | undefined) => string;
  percent: (value: number | null | undefined, options?: Omit<PercentOptions, "locale">) => string;
  /** A change or deviation with its sign (`+1,3`, `−2`). */
  signed: (value: number | null | undefined, options?: Omit<NumberOptions, "locale">) => string;
}

/** The number formatters for the current interface language. */
export function useFormatters(): Formatters {
  const language = useLanguage();
  return useMemo(() => {
    const locale = numberLocale(language);
    return {
      language,
      locale,
      number: (value, options) => formatNumber(value, { ...options, locale }),
      integer: (value) => formatInteger(value, { locale }),
      percent: (value, options) => formatPercent(value, { ...options, locale }),
      signed: (value, options) => formatSigned(value, { ...options, locale }),
    };
  }, [language]);
}
