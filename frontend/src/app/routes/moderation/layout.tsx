import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Loader } from "@/components/ui/loader";
import { useMe } from "@/features/auth/api/get-me";
import { loginPathFor } from "@/features/auth/paths";

/** `/moderation/*`: signed-in moderators (and admins) only; everyone else is told so. */
export function ModerationLayout() {
  const { t } = useTranslation("moderation");
  const location = useLocation();
  const { data: me, isPending } = useMe();
  if (isPending) return <Loader />;
  if (!me) return <Navigate to={loginPathFor(location)} replace />;
  const allowed = me.memberships.some((item) => item.role === "moderator" || item.role === "admin");
  if (!allowed) {
    return (
      <>
        <h1 className="kern-heading-x-large">{t("rounds.title")}</h1>
        <Alert variant="info" title={t("error.notModerator")} />
      </>
    );
  }
  return <Outlet />;
}
