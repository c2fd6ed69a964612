import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useRounds, type Round } from "../api/get-rounds";

/** The rounds of the signed-in user, each with the entry points the page gives it. */
export function RoundList({ entries }: { entries: (round: Round) => ReactNode }) {
  const { t } = useTranslation();
  const { data, error, isPending, isError, refetch } = useRounds();
  if (isPending) return <Loader />;
  if (isError) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (data.length === 0) return <p className="kern-body">{t("rounds.none")}</p>;
  return (
    <ul className="round-list">
      {data.map((round) => (
        <li key={round.id} className="kern-card round-card">
          <div className="kern-card__container">
            <div className="kern-card__header">
              <h3 className="kern-heading-small">{round.name}</h3>
              <p className="kern-body kern-body--small">
                {t("rounds.meta", { ring: round.ring_name, years: round.years.join(", "), count: round.participant_count })}
                {" · "}
                {t(`rounds.display.${round.display_rule}`)}
              </p>
            </div>
            <div className="kern-card__body">{entries(round)}</div>
          </div>
        </li>
      ))}
    </ul>
  );
}
