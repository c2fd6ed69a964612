import { useId } from "react";
import { useTranslation } from "react-i18next";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { TableScroll } from "@/components/ui/table-scroll";
import { useFormatters } from "@/lib/use-formatters";
import { useChangesSinceApproval } from "../api/get-history";

/** What differs from the state last approved (empty for a city-year never approved or unchanged). */
export function ChangesSinceApproval({ roundId, ags, year, names }: { roundId: number; ags: string; year: number; names: Record<string, string> }) {
  const { t } = useTranslation("moderation");
  const format = useFormatters();
  const id = useId();
  const changes = useChangesSinceApproval(roundId, ags, year);
  const caption = t("changes.caption");
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium">{t("changes.title")}</h2>
      {changes.isError && <QueryError error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.data === undefined && !changes.isError && <Loader />}
      {changes.data?.length === 0 && <p className="kern-body">{t("changes.none")}</p>}
      {changes.data && changes.data.length > 0 && (
        <TableScroll label={caption}>
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-sr-only">{caption}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("review.baseFigure")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("changes.approved")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("changes.now")}</th>
                <th scope="col" className="kern-table__header">{t("changes.status")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {changes.data.map((change) => (
                <tr key={change.base_figure} className="kern-table__row">
                  <th scope="row" className="kern-table__header">{names[change.base_figure] ?? change.base_figure}</th>
                  <td className="kern-table__cell kern-table__cell--numeric">{format.number(change.approved_value, { maximumFractionDigits: 2 })}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{format.number(change.value, { maximumFractionDigits: 2 })}</td>
                  <td className="kern-table__cell">
                    {change.approved_status ? t(`valueStatus.${change.approved_status}`) : "–"} → {t(`valueStatus.${change.status}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
