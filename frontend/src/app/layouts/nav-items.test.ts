import { describe, expect, it } from "vitest";

import type { Me } from "@/features/auth/api/get-me";
import type { Round } from "@/features/rounds/api/get-rounds";
import { coordinator, moderator } from "@/testing/fixtures";
import { currentNavKey, currentRound, navTargets } from "./nav-items";

function round(fields: Partial<Round> & Pick<Round, "id" | "status">): Round {
  return {
    ring_id: 1,
    ring_name: "Integrationsmonitoring 2.0",
    name: `Runde ${fields.id}`,
    years: [2020, 2021],
    deadline: "2022-09-30",
    display_rule: "pseudonymised",
    min_group_size: 5,
    catalog_version: "2020",
    synthetic_data: true,
    participant_count: 28,
    published_elsewhere: [],
    ...fields,
  };
}

const rounds = [round({ id: 1, status: "review" }), round({ id: 2, status: "preparation" })];
const viewer: Me = {
  id: 9,
  email: "lesen-05315000@example.org",
  display_name: "",
  memberships: [{ id: null, role: "viewer", municipality_ags: "05315000", ring_id: null }],
  permissions: ["read_comparison", "read_rounds", "read_submission"],
};
const admin: Me = {
  id: 1,
  email: "admin@example.org",
  display_name: "",
  memberships: [{ id: null, role: "admin", municipality_ags: null, ring_id: null }],
  permissions: ["invite_coordinators", "manage_catalog", "manage_users", "read_audit", "read_rounds"],
};

const keys = (me: Me | null, path = "/") => navTargets(me, rounds, path).map((t) => t.key);

describe("navigation by role", () => {
  it("gives each role its items", () => {
    expect(keys(null)).toEqual([]);
    expect(keys(coordinator)).toEqual(["start", "entry", "dashboards"]);
    expect(keys({ ...moderator, permissions: [...moderator.permissions, "read_comparison"] })).toEqual([
      "start",
      "moderation",
      "dashboards",
    ]);
    expect(keys(viewer)).toEqual(["start", "dashboards"]);
    expect(keys(admin)).toEqual(["start", "admin"]);
  });

  it("leads the coordinator to the latest year of the newest open round", () => {
    expect(currentRound(rounds)?.id).toBe(1);
    const entry = navTargets(coordinator, rounds, "/").find((t) => t.key === "entry");
    expect(entry?.to).toBe("/runden/1/erfassung/05315000/2021");
    expect(navTargets(viewer, rounds, "/").find((t) => t.key === "dashboards")?.to).toBe("/runden/1/kennzahl");
  });

  it("marks exactly the current page", () => {
    expect(currentNavKey("/")).toBe("start");
    expect(currentNavKey("/runden/1/erfassung/05315000/2021")).toBe("entry");
    expect(currentNavKey("/runden/1/kennzahl")).toBe("dashboards");
    expect(currentNavKey("/moderation/runden/1/cockpit")).toBe("moderation");
    expect(currentNavKey("/verwaltung/protokoll")).toBe("admin");
    expect(currentNavKey("/anmelden")).toBeNull();
    const marked = navTargets(coordinator, rounds, "/runden/1/erfassung/05315000/2020").filter((t) => t.current);
    expect(marked.map((t) => t.key)).toEqual(["entry"]);
  });
});
