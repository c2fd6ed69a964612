import { useId, useRef, useState, type ReactNode, type Ref } from "react";
import { useTranslation } from "react-i18next";

import { downloadCsv, downloadDataUrl, fileName, toCsv, type CsvCell } from "@/lib/csv";

/** What the PNG download needs from a drawn chart (see `components/charts/echart.tsx`). */
export interface PngSource {
  toPng: () => string | null;
}

export interface CsvTable {
  header: string[];
  rows: CsvCell[][];
}

export interface ChartPanelProps {
  title: string;
  /** A sentence under the title: what is shown, for which year and group. */
  description?: ReactNode;
  /** Draws the chart; the ref lets the panel take a PNG of it. */
  chart: (ref: Ref<PngSource>) => ReactNode;
  /** The same numbers as a table (a `DataTable`). */
  table: ReactNode;
  /** The download's rows: the API's numbers, unrounded. */
  csv: () => CsvTable;
  /** File name stem for the downloads. */
  fileStem: string;
  /** Extra notes under the chart (legend, footnotes). */
  children?: ReactNode;
}

/**
 * A chart with its table twin (switchable), and downloads: CSV in German form (semicolon, decimal
 * comma, UTF-8 with BOM), CSV in international form, and PNG of the chart.
 */
export function ChartPanel({ title, description, chart, table, csv, fileStem, children }: ChartPanelProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<"chart" | "table">("chart");
  const png = useRef<PngSource>(null);
  const headingId = useId();
  const showTable = view === "table";

  function download(style: "de" | "international") {
    const { header, rows } = csv();
    downloadCsv(toCsv(header, rows, style), fileName(style === "de" ? fileStem : `${fileStem}-international`, "csv"));
  }

  return (
    <section className="chart-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="kern-heading-medium">
        {title}
      </h2>
      {description !== undefined && <div className="kern-body chart-panel__description">{description}</div>}
      <div className="chart-panel__toolbar no-print" role="group" aria-label={t("charts.toolbar")}>
        <button
          type="button"
          className="kern-btn kern-btn--secondary"
          aria-pressed={showTable}
          onClick={() => {
            setView(showTable ? "chart" : "table");
          }}
        >
          <span className="kern-label">{t("charts.showTable")}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => { download("de"); }}>
          <span className="kern-icon kern-icon--download" aria-hidden="true" />
          <span className="kern-label">{t("charts.csv")}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={() => { download("international"); }}>
          <span className="kern-label">{t("charts.csvInternational")}</span>
        </button>
        <button
          type="button"
          className="kern-btn kern-btn--tertiary"
          disabled={showTable}
          onClick={() => {
            const url = png.current?.toPng();
            if (url) downloadDataUrl(url, fileName(fileStem, "png"));
          }}
        >
          <span className="kern-label">{t("charts.png")}</span>
        </button>
      </div>
      <div className={showTable ? "chart-panel__chart is-hidden" : "chart-panel__chart"} aria-hidden={showTable}>
        {chart(png)}
      </div>
      {showTable && <div className="chart-panel__table">{table}</div>}
      {children}
    </section>
  );
}
