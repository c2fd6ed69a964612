import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import { ApiError } from "@/api/errors";
import { meQuery } from "./get-me";

/** `POST /api/v1/auth/logout` (204). A session that has already ended (401) counts as signed out. */
export async function logout(): Promise<void> {
  try {
    await unwrap(api.POST("/api/v1/auth/logout"), "POST /auth/logout");
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    throw error;
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => {
      queryClient.setQueryData(meQuery.queryKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" && query.queryKey[0] !== "catalog" });
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
    },
  });
}
