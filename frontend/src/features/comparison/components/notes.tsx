import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";

/** Every dashboard says so when its numbers are synthetic demo data (the API's `synthetic_data`). */
export function SyntheticDataNote({ synthetic }: { synthetic: boolean }) {
  const { t } = useTranslation();
  if (!synthetic) return null;
  return (
    <Alert variant="warning" title={t("dash.synthetic.title")} className="synthetic-note">
      <p className="kern-body">{t("dash.synthetic.body")}</p>
    </Alert>
  );
}

/**
 * When the API gives fewer cities than the group has (a pseudonymised round may withhold other
 * cities' rows from participants), say in one line why; the page shows what it was given, nothing more.
 */
export function VisibilityNote({ shown, groupSize }: { shown: number; groupSize: number }) {
  const { t } = useTranslation();
  if (shown >= groupSize) return null;
  return (
    <p className="kern-body visibility-note" data-testid="visibility-note">
      <span className="kern-icon kern-icon--info" aria-hidden="true" /> {t("dash.visibility.fewer", { shown, size: groupSize })}
    </p>
  );
}

/**
 * A pseudonymised round's note on a key figure that official statistics publish per city: the API
 * sets `published_note`; the text comes from the locale, with the source the catalogue names.
 */
export function PublishedNote({ note, source }: { note: string | null | undefined; source: string | null | undefined }) {
  const { t } = useTranslation();
  if (!note) return null;
  return (
    <p className="kern-body visibility-note" role="note" data-testid="published-note">
      <span className="kern-icon kern-icon--info" aria-hidden="true" /> {t("dash.visibility.published", { source: source ?? "" })}
    </p>
  );
}
