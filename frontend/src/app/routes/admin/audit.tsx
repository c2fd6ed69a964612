import "@/features/admin/components/admin.css";

import { useTranslation } from "react-i18next";

import { AuditLog } from "@/features/admin/components/audit-log";
import { useDocumentTitle } from "@/lib/use-document-title";
import { AdminGuard } from "./admin-guard";

export function AuditRoute() {
  const { t } = useTranslation("admin");
  useDocumentTitle(t("meta.audit"));
  return (
    <AdminGuard>
      <h1 className="kern-heading-x-large">{t("audit.title")}</h1>
      <p className="kern-body lead">{t("audit.lead")}</p>
      <AuditLog />
    </AdminGuard>
  );
}
