import { useTranslation } from "react-i18next";

import { ApiError, NetworkError } from "@/api/errors";
import { Alert } from "./alert";

export interface QueryErrorProps {
  error: unknown;
  /** Offers a "try again" button when given. */
  onRetry?: () => void;
}

/** The error state of a failed request: what went wrong, in words, and a way to try again. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  let message: string;
  if (error instanceof ApiError) message = t("state.errorHttp", { status: error.status });
  else if (error instanceof NetworkError) message = t("state.errorNetwork");
  else message = t("state.errorUnknown");

  return (
    <Alert variant="danger" title={t("state.errorTitle")} announce>
      <p className="kern-body">{message}</p>
      {onRetry && (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onRetry}>
          <span className="kern-icon kern-icon--autorenew" aria-hidden="true" />
          <span className="kern-label">{t("state.retry")}</span>
        </button>
      )}
    </Alert>
  );
}
