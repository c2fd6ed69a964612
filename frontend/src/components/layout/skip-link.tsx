import { useTranslation } from "react-i18next";

export const MAIN_CONTENT_ID = "main-content";

/** The first focusable element: jumps over the header to the main content. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a className="skip-link kern-link" href={`#${MAIN_CONTENT_ID}`}>
      {t("skipLink")}
    </a>
  );
}
