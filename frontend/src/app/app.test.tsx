import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { actionFields, startPageRoutes } from "@/testing/fixtures";
import { mockApi } from "@/testing/mock-api";
import { renderApp } from "@/testing/render-app";

/** The card of a key figure, found by its heading. */
function figure(label: string): HTMLElement {
  const card = screen.getByRole("heading", { name: label, level: 3 }).closest("article");
  if (!card) throw new Error(`no card for ${label}`);
  return card;
}

describe("start page", () => {
  it("shows the live figures in German", async () => {
    mockApi(startPageRoutes);
    await renderApp();

    expect(screen.getByRole("heading", { level: 1, name: "Vergleichsring – Integrationsmonitoring" })).toBeVisible();
    expect(screen.getByRole("banner")).toBeInTheDocument();
    expect(screen.getByRole("main")).toHaveAttribute("id", "main-content");
    expect(screen.getByRole("link", { name: "Zum Inhalt springen" })).toHaveAttribute("href", "#main-content");

    const table = await screen.findByRole("table", { name: "Handlungsfelder und Zahl ihrer Kennzahlen" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(actionFields.length + 2);
    expect(within(table).getByRole("rowheader", { name: "Bildung" })).toBeInTheDocument();
    expect(within(table).getByText("1.234")).toBeInTheDocument();
    expect(within(table).getByText("1.255")).toBeInTheDocument();

    expect(await screen.findByRole("heading", { name: "Städte in der Datenbasis" })).toBeInTheDocument();
    expect(within(figure("Städte in der Datenbasis")).getByText("3")).toBeInTheDocument();
    const population = figure("Einwohnerinnen und Einwohner zusammen");
    expect(within(population).getByText("3.212.186")).toBeInTheDocument();
    expect(within(population).getByText("Stand 31.12.2021")).toBeInTheDocument();
    expect(within(figure("Handlungsfelder")).getByText("3")).toBeInTheDocument();
    const keyFigures = figure("Kennzahlen im Katalog");
    expect(within(keyFigures).getByText("4")).toBeInTheDocument();
    expect(within(keyFigures).getByText("zusätzlich 1 Strukturmerkmal für Vergleichsgruppen")).toBeInTheDocument();
    expect(within(figure("davon Gruppenvergleiche")).getByText("2")).toBeInTheDocument();

    expect(await screen.findByText("Synthetische Demodaten")).toBeInTheDocument();
    expect(await screen.findByText(/Version 0\.1\.0/)).toBeInTheDocument();
    await waitFor(() => { expect(document.title).toBe("Vergleichsring – Integrationsmonitoring"); });
    expect(document.documentElement.lang).toBe("de");
  });

  it("switches to English", async () => {
    mockApi(startPageRoutes);
    const { user } = await renderApp();
    await screen.findByRole("rowheader", { name: "Bildung" });

    const english = screen.getByRole("button", { name: "English" });
    expect(english).toHaveAttribute("aria-pressed", "false");
    await user.click(english);

    expect(english).toHaveAttribute("aria-pressed", "true");
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("heading", { level: 1, name: "Comparison ring – integration monitoring" })).toBeVisible();
    const table = screen.getByRole("table", { name: "Action fields and the number of their key figures" });
    expect(within(table).getByRole("rowheader", { name: "Education" })).toBeInTheDocument();
    expect(within(table).getByText("1,234")).toBeInTheDocument();
    expect(within(figure("Inhabitants in total")).getByText("3,212,186")).toBeInTheDocument();
    expect(screen.getByText("Synthetic demo data")).toBeInTheDocument();
    await waitFor(() => { expect(document.title).toBe("Comparison ring – integration monitoring"); });

    await user.click(screen.getByRole("button", { name: "Deutsch" }));
    expect(screen.getByRole("rowheader", { name: "Bildung" })).toBeInTheDocument();
  });

  it("shows loading, then an error with a way to try again", async () => {
    const fetchStub = mockApi({
      ...startPageRoutes,
      "/api/v1/catalog/fields": { status: 503, body: { error: "unavailable", detail: "Wartung", errors: [] } },
    });
    const { user } = await renderApp();
    expect(screen.getAllByRole("status").length).toBeGreaterThan(0);

    const alerts = await screen.findAllByRole("alert");
    expect(alerts[0]).toHaveTextContent("Die Daten konnten nicht geladen werden");
    expect(alerts[0]).toHaveTextContent("Der Server hat mit dem Status 503 geantwortet.");

    // The backend is back: "Erneut versuchen" loads the table.
    mockApi(startPageRoutes);
    const retry = screen.getAllByRole("button", { name: "Erneut versuchen" })[0];
    if (!retry) throw new Error("no retry button");
    await user.click(retry);
    expect(await screen.findByRole("rowheader", { name: "Bildung" })).toBeInTheDocument();
    expect(fetchStub).toHaveBeenCalled();
  });

  it("hides the demo notice when the data are real", async () => {
    mockApi({ ...startPageRoutes, "/api/v1/health": { ...startPageRoutes["/api/v1/health"], synthetic_demo_data: false } });
    await renderApp();
    expect(await screen.findByText(/Version 0\.1\.0/)).toBeInTheDocument();
    expect(screen.queryByText("Synthetische Demodaten")).not.toBeInTheDocument();
  });
});

describe("unknown address", () => {
  it("says the page does not exist and links home", async () => {
    mockApi(startPageRoutes);
    await renderApp("/gibt-es-nicht");
    expect(screen.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Zur Startseite" })).toHaveAttribute("href", "/");
    await screen.findByText(/Version 0\.1\.0/);
  });
});
