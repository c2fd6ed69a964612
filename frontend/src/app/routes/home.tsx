import { useTranslation } from "react-i18next";

import { ActionFieldsTable } from "@/features/catalog/components/action-fields-table";
import { CatalogFigures } from "@/features/catalog/components/catalog-figures";
import { MunicipalityFigures } from "@/features/municipalities/components/municipality-figures";
import { DemoDataNotice } from "@/features/system/components/demo-data-notice";
import { useDocumentTitle } from "@/lib/use-document-title";

export function HomeRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("meta.title"));
  return (
    <>
      <h1 className="kern-heading-x-large">{t("home.title")}</h1>
      <p className="kern-body kern-body--large lead">{t("home.lead")}</p>

      <DemoDataNotice />

      <section aria-labelledby="how-it-works" className="page-section">
        <h2 id="how-it-works" className="kern-heading-medium">
          {t("home.howItWorks.title")}
        </h2>
        <ol className="kern-list kern-list--number">
          <li>{t("home.howItWorks.collect")}</li>
          <li>{t("home.howItWorks.check")}</li>
          <li>{t("home.howItWorks.compare")}</li>
        </ol>
        <p className="kern-body kern-body--bold motto">{t("home.motto")}</p>
      </section>

      <section aria-labelledby="figures" className="page-section">
        <h2 id="figures" className="kern-heading-medium">
          {t("home.figuresTitle")}
        </h2>
        <div className="figure-grid">
          <MunicipalityFigures />
          <CatalogFigures />
        </div>
      </section>

      <section aria-labelledby="fields" className="page-section">
        <h2 id="fields" className="kern-heading-medium">
          {t("home.fieldsTitle")}
        </h2>
        <ActionFieldsTable />
      </section>
    </>
  );
}
