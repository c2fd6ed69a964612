import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";

import { DataTable } from "@/components/ui/data-table";
import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useFormatters } from "@/lib/use-formatters";
import { useAuditEvents, type AuditEvent } from "../api/get-audit-events";
import { useUsers } from "../api/get-users";
import { AUDIT_ACTIONS, auditFiltersToParams, parseAuditFilters, type AuditFilters } from "../audit-filters";
import { actionLabel, formatDateTime } from "../labels";
import { auditPath, userPath } from "../paths";

function detailText(detail: AuditEvent["detail"]): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

function FilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation("admin");
  const [draft, setDraft] = useState(filters);
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  }
  const actionOptions = [
    { value: "", label: t("audit.allActions") },
    ...AUDIT_ACTIONS.map((action) => ({
      value: action,
      label: action.endsWith(".") ? t("audit.group", { name: actionLabel(action, t) }) : actionLabel(action, t),
    })),
  ];
  if (draft.action && !(AUDIT_ACTIONS as readonly string[]).includes(draft.action)) {
    actionOptions.push({ value: draft.action, label: draft.action });
  }
  return (
    <form role="search" className="admin-filters" aria-label={t("audit.filters")} onSubmit={submit}>
      <SelectField
        id="audit-action"
        label={t("audit.action")}
        value={draft.action}
        onChange={(event) => {
          setDraft({ ...draft, action: event.target.value });
        }}
        options={actionOptions}
      />
      <TextField
        id="audit-actor"
        label={t("audit.actor")}
        hint={t("audit.emailHint")}
        value={draft.actor}
        onChange={(event) => {
          setDraft({ ...draft, actor: event.target.value });
        }}
      />
      <TextField
        id="audit-target"
        label={t("audit.target")}
        hint={t("audit.emailHint")}
        value={draft.target}
        onChange={(event) => {
          setDraft({ ...draft, target: event.target.value });
        }}
      />
      <TextField
        id="audit-from"
        label={t("audit.from")}
        type="date"
        value={draft.from}
        onChange={(event) => {
          setDraft({ ...draft, from: event.target.value });
        }}
      />
      <TextField
        id="audit-to"
        label={t("audit.to")}
        type="date"
        value={draft.to}
        onChange={(event) => {
          setDraft({ ...draft, to: event.target.value });
        }}
      />
      <div className="admin-actions admin-filters__buttons">
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-icon kern-icon--search" aria-hidden="true" />
          <span className="kern-label">{t("audit.apply")}</span>
        </button>
        <Link className="kern-btn kern-btn--secondary" to={auditPath()}>
          <span className="kern-label">{t("audit.reset")}</span>
        </Link>
      </div>
    </form>
  );
}

/** The audit log: filters in the URL, newest first, paged. */
export function AuditLog() {
  const { t } = useTranslation("admin");
  const { locale } = useFormatters();
  const [params, setParams] = useSearchParams();
  const filters = parseAuditFilters(params);
  const events = useAuditEvents(filters);
  const users = useUsers();
  const emails = new Map((users.data ?? []).map((u) => [u.id, u.email]));
  const pageLink = (page: number) => auditPath(auditFiltersToParams({ ...filters, page }).toString());

  function who(id: number | null | undefined) {
    if (id == null) return "–";
    const email = emails.get(id);
    return (
      <Link className="kern-link" to={userPath(id)}>
        {email ?? `#${id}`}
      </Link>
    );
  }

  return (
    <>
      <FilterForm
        key={params.toString()}
        filters={filters}
        onApply={(next) => {
          setParams(auditFiltersToParams(next));
        }}
      />
      {events.isPending && <Loader />}
      {events.isError && <QueryError error={events.error} onRetry={() => void events.refetch()} />}
      {events.data && (
        <>
          {events.data.events.length === 0 ? (
            <p className="kern-body" role="status">
              {t("audit.none")}
            </p>
          ) : (
            <DataTable<AuditEvent>
              caption={t("audit.caption", { page: filters.page })}
              captionVisible
              rows={events.data.events}
              rowKey={(event) => String(event.id)}
              columns={[
                { header: t("audit.columns.at"), rowHeader: true, cell: (event) => formatDateTime(event.at, locale) },
                { header: t("audit.columns.action"), cell: (event) => actionLabel(event.action, t) },
                { header: t("audit.columns.actor"), cell: (event) => who(event.actor_id) },
                {
                  header: t("audit.columns.target"),
                  cell: (event) => (event.target_user_id != null ? who(event.target_user_id) : (event.email ?? "–")),
                },
                { header: t("audit.columns.detail"), cell: (event) => detailText(event.detail) || "–" },
                { header: t("audit.columns.ip"), cell: (event) => event.ip ?? "–" },
              ]}
            />
          )}
          <nav className="admin-pager" aria-label={t("audit.pages")}>
            {filters.page > 1 && (
              <Link className="kern-btn kern-btn--secondary" to={pageLink(filters.page - 1)}>
                <span className="kern-icon kern-icon--arrow-back" aria-hidden="true" />
                <span className="kern-label">{t("audit.previous")}</span>
              </Link>
            )}
            <span className="kern-body">{t("audit.page", { page: filters.page })}</span>
            {events.data.hasNext && (
              <Link className="kern-btn kern-btn--secondary" to={pageLink(filters.page + 1)}>
                <span className="kern-label">{t("audit.next")}</span>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
              </Link>
            )}
          </nav>
        </>
      )}
    </>
  );
}
