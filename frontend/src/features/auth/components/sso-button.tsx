import { useTranslation } from "react-i18next";

import { useSsoInfo } from "@/features/auth/api/get-sso-info";
import { ssoLoginHref } from "@/features/auth/paths";

export interface SsoButtonProps {
  /** The path to come back to after signing in (the backend checks it again). */
  returnTo: string;
}

/**
 * "Mit Single Sign-On anmelden", when the backend has a provider configured. A plain link: the
 * sign-in leaves the app for the provider and comes back through the backend.
 */
export function SsoButton({ returnTo }: SsoButtonProps) {
  const { t } = useTranslation();
  const { data } = useSsoInfo();
  if (!data?.enabled || !data.login_url) return null;
  const provider = data.display_name?.trim();
  return (
    <div className="sso-login">
      <p className="sso-login__divider kern-body kern-body--muted">
        <span>{t("auth.sso.or")}</span>
      </p>
      <a className="kern-btn kern-btn--secondary" href={ssoLoginHref(data.login_url, returnTo)}>
        <span className="kern-icon kern-icon--account-circle" aria-hidden="true" />
        <span className="kern-label">{t("auth.sso.button")}</span>
      </a>
      {provider && provider !== "Single Sign-On" && (
        <p className="kern-body kern-body--small kern-body--muted">{t("auth.sso.provider", { provider })}</p>
      )}
    </div>
  );
}
