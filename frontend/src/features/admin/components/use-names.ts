import { useMemo } from "react";

import { useCityNames } from "../api/get-municipalities";
import { useAdminRounds } from "../api/get-rounds";
import type { Names } from "../labels";

/** City names by AGS and ring names by id, for labels of memberships. */
export function useNames(): Names {
  const { data: cities } = useCityNames();
  const { data: rounds } = useAdminRounds();
  return useMemo(
    () => ({
      cities: new Map((cities ?? []).map((c) => [c.ags, c.name])),
      rings: new Map((rounds ?? []).map((r) => [r.ring_id, r.ring_name])),
    }),
    [cities, rounds],
  );
}
