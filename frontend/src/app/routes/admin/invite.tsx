import "@/features/admin/components/admin.css";

import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { InviteForm } from "@/features/admin/components/invite-form";
import { usersPath } from "@/features/admin/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { AdminGuard } from "./admin-guard";

export function InviteRoute() {
  const { t } = useTranslation("admin");
  useDocumentTitle(t("meta.invite"));
  return (
    <AdminGuard>
      <p className="kern-body">
        <Link className="kern-link" to={usersPath()}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t("user.back")}
        </Link>
      </p>
      <h1 className="kern-heading-x-large">{t("invite.title")}</h1>
      <p className="kern-body lead">{t("invite.lead")}</p>
      <InviteForm />
    </AdminGuard>
  );
}
