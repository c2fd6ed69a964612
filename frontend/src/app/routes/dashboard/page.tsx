import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useDocumentTitle } from "@/lib/use-document-title";

/** Heading, document title and the loading / error / data states of a dashboard page. */
export function DashboardPage({ title, lead, controls, children }: { title: string; lead: string; controls?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} – ${t("meta.title")}`);
  return (
    <>
      <h1 className="kern-heading-x-large">{title}</h1>
      <p className="kern-body lead">{lead}</p>
      {controls}
      <div className="dashboard-content">{children}</div>
    </>
  );
}

export function QueryState<T>({ query, children }: { query: { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown; isFetching?: boolean }; children: (data: T) => ReactNode }) {
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <Loader />;
  return <div aria-busy={query.isFetching ?? false}>{children(query.data)}</div>;
}
