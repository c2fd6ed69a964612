import { QueryClient } from "@tanstack/react-query";

import { isRetryable } from "@/api/errors";

/** One client per app; tests make their own without retries. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 2 && isRetryable(error),
      },
    },
  });
}
