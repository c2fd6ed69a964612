import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { useFormatters } from "@/lib/use-formatters";
import { useLanguage } from "@/lib/use-language";
import type { Submission, SubmissionValue } from "../api/get-submission";
import { inputId, openItems, readOnlyReason, saveState, type EntryState } from "../entry-state";
import { entryPath, formPath } from "../paths";
import { useEntryForm } from "../use-entry-form";
import { EntryGrid, type BaseFigureInfo } from "./entry-grid";
import { EntrySummary } from "./entry-summary";
import "../entry.css";

export interface ActionFieldName {
  code: string;
  name: string;
}

export interface EntryViewProps {
  roundId: number;
  submission: Submission;
  /** The catalogue's action fields in their order (names in the interface language). */
  fields: ActionFieldName[];
  info: Map<string, BaseFigureInfo>;
  years: number[];
  /** The action field shown (`?feld=`), or null for the first one. */
  field: string | null;
  onFieldChange: (field: string) => void;
}

function fieldsOf(values: SubmissionValue[], catalogue: ActionFieldName[]): ActionFieldName[] {
  const present = new Set(values.map((value) => value.field));
  const known = catalogue.filter((field) => present.has(field.code));
  const knownCodes = new Set(known.map((field) => field.code));
  const rest = [...present].filter((code) => !knownCodes.has(code)).map((code) => ({ code, name: code }));
  return [...known, ...rest];
}

/** The entry form of one city-year: action fields as tabs, the grid, save state, conflicts, submit. */
export function EntryView({ roundId, submission, fields, info, years, field, onFieldChange }: EntryViewProps) {
  const form = useEntryForm(roundId, submission.ags, submission.year, submission);
  const { t } = useTranslation("submissions");
  const language = useLanguage();
  const format = useFormatters();
  const id = useId();
  const { state } = form;
  const current = state.submission;
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string | null } | null>(null);

  const allFields = useMemo(() => fieldsOf(current.values, fields), [current.values, fields]);
  const firstReturned = current.values.find((value) => value.review_state !== "none")?.field;
  const shownField = allFields.find((item) => item.code === (field ?? firstReturned)) ?? allFields[0];
  const shownValues = current.values.filter((value) => value.field === shownField?.code);
  const items = openItems(state, language === "en" ? "en" : "de");
  const byCode = new Map(current.values.map((value) => [value.base_figure, value]));
  const nameOf = (code: string) => {
    const value = byCode.get(code);
    return value ? `${language === "en" ? value.name_en : value.name_de} (${code})` : code;
  };
  const editable = current.editable;

  return (
    <>
      <dl className="kern-description-list entry-facts">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("entry.status")}</dt>
          <dd className="kern-description-list-item__value">
            <span className={`entry-badge entry-badge--${current.status}`}>{t(`entry.statusValue.${current.status}`)}</span>
          </dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("entry.version")}</dt>
          <dd className="kern-description-list-item__value">{current.version}</dd>
        </div>
        {current.submitted_at && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("entry.submittedAt")}</dt>
            <dd className="kern-description-list-item__value">{new Date(current.submitted_at).toLocaleString(format.locale)}</dd>
          </div>
        )}
      </dl>

      <nav aria-label={t("entry.years")} className="entry-years">
        <span className="kern-body">{t("entry.years")}:</span>
        <ul className="entry-tabs">
          {years.map((year) => (
            <li key={year}>
              <Link
                className="kern-link"
                to={entryPath(roundId, current.ags, year, shownField?.code)}
                aria-current={year === current.year ? "page" : undefined}
              >
                {year}
              </Link>
            </li>
          ))}
        </ul>
        <Link className="kern-link" to={formPath(roundId, current.ags)}>{t("entry.excelLink")}</Link>
      </nav>

      {current.synthetic_data && <p className="kern-body kern-body--small">{t("entry.synthetic")}</p>}

      {current.status === "returned" && (
        <Alert variant="warning" title={t("entry.returned.title")}>
          <p className="kern-body">{t("entry.returned.body", { reason: current.return_reason ?? "–" })}</p>
          {current.values.some((value) => value.review_state !== "none") && (
            <ul className="kern-list">
              {current.values
                .filter((value) => value.review_state !== "none")
                .map((value) => (
                  <li key={value.base_figure}>
                    {nameOf(value.base_figure)}
                    {value.review_reason ? `: ${value.review_reason}` : ""}
                  </li>
                ))}
            </ul>
          )}
        </Alert>
      )}
      {!editable && (
        <Alert variant="info" title={t("entry.readOnly.title")}>
          <p className="kern-body">{t(`entry.readOnly.${readOnlyReason(current)}`)}</p>
        </Alert>
      )}

      <SaveStatus state={state} status={saveState(state)} onRetry={form.retry} onReload={() => void form.reload()} />

      {state.conflict && (
        <Alert variant="danger" title={t("entry.conflict.title")} announce>
          <p className="kern-body">
            {state.conflict.theirs.length > 0
              ? t("entry.conflict.changed", { list: state.conflict.theirs.map(nameOf).join(", ") })
              : t("entry.conflict.stateChanged")}
          </p>
          {state.conflict.overlapping.length > 0 && (
            <p className="kern-body">{t("entry.conflict.overlap", { list: state.conflict.overlapping.map(nameOf).join(", ") })}</p>
          )}
          <div className="entry-actions">
            <button type="button" className="kern-btn kern-btn--secondary" onClick={form.takeTheirs}>
              <span className="kern-label">{t("entry.conflict.theirs")}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--primary" onClick={form.keepYours}>
              <span className="kern-label">{t("entry.conflict.yours")}</span>
            </button>
          </div>
        </Alert>
      )}

      <nav aria-label={t("entry.fields")}>
        <ul className="entry-tabs entry-fields">
          {allFields.map((item) => {
            const fieldValues = current.values.filter((value) => value.field === item.code);
            const filled = fieldValues.filter((value) => value.value !== null || (value.status !== null && value.status !== "ok")).length;
            const open = items.filter((entry) => byCode.get(entry.code)?.field === item.code).length;
            return (
              <li key={item.code}>
                <Link
                  className="kern-link"
                  to={entryPath(roundId, current.ags, current.year, item.code)}
                  aria-current={item.code === shownField?.code ? "page" : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    void form.save();
                    onFieldChange(item.code);
                  }}
                >
                  {item.name}
                </Link>
                <span className="kern-body kern-body--small entry-muted">
                  {" "}
                  {t("entry.fieldProgress", { filled, total: fieldValues.length })}
                  {open > 0 ? ` · ${t("entry.fieldOpen", { count: open })}` : ""}
                </span>
              </li>
            );
          })}
        </ul>
      </nav>

      {shownField && (
        <section aria-labelledby={`${id}-field`}>
          <h2 id={`${id}-field`} className="kern-heading-medium">{shownField.name}</h2>
          {editable && <p className="kern-body kern-body--small">{t("entry.keyboardHint")}</p>}
          <EntryGrid
            id={id}
            caption={t("entry.caption", { field: shownField.name, year: current.year })}
            year={current.year}
            values={shownValues}
            state={state}
            editable={editable}
            info={info}
            onChange={form.change}
            onLeave={() => void form.save()}
          />
        </section>
      )}

      <EntrySummary
        id={id}
        items={items}
        nameOf={nameOf}
        canSubmit={current.allowed_actions.includes("submit")}
        submitting={form.submitting}
        year={current.year}
        outcome={outcome}
        hrefOf={(code) => `${entryPath(roundId, current.ags, current.year, byCode.get(code)?.field)}#${inputId(id, code)}`}
        isValue={(code) => byCode.has(code)}
        onOpen={(code) => {
          const fieldCode = byCode.get(code)?.field;
          if (fieldCode) onFieldChange(fieldCode);
          window.setTimeout(() => document.getElementById(inputId(id, code))?.focus(), 0);
        }}
        onSubmit={() => {
          setOutcome(null);
          void form.submit().then(setOutcome);
        }}
      />
    </>
  );
}

