import { useTranslation } from "react-i18next";

import { useLanguage } from "@/lib/use-language";
import type { ComparisonRow, Statistics } from "../api/get-indicator-comparison";
import { reasonText } from "../texts";
import { TableScroll } from "@/components/ui/table-scroll";

export interface StatisticsBlockProps {
  statistics: Statistics;
  /** The own city's row: its `excluding_self` gives the group without it. */
  own: ComparisonRow | undefined;
  format: (value: number | null | undefined) => string;
  /** Ratio and gap measures have no weighted ring value. */
  showWeighted: boolean;
}

/** n, median, quartiles, mean and weighted ring value of the group, with and without the own city. */
export function StatisticsBlock({ statistics, own, format, showWeighted }: StatisticsBlockProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const without = own?.excluding_self;
  const withheld = reasonText(statistics.withheld, language);
  const rows: [string, string, string | null][] = [
    [t("dash.stats.n"), String(statistics.n), without ? String(without.n) : null],
    [t("dash.stats.median"), format(statistics.median), without ? format(without.median) : null],
    [t("dash.stats.q1"), format(statistics.q1), null],
    [t("dash.stats.q3"), format(statistics.q3), null],
    [t("dash.stats.mean"), format(statistics.mean), without ? format(without.mean) : null],
    ...(showWeighted ? ([[t("dash.stats.weighted"), format(statistics.weighted), null]] as [string, string, null][]) : []),
    [t("dash.stats.min"), format(statistics.min), null],
    [t("dash.stats.max"), format(statistics.max), null],
    [t("dash.stats.sd"), format(statistics.sd), null],
  ];
  return (
    <section className="statistics-block" aria-labelledby="statistics-heading">
      <h2 id="statistics-heading" className="kern-heading-small">
        {t("dash.stats.title")}
      </h2>
      {withheld && (
        <p className="kern-body" data-testid="statistics-withheld">
          {t("dash.stats.withheld")}: <span lang={withheld.german ? "de" : undefined}>{withheld.text}</span>
        </p>
      )}
      <TableScroll label={t("dash.stats.title")}>
        <table className="kern-table statistics-table">
          <caption className="kern-sr-only">{t("dash.stats.title")}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                {t("dash.stats.figure")}
              </th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">
                {own ? t("dash.stats.withOwn") : t("dash.stats.group")}
              </th>
              {own && (
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t("dash.stats.withoutOwn")}
                </th>
              )}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map(([label, value, excluding]) => (
              <tr key={label} className="kern-table__row">
                <th scope="row" className="kern-table__header">
                  {label}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">{value}</td>
                {own && <td className="kern-table__cell kern-table__cell--numeric">{excluding ?? "·"}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {own && <p className="kern-body kern-body--small">{t("dash.stats.withoutNote")}</p>}
    </section>
  );
}
