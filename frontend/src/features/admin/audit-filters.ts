/** The filters of the audit log; they live in the URL (`?aktion=&akteur=&betrifft=&von=&bis=&seite=`). */
export interface AuditFilters {
  /** An action (`user.disabled`) or a group ending in a dot (`user.`). */
  action: string;
  /** Part of the acting account's email. */
  actor: string;
  /** Part of the email the event concerns. */
  target: string;
  /** From this day (inclusive), `YYYY-MM-DD`. */
  from: string;
  /** Up to this day (inclusive), `YYYY-MM-DD`. */
  to: string;
  /** 1-based page. */
  page: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZE = 50;
const MAX_PAGE = 10_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z_]+(\.[a-z_]*)?$/;

/** The action groups offered in the filter (a prefix each) and single actions worth finding. */
export const AUDIT_ACTIONS = [
  "login.",
  "user.",
  "user.created",
  "user.disabled",
  "user.enabled",
  "membership.",
  "coordinator.invited",
  "password.",
  "round.",
  "submission.",
  "reminder.sent",
] as const;

function day(value: string | null): string {
  return value && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : "";
}

export function parseAuditFilters(params: URLSearchParams): AuditFilters {
  const action = params.get("aktion") ?? "";
  const page = Number.parseInt(params.get("seite") ?? "1", 10);
  return {
    action: ACTION.test(action) && action.length <= 60 ? action : "",
    actor: (params.get("akteur") ?? "").slice(0, 320),
    target: (params.get("betrifft") ?? "").slice(0, 320),
    from: day(params.get("von")),
    to: day(params.get("bis")),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/** The query string of the filters (empty ones and page 1 left out). */
export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.action) params.set("aktion", filters.action);
  if (filters.actor.trim()) params.set("akteur", filters.actor.trim());
  if (filters.target.trim()) params.set("betrifft", filters.target.trim());
  if (filters.from) params.set("von", filters.from);
  if (filters.to) params.set("bis", filters.to);
  if (filters.page > 1) params.set("seite", String(filters.page));
  return params;
}

/** The start of a local calendar day as an ISO instant. */
function startOfDay(value: string, addDays = 0): string {
  const [y = 1970, m = 1, d = 1] = value.split("-").map(Number);
  return new Date(y, m - 1, d + addDays).toISOString();
}

export interface AuditApiQuery {
  limit: number;
  offset: number;
  action?: string;
  actor?: string;
  email?: string;
  since?: string;
  until?: string;
}

/** The API's query for a page: one row more than shown (to know whether there is a next page); `bis` includes its day. */
export function auditApiQuery(filters: AuditFilters): AuditApiQuery {
  const query: AuditApiQuery = { limit: filters.pageSize + 1, offset: (filters.page - 1) * filters.pageSize };
  if (filters.action) query.action = filters.action;
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  if (filters.target.trim()) query.email = filters.target.trim();
  if (filters.from) query.since = startOfDay(filters.from);
  if (filters.to) query.until = startOfDay(filters.to, 1);
  return query;
}
