import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { useSubmission } from "@/features/moderation/api/get-submission";
import { ReviewView } from "@/features/moderation/components/review-view";
import { cockpitPath } from "@/features/moderation/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { QueryState } from "./query-state";

/** `/moderation/runden/:roundId/pruefung/:ags/:year`: the value review of one city-year. */
export function ReviewRoute() {
  const { t } = useTranslation("moderation");
  const params = useParams();
  const roundId = Number(params.roundId);
  const ags = params.ags ?? "";
  const year = Number(params.year);
  const submission = useSubmission(roundId, ags, year);
  const city = submission.data?.municipality ?? ags;
  useDocumentTitle(t("review.documentTitle", { city, year }));
  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={cockpitPath(roundId)}>{t("nav.backToCockpit")}</Link>
      </p>
      <h1 className="kern-heading-x-large">{t("review.title", { city, year })}</h1>
      <QueryState query={submission}>{(data) => <ReviewView roundId={roundId} submission={data} />}</QueryState>
    </>
  );
}
