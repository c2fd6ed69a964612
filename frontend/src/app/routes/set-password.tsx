import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

import { Alert } from "@/components/ui/alert";
import { SetPasswordForm } from "@/features/auth/components/set-password-form";
import { tokenFromHash } from "@/features/auth/paths";
import { useDocumentTitle } from "@/lib/use-document-title";

/**
 * `/passwort-setzen#token=<token>`: the page of the emailed link. The token sits in the fragment,
 * which browsers never send to a server or put into a Referer.
 */
export function SetPasswordRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("meta.setPasswordTitle"));
  const { hash } = useLocation();
  const token = tokenFromHash(hash);

  return (
    <div className="auth-page">
      <h1 className="kern-heading-x-large">{t("auth.setPassword.title")}</h1>
      {token ? (
        <>
          <p className="kern-body">{t("auth.setPassword.lead")}</p>
          <SetPasswordForm token={token} />
        </>
      ) : (
        <Alert variant="danger" title={t("auth.setPassword.missingTokenTitle")}>
          <p className="kern-body">{t("auth.setPassword.missingToken")}</p>
        </Alert>
      )}
    </div>
  );
}
