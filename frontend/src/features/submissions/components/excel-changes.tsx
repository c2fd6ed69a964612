import { useTranslation } from "react-i18next";

import { DataTable } from "@/components/ui/data-table";
import { useFormatters } from "@/lib/use-formatters";
import type { ValueState, YearDiff } from "../excel-report";

/** Per data year, the values the import would change: as they are, and as they would be. */
export function ExcelChanges({ years }: { years: YearDiff[] }) {
  const { t, i18n } = useTranslation("submissions");
  const { number, integer } = useFormatters();
  const english = i18n.language.startsWith("en");
  const show = (state: ValueState) => {
    const parts = [state.value === null ? "–" : number(state.value, { maximumFractionDigits: 6 })];
    if (state.status !== null && state.status !== "ok") parts.push(`(${t(`excel.valueStatus.${state.status}`)})`);
    return parts.join(" ");
  };
  return (
    <>
      <ul className="kern-list">
        {years.map((year) => (
          <li key={year.year}>
            <span className="kern-body--bold">{year.year}</span> ({t(`excel.submissionStatus.${year.status}`)}):{" "}
            {t("excel.changes.count", { count: year.changes.length, n: integer(year.changes.length) })}
          </li>
        ))}
      </ul>
      {years
        .filter((year) => year.changes.length > 0)
        .map((year) => (
          <DataTable
            key={year.year}
            caption={t("excel.changes.caption", { year: year.year })}
            captionVisible
            rows={year.changes}
            rowKey={(row) => row.baseFigure}
            columns={[
              {
                header: t("excel.changes.figure"),
                rowHeader: true,
                cell: (row) => (
                  <>
                    {english ? row.nameEn : row.nameDe}
                    <span className="kern-body kern-body--small excel-code"> {row.baseFigure} · {row.unit}</span>
                  </>
                ),
              },
              { header: t("excel.changes.before"), numeric: true, cell: (row) => show(row.before) },
              { header: t("excel.changes.after"), numeric: true, cell: (row) => show(row.after) },
              {
                header: t("excel.changes.comment"),
                cell: (row) => (row.after.comment !== row.before.comment ? (row.after.comment ?? t("excel.changes.commentRemoved")) : ""),
              },
            ]}
          />
        ))}
    </>
  );
}
