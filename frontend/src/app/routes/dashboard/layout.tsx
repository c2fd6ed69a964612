import { useTranslation } from "react-i18next";
import { Navigate, NavLink, Outlet, useLocation, useParams } from "react-router";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useMe } from "@/features/auth/api/get-me";
import { loginPathFor } from "@/features/auth/paths";
import { DASHBOARD_VIEWS, dashboardPath } from "@/features/comparison/paths";
import { useRound } from "@/features/rounds/api/get-round";
import { isModerator, ownCity, type DashboardContext } from "./context";

/** `/runden/:roundId/*`: signed-in users of the round; the round's name, the dashboard navigation, the page. */
export function DashboardLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const roundId = Number(useParams().roundId);
  const { data: me, isPending: mePending } = useMe();
  const round = useRound(Number.isInteger(roundId) && roundId > 0 ? roundId : 0);

  if (mePending) return <Loader />;
  if (!me) return <Navigate to={loginPathFor(location)} replace />;
  if (round.isPending) return <Loader />;
  if (round.isError) return <QueryError error={round.error} onRetry={() => void round.refetch()} />;

  const context: DashboardContext = {
    round: round.data,
    me,
    ownAgs: isModerator(me, round.data.ring_id) ? null : ownCity(me),
    moderator: isModerator(me, round.data.ring_id),
  };
  // The filters travel with the navigation, so switching views keeps indicator, year and group.
  const keep = new URLSearchParams(location.search);
  keep.delete("stadt");
  const search = keep.toString() ? `?${keep.toString()}` : "";

  return (
    <div className="dashboard">
      <p className="kern-body kern-body--small dashboard__round">
        {round.data.ring_name} · {round.data.name}
      </p>
      <nav className="dashboard-nav no-print" aria-label={t("dash.nav.label")}>
        <ul>
          {DASHBOARD_VIEWS.map((view) => (
            <li key={view}>
              <NavLink to={dashboardPath(round.data.id, view, search)} className={({ isActive }) => (isActive ? "dashboard-nav__link is-active" : "dashboard-nav__link")}>
                {t(`dash.nav.${view}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet context={context} />
    </div>
  );
}

