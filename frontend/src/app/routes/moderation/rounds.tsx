import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useModeratedRounds } from "@/features/moderation/api/get-rounds";
import { RoundsTable } from "@/features/moderation/components/rounds-table";
import { newRoundPath } from "@/features/moderation/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { QueryState } from "./query-state";

/** `/moderation`: the moderator's rounds. */
export function RoundsRoute() {
  const { t } = useTranslation("moderation");
  useDocumentTitle(t("rounds.documentTitle"));
  const rounds = useModeratedRounds();
  return (
    <>
      <h1 className="kern-heading-x-large">{t("rounds.title")}</h1>
      <p className="kern-body lead">{t("rounds.lead")}</p>
      <p>
        <Link className="kern-btn kern-btn--primary" to={newRoundPath()}>
          <span className="kern-icon kern-icon--add" aria-hidden="true" />
          <span className="kern-label">{t("rounds.new")}</span>
        </Link>
      </p>
      <QueryState query={rounds}>
        {(data) => (data.length === 0 ? <p className="kern-body">{t("rounds.none")}</p> : <RoundsTable rounds={data} />)}
      </QueryState>
    </>
  );
}
