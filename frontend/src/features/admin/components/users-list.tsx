import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { DataTable } from "@/components/ui/data-table";
import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormatters } from "@/lib/use-formatters";
import { useCityNames } from "../api/get-municipalities";
import { useUsers, type User } from "../api/get-users";
import { formatDateTime, membershipLabel } from "../labels";
import { invitePath, newUserPath, userPath } from "../paths";
import { ROLES, filterUsers, parseUserFilters, userFiltersToParams, type UserFilters } from "../user-filters";
import { useNames } from "./use-names";

/** The accounts with search and filters (role, city, active) in the URL; each row leads to the account. */
export function UsersList() {
  const { t } = useTranslation("admin");
  const { locale } = useFormatters();
  const [params, setParams] = useSearchParams();
  const filters = parseUserFilters(params);
  const users = useUsers();
  const cities = useCityNames();
  const names = useNames();

  function change(next: Partial<UserFilters>) {
    setParams(userFiltersToParams({ ...filters, ...next }), { replace: true });
  }

  const shown = users.data ? filterUsers(users.data, filters) : [];
  return (
    <>
      <div className="admin-actions">
        <Link className="kern-btn kern-btn--primary" to={invitePath()}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t("invite.title")}</span>
        </Link>
        <Link className="kern-btn kern-btn--secondary" to={newUserPath()}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t("create.title")}</span>
        </Link>
      </div>

      <form role="search" className="admin-filters" aria-label={t("users.filters")} onSubmit={(event) => { event.preventDefault(); }}>
        <TextField
          id="user-search"
          label={t("users.search")}
          hint={t("users.searchHint")}
          type="search"
          value={filters.search}
          onChange={(event) => {
            change({ search: event.target.value });
          }}
        />
        <SelectField
          id="user-role"
          label={t("users.role")}
          value={filters.role}
          onChange={(event) => {
            change({ role: parseUserFilters(new URLSearchParams({ rolle: event.target.value })).role });
          }}
          options={[{ value: "", label: t("users.allRoles") }, ...ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
        />
        <SelectField
          id="user-city"
          label={t("users.city")}
          value={filters.ags}
          onChange={(event) => {
            change({ ags: event.target.value });
          }}
          options={[
            { value: "", label: t("users.allCities") },
            ...(cities.data ?? []).map((city) => ({ value: city.ags, label: `${city.name} (${city.ags})` })),
          ]}
        />
        <SelectField
          id="user-active"
          label={t("users.status")}
          value={filters.active}
          onChange={(event) => {
            change({ active: parseUserFilters(new URLSearchParams({ status: event.target.value })).active });
          }}
          options={[
            { value: "", label: t("users.allStatuses") },
            { value: "aktiv", label: t("users.active") },
            { value: "gesperrt", label: t("users.disabled") },
          ]}
        />
      </form>

      {users.isPending && <Loader />}
      {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <>
          <p className="kern-body" aria-live="polite">
            {t("users.count", { shown: shown.length, count: users.data.length })}
          </p>
          {shown.length === 0 ? (
            <p className="kern-body">{t("users.none")}</p>
          ) : (
            <DataTable<User>
              caption={t("users.caption")}
              captionVisible
              rows={shown}
              rowKey={(user) => String(user.id)}
              columns={[
                {
                  header: t("users.columns.email"),
                  rowHeader: true,
                  cell: (user) => (
                    <Link className="kern-link" to={userPath(user.id)}>
                      {user.email}
                    </Link>
                  ),
                },
                { header: t("users.columns.name"), cell: (user) => user.display_name || "–" },
                {
                  header: t("users.columns.roles"),
                  cell: (user) =>
                    user.memberships.length === 0 ? t("users.noRoles") : user.memberships.map((m) => membershipLabel(m, t, names)).join("; "),
                },
                {
                  header: t("users.columns.status"),
                  cell: (user) =>
                    user.is_active ? (
                      t("users.active")
                    ) : (
                      <span className="kern-badge kern-badge--danger">
                        <span className="kern-label kern-label--small">{t("users.disabled")}</span>
                      </span>
                    ),
                },
                { header: t("users.columns.lastLogin"), cell: (user) => formatDateTime(user.last_login_at, locale) },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
