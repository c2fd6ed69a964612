import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import type { OpenItem } from "../entry-state";

export interface EntrySummaryProps {
  id: string;
  items: OpenItem[];
  nameOf: (code: string) => string;
  canSubmit: boolean;
  submitting: boolean;
  year: number;
  outcome: { ok: boolean; message: string | null } | null;
  hrefOf: (code: string) => string;
  /** Whether a code names a value of the form (else a key figure: named, not linked). */
  isValue: (code: string) => boolean;
  onOpen: (code: string) => void;
  onSubmit: () => void;
}

/** What is still open before submitting, each item a link to its value; then submit. */
export function EntrySummary({ id, items, nameOf, canSubmit, submitting, year, outcome, hrefOf, isValue, onOpen, onSubmit }: EntrySummaryProps) {
  const { t } = useTranslation("submissions");
  return (
    <section className="entry-summary" aria-labelledby={`${id}-summary`}>
      <h2 id={`${id}-summary`} className="kern-heading-medium">{t("entry.summary.title")}</h2>
      {outcome?.ok && <Alert variant="success" title={t("entry.summary.submitted")} announce />}
      {outcome && !outcome.ok && (
        <Alert variant="danger" title={t("entry.submit.failed")} announce>
          <p className="kern-body">{outcome.message}</p>
        </Alert>
      )}
      {items.length === 0 ? (
        <p className="kern-body">{canSubmit ? t("entry.summary.allClear") : t("entry.summary.nothingOpen")}</p>
      ) : (
        <>
          <p className="kern-body">{t("entry.summary.open", { count: items.length })}</p>
          <ul className="kern-list entry-open-list">
            {items.map((item, index) => (
              <li key={`${item.code}-${item.kind}-${index}`}>
                <strong>{t(`entry.summary.kind.${item.kind}`)}</strong>
                {" – "}
                {isValue(item.code) ? (
                  <a
                    className="kern-link"
                    href={hrefOf(item.code)}
                    onClick={(event) => {
                      event.preventDefault();
                      onOpen(item.code);
                    }}
                  >
                    {nameOf(item.code)}
                  </a>
                ) : (
                  nameOf(item.code)
                )}
                {item.message ? `: ${item.message}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
      {canSubmit && (
        <div className="entry-actions">
          <button type="button" className="kern-btn kern-btn--primary" disabled={submitting || items.length > 0} onClick={onSubmit}>
            <span className="kern-icon kern-icon--check" aria-hidden="true" />
            <span className="kern-label">{submitting ? t("entry.submit.running") : t("entry.submit.button", { year })}</span>
          </button>
          {items.length > 0 && <span className="kern-body kern-body--small">{t("entry.submit.blocked")}</span>}
        </div>
      )}
    </section>
  );
}
