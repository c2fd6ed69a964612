import { useMutation } from "@tanstack/react-query";

import { apiPost } from "../../../api/client";

/** The backend refuses shorter passwords (422); the form checks it first. */
export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordWithToken {
  /** The one-time token from the emailed link (`/passwort-setzen#token=…`). */
  token: string;
  password: string;
}

/**
 * `POST /api/v1/auth/password` (204): sets the password of a new account or after a reset. 422 when
 * the link is invalid, used or expired (`errors[].loc` names `token`) or the password is too short.
 */
export function setPassword(body: PasswordWithToken): Promise<void> {
  return apiPost<undefined>("/auth/password", body);
}

export function useSetPassword() {
  return useMutation({ mutationFn: setPassword });
}
