import { useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { isSsoErrorCode, ssoErrorMessage } from "@/features/auth/sso-errors";

/**
 * Why a single sign-on failed (`/anmelden?sso_fehler=<code>`): what happened and what to do. The
 * page was just loaded by the backend's redirect, so the focus goes to the message.
 */
export function SsoErrorAlert({ code }: { code: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, [code]);
  return (
    <Alert ref={ref} variant="danger" title={t("auth.ssoError.title")} announce focusable>
      <p className="kern-body">{t(`auth.ssoError.${ssoErrorMessage(code)}`)}</p>
      {/* The code helps the moderators; only known codes are echoed, never arbitrary URL text. */}
      {isSsoErrorCode(code) && (
        <p className="kern-body kern-body--small kern-body--muted">{t("auth.ssoError.code", { code })}</p>
      )}
    </Alert>
  );
}
