import { screen, within, render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { EChartsOption } from "echarts";
import { describe, expect, it, vi } from "vitest";

import { changeLanguage } from "@/lib/i18n";
import { comparisonRow, indicatorComparison } from "@/testing/comparison-fixtures";
import { IndicatorView } from "./indicator-view";

// jsdom has no canvas: the wrapper is replaced by a stub that shows the option it was given.
vi.mock("@/components/charts/echart", () => ({
  EChart: ({ option, label }: { option: EChartsOption; label: string }) => {
    const series = option.series as { data: { value: number | null }[] }[];
    return <div role="img" aria-label={label} data-values={JSON.stringify(series[0]?.data.map((item) => item.value))} />;
  },
}));

async function readDownloadedCsv(click: () => Promise<void>): Promise<string> {
  let blob: Blob | undefined;
  vi.spyOn(URL, "createObjectURL").mockImplementation((object) => {
    blob = object as Blob;
    return "blob:test";
  });
  vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  await click();
  if (!blob) throw new Error("no download");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await blob.arrayBuffer());
}

describe("IndicatorView", () => {
  it("draws the API's values and highlights the own city in words", () => {
    const answer = indicatorComparison();
    render(<IndicatorView comparison={answer} />);
    const chart = screen.getByRole("img", { name: /Balkendiagramm Arbeitslosenanteil: 5 Städte mit Wert, eigene Stadt Köln/ });
    expect(JSON.parse(chart.dataset.values ?? "[]")).toEqual(answer.rows.map((row) => row.value));
    expect(screen.getByText("Synthetische Demodaten")).toBeInTheDocument();
    expect(screen.queryByTestId("visibility-note")).not.toBeInTheDocument();
  });

  it("has a table twin with caption, headers, signs and reasons", async () => {
    const user = userEvent.setup();
    render(<IndicatorView comparison={indicatorComparison()} />);
    await user.click(screen.getByRole("button", { name: "Als Tabelle zeigen" }));
    const table = screen.getByRole("table", { name: "Arbeitslosenanteil – 2021, Alle Städte der Runde" });
    expect(within(table).getByRole("rowheader", { name: "Köln (eigene Stadt)" })).toBeInTheDocument();
    const suppressed = within(table).getByRole("row", { name: /Stadt 12/ });
    expect(suppressed).toHaveTextContent("gesperrt (Geheimhaltung): Fallzahl kleiner als 3");
    expect(within(table).getByRole("row", { name: /Stadt 06/ })).toHaveTextContent("kein Wert: Meldung noch nicht freigegeben");
    expect(within(table).getByRole("row", { name: /Köln/ })).toHaveTextContent("4,5 %");
    expect(within(table).getByRole("columnheader", { name: "Bewertung" })).toBeInTheDocument();
  });

  it("shows no verdict for a neutral key figure", async () => {
    const user = userEvent.setup();
    const answer = indicatorComparison();
    const neutral = indicatorComparison({
      indicator: { ...answer.indicator, polarity: "neutral" },
      conventions: { ...answer.conventions, polarity: "neutral" },
      rows: answer.rows.map((row) => ({ ...row, verdict: null })),
    });
    render(<IndicatorView comparison={neutral} />);
    await user.click(screen.getByRole("button", { name: "Als Tabelle zeigen" }));
    expect(screen.queryByRole("columnheader", { name: "Bewertung" })).not.toBeInTheDocument();
    expect(screen.getByText(/Neutrale Kennzahl: nach Größe geordnet, ohne Bewertung als besser oder schlechter/)).toBeInTheDocument();
  });

  it("says in one line why other cities are missing when the API gives fewer rows, and shows only those", () => {
    const answer = indicatorComparison();
    const own = comparisonRow({ label: "Köln", ags: "05315000", own: true, value: 4.5, rank: 3, rank_n: 5, corridor: "within" });
    render(<IndicatorView comparison={{ ...answer, rows: [own] }} />);
    expect(screen.getByTestId("visibility-note")).toHaveTextContent("Gezeigt werden 1 von 7 Städten der Gruppe");
    expect(JSON.parse(screen.getByRole("img").dataset.values ?? "[]")).toEqual([4.5]);
    // The group statistics still come from the API.
    expect(screen.getByRole("row", { name: /Median/ })).toHaveTextContent("4,0 %");
  });

  it("formats numbers in the browser for English and never shows the API's German display text", async () => {
    await changeLanguage("en");
    const user = userEvent.setup();
    const answer = indicatorComparison();
    render(<IndicatorView comparison={{ ...answer, rows: answer.rows.map((row) => ({ ...row, display: "GERMAN" })) }} />);
    await user.click(screen.getByRole("button", { name: "Show as table" }));
    const table = screen.getByRole("table", { name: "Unemployment share – 2021, All cities of the round" });
    expect(within(table).getByRole("row", { name: /Köln/ })).toHaveTextContent("4.5%");
    expect(table).not.toHaveTextContent("GERMAN");
    expect(within(table).getByRole("row", { name: /Stadt 06/ })).toHaveTextContent("no value: submission not yet approved");
  });

  it("downloads a German CSV with the API's unrounded numbers", async () => {
    const user = userEvent.setup();
    render(<IndicatorView comparison={indicatorComparison()} />);
    const text = await readDownloadedCsv(() => user.click(screen.getByRole("button", { name: "CSV herunterladen" })));
    expect(text.startsWith("\uFEFFStadt;AGS;Rang;von n;Wert (%);Zeichen;Grund;Lage zum Korridor;")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines[1]).toMatch(/^Stadt 20;;1;5;1,262128;;;/);
    expect(lines[3]).toMatch(/^Köln;05315000;3;5;4,5;;;/);
    expect(lines[7]).toMatch(/^Stadt 12;;;;;\.;Fallzahl kleiner als 3;/);
  });
});
