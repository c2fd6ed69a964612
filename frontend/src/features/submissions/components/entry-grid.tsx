import { useRef, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";

import { TableScroll } from "@/components/ui/table-scroll";
import { useFormatters } from "@/lib/use-formatters";
import { useLanguage } from "@/lib/use-language";
import { VALUE_STATUSES, type SubmissionValue, type ValueStatus } from "../api/get-submission";
import { inputId, parseErrors, shownDraft, type Draft, type EntryState } from "../entry-state";

export interface BaseFigureInfo {
  reference_date: string;
  source: string;
}

export interface EntryGridProps {
  id: string;
  caption: string;
  year: number;
  values: SubmissionValue[];
  state: EntryState;
  editable: boolean;
  info: Map<string, BaseFigureInfo>;
  onChange: (value: SubmissionValue, patch: Partial<Draft>) => void;
  onLeave: () => void;
}

/**
 * One action field: a row per base figure with last year's value beside this year's input, the
 * value status and the comment. Enter moves down the column (Shift+Enter up), like a spreadsheet;
 * leaving a field saves at once.
 */
export function EntryGrid({ id, caption, year, values, state, editable, info, onChange, onLeave }: EntryGridProps) {
  const { t } = useTranslation("submissions");
  const format = useFormatters();
  const language = useLanguage();
  const table = useRef<HTMLTableElement>(null);
  const invalid = parseErrors(state);

  function move(event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    const column = event.currentTarget.dataset.column ?? "value";
    const cells = Array.from(table.current?.querySelectorAll<HTMLElement>(`[data-column="${column}"]:not(:disabled)`) ?? []);
    const at = cells.indexOf(event.currentTarget);
    const next = cells[event.shiftKey ? at - 1 : at + 1];
    if (next) next.focus();
    else onLeave();
  }

  return (
    <TableScroll label={caption}>
      <table ref={table} className="kern-table kern-table--small entry-table">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t("entry.col.baseFigure")}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t("entry.col.previous", { year: year - 1 })}</th>
            <th scope="col" className="kern-table__header">{t("entry.col.value", { year })}</th>
            <th scope="col" className="kern-table__header">{t("entry.col.status")}</th>
            <th scope="col" className="kern-table__header">{t("entry.col.comment")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {values.map((value) => {
            const code = value.base_figure;
            const draft = shownDraft(state, value);
            const name = language === "en" ? value.name_en : value.name_de;
            const parseError = invalid[code];
            const rejected = state.rejected[code];
            const errors = value.findings.filter((finding) => finding.severity === "error");
            const warnings = value.findings.filter((finding) => finding.severity === "warning");
            const hasComment = draft.comment.trim() !== "";
            const needsComment = warnings.length > 0 && !hasComment;
            const valueId = inputId(id, code);
            const hintId = `${valueId}-hint`;
            const errorId = `${valueId}-error`;
            const warningId = `${valueId}-warning`;
            const hasError = parseError !== undefined || rejected !== undefined || errors.length > 0;
            const canEdit = editable && value.editable;
            const details = info.get(code);
            const describedBy = [hintId, hasError ? errorId : null, warnings.length > 0 ? warningId : null].filter(Boolean).join(" ");
            return (
              <tr key={code} className={`kern-table__row${value.review_state !== "none" ? " entry-row--returned" : ""}`}>
                <th scope="row" className="kern-table__header entry-name">
                  <span className="kern-body kern-body--small entry-muted">{code}</span>
                  <br />
                  {name}
                  <div className="kern-body kern-body--small entry-muted entry-hint" id={hintId}>
                    {t("entry.hint.unit", { unit: value.unit })}
                    {details && <> · {t("entry.hint.reference", { date: details.reference_date })}</>}
                    {details && <> · {t("entry.hint.source", { source: details.source })}</>}
                  </div>
                  {value.review_state !== "none" && (
                    <p className="kern-body kern-body--small entry-review">
                      <strong>{t(`entry.reviewState.${value.review_state}`)}</strong>
                      {value.review_reason ? `: ${value.review_reason}` : ""}
                    </p>
                  )}
                </th>
                <td className="kern-table__cell kern-table__cell--numeric">
                  {format.number(value.previous_value, { maximumFractionDigits: 2 })}
                </td>
                <td className="kern-table__cell entry-value-cell">
                  <div className={hasError ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
                    <label className="kern-label kern-sr-only" htmlFor={valueId}>
                      {t("entry.label.value", { year, name })}
                    </label>
                    <input
                      id={valueId}
                      className="kern-form-input__input entry-number"
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      spellCheck={false}
                      maxLength={32}
                      data-column="value"
                      value={draft.text}
                      disabled={!canEdit}
                      aria-invalid={hasError ? true : undefined}
                      aria-describedby={describedBy}
                      onChange={(event) => {
                        onChange(value, { text: event.target.value });
                      }}
                      onKeyDown={move}
                      onBlur={onLeave}
                    />
                    {hasError && (
                      <div className="kern-error" id={errorId}>
                        <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
                        <span className="kern-body">
                          {parseError !== undefined && t(`entry.parse.${parseError}`)}
                          {rejected !== undefined && parseError === undefined && rejected}
                          {parseError === undefined && rejected === undefined &&
                            errors.map((finding) => (language === "en" ? finding.message_en : finding.message_de)).join(" ")}
                        </span>
                      </div>
                    )}
                  </div>
                  {warnings.length > 0 && (
                    <div className={needsComment ? "entry-warning entry-warning--open" : "entry-warning"} id={warningId}>
                      <span className="kern-icon kern-icon--warning kern-icon--default" aria-hidden="true" />
                      <span className="kern-body kern-body--small">
                        {warnings.map((finding) => (language === "en" ? finding.message_en : finding.message_de)).join(" ")}{" "}
                        <strong>{needsComment ? t("entry.warningNeedsComment") : t("entry.warningExplained")}</strong>
                      </span>
                    </div>
                  )}
                </td>
                <td className="kern-table__cell">
                  <div className="kern-form-input">
                    <label className="kern-label kern-sr-only" htmlFor={`${valueId}-status`}>
                      {t("entry.label.status", { name })}
                    </label>
                    <div className="kern-form-input__select-wrapper">
                      <select
                        id={`${valueId}-status`}
                        className="kern-form-input__select entry-select"
                        data-column="status"
                        value={draft.status ?? ""}
                        disabled={!canEdit}
                        onChange={(event) => {
                          onChange(value, { status: event.target.value === "" ? null : (event.target.value as ValueStatus) });
                        }}
                        onKeyDown={move}
                        onBlur={onLeave}
                      >
                        <option value="">{t("entry.noStatus")}</option>
                        {VALUE_STATUSES.map((status) => (
                          <option key={status} value={status}>{t(`entry.valueStatus.${status}`)}</option>
                        ))}
                      </select>
                    </div>
                  </div>
                </td>
                <td className="kern-table__cell">
                  <div className={needsComment ? "kern-form-input entry-comment entry-comment--needed" : "kern-form-input entry-comment"}>
                    <label className="kern-label kern-sr-only" htmlFor={`${valueId}-comment`}>
                      {t("entry.label.comment", { name })}
                    </label>
                    <input
                      id={`${valueId}-comment`}
                      className="kern-form-input__input"
                      type="text"
                      maxLength={2000}
                      data-column="comment"
                      value={draft.comment}
                      disabled={!canEdit}
                      placeholder={needsComment ? t("entry.commentPlaceholder") : undefined}
                      aria-required={needsComment ? true : undefined}
                      aria-describedby={warnings.length > 0 ? warningId : undefined}
                      onChange={(event) => {
                        onChange(value, { comment: event.target.value });
                      }}
                      onKeyDown={move}
                      onBlur={onLeave}
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
