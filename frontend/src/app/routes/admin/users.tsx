import "@/features/admin/components/admin.css";

import { useTranslation } from "react-i18next";

import { UsersList } from "@/features/admin/components/users-list";
import { useDocumentTitle } from "@/lib/use-document-title";
import { AdminGuard } from "./admin-guard";

export function UsersRoute() {
  const { t } = useTranslation("admin");
  useDocumentTitle(t("meta.users"));
  return (
    <AdminGuard>
      <h1 className="kern-heading-x-large">{t("users.title")}</h1>
      <p className="kern-body lead">{t("users.lead")}</p>
      <UsersList />
    </AdminGuard>
  );
}
