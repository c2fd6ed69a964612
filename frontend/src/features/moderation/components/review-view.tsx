import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { TableScroll } from "@/components/ui/table-scroll";
import { useFormatters } from "@/lib/use-formatters";
import { useLanguage } from "@/lib/use-language";
import type { Submission, SubmissionValue } from "../api/get-submission";
import { useReviewSubmission } from "../api/review-submission";
import { errorText } from "../error-text";
import { deviationFromMedian, reviewFocus, toggleMark, valueReasons } from "../review-logic";
import { ChangesSinceApproval } from "./changes-since-approval";
import { StatusBadge } from "./status-badge";
import { ValueHistory } from "./value-history";
import "../moderation.css";

export interface ReviewViewProps {
  roundId: number;
  submission: Submission;
}

/** One city-year: every value with its findings and context; return, reopen or approve. */
export function ReviewView({ roundId, submission }: ReviewViewProps) {
  const { t } = useTranslation("moderation");
  const format = useFormatters();
  const language = useLanguage();
  const id = useId();
  const { ags, year } = submission;
  const review = useReviewSubmission({ roundId, ags, year });
  const [marked, setMarked] = useState<Record<string, string>>({});
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [onlyNotable, setOnlyNotable] = useState(false);
  const [historyOf, setHistoryOf] = useState<SubmissionValue | null>(null);

  const can = (action: string) => submission.allowed_actions.includes(action);
  const canReturn = can("return");
  const canReopen = can("reopen");
  const canMark = canReturn || canReopen;
  const values = onlyNotable ? submission.values.filter(reviewFocus) : submission.values;
  const markedCount = Object.keys(marked).length;
  const name = (value: SubmissionValue) => (language === "en" ? value.name_en : value.name_de);
  const generalFindings = submission.findings.filter((finding) => finding.base_figure === null);

  function sendBack(kind: "return" | "reopen") {
    const { items, missing } = valueReasons(marked);
    if (reason.trim().length < 3) {
      setReasonError(t("review.reasonTooShort"));
      return;
    }
    if (missing.length > 0) {
      setReasonError(t("review.valueReasonMissing", { list: missing.join(", ") }));
      return;
    }
    setReasonError(null);
    review.mutate(
      { kind, body: { version: submission.version, reason: reason.trim(), values: items } },
      { onSuccess: () => { setMarked({}); setReason(""); } },
    );
  }

  return (
    <>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("review.status")}</dt>
          <dd className="kern-description-list-item__value"><StatusBadge status={submission.status} /></dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("review.version")}</dt>
          <dd className="kern-description-list-item__value">{submission.version}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("review.findingsOpen")}</dt>
          <dd className="kern-description-list-item__value">
            {t("review.findingsSummary", {
              errors: submission.findings_summary.errors_open ?? 0,
              warnings: submission.findings_summary.warnings_open ?? 0,
              explained: submission.findings_summary.warnings_explained ?? 0,
            })}
          </dd>
        </div>
        {submission.submitted_at && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("review.submittedAt")}</dt>
            <dd className="kern-description-list-item__value">{new Date(submission.submitted_at).toLocaleString(format.locale)}</dd>
          </div>
        )}
        {submission.return_reason && (
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("review.returnReason")}</dt>
            <dd className="kern-description-list-item__value">{submission.return_reason}</dd>
          </div>
        )}
      </dl>

      {submission.synthetic_data && <p className="kern-body kern-body--small">{t("review.synthetic")}</p>}

      {review.isError && (
        <Alert variant="danger" title={t("review.failed")} announce>
          <p className="kern-body">{errorText(review.error, t("error.generic"))}</p>
        </Alert>
      )}
      {review.isSuccess && <Alert variant="success" title={t(`review.done.${review.data.status}`)} announce />}

      <section className="moderation-panel" aria-labelledby={`${id}-decision`}>
        <h2 id={`${id}-decision`} className="kern-heading-medium">{t("review.decision")}</h2>
        {submission.allowed_actions.length === 0 && <p className="kern-body">{t("review.noActions")}</p>}
        {can("approve") && (
          <div className="moderation-actions">
            <button
              type="button"
              className="kern-btn kern-btn--primary"
              disabled={review.isPending}
              onClick={() => { review.mutate({ kind: "approve", version: submission.version }); }}
            >
              <span className="kern-icon kern-icon--check" aria-hidden="true" />
              <span className="kern-label">{t("review.approve")}</span>
            </button>
            <span className="kern-body kern-body--small">{t("review.approveHint", { version: submission.version })}</span>
          </div>
        )}
        {canMark && (
          <form noValidate onSubmit={(event) => { event.preventDefault(); }}>
            <p className="kern-body">{markedCount > 0 ? t("review.markedValues", { count: markedCount }) : t("review.wholeSubmission")}</p>
            <div className={reasonError ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
              <label className="kern-label" htmlFor={`${id}-reason`}>{t("review.reason")}</label>
              <div className="kern-hint" id={`${id}-reason-hint`}>{t("review.reasonHint")}</div>
              <textarea
                id={`${id}-reason`}
                className="kern-form-input__input"
                rows={3}
                maxLength={2000}
                value={reason}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? `${id}-reason-hint ${id}-reason-error` : `${id}-reason-hint`}
                onChange={(event) => { setReason(event.target.value); }}
              />
              {reasonError && (
                <p className="kern-error" id={`${id}-reason-error`}>
                  <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
                  <span className="kern-body">{reasonError}</span>
                </p>
              )}
            </div>
            <div className="moderation-actions">
              {canReturn && (
                <button type="button" className="kern-btn kern-btn--secondary" disabled={review.isPending} onClick={() => { sendBack("return"); }}>
                  <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
                  <span className="kern-label">{markedCount > 0 ? t("review.returnValues", { count: markedCount }) : t("review.returnAll")}</span>
                </button>
              )}
              {canReopen && (
                <button type="button" className="kern-btn kern-btn--secondary" disabled={review.isPending} onClick={() => { sendBack("reopen"); }}>
                  <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
                  <span className="kern-label">{markedCount > 0 ? t("review.reopenValues", { count: markedCount }) : t("review.reopenAll")}</span>
                </button>
              )}
            </div>
          </form>
        )}
      </section>

      {generalFindings.length > 0 && (
        <section aria-labelledby={`${id}-general`}>
          <h2 id={`${id}-general`} className="kern-heading-medium">{t("review.generalFindings")}</h2>
          <ul className="kern-list">
            {generalFindings.map((finding) => (
              <li key={finding.id}>
                {t(`severity.${finding.severity}`)} ({t(`findingState.${finding.state}`)}): {language === "en" ? finding.message_en : finding.message_de}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby={`${id}-values`}>
        <h2 id={`${id}-values`} className="kern-heading-medium">{t("review.values")}</h2>
        <div className="kern-form-check">
          <input
            className="kern-form-check__checkbox"
            type="checkbox"
            id={`${id}-notable`}
            checked={onlyNotable}
            onChange={(event) => { setOnlyNotable(event.target.checked); }}
          />
          <label className="kern-label" htmlFor={`${id}-notable`}>{t("review.onlyNotable")}</label>
        </div>
        <p className="kern-body kern-body--small moderation-muted">{t("review.ringMedianHint")}</p>
        <TableScroll label={t("review.valuesCaption", { city: submission.municipality, year })}>
          <table className="kern-table kern-table--small kern-table--striped">
            <caption className="kern-sr-only">{t("review.valuesCaption", { city: submission.municipality, year })}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("review.baseFigure")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("review.value")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("review.previous", { year: year - 1 })}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("review.ringMedian")}</th>
                <th scope="col" className="kern-table__header">{t("review.valueStatus")}</th>
                <th scope="col" className="kern-table__header">{t("review.comment")}</th>
                <th scope="col" className="kern-table__header">{t("review.findings")}</th>
                {canMark && <th scope="col" className="kern-table__header">{t("review.mark")}</th>}
                <th scope="col" className="kern-table__header">{t("review.history")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {values.map((value) => {
                const isMarked = value.base_figure in marked;
                const deviation = deviationFromMedian(value.value, value.ring_median);
                return (
                  <tr key={value.base_figure} className="kern-table__row">
                    <th scope="row" className="kern-table__header">
                      <span className="kern-body kern-body--small moderation-muted">{value.base_figure}</span>
                      <br />
                      {name(value)}
                      {value.review_state !== "none" && (
                        <>
                          <br />
                          <span className="kern-body kern-body--small">
                            {t(`reviewState.${value.review_state}`)}{value.review_reason ? `: ${value.review_reason}` : ""}
                          </span>
                        </>
                      )}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {format.number(value.value, { maximumFractionDigits: 2 })} <span className="moderation-muted">{value.unit}</span>
                      {value.changed_since_approval && (
                        <>
                          <br />
                          <span className="kern-body kern-body--small">{t("review.approvedWas", { value: format.number(value.approved_value, { maximumFractionDigits: 2 }) })}</span>
                        </>
                      )}
                    </td>
                    <td className="kern-table__cell kern-table__cell--numeric">{format.number(value.previous_value, { maximumFractionDigits: 2 })}</td>
                    <td className="kern-table__cell kern-table__cell--numeric">
                      {format.number(value.ring_median, { maximumFractionDigits: 2 })}
                      {deviation !== null && (
                        <>
                          <br />
                          <span className="kern-body kern-body--small moderation-muted">
                            {t("review.deviation", { value: format.signed(deviation, { maximumFractionDigits: 0 }) })}
                          </span>
                        </>
                      )}
                    </td>
                    <td className="kern-table__cell">{value.status ? t(`valueStatus.${value.status}`) : t("valueStatus.none")}</td>
                    <td className="kern-table__cell">{value.comment ?? "–"}</td>
                    <td className="kern-table__cell">
                      {value.findings.length === 0 ? (
                        "–"
                      ) : (
                        <ul className="moderation-findings">
                          {value.findings.map((finding) => (
                            <li key={finding.id}>
                              <strong>{t(`severity.${finding.severity}`)}</strong> ({t(`findingState.${finding.state}`)}): {language === "en" ? finding.message_en : finding.message_de}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    {canMark && (
                      <td className="kern-table__cell">
                        <div className="kern-form-check moderation-check">
                          <input
                            className="kern-form-check__checkbox"
                            type="checkbox"
                            id={`${id}-mark-${value.base_figure}`}
                            checked={isMarked}
                            onChange={(event) => {
                              setMarked(toggleMark(marked, value.base_figure, event.target.checked));
                            }}
                          />
                          <label className="kern-label" htmlFor={`${id}-mark-${value.base_figure}`}>
                            {t("review.markValue")}
                            <span className="kern-sr-only">: {name(value)}</span>
                          </label>
                        </div>
                        {isMarked && (
                          <div className="kern-form-input moderation-value-reason">
                            <label className="kern-label" htmlFor={`${id}-vr-${value.base_figure}`}>
                              {t("review.valueReason", { name: name(value) })}
                            </label>
                            <input
                              id={`${id}-vr-${value.base_figure}`}
                              className="kern-form-input__input"
                              maxLength={2000}
                              value={marked[value.base_figure] ?? ""}
                              onChange={(event) => { setMarked({ ...marked, [value.base_figure]: event.target.value }); }}
                            />
                          </div>
                        )}
                      </td>
                    )}
                    <td className="kern-table__cell">
                      <button
                        type="button"
                        className="kern-btn kern-btn--tertiary kern-btn--x-small"
                        aria-pressed={historyOf?.base_figure === value.base_figure}
                        onClick={() => { setHistoryOf(historyOf?.base_figure === value.base_figure ? null : value); }}
                      >
                        <span className="kern-label">{t("review.showHistory")}<span className="kern-sr-only">: {name(value)}</span></span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      </section>

      {historyOf && (
        <ValueHistory roundId={roundId} ags={ags} year={year} baseFigure={historyOf.base_figure} name={name(historyOf)} onClose={() => { setHistoryOf(null); }} />
      )}

      <ChangesSinceApproval roundId={roundId} ags={ags} year={year} names={Object.fromEntries(submission.values.map((value) => [value.base_figure, name(value)]))} />
    </>
  );
}
