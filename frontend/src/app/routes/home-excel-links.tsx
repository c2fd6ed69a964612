import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Round } from "@/features/rounds/api/get-rounds";
import { useTasks } from "@/features/tasks/api/get-tasks";
import { formPath } from "@/features/submissions/paths";

/** On the start page, per round: the Excel form of each city the user coordinates (once collection has begun). */
export function ExcelHomeLinks({ round }: { round: Round }) {
  const { t } = useTranslation("submissions");
  const tasks = useTasks();
  const cities = tasks.data?.cities.filter((city) => city.role === "coordinator") ?? [];
  if (cities.length === 0 || round.status === "preparation") return null;
  return (
    <ul className="entry-links">
      {cities.map((city) => (
        <li key={city.ags}>
          <Link className="kern-link" to={formPath(round.id, city.ags)}>
            <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
            {t("excel.homeLink", { city: city.name })}
          </Link>
          <span className="kern-body kern-body--small entry-links__hint"> – {t("excel.homeHint")}</span>
        </li>
      ))}
    </ul>
  );
}
