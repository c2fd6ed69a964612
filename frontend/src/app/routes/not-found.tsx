import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useDocumentTitle } from "@/lib/use-document-title";

export function NotFoundRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("meta.notFoundTitle"));
  return (
    <>
      <h1 className="kern-heading-x-large">{t("notFound.title")}</h1>
      <p className="kern-body">{t("notFound.body")}</p>
      <Link to="/" className="kern-link">
        <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
        {t("notFound.back")}
      </Link>
    </>
  );
}
