import { describe, expect, it } from "vitest";

import type { User } from "./api/get-users";
import { auditApiQuery, auditFiltersToParams, parseAuditFilters } from "./audit-filters";
import { filterUsers, parseUserFilters, userFiltersToParams } from "./user-filters";

function user(fields: Partial<User> & Pick<User, "id" | "email">): User {
  return {
    display_name: "",
    is_active: true,
    is_demo: true,
    created_at: "2026-01-01T00:00:00Z",
    last_login_at: null,
    has_password: true,
    memberships: [],
    ...fields,
  };
}

const users = [
  user({ id: 1, email: "admin@example.org", memberships: [{ id: 1, role: "admin", municipality_ags: null, ring_id: null }] }),
  user({
    id: 2,
    email: "koordination-05315000@example.org",
    display_name: "Koordination Köln",
    memberships: [{ id: 2, role: "coordinator", municipality_ags: "05315000", ring_id: null }],
  }),
  user({
    id: 3,
    email: "lesen-05315000@example.org",
    is_active: false,
    memberships: [{ id: 3, role: "viewer", municipality_ags: "05315000", ring_id: null }],
  }),
];

describe("user filters", () => {
  it("round-trip through the URL and drop what they do not know", () => {
    const filters = parseUserFilters(new URLSearchParams("suche=köln&rolle=coordinator&stadt=05315000&status=aktiv"));
    expect(filters).toEqual({ search: "köln", role: "coordinator", ags: "05315000", active: "aktiv" });
    expect(userFiltersToParams(filters).toString()).toBe("suche=k%C3%B6ln&rolle=coordinator&stadt=05315000&status=aktiv");
    expect(parseUserFilters(new URLSearchParams("rolle=kaiser&stadt=5315000&status=x"))).toEqual({
      search: "",
      role: "",
      ags: "",
      active: "",
    });
    expect(userFiltersToParams({ search: " ", role: "", ags: "", active: "" }).toString()).toBe("");
  });

  it("match email and name, role, city and state together", () => {
    const ids = (query: string) => filterUsers(users, parseUserFilters(new URLSearchParams(query))).map((u) => u.id);
    expect(ids("")).toEqual([1, 2, 3]);
    expect(ids("suche=KÖLN")).toEqual([2]);
    expect(ids("stadt=05315000")).toEqual([2, 3]);
    expect(ids("stadt=05315000&status=gesperrt")).toEqual([3]);
    expect(ids("rolle=admin")).toEqual([1]);
    expect(ids("rolle=moderator")).toEqual([]);
  });
});

describe("audit filters", () => {
  it("round-trip through the URL, page 1 and empty filters left out", () => {
    const params = new URLSearchParams("aktion=user.&akteur=admin&betrifft=lesen&von=2026-12-01&bis=2026-12-04&seite=3");
    const filters = parseAuditFilters(params);
    expect(filters).toMatchObject({ action: "user.", actor: "admin", target: "lesen", from: "2026-12-01", to: "2026-12-04", page: 3 });
    expect(auditFiltersToParams(filters).toString()).toBe(params.toString());
    expect(auditFiltersToParams({ ...filters, page: 1, action: "", actor: "", target: "", from: "", to: "" }).toString()).toBe("");
  });

  it("refuses malformed values", () => {
    const filters = parseAuditFilters(new URLSearchParams("aktion=user.disabled;drop&von=gestern&bis=2026-13-45&seite=-2"));
    expect(filters).toMatchObject({ action: "", from: "", to: "", page: 1 });
  });

  it("asks the API for one row more than a page, and includes the last day", () => {
    const query = auditApiQuery(parseAuditFilters(new URLSearchParams("aktion=user.disabled&betrifft=lesen&von=2026-12-01&bis=2026-12-04&seite=2")));
    expect(query).toMatchObject({ limit: 51, offset: 50, action: "user.disabled", email: "lesen" });
    expect(new Date(query.since ?? "").getDate()).toBe(1);
    expect(new Date(query.until ?? "").getDate()).toBe(5);
    expect(auditApiQuery(parseAuditFilters(new URLSearchParams()))).toEqual({ limit: 51, offset: 0 });
  });
});
