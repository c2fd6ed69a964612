import type { ReactNode, Ref } from "react";

export type AlertVariant = "info" | "success" | "warning" | "danger";

export interface AlertProps {
  variant: AlertVariant;
  title: string;
  children?: ReactNode;
  /**
   * Announce the alert to screen readers when it appears (`role="alert"`). Use it for messages
   * that come up after an action or a failed request, not for notices that are part of the page.
   */
  announce?: boolean;
  /** Let scripts move the focus here (`tabIndex=-1`), e.g. to an error after a failed submit. */
  focusable?: boolean;
  ref?: Ref<HTMLDivElement>;
  id?: string;
  className?: string;
}

/** KERN UX alert: `kern-alert kern-alert--<variant>` with an icon, a title and an optional body. */
export function Alert({ variant, title, children, announce = false, focusable = false, ref, id, className }: AlertProps) {
  const classes = ["kern-alert", `kern-alert--${variant}`, className].filter(Boolean).join(" ");
  return (
    <div
      ref={ref}
      id={id}
      className={classes}
      role={announce ? "alert" : undefined}
      tabIndex={focusable ? -1 : undefined}
    >
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children !== undefined && <div className="kern-alert__body">{children}</div>}
    </div>
  );
}
