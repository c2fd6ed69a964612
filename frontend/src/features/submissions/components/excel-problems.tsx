import { useTranslation } from "react-i18next";

import { DataTable } from "@/components/ui/data-table";
import { useFormatters } from "@/lib/use-formatters";
import { groupBySheet, type CellProblem } from "../excel-report";

/** The report cell by cell: sheet, cell, problem – grouped by sheet, with a count per sheet. */
export function ExcelProblems({ problems, caption }: { problems: CellProblem[]; caption: string }) {
  const { t } = useTranslation("submissions");
  const { integer } = useFormatters();
  const groups = groupBySheet(problems);
  const rows = groups.flatMap((group) => group.problems);
  const sheetName = (sheet: string) => sheet || t("excel.problems.wholeFile");
  return (
    <>
      <p className="kern-body">
        {t("excel.problems.perSheet")}{" "}
        {groups.map((group) => `${sheetName(group.sheet)} (${integer(group.problems.length)})`).join(", ")}
      </p>
      <DataTable
        caption={caption}
        captionVisible
        rows={rows}
        rowKey={(row, index) => `${row.sheet}!${row.cell}#${index}`}
        columns={[
          { header: t("excel.problems.sheet"), cell: (row) => sheetName(row.sheet) },
          { header: t("excel.problems.cell"), cell: (row) => <span className="excel-cell-ref">{row.cell || "–"}</span> },
          { header: t("excel.problems.problem"), cell: (row) => row.message },
        ]}
      />
    </>
  );
}
