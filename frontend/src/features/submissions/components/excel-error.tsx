import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { FORM_MAX_MEGABYTES, explainedStatus, serverDetail } from "../excel-report";

export type ExcelAction = "open" | "download" | "check" | "import";

/** A failed download, dry run or import: what happened, what to do, and the server's own words. */
export function ExcelError({ error, action }: { error: unknown; action: ExcelAction }) {
  const { t } = useTranslation("submissions");
  const kind = explainedStatus(error);
  const detail = serverDetail(error);
  return (
    <Alert variant="danger" title={t(`excel.error.title.${action}`)} announce>
      <p className="kern-body">{t(`excel.error.status.${kind}`, { max: FORM_MAX_MEGABYTES })}</p>
      {detail && (
        <p className="kern-body kern-body--small">
          {t("excel.error.serverSays")} {detail}
        </p>
      )}
    </Alert>
  );
}
