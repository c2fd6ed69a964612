import { useTranslation } from "react-i18next";

import { useHealth } from "@/features/system/api/get-health";

/** Version and database of the backend, for the footer. */
export function SystemStatus() {
  const { t } = useTranslation();
  const { data } = useHealth();
  if (!data) return null;
  return (
    <p className="kern-body kern-body--small kern-body--muted">
      <span className="kern-sr-only">{t("system.label")}: </span>
      {t("system.version", { version: data.version })} · {t("system.database", { database: data.database })} ·{" "}
      {t("system.status", { status: data.status })}
    </p>
  );
}
