import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";
import { auditQueryKey } from "./get-audit-events";

/** `POST /api/v1/users/{id}/password-link` (204): a new one-time link to set the password, by mail. */
export async function sendPasswordLink(userId: number): Promise<void> {
  await unwrap(
    api.POST("/api/v1/users/{user_id}/password-link", { params: { path: { user_id: userId } } }),
    "POST /users/{id}/password-link",
  );
}

export function useSendPasswordLink(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendPasswordLink(userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: auditQueryKey }),
  });
}
