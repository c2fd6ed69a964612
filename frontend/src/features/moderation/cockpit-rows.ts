import type { Cockpit, CockpitYear, SubmissionStatus } from "./api/get-cockpit";

/** One line of the cockpit: a city in one data year. */
export interface CockpitRow {
  key: string;
  ags: string;
  name: string;
  year: number;
  status: SubmissionStatus | null;
  version: number | null;
  completeness: number;
  findingsOpen: number;
  changedSinceApproval: number;
  fields: CockpitYear["fields"];
}

/** The status filter: a submission status, `none` (no submission yet) or `all`. */
export type StatusFilter = SubmissionStatus | "none" | "all";
export const STATUS_FILTERS: StatusFilter[] = ["all", "submitted", "returned", "draft", "approved", "none"];

export type SortKey = "name" | "year" | "status" | "completeness" | "findings" | `field:${string}`;
export type SortDirection = "asc" | "desc";

export interface CockpitFilter {
  status: StatusFilter;
  year: number | null;
  search: string;
  sort: SortKey;
  direction: SortDirection;
}

export const DEFAULT_FILTER: CockpitFilter = { status: "all", year: null, search: "", sort: "name", direction: "asc" };

export const rowKey = (ags: string, year: number): string => `${ags}|${year}`;

/** Flattens the API's cities × years into rows (the input stays untouched). */
export function cockpitRows(cockpit: Cockpit): CockpitRow[] {
  return cockpit.cities.flatMap((city) =>
    city.years.map((entry) => ({
      key: rowKey(city.ags, entry.year),
      ags: city.ags,
      name: city.name,
      year: entry.year,
      status: entry.status,
      version: entry.version,
      completeness: entry.completeness,
      findingsOpen: entry.findings_open,
      changedSinceApproval: entry.changed_since_approval,
      fields: entry.fields,
    })),
  );
}

// The order of work: what waits for the moderator first.
const STATUS_ORDER: Record<string, number> = { submitted: 0, returned: 1, draft: 2, none: 3, approved: 4 };

function sortValue(row: CockpitRow, key: SortKey): number | string {
  switch (key) {
    case "name":
      return row.name;
    case "year":
      return row.year;
    case "status":
      return STATUS_ORDER[row.status ?? "none"] ?? 9;
    case "completeness":
      return row.completeness;
    case "findings":
      return row.findingsOpen;
    default: {
      const code = key.slice("field:".length);
      return row.fields.find((cell) => cell.field === code)?.completeness ?? -1;
    }
  }
}

function matches(row: CockpitRow, filter: CockpitFilter): boolean {
  if (filter.status !== "all" && (row.status ?? "none") !== filter.status) return false;
  if (filter.year !== null && row.year !== filter.year) return false;
  const search = filter.search.trim().toLocaleLowerCase("de");
  if (search && !row.name.toLocaleLowerCase("de").includes(search) && !row.ags.startsWith(search)) return false;
  return true;
}

/** The rows the filter keeps, in its order; ties fall back to name, then year. Returns a new array. */
export function filterAndSort(rows: readonly CockpitRow[], filter: CockpitFilter): CockpitRow[] {
  const sign = filter.direction === "asc" ? 1 : -1;
  const byName = (a: CockpitRow, b: CockpitRow) => a.name.localeCompare(b.name, "de") || a.year - b.year;
  return rows
    .filter((row) => matches(row, filter))
    .sort((a, b) => {
      const x = sortValue(a, filter.sort);
      const y = sortValue(b, filter.sort);
      const order = typeof x === "string" && typeof y === "string" ? x.localeCompare(y, "de") : Number(x) - Number(y);
      return order !== 0 ? sign * order : byName(a, b);
    });
}

/** Clicking a column header: the same column flips the direction, another starts ascending. */
export function nextSort(filter: CockpitFilter, key: SortKey): Pick<CockpitFilter, "sort" | "direction"> {
  if (filter.sort === key) return { sort: key, direction: filter.direction === "asc" ? "desc" : "asc" };
  return { sort: key, direction: "asc" };
}

/** Only submitted city-years can be approved. */
export const isApprovable = (row: CockpitRow): boolean => row.status === "submitted" && row.version !== null;

/** Toggles one row in the selection (only approvable rows enter it). */
export function toggleSelection(selection: ReadonlySet<string>, row: CockpitRow): Set<string> {
  const next = new Set(selection);
  if (next.has(row.key)) next.delete(row.key);
  else if (isApprovable(row)) next.add(row.key);
  return next;
}

/** "Select all": every approvable visible row; when all of them are selected already, none of them. */
export function toggleAll(selection: ReadonlySet<string>, visible: readonly CockpitRow[]): Set<string> {
  const approvable = visible.filter(isApprovable);
  const next = new Set(selection);
  const allSelected = approvable.length > 0 && approvable.every((row) => next.has(row.key));
  for (const row of approvable) {
    if (allSelected) next.delete(row.key);
    else next.add(row.key);
  }
  return next;
}

/** The bulk-approval items of the selection, at the versions shown. Keys no longer approvable drop out. */
export function approvalItems(selection: ReadonlySet<string>, rows: readonly CockpitRow[]) {
  return rows
    .filter((row) => selection.has(row.key) && isApprovable(row))
    .map((row) => ({ ags: row.ags, year: row.year, version: row.version ?? 0 }));
}

/** Who a reminder reaches: cities with a draft or returned submission (in `year`, or any year). */
export function reminderRecipients(rows: readonly CockpitRow[], year: number | null) {
  const byCity = new Map<string, { ags: string; name: string; years: number[] }>();
  for (const row of rows) {
    if (row.status !== "draft" && row.status !== "returned") continue;
    if (year !== null && row.year !== year) continue;
    const entry = byCity.get(row.ags) ?? { ags: row.ags, name: row.name, years: [] };
    entry.years.push(row.year);
    byCity.set(row.ags, entry);
  }
  return [...byCity.values()].sort((a, b) => a.name.localeCompare(b.name, "de"));
}

const SORT_KEYS = new Set(["name", "year", "status", "completeness", "findings"]);

/** Reads the filter from the query string (`status`, `jahr`, `suche`, `sortierung`, `richtung`). */
export function filterFromSearch(params: URLSearchParams): CockpitFilter {
  const status = params.get("status");
  const year = Number(params.get("jahr"));
  const sort = params.get("sortierung") ?? "name";
  return {
    status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : "all",
    year: Number.isInteger(year) && year >= 1990 && year <= 2100 ? year : null,
    search: params.get("suche") ?? "",
    sort: SORT_KEYS.has(sort) || /^field:[A-Z]{2,10}$/.test(sort) ? (sort as SortKey) : "name",
    direction: params.get("richtung") === "desc" ? "desc" : "asc",
  };
}

/** Writes the filter to a query string, leaving defaults out. */
export function filterToSearch(filter: CockpitFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== "all") params.set("status", filter.status);
  if (filter.year !== null) params.set("jahr", String(filter.year));
  if (filter.search) params.set("suche", filter.search);
  if (filter.sort !== "name") params.set("sortierung", filter.sort);
  if (filter.direction !== "asc") params.set("richtung", filter.direction);
  return params;
}
