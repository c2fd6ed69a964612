import type { ReactNode } from "react";

export interface FigureCardProps {
  /** What the figure counts, e.g. "Städte in der Datenbasis". */
  label: string;
  /** The formatted figure; pass formatted text, never a raw number. */
  value?: string;
  /** A short note below the figure: reference date, definition. */
  hint?: string;
  /** Replaces the value, e.g. with a small list. */
  children?: ReactNode;
}

/** One key figure on a KERN UX card. */
export function FigureCard({ label, value, hint, children }: FigureCardProps) {
  return (
    <article className="kern-card figure-card">
      <div className="kern-card__container">
        <header className="kern-card__header">
          <h3 className="kern-title kern-title--small">{label}</h3>
        </header>
        <div className="kern-card__body">
          {value !== undefined && <p className="figure-card__value">{value}</p>}
          {children}
          {hint !== undefined && <p className="kern-body kern-body--small kern-body--muted">{hint}</p>}
        </div>
      </div>
    </article>
  );
}
