import { screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";

import type { Schemas } from "@/api/client";
import { coordinator, startPageRoutes } from "@/testing/fixtures";
import { mockApi, requestTo, type MockRequest } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

type Submission = Schemas["SubmissionRead"];
type Value = Schemas["SubmissionValueRead"];

const PAGE = "/runden/1/erfassung/05315000/excel";
const FORM = "/api/v1/rounds/1/forms/05315000";

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
  catalog_version: "2.0",
  synthetic_data: true,
  participant_count: 28,
  published_elsewhere: [],
};

function value(amount: number | null): Value {
  return {
    base_figure: "G-BEV-AUS",
    name_de: "Ausländische Bevölkerung",
    name_en: "Foreign population",
    field: "DEM",
    unit: "Anzahl",
    definition: "",
    value: amount,
    status: amount === null ? null : "ok",
    comment: null,
    source_note: null,
    version: 1,
    updated_at: null,
    previous_value: null,
    review_state: "none",
    review_reason: null,
    editable: true,
    changed_since_approval: false,
    approved_value: null,
    ring_median: null,
    findings: [],
  };
}

function submission(year: number, amount: number | null, status: Submission["status"]): Submission {
  return {
    round_id: 1,
    ags: "05315000",
    municipality: "Köln",
    year,
    status,
    version: 2,
    round_status: "review",
    submitted_at: null,
    approved_at: null,
    return_reason: null,
    synthetic_data: true,
    editable: status === "draft",
    allowed_actions: [],
    findings_summary: {},
    findings: [],
    values: [value(amount)],
  };
}

const stored = { 2020: submission(2020, 180_000, "approved"), 2021: submission(2021, 185_000, "draft") };
const planned = [stored[2020], submission(2021, 186_500, "draft")];

const routes = (upload: (request: MockRequest) => unknown) => ({
  ...startPageRoutes,
  "/api/v1/auth/me": coordinator,
  "/api/v1/tasks": { cities: [{ ags: "05315000", name: "Köln", role: "coordinator" }], rings: [], tasks: [], total: 0 },
  "/api/v1/rounds": [round],
  "/api/v1/rounds/1": round,
  "/api/v1/rounds/1/submissions/05315000/2020": stored[2020],
  "/api/v1/rounds/1/submissions/05315000/2021": stored[2021],
  [`POST ${FORM}`]: upload,
});

const xlsx = (name = "bogen.xlsx") =>
  new File(["PK fake"], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the Excel form page", () => {
  it("shows the problems cell by cell and keeps the import off", async () => {
    const stub = mockApi(
      routes(() => ({
        dry_run: true,
        changed_values: 0,
        problems: [
          { loc: "Demografie!I14", msg: "Demografie!I14: „abc“ ist keine Zahl" },
          { loc: "Bildung!F5", msg: "Bildung!F5: erlaubt sind 1 (ja) und 0 (nein)" },
        ],
        submissions: planned,
      })),
    );
    const { user } = await renderApp(PAGE);
    expect(await screen.findByRole("heading", { level: 1, name: "Excel-Erhebungsbogen: Köln" })).toBeInTheDocument();
    expect(await screen.findByText(/im Bogen nur zur Ansicht/)).toBeInTheDocument();
    await user.upload(screen.getByLabelText("Ausgefüllter Erhebungsbogen (.xlsx)"), xlsx());
    expect(await screen.findByText("Der Probelauf hat 2 Probleme gefunden")).toBeInTheDocument();
    const table = screen.getByRole("table", { name: "Probleme in bogen.xlsx" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getAllByRole("cell").map((cell) => cell.textContent))).toEqual([
      ["Demografie", "I14", "„abc“ ist keine Zahl"],
      ["Bildung", "F5", "erlaubt sind 1 (ja) und 0 (nein)"],
    ]);
    expect(screen.getByText("Probleme je Blatt: Demografie (1), Bildung (1)")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Importieren" })).toBeDisabled();
    expect(requestTo(stub, FORM, { method: "POST" }).url.searchParams.get("dry_run")).toBe("true");
  });

  it("imports after a clean dry run, names the saved values and links each year's entry", async () => {
    const stub = mockApi(
      routes((request) => ({
        dry_run: request.url.searchParams.get("dry_run") === "true",
        changed_values: 1,
        problems: [],
        submissions: planned,
      })),
    );
    const { user } = await renderApp(PAGE);
    expect(await screen.findByRole("button", { name: "Importieren" })).toBeDisabled();
    await user.upload(await screen.findByLabelText("Ausgefüllter Erhebungsbogen (.xlsx)"), xlsx());
    expect(await screen.findByText("Keine Probleme – der Import würde 1 Wert ändern")).toBeInTheDocument();
    const changes = screen.getByRole("table", { name: "Änderungen im Datenjahr 2021" });
    expect(within(changes).getByText("185.000")).toBeInTheDocument();
    expect(within(changes).getByText("186.500")).toBeInTheDocument();
    expect(screen.getByText("keine Änderung", { exact: false })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "1 Wert importieren" }));
    await waitFor(() => {
      expect(screen.getByText("Import abgeschlossen: 1 Wert gespeichert")).toBeInTheDocument();
    });
    expect(screen.getByRole("link", { name: "Erfassung 2021 öffnen" })).toHaveAttribute("href", "/runden/1/erfassung/05315000/2021");
    expect(screen.getByRole("button", { name: "1 Wert importieren" })).toBeDisabled();
    const posts = stub.requests.filter((request) => request.method === "POST" && request.url.pathname === FORM);
    expect(posts.map((request) => request.url.searchParams.get("dry_run"))).toEqual(["true", "false"]);
    expect(posts[1]?.headers.get("Content-Type")).toMatch(/^multipart\/form-data; boundary=/);
  });

  it("stops a file that is no .xlsx before sending it, and explains a 415", async () => {
    const stub = mockApi(
      routes(() => ({
        status: 415,
        body: { error: "unsupported_file", detail: "Das ist keine Excel-Datei (.xlsx).", errors: [] },
      })),
    );
    const { user } = await renderApp(PAGE);
    const input = await screen.findByLabelText("Ausgefüllter Erhebungsbogen (.xlsx)");
    // Past the picker's filter (a user can choose "all files"); the page checks the name itself.
    const csv = new File(["a;b"], "werte.csv", { type: "text/csv" });
    await user.setup({ applyAccept: false }).upload(input, csv);
    expect(await screen.findByText(/Bitte wählen Sie eine Excel-Datei mit der Endung \.xlsx/)).toBeInTheDocument();
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(stub.requests.some((request) => request.method === "POST")).toBe(false);

    await user.upload(input, xlsx("kaputt.xlsx"));
    expect(await screen.findByText("Der Probelauf ist fehlgeschlagen")).toBeInTheDocument();
    expect(screen.getByText(/keine lesbare Excel-Datei/)).toBeInTheDocument();
    expect(screen.getByText(/Meldung des Servers: Das ist keine Excel-Datei/)).toBeInTheDocument();
  });
});
