import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import type { Me } from "@/features/auth/api/get-me";
import { changeLanguage } from "@/lib/i18n";
import { coordinator, startPageRoutes } from "@/testing/fixtures";
import { mockApi, requestTo, type MockRequest } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

const round = {
  id: 1,
  ring_id: 1,
  ring_name: "Integrationsmonitoring 2.0",
  name: "Vergleichsrunde 2020/2021",
  status: "review",
  years: [2020, 2021],
  deadline: "2022-09-30",
  display_rule: "pseudonymised",
  min_group_size: 5,
  catalog_version: "2020",
  synthetic_data: true,
  participant_count: 28,
  published_elsewhere: [],
};

const returnedTask = {
  kind: "returned",
  round_id: 1,
  round_name: "Vergleichsrunde 2020/2021",
  deadline: "2022-09-30",
  ags: "05315000",
  municipality_name: "Köln",
  year: 2021,
  reason: "Bitte den Ausländeranteil prüfen",
  returned_values: [{ base_figure: "G-BEV-AUS", reason: "Wert passt nicht zum Vorjahr" }],
  errors_open: 0,
  warnings_open: 2,
  warnings_explained: 0,
  submitted_at: null,
  count: null,
};

const admin: Me = {
  id: 1,
  email: "admin@example.org",
  display_name: "Betrieb",
  memberships: [{ id: null, role: "admin", municipality_ags: null, ring_id: null }],
  permissions: ["invite_coordinators", "manage_catalog", "manage_users", "read_audit", "read_rounds"],
};

function account(id: number, email: string, role: string, ags: string | null, isActive = true) {
  return {
    id,
    email,
    display_name: "",
    is_active: isActive,
    is_demo: true,
    created_at: "2026-12-01T08:00:00Z",
    last_login_at: null,
    has_password: true,
    memberships: [{ id: id * 10, role, municipality_ags: ags, ring_id: null }],
  };
}

describe("start page signed in", () => {
  it("shows the city, the round with status and German deadline, and the returned task linking to the entry form", async () => {
    mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": coordinator,
      "/api/v1/rounds": [round],
      "/api/v1/tasks": {
        cities: [{ ags: "05315000", name: "Köln", role: "coordinator" }],
        rings: [],
        tasks: [returnedTask],
        total: 1,
      },
    });
    await renderApp("/");

    const city = await screen.findByRole("region", { name: "Ihre Stadt" });
    expect(within(city).getByText("Köln")).toBeInTheDocument();
    const tasks = screen.getByRole("region", { name: "Offene Aufgaben" });
    const link = await within(tasks).findByRole("link", { name: "Köln 2021 korrigieren und erneut einreichen" });
    expect(link).toHaveAttribute("href", "/runden/1/erfassung/05315000/2021");
    expect(within(tasks).getByText("Bitte den Ausländeranteil prüfen")).toBeInTheDocument();
    expect(within(tasks).getByText(/Frist abgelaufen am 30\.09\.2022/)).toBeInTheDocument();
    expect(within(tasks).getByText("2 Hinweise warten auf einen Kommentar")).toBeInTheDocument();
    expect(await screen.findByText("Abgabefrist: 30.09.2022")).toBeInTheDocument();
    expect(screen.getByText("in Prüfung")).toBeInTheDocument();

    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    expect(within(nav).getByRole("link", { name: "Start" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "Dateneingabe" })).toHaveAttribute("href", "/runden/1/erfassung/05315000/2021");
    expect(within(nav).queryByRole("link", { name: "Verwaltung" })).not.toBeInTheDocument();
  });

  afterEach(async () => {
    await changeLanguage("de");
  });

  it("speaks English when switched", async () => {
    mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": coordinator,
      "/api/v1/rounds": [round],
      "/api/v1/tasks": { cities: [], rings: [], tasks: [returnedTask], total: 1 },
    });
    await changeLanguage("en");
    await renderApp("/");
    expect(await screen.findByRole("link", { name: "Correct and resubmit Köln 2021" })).toBeInTheDocument();
    expect(screen.getByText(/Deadline passed on 30\/09\/2022/)).toBeInTheDocument();
    expect(screen.getByRole("navigation", { name: "Main navigation" })).toBeInTheDocument();
  });

  it("says so when nothing is open", async () => {
    mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": coordinator,
      "/api/v1/rounds": [round],
      "/api/v1/tasks": { cities: [{ ags: "05315000", name: "Köln", role: "coordinator" }], rings: [], tasks: [], total: 0 },
    });
    await renderApp("/");
    expect(await screen.findByText("Keine offenen Aufgaben")).toBeInTheDocument();
  });
});

describe("administration", () => {
  it("filters the accounts by the URL and disables one after a confirmation", async () => {
    const users = [
      account(1, "admin@example.org", "admin", null),
      account(2, "koordination-05315000@example.org", "coordinator", "05315000"),
      account(3, "lesen-05315000@example.org", "viewer", "05315000"),
    ];
    const stub = mockApi({
      ...startPageRoutes,
      "/api/v1/auth/me": admin,
      "/api/v1/rounds": [round],
      "/api/v1/users": users,
      "PATCH /api/v1/users/3": (request: MockRequest) => ({ ...users[2], ...(request.json as object) }),
    });
    const { user } = await renderApp("/verwaltung/benutzer?rolle=viewer");

    expect(screen.getByRole("heading", { level: 1, name: "Konten" })).toBeVisible();
    expect(screen.getByLabelText("Rolle")).toHaveValue("viewer");
    const table = await screen.findByRole("table", { name: "Konten" });
    expect(within(table).getAllByRole("row")).toHaveLength(2);
    expect(screen.getByText("1 von 3 Konten")).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText("Rolle"), "");
    await waitFor(() => {
      expect(window.location.search).toBe("");
    });
    await user.type(screen.getByLabelText("Suche"), "lesen");
    await waitFor(() => {
      expect(window.location.search).toBe("?suche=lesen");
    });
    const nav = screen.getByRole("navigation", { name: "Hauptnavigation" });
    expect(within(nav).getByRole("link", { name: "Verwaltung" })).toHaveAttribute("aria-current", "page");

    await user.click(screen.getByRole("link", { name: "lesen-05315000@example.org" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Konto lesen-05315000@example.org" })).toBeVisible();
    await user.click(screen.getByRole("button", { name: "Konto sperren" }));
    const confirm = screen.getByRole("group", { name: "Konto lesen-05315000@example.org wirklich sperren?" });
    expect(confirm).toHaveFocus();
    expect(stub.requests.some((r) => r.method === "PATCH")).toBe(false);
    await user.click(within(confirm).getByRole("button", { name: "Ja, sperren" }));
    expect(await screen.findByText("Das Konto lesen-05315000@example.org ist gesperrt.")).toBeInTheDocument();
    expect(requestTo(stub, "/api/v1/users/3", { method: "PATCH" }).json).toEqual({ is_active: false });
  });

  it("refuses the pages to other roles", async () => {
    mockApi({ ...startPageRoutes, "/api/v1/auth/me": coordinator, "/api/v1/rounds": [round] });
    await renderApp("/verwaltung/protokoll");
    expect(screen.getByRole("heading", { level: 1, name: "Kein Zugriff" })).toBeVisible();
  });
});
