import { useTranslation } from "react-i18next";

import type { SubmissionStatus } from "../api/get-cockpit";

const VARIANT: Record<SubmissionStatus | "none", string> = {
  submitted: "info",
  returned: "warning",
  draft: "warning",
  approved: "success",
  none: "danger",
};

/** The status of a city-year as a KERN badge, with the words (never colour alone). */
export function StatusBadge({ status }: { status: SubmissionStatus | null }) {
  const { t } = useTranslation("moderation");
  const key = status ?? "none";
  return (
    <span className={`kern-badge kern-badge--${VARIANT[key]} moderation-badge`}>
      <span className="kern-label kern-label--small">{t(`status.${key}`)}</span>
    </span>
  );
}
