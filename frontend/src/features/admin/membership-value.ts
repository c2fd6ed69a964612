import type { MembershipCreate } from "./api/memberships";
import type { RoleName } from "./user-filters";

export interface MembershipFieldsValue {
  role: RoleName;
  ags: string;
  ringId: string;
}

export const emptyMembership: MembershipFieldsValue = { role: "coordinator", ags: "", ringId: "" };

/** The membership the fields describe, or an error key when the scope is missing. */
export function toMembership(value: MembershipFieldsValue): MembershipCreate | "cityMissing" | "ringMissing" {
  if (value.role === "coordinator" || value.role === "viewer") {
    return value.ags ? { role: value.role, municipality_ags: value.ags } : "cityMissing";
  }
  if (value.role === "moderator") {
    const ringId = Number(value.ringId);
    return ringId > 0 ? { role: "moderator", ring_id: ringId } : "ringMissing";
  }
  return { role: "admin" };
}