interface SaveStatusProps {
  state: EntryState;
  status: ReturnType<typeof saveState>;
  onRetry: () => void;
  onReload: () => void;
}

/** Saved / saving / not saved, announced politely; a failed save offers to try again. */
function SaveStatus({ state, status, onRetry, onReload }: SaveStatusProps) {
  const { t } = useTranslation("submissions");
  const format = useFormatters();
  const pending = Object.keys(state.drafts).length;
  let text: string;
  if (status === "saving") text = t("entry.save.saving");
  else if (status === "conflict") text = t("entry.save.conflict");
  else if (status === "unsaved") text = t("entry.save.unsaved", { count: pending });
  else if (state.savedAt) text = t("entry.save.savedAt", { time: state.savedAt.toLocaleTimeString(format.locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }) });
  else text = t("entry.save.saved");
  return (
    <div className={`entry-save entry-save--${status}`}>
      <p className="kern-body" role="status" aria-live="polite" data-save-state={status}>
        <span className={`kern-icon kern-icon--${status === "saved" ? "check" : status === "saving" ? "autorenew" : "warning"} kern-icon--default`} aria-hidden="true" />
        {text}
      </p>
      {state.failure && (
        <Alert variant="danger" title={t("entry.save.failed")} announce>
          <p className="kern-body">{state.failure}</p>
          <div className="entry-actions">
            <button type="button" className="kern-btn kern-btn--secondary" onClick={onRetry}>
              <span className="kern-label">{t("entry.save.retry")}</span>
            </button>
            <button type="button" className="kern-btn kern-btn--tertiary" onClick={onReload}>
              <span className="kern-label">{t("entry.save.reload")}</span>
            </button>
          </div>
        </Alert>
      )}
    </div>
  );
}
