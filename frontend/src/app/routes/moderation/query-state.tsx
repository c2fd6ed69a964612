import type { ReactNode } from "react";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";

/** The loading / error / data states of a moderation page's main request. */
export function QueryState<T>({ query, children }: { query: { isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown; isFetching: boolean }; children: (data: T) => ReactNode }) {
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loader />;
  return <div aria-busy={query.isFetching}>{children(query.data)}</div>;
}
