import { QueryClient } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { App } from "@/app/app";

/** A query client for tests: no retries, nothing kept between tests. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity } },
  });
}

/**
 * Renders the whole app at `path`, as the browser would load it, and waits until the page's lazily
 * loaded route has arrived (every page has one level-1 heading).
 */
export async function renderApp(path = "/") {
  window.history.replaceState({}, "", path);
  const user = userEvent.setup();
  const queryClient = createTestQueryClient();
  const rendered = render(<App queryClient={queryClient} />);
  await screen.findByRole("heading", { level: 1 }, { timeout: 5000 });
  return { user, queryClient, ...rendered };
}
