import type { Me, Role } from "@/features/auth/api/get-me";
import { ADMIN_BASE, usersPath } from "@/features/admin/paths";
import { ROUND_BASE, dashboardPath } from "@/features/comparison/paths";
import { MODERATION_BASE, roundsAdminPath } from "@/features/moderation/paths";
import type { Round } from "@/features/rounds/api/get-rounds";
import { ENTRY_SEGMENT, entryPath } from "@/features/submissions/paths";

export type NavKey = "start" | "entry" | "moderation" | "admin" | "dashboards";

export interface NavTarget {
  key: NavKey;
  to: string;
  current: boolean;
}

const OPEN_STATUSES = new Set<Round["status"]>(["collection", "review"]);
const ENTRY_PAGE = new RegExp(`^${ROUND_BASE}/\\d+/${ENTRY_SEGMENT}(/|$)`);

/** The round a link should open: the newest one still collecting or in review, else the newest. */
export function currentRound(rounds: readonly Round[]): Round | undefined {
  const newest = [...rounds].sort((a, b) => b.id - a.id);
  return newest.find((round) => OPEN_STATUSES.has(round.status)) ?? newest[0];
}

function under(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}

/** Which page of the navigation `pathname` belongs to. */
export function currentNavKey(pathname: string): NavKey | null {
  if (pathname === "/") return "start";
  if (ENTRY_PAGE.test(pathname)) return "entry";
  if (under(pathname, MODERATION_BASE)) return "moderation";
  if (under(pathname, ADMIN_BASE)) return "admin";
  if (under(pathname, ROUND_BASE)) return "dashboards";
  return null;
}

/**
 * The header navigation for a user: Start for everyone signed in; Dateneingabe for coordinators
 * (their city's newest open round, latest data year); Moderation for moderators; Verwaltung for
 * admins; Dashboards for every role that reads the comparison. Signed out: none.
 */
export function navTargets(me: Me | null | undefined, rounds: readonly Round[], pathname: string): NavTarget[] {
  if (!me) return [];
  const roles = new Set<Role>(me.memberships.map((m) => m.role));
  const round = currentRound(rounds);
  const current = currentNavKey(pathname);
  const targets: Omit<NavTarget, "current">[] = [{ key: "start", to: "/" }];
  const ags = me.memberships.find((m) => m.role === "coordinator")?.municipality_ags;
  if (ags && round) {
    targets.push({ key: "entry", to: entryPath(round.id, ags, Math.max(...round.years)) });
  }
  if (roles.has("moderator")) targets.push({ key: "moderation", to: roundsAdminPath() });
  if (roles.has("admin")) targets.push({ key: "admin", to: usersPath() });
  if (round && me.permissions.includes("read_comparison")) {
    targets.push({ key: "dashboards", to: dashboardPath(round.id, "kennzahl") });
  }
  return targets.map((target) => ({ ...target, current: target.key === current }));
}
