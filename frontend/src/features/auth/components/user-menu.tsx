import { useTranslation } from "react-i18next";

import type { Me, Membership } from "@/features/auth/api/get-me";
import { useLogout } from "@/features/auth/api/logout";

export interface UserMenuProps {
  me: Me;
  /** Called once the session has ended, e.g. to go to the login page. */
  onSignedOut?: () => void;
}

/** The signed-in account in the header: email, roles and "Abmelden". */
export function UserMenu({ me, onSignedOut }: UserMenuProps) {
  const { t } = useTranslation();
  const logout = useLogout();

  function roleLabel(membership: Membership): string {
    const role = t(`auth.roles.${membership.role}`);
    if (membership.municipality_ags) return `${role} (${t("auth.scope.municipality", { ags: membership.municipality_ags })})`;
    if (membership.ring_id !== null) return `${role} (${t("auth.scope.ring", { id: membership.ring_id })})`;
    return role;
  }
  const roles = [...new Set(me.memberships.map(roleLabel))];

  function signOut() {
    if (logout.isPending) return;
    // mutateAsync: the menu disappears when the session ends, the caller still hears of it.
    logout.mutateAsync().then(
      () => onSignedOut?.(),
      () => undefined, // shown below through logout.isError
    );
  }

  return (
    <div className="user-menu" role="group" aria-label={t("auth.userMenu.label")}>
      <span className="kern-icon kern-icon--account-circle" aria-hidden="true" />
      <div className="user-menu__who">
        <p className="kern-body kern-body--bold">
          <span className="kern-sr-only">{t("auth.userMenu.signedInAs")} </span>
          {me.email}
        </p>
        {roles.length > 0 && (
          <p className="kern-body kern-body--small">
            <span className="kern-sr-only">{t("auth.userMenu.roles")}: </span>
            {roles.join(", ")}
          </p>
        )}
      </div>
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={signOut} aria-disabled={logout.isPending || undefined}>
        <span className="kern-icon kern-icon--logout" aria-hidden="true" />
        <span className="kern-label">{t("auth.logout.button")}</span>
      </button>
      <p className="user-menu__error kern-body kern-body--small" aria-live="assertive">
        {logout.isError ? t("auth.logout.failed") : ""}
      </p>
    </div>
  );
}
