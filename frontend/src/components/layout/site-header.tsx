import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { LanguageSwitch } from "./language-switch";

export function SiteHeader() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="kern-container site-header__inner">
        <Link to="/" className="site-header__brand">
          {/* The product name is German in every interface language. */}
          <span className="kern-title kern-title--large" lang="de">
            {t("header.title")}
          </span>
          <span className="kern-subline">{t("header.subline")}</span>
        </Link>
        <LanguageSwitch />
      </div>
    </header>
  );
}
