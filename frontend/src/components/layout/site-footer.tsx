import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Page footer; `children` holds the system status that the app composes in. */
export function SiteFooter({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="kern-container">
        <p className="kern-body kern-body--small">{t("footer.project")}</p>
        {children}
      </div>
    </footer>
  );
}
