import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { TextField } from "@/components/ui/text-field";
import type { Municipality } from "../api/get-municipalities";

export interface ParticipantPickerProps {
  legend: string;
  cities: Municipality[];
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
}

/** Checkboxes of cities with a search that narrows the list; the choice survives the search. */
export function ParticipantPicker({ legend, cities, selected, onChange }: ParticipantPickerProps) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const [search, setSearch] = useState("");
  const needle = search.trim().toLocaleLowerCase("de");
  const shown = cities
    .filter((city) => !needle || city.name.toLocaleLowerCase("de").includes(needle) || city.ags.startsWith(needle))
    .sort((a, b) => a.name.localeCompare(b.name, "de"));
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">{legend}</legend>
      <p className="kern-body kern-body--small" aria-live="polite">{t("participants.chosen", { count: selected.size })}</p>
      <TextField id={`${id}-search`} type="search" label={t("participants.search")} value={search} maxLength={80} onChange={(event) => { setSearch(event.target.value); }} />
      <div className="moderation-actions">
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => { onChange(new Set([...selected, ...shown.map((city) => city.ags)])); }}>
          <span className="kern-label">{t("participants.selectShown", { count: shown.length })}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" onClick={() => { onChange(new Set()); }}>
          <span className="kern-label">{t("participants.clear")}</span>
        </button>
      </div>
      <div className="kern-fieldset__body moderation-participants">
        {shown.map((city) => (
          <div className="kern-form-check" key={city.ags}>
            <input
              className="kern-form-check__checkbox"
              type="checkbox"
              id={`${id}-${city.ags}`}
              checked={selected.has(city.ags)}
              onChange={(event) => {
                const next = new Set(selected);
                if (event.target.checked) next.add(city.ags);
                else next.delete(city.ags);
                onChange(next);
              }}
            />
            <label className="kern-label" htmlFor={`${id}-${city.ags}`}>
              {city.name} <span className="moderation-muted">({city.ags})</span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
