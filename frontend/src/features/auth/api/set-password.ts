import { useMutation } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";

/** The backend refuses shorter passwords (422); the form checks it first. */
export const MIN_PASSWORD_LENGTH = 12;

/** The one-time token from the emailed link (`/passwort-setzen#token=…`) and the new password. */
export type PasswordWithToken = Schemas["PasswordSet"];

/**
 * `POST /api/v1/auth/password` (204): sets the password of a new account or after a reset. 422 when
 * the link is invalid, used or expired (`errors[].loc` names `token`) or the password is too short.
 */
export async function setPassword(body: PasswordWithToken): Promise<void> {
  await unwrap(api.POST("/api/v1/auth/password", { body }), "POST /auth/password");
}

export function useSetPassword() {
  return useMutation({ mutationFn: setPassword });
}
