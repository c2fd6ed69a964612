import { useTranslation } from "react-i18next";

import { useLanguage } from "@/lib/use-language";
import type { ComparisonRow } from "../api/get-indicator-comparison";
import { reasonText } from "../texts";

/**
 * A city's value, or the statistical sign with its reason: `.` suppressed (confidentiality), `–`
 * missing. The value is formatted in the browser; the API's German `display` string is not used.
 */
export function ValueCell({ row, format }: { row: ComparisonRow; format: (value: number | null) => string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (row.status === "ok") return <>{format(row.value)}</>;
  const suppressed = row.status === "suppressed";
  const reason = reasonText(suppressed ? row.suppression_reason : row.missing_reason, language);
  return (
    <span className="value-sign">
      <abbr title={suppressed ? t("dash.signs.suppressed") : t("dash.signs.missing")}>{suppressed ? "." : "–"}</abbr>{" "}
      <span className="kern-body--small value-sign__reason">
        {suppressed ? t("dash.signs.suppressed") : t("dash.signs.missing")}
        {reason && (
          <>
            {": "}
            <span lang={reason.german ? "de" : undefined}>{reason.text}</span>
          </>
        )}
      </span>
    </span>
  );
}
