import { useTranslation } from "react-i18next";

import { SelectField } from "@/components/ui/select-field";
import { useDashboardParams } from "@/features/comparison/dashboard-params";
import { useDashboard } from "./context";
import { useChosenCity } from "./use-chosen-city";

export function CityChoice() {
  const { t } = useTranslation();
  const { moderator } = useDashboard();
  const [, update] = useDashboardParams();
  const { ags, cities } = useChosenCity();
  if (!moderator || cities.length === 0) return null;
  return (
    <SelectField
      id="city-choice"
      label={t("dash.filters.city")}
      value={ags ?? ""}
      options={[...cities].sort((a, b) => a.label.localeCompare(b.label, "de")).map((city) => ({ value: city.ags, label: city.label }))}
      onChange={(event) => {
        update({ city: event.target.value });
      }}
    />
  );
}
