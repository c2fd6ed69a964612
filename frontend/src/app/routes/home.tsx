import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ActionFieldsTable } from "@/features/catalog/components/action-fields-table";
import { CatalogFigures } from "@/features/catalog/components/catalog-figures";
import { MunicipalityFigures } from "@/features/municipalities/components/municipality-figures";
import { useMe } from "@/features/auth/api/get-me";
import { DASHBOARD_VIEWS, dashboardPath } from "@/features/comparison/paths";
import { RoundList } from "@/features/rounds/components/round-list";
import { ExcelHomeLinks } from "./home-excel-links";
import { useFormatters } from "@/lib/use-formatters";
import { formatDate } from "@/features/tasks/group-tasks";
import { MyWork } from "./home-tasks";
import { taskHref } from "./task-href";
import { DemoDataNotice } from "@/features/system/components/demo-data-notice";
import { useDocumentTitle } from "@/lib/use-document-title";

export function HomeRoute() {
  const { t } = useTranslation();
  const { t: ta } = useTranslation("admin");
  const { locale } = useFormatters();
  useDocumentTitle(t("meta.title"));
  const { data: me } = useMe();
  return (
    <>
      <h1 className="kern-heading-x-large">{t("home.title")}</h1>
      <p className="kern-body kern-body--large lead">{t("home.lead")}</p>

      <DemoDataNotice />

      {me && <MyWork hrefFor={taskHref} />}

      {me && (
        <section aria-labelledby="my-rounds" className="page-section">
          <h2 id="my-rounds" className="kern-heading-medium">
            {t("rounds.title")}
          </h2>
          <RoundList
            entries={(round) => (
              <>
              <p className="kern-body round-status">
                <span className="kern-badge kern-badge--info">
                  <span className="kern-label kern-label--small">{ta(`rounds.status.${round.status}`)}</span>
                </span>{" "}
                {round.deadline ? ta("rounds.deadline", { date: formatDate(round.deadline, locale) }) : ta("rounds.noDeadline")}
              </p>
              <ExcelHomeLinks round={round} />
              {me.permissions.includes("read_comparison") && (
              <ul className="entry-links">
                {DASHBOARD_VIEWS.map((view) => (
                  <li key={view}>
                    <Link className="kern-link" to={dashboardPath(round.id, view)}>
                      <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                      {t(`dash.nav.${view}`)}
                    </Link>
                    <span className="kern-body kern-body--small entry-links__hint"> – {t(`dash.entry.${view}`)}</span>
                  </li>
                ))}
              </ul>
              )}
              </>
            )}
          />
        </section>
      )}

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
