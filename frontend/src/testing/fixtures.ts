import type { Me } from "@/features/auth/api/get-me";
import type { SsoInfo } from "@/features/auth/api/get-sso-info";
import type { ActionField } from "@/features/catalog/api/get-action-fields";
import type { Indicator } from "@/features/catalog/api/get-indicators";
import type { Municipality } from "@/features/municipalities/api/get-municipalities";
import type { Health } from "@/features/system/api/get-health";

export const health: Health = {
  status: "ok",
  version: "0.1.0",
  database: "sqlite",
  synthetic_demo_data: true,
};

/** A city as the API returns it; fields a test does not name get plausible defaults. */
export function municipality(fields: Partial<Municipality> & Pick<Municipality, "ags" | "name">): Municipality {
  return {
    official_name: fields.name,
    state: "",
    state_code: fields.ags.slice(0, 2),
    nuts3: "DE000",
    kreisfrei: true,
    east_west: "West",
    size_class: null,
    latitude: 51,
    longitude: 10,
    area_km2: 100,
    note: null,
    population: [],
    ...fields,
  };
}

export const municipalities: Municipality[] = [
  municipality({
    ags: "02000000",
    name: "Hamburg",
    state: "Hamburg",
    size_class: "GK1",
    latitude: 53.55,
    longitude: 9.99,
    population: [
      { year: 2020, value: 1_850_000, status: "estimated" },
      { year: 2021, value: 1_853_935, status: "ok" },
    ],
  }),
  municipality({
    ags: "05315000",
    name: "Köln",
    state: "Nordrhein-Westfalen",
    size_class: "GK1",
    latitude: 50.94,
    longitude: 6.96,
    population: [{ year: 2021, value: 1_079_301, status: "ok" }],
  }),
  municipality({
    ags: "06414000",
    name: "Wiesbaden",
    state: "Hessen",
    size_class: "GK2",
    latitude: 50.08,
    longitude: 8.24,
    population: [{ year: 2021, value: 278_950, status: "ok" }],
  }),
];

export const actionFields: ActionField[] = [
  { code: "DEM", name_de: "Demografie und Bevölkerungsstruktur", name_en: "Demography and population structure", position: 1, indicator_count: 8, context: false },
  { code: "BIL", name_de: "Bildung", name_en: "Education", position: 2, indicator_count: 12, context: false },
  { code: "ARB", name_de: "Arbeit und Erwerbsleben", name_en: "Work and employment", position: 3, indicator_count: 1234, context: false },
  { code: "KON", name_de: "Strukturmerkmale", name_en: "Structural context", position: 9, indicator_count: 1, context: true },
];

function indicator(code: string, field: string, kind: Indicator["kind"], context = false): Indicator {
  return {
    code,
    field,
    name_de: `Kennzahl ${code}`,
    name_en: `Key figure ${code}`,
    definition_de: "",
    unit: "%",
    multiplier: 100,
    decimals: 1,
    polarity: "neutral",
    context,
    kind,
    is_gap: kind === "gap",
    gap_groups: [],
    formulas: [],
    formula: "",
    suppression_threshold: 3,
    sensitive: false,
    computation_note: null,
    data_source: "",
    city_level_availability: "gut",
    evidence_status: "sourced",
    source_refs: [],
    breakdowns: "",
    notes: "",
  };
}

export const indicators: Indicator[] = [
  indicator("DEM-01", "DEM", "rate"),
  indicator("BIL-01", "BIL", "gap"),
  indicator("BIL-02", "BIL", "gap"),
  indicator("ARB-01", "ARB", "rate"),
  indicator("KON-01", "KON", "rate", true),
];

/** The demo coordinator of Köln, as `/auth/me` and `/auth/login` return it. */
export const coordinator: Me = {
  id: 5,
  email: "koordination-05315000@example.org",
  display_name: "Koordination Köln (Demo)",
  memberships: [{ id: null, role: "coordinator", municipality_ags: "05315000", ring_id: null }],
  permissions: ["edit_submission", "read_comparison", "read_rounds", "read_submission", "submit_submission"],
};

export const moderator: Me = {
  id: 2,
  email: "moderation@example.org",
  display_name: "Moderation (Demo)",
  memberships: [{ id: null, role: "moderator", municipality_ags: null, ring_id: 1 }],
  permissions: ["invite_coordinators", "manage_rounds", "read_comparison", "read_rounds", "read_submission", "review_submission"],
};

/** `/auth/me` without a session. */
export const signedOut = {
  status: 401,
  body: { error: "not_authenticated", detail: "Nicht angemeldet.", errors: [] },
};

export const ssoDisabled: SsoInfo = { enabled: false, display_name: null, login_url: null };
export const ssoEnabled: SsoInfo = { enabled: true, display_name: "Single Sign-On", login_url: "/api/v1/auth/oidc/login" };

/** The endpoints of the start page and the header (signed out), answering successfully. */
export const startPageRoutes = {
  "/api/v1/auth/me": signedOut,
  "/api/v1/auth/sso": ssoDisabled,
  "/api/v1/health": health,
  "/api/v1/municipalities": municipalities,
  "/api/v1/catalog/fields": actionFields,
  "/api/v1/catalog/indicators": indicators,
};
