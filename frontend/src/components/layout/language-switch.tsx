import { useTranslation } from "react-i18next";

import { changeLanguage, supportedLanguages } from "@/lib/i18n";
import { useLanguage } from "@/lib/use-language";

/** Two buttons, each naming its language in that language; the current one is pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {supportedLanguages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className={`kern-btn ${language === current ? "kern-btn--primary" : "kern-btn--tertiary"}`}
          aria-pressed={language === current}
          onClick={() => void changeLanguage(language)}
        >
          <span className="kern-label">{t(`language.${language}`)}</span>
        </button>
      ))}
    </div>
  );
}
