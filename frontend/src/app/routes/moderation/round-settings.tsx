import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";

import { Alert } from "@/components/ui/alert";
import { useMunicipalities } from "@/features/moderation/api/get-municipalities";
import { useRoundDetail } from "@/features/moderation/api/get-round";
import { RoundLifecycle } from "@/features/moderation/components/round-lifecycle";
import { RoundParticipants } from "@/features/moderation/components/round-participants";
import { RoundSettingsForm } from "@/features/moderation/components/round-settings-form";
import { cockpitPath, roundsAdminPath } from "@/features/moderation/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { QueryState } from "./query-state";

/** `/moderation/runden/:roundId`: lifecycle, deadline, display rule and participants of a round. */
export function RoundSettingsRoute() {
  const { t } = useTranslation("moderation");
  const roundId = Number(useParams().roundId);
  const location = useLocation();
  const round = useRoundDetail(roundId);
  const cities = useMunicipalities();
  useDocumentTitle(t("settings.documentTitle", { name: round.data?.name ?? "" }));
  const created = (location.state as { created?: boolean } | null)?.created === true;
  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={roundsAdminPath()}>{t("nav.backToRounds")}</Link>
      </p>
      <h1 className="kern-heading-x-large">{round.data ? t("settings.title2", { name: round.data.name }) : t("settings.heading")}</h1>
      {created && <Alert variant="success" title={t("form.created")} />}
      <QueryState query={round}>
        {(data) => (
          <>
            <p className="kern-body">
              {data.ring_name} · {t("rounds.years")}: {data.years.join(", ")} · {t("form.catalogVersion")}: {data.catalog_version}
            </p>
            <p>
              <Link className="kern-link" to={cockpitPath(data.id)}>
                <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
                {t("rounds.cockpit")}
              </Link>
            </p>
            <RoundLifecycle round={data} />
            <RoundSettingsForm key={`${data.id}-${data.revision}-${data.status}`} round={data} />
            <RoundParticipants round={data} cities={cities.data ?? []} />
          </>
        )}
      </QueryState>
    </>
  );
}
