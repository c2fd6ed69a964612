import { useLayoutEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useFormatters } from "@/lib/use-formatters";
import { useUsers, type User } from "../api/get-users";
import { useGrantMembership, useRevokeMembership } from "../api/memberships";
import { useSendPasswordLink } from "../api/send-password-link";
import { useUpdateUser } from "../api/update-user";
import { formatDateTime, membershipLabel } from "../labels";
import { auditPath, usersPath } from "../paths";
import { GrantMembershipForm } from "./membership-form";
import { MutationError } from "./mutation-error";
import { useNames } from "./use-names";

/** Disable or enable, with a confirmation step that takes the focus. */
function ActiveSwitch({ user, selfId }: { user: User; selfId: number | undefined }) {
  const { t } = useTranslation("admin");
  const update = useUpdateUser(user.id);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const disabling = user.is_active;
  const label = disabling ? t("user.disable") : t("user.enable");
  function confirm() {
    if (update.isPending) return;
    update.mutate(
      { is_active: !user.is_active },
      {
        onSuccess: (changed) => {
          setConfirming(false);
          setDone(changed.is_active ? t("user.enabledDone", { email: changed.email }) : t("user.disabledDone", { email: changed.email }));
        },
      },
    );
  }
  return (
    <section aria-labelledby="active-title" className="page-section">
      <h2 id="active-title" className="kern-heading-medium">
        {t("user.accessTitle")}
      </h2>
      <p className="kern-body">{disabling ? t("user.disableHint") : t("user.enableHint")}</p>
      {done && (
        <Alert variant="success" title={done} announce />
      )}
      {update.isError && <MutationError error={update.error} title={t("user.changeFailed")} />}
      {!confirming ? (
        <button
          type="button"
          className={disabling ? "kern-btn kern-btn--secondary" : "kern-btn kern-btn--primary"}
          onClick={() => {
            setDone(null);
            setConfirming(true);
          }}
          aria-disabled={(disabling && user.id === selfId) || undefined}
          disabled={disabling && user.id === selfId}
        >
          <span className={`kern-icon kern-icon--${disabling ? "lock" : "lock-open"}`} aria-hidden="true" />
          <span className="kern-label">{label}</span>
        </button>
      ) : (
        <div
          ref={confirmRef}
          tabIndex={-1}
          role="group"
          aria-labelledby="confirm-title"
          className="kern-alert kern-alert--warning admin-confirm"
        >
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title" id="confirm-title">
              {disabling ? t("user.confirmDisable", { email: user.email }) : t("user.confirmEnable", { email: user.email })}
            </span>
          </div>
          <div className="kern-alert__body">
            <div className="admin-actions">
              <button type="button" className="kern-btn kern-btn--primary" onClick={confirm} aria-disabled={update.isPending || undefined}>
                <span className="kern-label">{disabling ? t("user.confirmDisableButton") : t("user.confirmEnableButton")}</span>
              </button>
              <button
                type="button"
                className="kern-btn kern-btn--secondary"
                onClick={() => {
                  setConfirming(false);
                }}
              >
                <span className="kern-label">{t("user.cancel")}</span>
              </button>
            </div>
          </div>
        </div>
      )}
      {disabling && user.id === selfId && <p className="kern-body kern-body--small">{t("user.notSelf")}</p>}
    </section>
  );
}

function Memberships({ user }: { user: User }) {
  const { t } = useTranslation("admin");
  const names = useNames();
  const grant = useGrantMembership(user.id);
  const revoke = useRevokeMembership(user.id);
  return (
    <section aria-labelledby="roles-title" className="page-section">
      <h2 id="roles-title" className="kern-heading-medium">
        {t("user.rolesTitle")}
      </h2>
      {user.memberships.length === 0 ? (
        <p className="kern-body">{t("users.noRoles")}</p>
      ) : (
        <ul className="admin-memberships">
          {user.memberships.map((m) => {
            const label = membershipLabel(m, t, names);
            return (
              <li key={m.id ?? label}>
                <span className="kern-body">{label}</span>
                {m.id != null && (
                  <button
                    type="button"
                    className="kern-btn kern-btn--tertiary kern-btn--x-small"
                    aria-label={t("membership.revokeLabel", { role: label })}
                    onClick={() => {
                      if (m.id != null && !revoke.isPending) revoke.mutate(m.id);
                    }}
                  >
                    <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                    <span className="kern-label">{t("membership.revoke")}</span>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {revoke.isError && <MutationError error={revoke.error} title={t("membership.revokeFailed")} />}
      {grant.isError && <MutationError error={grant.error} title={t("membership.grantFailed")} />}
      {grant.isSuccess && <Alert variant="success" title={t("membership.granted")} announce />}
      <GrantMembershipForm
        pending={grant.isPending}
        onGrant={(body) => {
          grant.mutate(body);
        }}
      />
    </section>
  );
}

function PasswordLink({ user }: { user: User }) {
  const { t } = useTranslation("admin");
  const send = useSendPasswordLink(user.id);
  return (
    <section aria-labelledby="password-title" className="page-section">
      <h2 id="password-title" className="kern-heading-medium">
        {t("user.passwordTitle")}
      </h2>
      <p className="kern-body">{user.has_password ? t("user.passwordSet") : t("user.passwordNotSet")}</p>
      {send.isSuccess && <Alert variant="success" title={t("user.linkSent", { email: user.email })} announce />}
      {send.isError && <MutationError error={send.error} title={t("user.linkFailed")} />}
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        onClick={() => {
          if (!send.isPending) send.mutate();
        }}
      >
        <span className="kern-icon kern-icon--mail" aria-hidden="true" />
        <span className="kern-label">{t("user.sendLink")}</span>
      </button>
    </section>
  );
}

/** One account: its facts, roles (grant, revoke), access (disable, enable) and the password link. */
export function UserDetail({ userId, selfId }: { userId: number; selfId: number | undefined }) {
  const { t } = useTranslation("admin");
  const { locale } = useFormatters();
  const users = useUsers();
  if (users.isPending) return <Loader />;
  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;
  const user = users.data.find((u) => u.id === userId);
  if (!user) {
    return (
      <>
        <h1 className="kern-heading-x-large">{t("user.notFound")}</h1>
        <Link className="kern-link" to={usersPath()}>
          {t("user.back")}
        </Link>
      </>
    );
  }
  return (
    <>
      <p className="kern-body">
        <Link className="kern-link" to={usersPath()}>
          <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
          {t("user.back")}
        </Link>
      </p>
      <h1 className="kern-heading-x-large">{t("user.title", { email: user.email })}</h1>
      <dl className="admin-facts">
        <dt>{t("users.columns.name")}</dt>
        <dd>{user.display_name || "–"}</dd>
        <dt>{t("users.columns.status")}</dt>
        <dd>{user.is_active ? t("users.active") : t("users.disabled")}</dd>
        <dt>{t("user.created")}</dt>
        <dd>{formatDateTime(user.created_at, locale)}</dd>
        <dt>{t("users.columns.lastLogin")}</dt>
        <dd>{formatDateTime(user.last_login_at, locale)}</dd>
      </dl>
      <p className="kern-body">
        <Link className="kern-link" to={auditPath(new URLSearchParams({ betrifft: user.email }).toString())}>
          {t("user.auditLink")}
        </Link>
      </p>
      <Memberships user={user} />
      <ActiveSwitch user={user} selfId={selfId} />
      <PasswordLink user={user} />
    </>
  );
}
