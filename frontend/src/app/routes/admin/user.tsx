import "@/features/admin/components/admin.css";

import { useTranslation } from "react-i18next";
import { useParams } from "react-router";

import { UserDetail } from "@/features/admin/components/user-detail";
import { useMe } from "@/features/auth/api/get-me";
import { useDocumentTitle } from "@/lib/use-document-title";
import { AdminGuard } from "./admin-guard";

export function UserRoute() {
  const { t } = useTranslation("admin");
  useDocumentTitle(t("meta.user"));
  const { userId } = useParams();
  const { data: me } = useMe();
  return (
    <AdminGuard>
      <UserDetail userId={Number(userId)} selfId={me?.id} />
    </AdminGuard>
  );
}
