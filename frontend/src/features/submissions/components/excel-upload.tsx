import { useId, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Loader } from "@/components/ui/loader";
import { useFormatters } from "@/lib/use-formatters";
import { useDryRun, useImportForm } from "../api/upload-form";
import {
  FORM_MAX_MEGABYTES,
  XLSX_MEDIA_TYPE,
  blockedReason,
  canImport,
  cellProblems,
  checkFile,
  problemsOfError,
  type FileProblem,
} from "../excel-report";
import { entryPath } from "../paths";
import { ExcelChanges } from "./excel-changes";
import { ExcelError } from "./excel-error";
import { ExcelProblems } from "./excel-problems";

/**
 * Steps 2 and 3: choose the filled form, which runs the dry run at once; read the report; import
 * exactly the bytes that were checked, only when the check found nothing.
 */
export function ExcelUpload({ roundId, ags }: { roundId: number; ags: string }) {
  const { t } = useTranslation("submissions");
  const { integer } = useFormatters();
  const inputId = useId();
  const [fileProblem, setFileProblem] = useState<FileProblem | null>(null);
  const dryRun = useDryRun(roundId, ags);
  const importForm = useImportForm(roundId, ags);
  const report = dryRun.data ?? null;
  const imported = importForm.isSuccess && importForm.variables === report;
  const busy = dryRun.isPending || importForm.isPending;
  const reason = blockedReason(report, { imported, failed: importForm.isError });
  const enabled = canImport(report, busy) && !imported && !importForm.isError;

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so that choosing the same (corrected) file again runs a new dry run.
    event.target.value = "";
    if (!file) return;
    importForm.reset();
    dryRun.reset();
    const problem = checkFile(file);
    setFileProblem(problem);
    if (problem === null) dryRun.mutate(file);
  };

  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const blockedId = `${inputId}-blocked`;
  const refusedCells = importForm.isError ? problemsOfError(importForm.error) : null;
  const problems = report ? cellProblems(report.result.problems) : [];

  return (
    <>
      <section aria-labelledby="excel-step-check" className="page-section excel-step">
        <h2 id="excel-step-check" className="kern-heading-medium">
          {t("excel.check.title")}
        </h2>
        <p className="kern-body">{t("excel.check.lead")}</p>
        <div className={fileProblem ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
          <label className="kern-label" htmlFor={inputId}>
            {t("excel.check.label")}
          </label>
          <div className="kern-hint" id={hintId}>
            {t("excel.check.hint", { max: FORM_MAX_MEGABYTES })}
          </div>
          <input
            id={inputId}
            type="file"
            className="kern-form-input__input excel-file-input"
            accept={`.xlsx,${XLSX_MEDIA_TYPE}`}
            onChange={choose}
            disabled={busy}
            aria-invalid={fileProblem ? true : undefined}
            aria-describedby={fileProblem ? `${hintId} ${errorId}` : hintId}
          />
          {fileProblem && (
            <p className="kern-error" id={errorId}>
              <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
              <span className="kern-body">{t(`excel.check.fileProblem.${fileProblem}`, { max: FORM_MAX_MEGABYTES })}</span>
            </p>
          )}
        </div>
        {dryRun.isPending && <Loader label={t("excel.check.pending")} />}
        {dryRun.isError && <ExcelError error={dryRun.error} action="check" />}
        {report && (
          <div className="excel-report">
            <p className="kern-body kern-body--small">
              {t("excel.check.checkedFile", { file: report.file.name })}
            </p>
            {problems.length > 0 ? (
              <>
                <Alert announce variant="danger" title={t("excel.report.problemsTitle", { count: problems.length, n: integer(problems.length) })}>
                  <p className="kern-body">{t("excel.report.problemsBody")}</p>
                </Alert>
                <ExcelProblems problems={problems} caption={t("excel.problems.caption", { file: report.file.name })} />
              </>
            ) : imported ? null : report.result.changed_values > 0 ? (
              <Alert
                announce
                variant="success"
                title={t("excel.report.cleanTitle", { count: report.result.changed_values, n: integer(report.result.changed_values) })}
              >
                <p className="kern-body">{t("excel.report.cleanBody")}</p>
              </Alert>
            ) : (
              <Alert announce variant="info" title={t("excel.report.nothingTitle")}>
                <p className="kern-body">{t("excel.report.nothingBody")}</p>
              </Alert>
            )}
            {problems.length === 0 && <ExcelChanges years={report.years} />}
          </div>
        )}
      </section>

      <section aria-labelledby="excel-step-import" className="page-section excel-step">
        <h2 id="excel-step-import" className="kern-heading-medium">
          {t("excel.import.title")}
        </h2>
        <p className="kern-body">{t("excel.import.lead")}</p>
        <button
          type="button"
          className="kern-btn kern-btn--primary"
          disabled={!enabled}
          aria-describedby={reason ? blockedId : undefined}
          onClick={() => {
            if (canImport(report, busy)) importForm.mutate(report);
          }}
        >
          <span className="kern-icon kern-icon--drive-folder-upload" aria-hidden="true" />
          <span className="kern-label">
            {importForm.isPending
              ? t("excel.import.pending")
              : report && report.result.changed_values > 0
                ? t("excel.import.buttonCount", { count: report.result.changed_values, n: integer(report.result.changed_values) })
                : t("excel.import.button")}
          </span>
        </button>
        {reason && (
          <p className="kern-hint excel-blocked" id={blockedId}>
            {t(`excel.import.blocked.${reason}`)}
          </p>
        )}
        {importForm.isError && (
          <>
            <ExcelError error={importForm.error} action="import" />
            {refusedCells && <ExcelProblems problems={refusedCells} caption={t("excel.problems.refusedCaption")} />}
          </>
        )}
        {imported && (
          <Alert
            variant="success"
            title={t("excel.import.doneTitle", { count: importForm.data.changed_values, n: integer(importForm.data.changed_values) })}
            announce
          >
            <p className="kern-body">{t("excel.import.doneBody")}</p>
            <ul className="entry-links">
              {importForm.data.submissions.map((submission) => (
                <li key={submission.year}>
                  <Link className="kern-link" to={entryPath(roundId, ags, submission.year)}>
                    <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                    {t("excel.import.openEntry", { year: submission.year })}
                  </Link>
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </section>
    </>
  );
}
