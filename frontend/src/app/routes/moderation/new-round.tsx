import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";

import { useMunicipalities } from "@/features/moderation/api/get-municipalities";
import { useModeratedRounds } from "@/features/moderation/api/get-rounds";
import { RoundCreateForm } from "@/features/moderation/components/round-create-form";
import { roundSettingsPath, roundsAdminPath } from "@/features/moderation/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { QueryState } from "./query-state";

/** `/moderation/runden/neu`: create a round. */
export function NewRoundRoute() {
  const { t } = useTranslation("moderation");
  useDocumentTitle(t("form.documentTitle"));
  const navigate = useNavigate();
  const rounds = useModeratedRounds();
  const cities = useMunicipalities();
  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={roundsAdminPath()}>{t("nav.backToRounds")}</Link>
      </p>
      <h1 className="kern-heading-x-large">{t("form.title")}</h1>
      <p className="kern-body lead">{t("form.lead")}</p>
      <QueryState query={rounds}>
        {(roundList) => (
          <QueryState query={cities}>
            {(cityList) => (
              <RoundCreateForm
                rounds={roundList}
                cities={cityList}
                onCreated={(round) => void navigate(roundSettingsPath(round.id), { state: { created: true } })}
              />
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
