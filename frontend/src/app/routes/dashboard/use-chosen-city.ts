import { usePeerGroups } from "@/features/comparison/api/get-peer-groups";
import { useDashboardParams } from "@/features/comparison/dashboard-params";
import { useDashboard } from "./context";

/** Whose profile / neighbours: participants see their own city; moderators choose one (`?stadt=`). */
export function useChosenCity(): { ags: string | null; cities: { ags: string; label: string }[] } {
  const { round, ownAgs, moderator } = useDashboard();
  const [params] = useDashboardParams();
  const groups = usePeerGroups(round.id);
  const all = groups.data?.find((group) => group.id === "all");
  const cities = (all?.members ?? []).flatMap((member) => (member.ags ? [{ ags: member.ags, label: member.label }] : []));
  if (!moderator) return { ags: ownAgs, cities };
  return { ags: params.city ?? cities[0]?.ags ?? null, cities };
}
