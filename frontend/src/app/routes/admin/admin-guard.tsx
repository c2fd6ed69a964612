import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";

import { Loader } from "@/components/ui/loader";
import { useMe } from "@/features/auth/api/get-me";
import { loginPathFor } from "@/features/auth/paths";

/** Administration pages: signed out → the login page (and back); no admin → a plain refusal. */
export function AdminGuard({ children }: { children: ReactNode }) {
  const { t } = useTranslation("admin");
  const { data: me, isPending } = useMe();
  const location = useLocation();
  if (isPending) return <Loader />;
  if (!me) return <Navigate to={loginPathFor(location)} replace />;
  if (!me.permissions.includes("manage_users")) {
    return (
      <>
        <h1 className="kern-heading-x-large">{t("forbidden.title")}</h1>
        <p className="kern-body">{t("forbidden.body")}</p>
      </>
    );
  }
  return <>{children}</>;
}
