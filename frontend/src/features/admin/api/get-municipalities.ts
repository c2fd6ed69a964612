import { queryOptions, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";

/** The cities (public master data), for the membership forms: AGS and name. */
export const cityNamesQuery = queryOptions({
  queryKey: ["admin", "cities"],
  queryFn: async ({ signal }) => {
    const cities = await unwrap(api.GET("/api/v1/municipalities", { signal }), "GET /municipalities");
    return cities.map((city) => ({ ags: city.ags, name: city.name })).sort((a, b) => a.name.localeCompare(b.name, "de"));
  },
  staleTime: 600_000,
});

export function useCityNames() {
  return useQuery(cityNamesQuery);
}
