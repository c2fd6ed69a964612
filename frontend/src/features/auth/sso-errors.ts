/** Why the backend refused a single sign-on; it sends people to `/anmelden?sso_fehler=<code>`. */
export const ssoErrorCodes = [
  "provider_error",
  "missing_parameters",
  "unknown_state",
  "state_used",
  "state_expired",
  "browser_mismatch",
  "provider_unreachable",
  "token_exchange_failed",
  "invalid_signature",
  "invalid_token",
  "token_expired",
  "wrong_issuer",
  "wrong_audience",
  "wrong_nonce",
  "email_missing",
  "email_not_verified",
  "unknown_user",
  "user_disabled",
] as const;

export type SsoErrorCode = (typeof ssoErrorCodes)[number];

/** Codes with the same remedy share a message (`auth.ssoError.<message>`). */
export type SsoErrorMessage =
  | "providerError"
  | "providerUnreachable"
  | "restart"
  | "expired"
  | "untrusted"
  | "emailMissing"
  | "unknownUser"
  | "userDisabled";

const messages: Record<SsoErrorCode, SsoErrorMessage> = {
  // The provider said no, or did not finish.
  provider_error: "providerError",
  // The provider could not be reached or would not hand out the tokens.
  provider_unreachable: "providerUnreachable",
  token_exchange_failed: "providerUnreachable",
  // The sign-in was started elsewhere, twice, or not at all: start again.
  missing_parameters: "restart",
  unknown_state: "restart",
  state_used: "restart",
  browser_mismatch: "restart",
  // Took too long.
  state_expired: "expired",
  token_expired: "expired",
  // The answer could not be trusted: a configuration matter for the administrators.
  invalid_signature: "untrusted",
  invalid_token: "untrusted",
  wrong_issuer: "untrusted",
  wrong_audience: "untrusted",
  wrong_nonce: "untrusted",
  // The account at the provider lacks a confirmed email address.
  email_missing: "emailMissing",
  email_not_verified: "emailMissing",
  unknown_user: "unknownUser",
  user_disabled: "userDisabled",
};

export function isSsoErrorCode(value: string): value is SsoErrorCode {
  return (ssoErrorCodes as readonly string[]).includes(value);
}

/** The message for a code; an unknown code gets a general one. */
export function ssoErrorMessage(code: string): SsoErrorMessage | "unknown" {
  return isSsoErrorCode(code) ? messages[code] : "unknown";
}
