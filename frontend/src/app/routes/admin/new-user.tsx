import "@/features/admin/components/admin.css";

import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { CreateUserForm } from "@/features/admin/components/create-user-form";
import { usersPath } from "@/features/admin/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { AdminGuard } from "./admin-guard";

export function NewUserRoute() {
  const { t } = useTranslation("admin");
  useDocumentTitle(t("meta.create"));
  return (
    <AdminGuard>
      <p className="kern-body">
        <Link className="kern-link" to={usersPath()}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t("user.back")}
        </Link>
      </p>
      <h1 className="kern-heading-x-large">{t("create.title")}</h1>
      <p className="kern-body lead">{t("create.lead")}</p>
      <CreateUserForm />
    </AdminGuard>
  );
}
