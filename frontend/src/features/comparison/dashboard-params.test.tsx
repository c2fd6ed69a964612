import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { describe, expect, it } from "vitest";

import { readParams, useDashboardParams, withParams } from "./dashboard-params";

describe("readParams", () => {
  it("reads indicator, year, group and measure from the query string", () => {
    const params = readParams(new URLSearchParams("kennzahl=ARB-05&jahr=2020&gruppe=size_class:GK1&mass=A&stadt=05315000"));
    expect(params).toMatchObject({ indicator: "ARB-05", year: 2020, group: "size_class:GK1", measure: "A", city: "05315000" });
  });

  it("ignores malformed values", () => {
    const params = readParams(new URLSearchParams("kennzahl=<script>&jahr=zwei&mass=best&stadt=5315000"));
    expect(params).toEqual({ indicator: null, year: null, group: "all", measure: null, x: null, y: null, city: null });
  });
});

describe("withParams", () => {
  it("sets and removes parameters, keeping the others", () => {
    const next = withParams(new URLSearchParams("kennzahl=ARB-05&jahr=2020"), { year: 2021, measure: null, group: "all" });
    expect(next.toString()).toBe("kennzahl=ARB-05&jahr=2021&gruppe=all");
  });
});

describe("useDashboardParams", () => {
  it("writes filters into the URL as new history entries", () => {
    const seen: string[] = [];
    function Probe({ children }: { children?: ReactNode }) {
      const location = useLocation();
      seen.push(location.search);
      return children;
    }
    let hook: ReturnType<typeof useDashboardParams> | undefined;
    function Page() {
      hook = useDashboardParams();
      return <Probe />;
    }
    const router = createMemoryRouter([{ path: "/runden/1/kennzahl", element: <Page /> }], {
      initialEntries: ["/runden/1/kennzahl?kennzahl=ARB-05"],
    });
    renderHook(() => null, { wrapper: () => <RouterProvider router={router} /> });
    expect(hook?.[0].indicator).toBe("ARB-05");
    act(() => {
      hook?.[1]({ year: 2020 });
    });
    expect(router.state.location.search).toBe("?kennzahl=ARB-05&jahr=2020");
    expect(hook?.[0].year).toBe(2020);
    act(() => {
      void router.navigate(-1);
    });
    expect(seen.at(-1)).toBe("?kennzahl=ARB-05");
  });
});
