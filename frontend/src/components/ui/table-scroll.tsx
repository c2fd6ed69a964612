import type { ReactNode } from "react";

/**
 * The scroll box around a wide table. It can take the keyboard focus (so a keyboard user can
 * scroll it, WCAG 2.1.1) and is a named region (its name is the table's caption).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="kern-table-responsive table-scroll" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
