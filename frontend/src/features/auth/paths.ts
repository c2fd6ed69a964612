/** The pages of the auth feature. The backend sends people here (SSO failures, password links). */
export const LOGIN_PATH = "/anmelden";
export const SET_PASSWORD_PATH = "/passwort-setzen";

/** Query parameters of the login page. */
export const NEXT_PARAM = "next";
export const SSO_ERROR_PARAM = "sso_fehler";
export const SIGNED_OUT_PARAM = "abgemeldet";

/**
 * Where to go after signing in: a path on this site from `?next=`, otherwise the start page. Anything
 * that could leave the site (`//host`, `https://…`, `/\host`) or loop back to an auth page is refused.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Control characters (tabs, newlines) are dropped by URL parsers and could hide a "//".
  if (/\p{Cc}/u.test(value)) return "/";
  const pathname = value.split(/[?#]/, 1)[0];
  if (pathname === LOGIN_PATH || pathname === SET_PASSWORD_PATH) return "/";
  return value;
}

/** The login page that leads back to `location` afterwards. */
export function loginPathFor(location: { pathname: string; search: string }): string {
  const target = safeNextPath(`${location.pathname}${location.search}`);
  return target === "/" ? LOGIN_PATH : `${LOGIN_PATH}?${new URLSearchParams({ [NEXT_PARAM]: target }).toString()}`;
}

/** The token of a password link, `#token=<token>`, or `null`. */
export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token?.trim() ? token.trim() : null;
}

/** The SSO start address with `return_to`, for a full page navigation. */
export function ssoLoginHref(loginUrl: string, returnTo: string): string {
  const separator = loginUrl.includes("?") ? "&" : "?";
  return `${loginUrl}${separator}${new URLSearchParams({ return_to: returnTo }).toString()}`;
}
