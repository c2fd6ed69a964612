import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { App } from "@/app/app";

/** A query client for tests: no retries, nothing kept between tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity } },
  });
}

/** Renders the whole app at `path`, as the browser would load it. */
export function renderApp(path = "/") {
  window.history.replaceState({}, "", path);
  const user = userEvent.setup();
  const queryClient = createTestQueryClient();
  return { user, queryClient, ...render(<App queryClient={queryClient} />) };
}
