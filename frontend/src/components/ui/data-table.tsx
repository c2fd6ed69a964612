import type { ReactNode } from "react";
import { TableScroll } from "./table-scroll";

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** This column names the row (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, index: number) => string;
  /** Extra class of a row, e.g. to highlight the own city. */
  rowClass?: (row: Row) => string | undefined;
  /** Shows the caption (default: for screen readers only). */
  captionVisible?: boolean;
}

/** A real table with caption and headers, readable by screen readers: the twin of every chart. */
export function DataTable<Row>({ caption, columns, rows, rowKey, rowClass, captionVisible = false }: DataTableProps<Row>) {
  return (
    <TableScroll label={caption}>
      <table className="kern-table kern-table--striped data-table">
        <caption className={captionVisible ? "data-table__caption" : "kern-sr-only"}>{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className={column.numeric ? "kern-table__header kern-table__header--numeric" : "kern-table__header"}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)} className={["kern-table__row", rowClass?.(row)].filter(Boolean).join(" ")}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.header} scope="row" className="kern-table__header">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td
                    key={column.header}
                    className={column.numeric ? "kern-table__cell kern-table__cell--numeric" : "kern-table__cell"}
                  >
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
