import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { TableScroll } from "@/components/ui/table-scroll";
import { useFormatters } from "@/lib/use-formatters";
import type { RoundSummary } from "../api/get-rounds";
import { cockpitPath, roundSettingsPath } from "../paths";

/** The moderator's rounds: state, data years, deadline, participants; links to settings and cockpit. */
export function RoundsTable({ rounds }: { rounds: RoundSummary[] }) {
  const { t } = useTranslation("moderation");
  const format = useFormatters();
  const caption = t("rounds.caption");
  const sorted = [...rounds].sort((a, b) => b.id - a.id);
  return (
    <TableScroll label={caption}>
      <table className="kern-table kern-table--striped">
        <caption className="kern-sr-only">{caption}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">{t("rounds.name")}</th>
            <th scope="col" className="kern-table__header">{t("rounds.ring")}</th>
            <th scope="col" className="kern-table__header">{t("rounds.state")}</th>
            <th scope="col" className="kern-table__header">{t("rounds.years")}</th>
            <th scope="col" className="kern-table__header">{t("rounds.deadline")}</th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">{t("rounds.participants")}</th>
            <th scope="col" className="kern-table__header">{t("rounds.work")}</th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {sorted.map((round) => (
            <tr key={round.id} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                <Link className="kern-link" to={roundSettingsPath(round.id)}>{round.name}</Link>
              </th>
              <td className="kern-table__cell">{round.ring_name}</td>
              <td className="kern-table__cell">{t(`roundState.${round.status}`)}</td>
              <td className="kern-table__cell">{round.years.join(", ")}</td>
              <td className="kern-table__cell">{round.deadline ? new Date(`${round.deadline}T00:00:00`).toLocaleDateString(format.locale) : "–"}</td>
              <td className="kern-table__cell kern-table__cell--numeric">{format.integer(round.participant_count)}</td>
              <td className="kern-table__cell">
                <Link className="kern-link" to={cockpitPath(round.id)}>
                  {t("rounds.cockpit")}
                  <span className="kern-sr-only"> – {round.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
