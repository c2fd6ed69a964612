/** The pages of administration (Betrieb): accounts and the audit log. */
export const ADMIN_BASE = "/verwaltung";

export const usersPath = (): string => `${ADMIN_BASE}/benutzer`;
export const userPath = (userId: number): string => `${ADMIN_BASE}/benutzer/${userId}`;
export const auditPath = (search = ""): string =>
  `${ADMIN_BASE}/protokoll${search ? (search.startsWith("?") ? search : `?${search}`) : ""}`;
export const newUserPath = (): string => `${ADMIN_BASE}/benutzer/neu`;
export const invitePath = (): string => `${ADMIN_BASE}/einladen`;
