/**
 * CSV for downloads. The German form is what Excel opens correctly on a German system:
 * semicolon as separator, decimal comma, UTF-8 with byte-order mark, CRLF line ends. The
 * international form uses comma and decimal point. Numbers are written as the API gave them
 * (no rounding, no thousands separator), so a download holds exactly the API's numbers.
 */

export type CsvStyle = "de" | "international";

/** A cell: text, a number (written with the style's decimal mark), or empty. */
export type CsvCell = string | number | null | undefined;

const BOM = "\uFEFF";

function numberCell(value: number, style: CsvStyle): string {
  if (!Number.isFinite(value)) return "";
  const text = String(value);
  return style === "de" ? text.replace(".", ",") : text;
}

function quote(text: string, separator: string): string {
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of a header row and data rows (with BOM). */
export function toCsv(header: string[], rows: CsvCell[][], style: CsvStyle = "de"): string {
  const separator = style === "de" ? ";" : ",";
  const line = (cells: CsvCell[]) =>
    cells
      .map((cell) => {
        if (cell === null || cell === undefined) return "";
        if (typeof cell === "number") return numberCell(cell, style);
        return quote(cell, separator);
      })
      .join(separator);
  return BOM + [line(header), ...rows.map(line)].join("\r\n") + "\r\n";
}

/** A safe file name from a title: letters, digits and dashes. */
export function fileName(title: string, extension: string): string {
  const stem = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase()
    .slice(0, 80);
  return `${stem || "download"}.${extension}`;
}

/** Offers a Blob as a download under `name`. */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 1000);
}

export function downloadCsv(text: string, name: string): void {
  downloadBlob(new Blob([text], { type: "text/csv;charset=utf-8" }), name);
}

/** Offers a data URL (a PNG from a chart) as a download. */
export function downloadDataUrl(dataUrl: string, name: string): void {
  const link = document.createElement("a");
  link.href = dataUrl;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}
