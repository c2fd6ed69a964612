import { useLayoutEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { TableScroll } from "@/components/ui/table-scroll";
import { useFormatters } from "@/lib/use-formatters";
import { useValueHistory } from "../api/get-history";

export interface ValueHistoryProps {
  roundId: number;
  ags: string;
  year: number;
  baseFigure: string;
  name: string;
  onClose: () => void;
}

/** Every change of one value: who, when, value, status, comment, channel and reason; newest first. */
export function ValueHistory({ roundId, ags, year, baseFigure, name, onClose }: ValueHistoryProps) {
  const { t } = useTranslation("moderation");
  const format = useFormatters();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const history = useValueHistory(roundId, ags, year, baseFigure);
  useLayoutEffect(() => {
    heading.current?.focus();
  }, [baseFigure]);
  const caption = t("history.caption", { name });
  return (
    <section className="moderation-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium" tabIndex={-1} ref={heading}>
        {t("history.title", { name })}
      </h2>
      {history.isError && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
      {history.data === undefined && !history.isError && <Loader />}
      {history.data && (
        <TableScroll label={caption}>
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-sr-only">{caption}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("history.when")}</th>
                <th scope="col" className="kern-table__header">{t("history.who")}</th>
                <th scope="col" className="kern-table__header">{t("history.action")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("history.value")}</th>
                <th scope="col" className="kern-table__header">{t("history.status")}</th>
                <th scope="col" className="kern-table__header">{t("history.comment")}</th>
                <th scope="col" className="kern-table__header">{t("history.channel")}</th>
                <th scope="col" className="kern-table__header">{t("history.reason")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {history.data.entries.map((entry) => (
                <tr key={`${entry.version}-${entry.changed_at}-${entry.action}`} className="kern-table__row">
                  <th scope="row" className="kern-table__header">{new Date(entry.changed_at).toLocaleString(format.locale)}</th>
                  <td className="kern-table__cell">{entry.changed_by ?? "–"}</td>
                  <td className="kern-table__cell">{t(`historyAction.${entry.action}`, { defaultValue: entry.action })}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{format.number(entry.value, { maximumFractionDigits: 2 })}</td>
                  <td className="kern-table__cell">{t(`valueStatus.${entry.status}`)}</td>
                  <td className="kern-table__cell">{entry.comment ?? "–"}</td>
                  <td className="kern-table__cell">{t(`channel.${entry.channel}`, { defaultValue: entry.channel })}</td>
                  <td className="kern-table__cell">{entry.reason ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {history.data?.entries.length === 0 && <p className="kern-body">{t("history.empty")}</p>}
      <button type="button" className="kern-btn kern-btn--secondary" onClick={onClose}>
        <span className="kern-label">{t("history.close")}</span>
      </button>
    </section>
  );
}
