import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { LanguageSwitch } from "./language-switch";

/**
 * Page header; `children` holds the account area (sign-in link or user menu) that the app composes in,
 * `nav` the main navigation below it.
 */
export function SiteHeader({ children, nav }: { children?: ReactNode; nav?: ReactNode }) {
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
        <div className="site-header__actions">
          <LanguageSwitch />
          {children}
        </div>
      </div>
      {nav && <div className="kern-container">{nav}</div>}
    </header>
  );
}
