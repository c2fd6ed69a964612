import { useTranslation } from "react-i18next";

import type { Schemas } from "@/api/client";
import { useDownloadForm } from "../api/download-form";
import { ExcelError } from "./excel-error";

type Submission = Schemas["SubmissionRead"];

/** Step 1: the city's form for every data year of the round, and which years it may change. */
export function ExcelDownload({ roundId, ags, submissions }: { roundId: number; ags: string; submissions: Submission[] }) {
  const { t } = useTranslation("submissions");
  const download = useDownloadForm(roundId, ags);
  return (
    <section aria-labelledby="excel-step-download" className="page-section excel-step">
      <h2 id="excel-step-download" className="kern-heading-medium">
        {t("excel.download.title")}
      </h2>
      <p className="kern-body">{t("excel.download.lead")}</p>
      {submissions.length > 0 && (
        <ul className="kern-list">
          {submissions.map((submission) => (
            <li key={submission.year}>
              <span className="kern-body--bold">{submission.year}</span> ({t(`excel.submissionStatus.${submission.status}`)}) –{" "}
              {submission.editable ? t("excel.download.editable") : t("excel.download.readOnly")}
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="kern-btn kern-btn--primary" onClick={() => {
          download.mutate();
        }} disabled={download.isPending}>
        <span className="kern-icon kern-icon--download" aria-hidden="true" />
        <span className="kern-label">{download.isPending ? t("excel.download.pending") : t("excel.download.button")}</span>
      </button>
      {download.isSuccess && (
        <p className="kern-body kern-body--small" role="status">
          {t("excel.download.done", { file: download.data })}
        </p>
      )}
      {download.isError && <ExcelError error={download.error} action="download" />}
    </section>
  );
}
