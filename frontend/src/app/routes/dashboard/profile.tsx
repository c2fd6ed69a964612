import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { useProfile } from "@/features/comparison/api/get-profile";
import { ProfileView } from "@/features/comparison/components/profile-view";
import { CityChoice } from "./city-choice";
import { useChosenCity } from "./use-chosen-city";
import { useDashboard } from "./context";
import { DashboardControls } from "./controls";
import { useSelection } from "./use-selection";
import { DashboardPage, QueryState } from "./page";
import { useCatalog } from "./use-catalog";

/** `/runden/:id/profil?jahr=&gruppe=` (moderators: `&stadt=`): every key figure of one city, printable. */
export function ProfileRoute() {
  const { t } = useTranslation();
  const { round } = useDashboard();
  const catalog = useCatalog();
  const selection = useSelection();
  const { ags } = useChosenCity();
  const query = useProfile(ags ? { roundId: round.id, ags, year: selection.year, peerGroup: selection.group } : null);
  return (
    <DashboardPage
      title={query.data ? t("dash.profile.titleFor", { city: query.data.label }) : t("dash.profile.title")}
      lead={t("dash.profile.lead2")}
      controls={
        <div className="dashboard-controls no-print">
          <CityChoice />
          <DashboardControls indicator={false} measure={false} />
        </div>
      }
    >
      {ags === null ? <Alert variant="info" title={t("dash.profile.noCity")} /> : <QueryState query={query}>{(data) => <ProfileView profile={data} fields={catalog.fields} />}</QueryState>}
    </DashboardPage>
  );
}

