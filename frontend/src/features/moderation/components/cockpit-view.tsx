import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { TableScroll } from "@/components/ui/table-scroll";
import { TextField } from "@/components/ui/text-field";
import { useFormatters } from "@/lib/use-formatters";
import { useLanguage } from "@/lib/use-language";
import { useApproveSubmissions } from "../api/approve-submissions";
import type { Cockpit } from "../api/get-cockpit";
import {
  approvalItems,
  cockpitRows,
  filterAndSort,
  isApprovable,
  nextSort,
  STATUS_FILTERS,
  toggleAll,
  toggleSelection,
  type CockpitFilter,
  type SortKey,
} from "../cockpit-rows";
import { errorText } from "../error-text";
import { reviewPath } from "../paths";
import { ReminderPanel } from "./reminder-panel";
import { StatusBadge } from "./status-badge";
import "../moderation.css";

export interface CockpitViewProps {
  roundId: number;
  cockpit: Cockpit;
  filter: CockpitFilter;
  onFilter: (filter: CockpitFilter) => void;
}

/** Cities × action fields of a round: filter, sort, open a city-year, approve many, remind. */
export function CockpitView({ roundId, cockpit, filter, onFilter }: CockpitViewProps) {
  const { t } = useTranslation("moderation");
  const format = useFormatters();
  const language = useLanguage();
  const id = useId();
  const allRows = useMemo(() => cockpitRows(cockpit), [cockpit]);
  const rows = useMemo(() => filterAndSort(allRows, filter), [allRows, filter]);
  const [selection, setSelection] = useState<Set<string>>(new Set());
  const approve = useApproveSubmissions(roundId);
  const items = approvalItems(selection, allRows);
  const approvableVisible = rows.filter(isApprovable);
  const allSelected = approvableVisible.length > 0 && approvableVisible.every((row) => selection.has(row.key));

  const sortHeader = (key: SortKey, label: string, numeric = false) => {
    const active = filter.sort === key;
    const ariaSort = active ? (filter.direction === "asc" ? "ascending" : "descending") : undefined;
    return (
      <th scope="col" aria-sort={ariaSort} className={numeric ? "kern-table__header kern-table__header--numeric" : "kern-table__header"}>
        <button type="button" className="moderation-sort" onClick={() => { onFilter({ ...filter, ...nextSort(filter, key) }); }}>
          {label}
          <span aria-hidden="true">{active ? (filter.direction === "asc" ? " ▲" : " ▼") : ""}</span>
        </button>
      </th>
    );
  };

  const counts = cockpit.status_counts;
  return (
    <>
      <p className="kern-body">
        {t("cockpit.counts", {
          submitted: counts.submitted ?? 0,
          returned: counts.returned ?? 0,
          draft: counts.draft ?? 0,
          approved: counts.approved ?? 0,
        })}
      </p>
      <search className="moderation-toolbar" aria-label={t("cockpit.filterLabel")}>
        <SelectField
          id={`${id}-status`}
          label={t("cockpit.filterStatus")}
          value={filter.status}
          options={STATUS_FILTERS.map((value) => ({ value, label: t(`statusFilter.${value}`) }))}
          onChange={(event) => { onFilter({ ...filter, status: event.target.value as CockpitFilter["status"] }); }}
        />
        <SelectField
          id={`${id}-year`}
          label={t("cockpit.filterYear")}
          value={filter.year === null ? "" : String(filter.year)}
          options={[{ value: "", label: t("cockpit.allYears") }, ...cockpit.years.map((year) => ({ value: String(year), label: String(year) }))]}
          onChange={(event) => { onFilter({ ...filter, year: event.target.value ? Number(event.target.value) : null }); }}
        />
        <TextField
          id={`${id}-search`}
          label={t("cockpit.search")}
          type="search"
          value={filter.search}
          maxLength={80}
          onChange={(event) => { onFilter({ ...filter, search: event.target.value }); }}
        />
      </search>

      <div className="moderation-actions" role="group" aria-label={t("cockpit.bulkLabel")}>
        <button
          type="button"
          className="kern-btn kern-btn--primary"
          disabled={items.length === 0 || approve.isPending}
          onClick={() => {
            approve.mutate(items, { onSuccess: () => { setSelection(new Set()); } });
          }}
        >
          <span className="kern-icon kern-icon--check" aria-hidden="true" />
          <span className="kern-label">{t("cockpit.approveSelected", { count: items.length })}</span>
        </button>
        <span className="kern-body" aria-live="polite">
          {t("cockpit.shown", { count: rows.length, total: allRows.length })}
        </span>
      </div>
      {approve.isError && (
        <Alert variant="danger" title={t("cockpit.approveFailed")} announce>
          <p className="kern-body">{errorText(approve.error, t("error.generic"))}</p>
        </Alert>
      )}
      {approve.isSuccess && (
        <Alert variant="success" title={t("cockpit.approved", { count: approve.data.approved.length })} announce />
      )}

      <TableScroll label={t("cockpit.caption")}>
        <table className="kern-table kern-table--small kern-table--striped">
          <caption className="kern-sr-only">{t("cockpit.caption")}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">
                <div className="kern-form-check moderation-check">
                  <input
                    className="kern-form-check__checkbox"
                    type="checkbox"
                    id={`${id}-all`}
                    checked={allSelected}
                    disabled={approvableVisible.length === 0}
                    onChange={() => { setSelection(toggleAll(selection, rows)); }}
                  />
                  <label className="kern-label" htmlFor={`${id}-all`}>
                    <span className="kern-sr-only">{t("cockpit.selectAll")}</span>
                  </label>
                </div>
              </th>
              {sortHeader("name", t("cockpit.city"))}
              {sortHeader("year", t("cockpit.year"), true)}
              {sortHeader("status", t("cockpit.status"))}
              {sortHeader("completeness", t("cockpit.completeness"), true)}
              {sortHeader("findings", t("cockpit.findings"), true)}
              <th scope="col" className="kern-table__header">{t("cockpit.open")}</th>
              {cockpit.fields.map((field) => (
                <th key={field.code} scope="col" className="kern-table__header kern-table__header--numeric" aria-sort={filter.sort === `field:${field.code}` ? (filter.direction === "asc" ? "ascending" : "descending") : undefined}>
                  <button
                    type="button"
                    className="moderation-sort"
                    title={language === "en" ? field.name_en : field.name_de}
                    onClick={() => { onFilter({ ...filter, ...nextSort(filter, `field:${field.code}`) }); }}
                  >
                    <abbr title={language === "en" ? field.name_en : field.name_de}>{field.code}</abbr>
                    <span className="kern-sr-only"> {language === "en" ? field.name_en : field.name_de}</span>
                    <span aria-hidden="true">{filter.sort === `field:${field.code}` ? (filter.direction === "asc" ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((row) => {
              const label = `${row.name} ${row.year}`;
              return (
                <tr key={row.key} className={selection.has(row.key) ? "kern-table__row moderation-row--selected" : "kern-table__row"}>
                  <td className="kern-table__cell">
                    {isApprovable(row) && (
                      <div className="kern-form-check moderation-check">
                        <input
                          className="kern-form-check__checkbox"
                          type="checkbox"
                          id={`${id}-sel-${row.key}`}
                          checked={selection.has(row.key)}
                          onChange={() => { setSelection(toggleSelection(selection, row)); }}
                        />
                        <label className="kern-label" htmlFor={`${id}-sel-${row.key}`}>
                          <span className="kern-sr-only">{t("cockpit.select", { name: label })}</span>
                        </label>
                      </div>
                    )}
                  </td>
                  <th scope="row" className="kern-table__header">{row.name}</th>
                  <td className="kern-table__cell kern-table__cell--numeric">{row.year}</td>
                  <td className="kern-table__cell"><StatusBadge status={row.status} /></td>
                  <td className="kern-table__cell kern-table__cell--numeric">{format.percent(row.completeness * 100, { fractionDigits: 0 })}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">
                    {format.integer(row.findingsOpen)}
                    {row.changedSinceApproval > 0 && (
                      <span className="kern-body kern-body--small"> {t("cockpit.changed", { count: row.changedSinceApproval })}</span>
                    )}
                  </td>
                  <td className="kern-table__cell">
                    {row.status !== null && (
                      <Link className="kern-link" to={reviewPath(roundId, row.ags, row.year)}>
                        {t("cockpit.review")}
                        <span className="kern-sr-only"> {label}</span>
                      </Link>
                    )}
                  </td>
                  {cockpit.fields.map((field) => {
                    const cell = row.fields.find((item) => item.field === field.code);
                    const open = cell ? cell.errors_open + cell.warnings_open : 0;
                    return (
                      <td key={field.code} className="kern-table__cell kern-table__cell--numeric">
                        {cell ? format.percent(cell.completeness * 100, { fractionDigits: 0 }) : "–"}
                        {open > 0 && (
                          <>
                            <br />
                            <span className="kern-body kern-body--small">{t("cockpit.openShort", { count: open })}</span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      {rows.length === 0 && <p className="kern-body">{t("cockpit.empty")}</p>}

      <ReminderPanel roundId={roundId} rows={allRows} years={cockpit.years} />
    </>
  );
}
