import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";

import { useMe } from "@/features/auth/api/get-me";
import { LOGIN_PATH, SIGNED_OUT_PARAM, loginPathFor } from "@/features/auth/paths";
import { UserMenu } from "./user-menu";

/** For the header: "Anmelden" when signed out, the user menu when signed in. */
export function AccountNav() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const location = useLocation();
  const navigate = useNavigate();

  if (isPending) return null;
  if (me) {
    return (
      <UserMenu
        me={me}
        onSignedOut={() => void navigate(`${LOGIN_PATH}?${SIGNED_OUT_PARAM}=1`)}
      />
    );
  }
  // The login page needs no link to itself.
  if (location.pathname === LOGIN_PATH) return null;
  return (
    <Link to={loginPathFor(location)} className="kern-btn kern-btn--secondary">
      <span className="kern-icon kern-icon--account-circle" aria-hidden="true" />
      <span className="kern-label">{t("auth.signIn")}</span>
    </Link>
  );
}
