import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap, type Schemas } from "@/api/client";
import { meQuery, type Me } from "./get-me";

export type Credentials = Schemas["LoginRequest"];

/**
 * `POST /api/v1/auth/login`: sets the session cookie and the readable CSRF cookie, answers with
 * the user. A wrong password is 401, too many failures 429 with `Retry-After`.
 */
export function login(credentials: Credentials): Promise<Me> {
  return unwrap(api.POST("/api/v1/auth/login", { body: credentials }), "POST /auth/login");
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.setQueryData(meQuery.queryKey, me);
      // What a page shows may depend on who is signed in.
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
    },
  });
}
