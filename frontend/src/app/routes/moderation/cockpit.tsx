import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";

import { useCockpit } from "@/features/moderation/api/get-cockpit";
import { useRoundDetail } from "@/features/moderation/api/get-round";
import { filterFromSearch, filterToSearch } from "@/features/moderation/cockpit-rows";
import { CockpitView } from "@/features/moderation/components/cockpit-view";
import { roundSettingsPath, roundsAdminPath } from "@/features/moderation/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { QueryState } from "./query-state";

/** `/moderation/runden/:roundId/cockpit`: the filters live in the query string. */
export function CockpitRoute() {
  const { t } = useTranslation("moderation");
  const roundId = Number(useParams().roundId);
  const [params, setParams] = useSearchParams();
  const round = useRoundDetail(roundId);
  const cockpit = useCockpit(roundId);
  const name = round.data?.name ?? "";
  useDocumentTitle(t("cockpit.documentTitle", { name }));
  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={roundsAdminPath()}>{t("nav.backToRounds")}</Link>
        {" · "}
        <Link className="kern-link" to={roundSettingsPath(roundId)}>{t("nav.roundSettings")}</Link>
      </p>
      <h1 className="kern-heading-x-large">{t("cockpit.title", { name })}</h1>
      <p className="kern-body lead">{t("cockpit.lead")}</p>
      <QueryState query={cockpit}>
        {(data) => (
          <CockpitView
            roundId={roundId}
            cockpit={data}
            filter={filterFromSearch(params)}
            onFilter={(filter) => { setParams(filterToSearch(filter), { replace: true }); }}
          />
        )}
      </QueryState>
    </>
  );
}
