import { useTranslation } from "react-i18next";

import { ApiError } from "@/api/errors";
import { Alert } from "@/components/ui/alert";

/** Why a change was refused: the backend's own words (German) when it gave them. */
export function MutationError({ error, title }: { error: unknown; title: string }) {
  const { t } = useTranslation("admin");
  const detail = error instanceof ApiError ? error.body?.detail ?? error.message : t("errors.network");
  return (
    <Alert variant="danger" title={title} announce>
      <p className="kern-body">{detail}</p>
    </Alert>
  );
}
