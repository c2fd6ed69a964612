import { useOutletContext } from "react-router";

import type { Me } from "@/features/auth/api/get-me";
import type { Round } from "@/features/rounds/api/get-rounds";

/** What the dashboard layout hands to each dashboard page. */
export interface DashboardContext {
  round: Round;
  me: Me;
  /** The AGS of the caller's own city in this round, `null` for moderators. */
  ownAgs: string | null;
  /** The caller moderates this round's ring (sees names, draws peer groups). */
  moderator: boolean;
}

export function useDashboard(): DashboardContext {
  return useOutletContext<DashboardContext>();
}

/** The caller's own city: the first city membership (coordinator or viewer). */
export function ownCity(me: Me): string | null {
  return me.memberships.find((item) => (item.role === "coordinator" || item.role === "viewer") && item.municipality_ags)?.municipality_ags ?? null;
}

export function isModerator(me: Me, ringId: number): boolean {
  return me.memberships.some((item) => item.role === "moderator" && item.ring_id === ringId);
}
