import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { useHealth } from "@/features/system/api/get-health";

/** Says that the data are synthetic, whenever the backend holds demo data. */
export function DemoDataNotice() {
  const { t } = useTranslation();
  const { data } = useHealth();
  if (!data?.synthetic_demo_data) return null;
  return (
    <Alert variant="warning" title={t("demoData.title")}>
      <p className="kern-body">{t("demoData.body")}</p>
    </Alert>
  );
}
