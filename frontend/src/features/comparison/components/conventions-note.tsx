import { useTranslation } from "react-i18next";

import type { IndicatorComparison } from "../api/get-indicator-comparison";

/** The conventions as a footnote: tie rule, quantile method, own city included, minimum group size. */
export function ConventionsNote({ comparison }: { comparison: Pick<IndicatorComparison, "conventions" | "indicator"> }) {
  const { t } = useTranslation();
  const { conventions, indicator } = comparison;
  return (
    <footer className="conventions-note kern-body kern-body--small" aria-label={t("dash.conventions.title")}>
      <p className="kern-body--bold">{t("dash.conventions.title")}</p>
      <ul>
        <li>{t("dash.conventions.ties")}</li>
        <li>{t(`dash.conventions.direction.${conventions.polarity}`)}</li>
        <li>{t("dash.conventions.quantiles")}</li>
        <li>{conventions.own_city_included ? t("dash.conventions.ownIncluded") : t("dash.conventions.ownExcluded")}</li>
        <li>{t("dash.conventions.weighting")}</li>
        <li>{t("dash.conventions.minGroup", { n: conventions.min_group_size })}</li>
        <li>{t("dash.conventions.interval")}</li>
        <li>{t("dash.conventions.signs")}</li>
        {indicator.kind === "gap" && <li>{t("dash.conventions.gap")}</li>}
      </ul>
    </footer>
  );
}
