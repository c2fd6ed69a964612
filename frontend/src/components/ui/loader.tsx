import { useTranslation } from "react-i18next";

/** KERN UX loader; screen readers hear "Wird geladen …" once through the status role. */
export function Loader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="kern-loader kern-loader--visible" role="status">
      <span className="kern-sr-only">{label ?? t("state.loading")}</span>
    </div>
  );
}
