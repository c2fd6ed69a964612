import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { useMe } from "@/features/auth/api/get-me";
import { LoginForm } from "@/features/auth/components/login-form";
import { SsoButton } from "@/features/auth/components/sso-button";
import { SsoErrorAlert } from "@/features/auth/components/sso-error-alert";
import { NEXT_PARAM, SIGNED_OUT_PARAM, SSO_ERROR_PARAM, safeNextPath } from "@/features/auth/paths";
import { useDocumentTitle } from "@/lib/use-document-title";

/** `/anmelden?next=<path>`: password sign-in and, when configured, single sign-on. */
export function LoginRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t("meta.loginTitle"));
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const next = safeNextPath(searchParams.get(NEXT_PARAM));
  const ssoError = searchParams.get(SSO_ERROR_PARAM);
  // "Sie haben sich abgemeldet." until the next sign-in attempt.
  const [attempted, setAttempted] = useState(false);
  const signedOut = searchParams.has(SIGNED_OUT_PARAM) && !attempted;

  return (
    <div className="auth-page">
      <h1 className="kern-heading-x-large">{t("auth.login.title")}</h1>
      {ssoError ? <SsoErrorAlert code={ssoError} /> : null}
      {signedOut && !me && !ssoError ? <Alert variant="success" title={t("auth.logout.done")} /> : null}
      {me ? (
        <Alert variant="info" title={t("auth.login.alreadySignedIn", { email: me.email })}>
          <Link to={next} className="kern-link">
            <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
            {t("auth.login.continue")}
          </Link>
        </Alert>
      ) : null}
      <p className="kern-body">{t("auth.login.lead")}</p>
      <LoginForm
        onSuccess={() => void navigate(next, { replace: true })}
        onAttempt={() => {
          setAttempted(true);
        }}
      />
      <SsoButton returnTo={next} />
      <p className="kern-body kern-body--small kern-body--muted auth-page__note">{t("auth.login.noAccount")}</p>
    </div>
  );
}
