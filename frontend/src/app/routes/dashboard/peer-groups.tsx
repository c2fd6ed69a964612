import { useTranslation } from "react-i18next";

import { useNeighbours } from "@/features/comparison/api/get-neighbours";
import { usePeerGroups } from "@/features/comparison/api/get-peer-groups";
import { CreatePeerGroupForm, NeighboursTable, PeerGroupList } from "@/features/comparison/components/peer-groups-view";
import { SyntheticDataNote } from "@/features/comparison/components/notes";
import { CityChoice } from "./city-choice";
import { useChosenCity } from "./use-chosen-city";
import { useDashboard } from "./context";
import { DashboardPage, QueryState } from "./page";
import { useCatalog } from "./use-catalog";

/** `/runden/:id/vergleichsgruppen`: groups and members, how the clusters were formed, neighbours; moderators draw groups. */
export function PeerGroupsRoute() {
  const { t } = useTranslation();
  const { round, moderator } = useDashboard();
  const catalog = useCatalog();
  const groups = usePeerGroups(round.id);
  const { ags, cities } = useChosenCity();
  const neighbours = useNeighbours(round.id, ags);
  return (
    <DashboardPage title={t("dash.groups.title")} lead={t("dash.groups.lead")} controls={<div className="dashboard-controls no-print"><CityChoice /></div>}>
      <SyntheticDataNote synthetic={round.synthetic_data} />
      <QueryState query={groups}>{(data) => <PeerGroupList groups={data} indicators={catalog.indicators} />}</QueryState>
      {ags !== null && <QueryState query={neighbours}>{(data) => <NeighboursTable neighbours={data} indicators={catalog.indicators} />}</QueryState>}
      {moderator && <CreatePeerGroupForm roundId={round.id} cities={cities} />}
    </DashboardPage>
  );
}

