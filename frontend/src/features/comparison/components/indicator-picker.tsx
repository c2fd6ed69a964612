import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

import { localizedName, useLanguage } from "@/lib/use-language";

export interface PickerField {
  code: string;
  name_de: string;
  name_en: string;
  position: number;
  context: boolean;
}

export interface PickerIndicator {
  code: string;
  field: string;
  name_de: string;
  name_en: string;
  context: boolean;
}

export interface IndicatorPickerProps {
  label: string;
  fields: PickerField[];
  indicators: PickerIndicator[];
  value: string | null;
  onChange: (code: string) => void;
  /** Offer the structural variables (`KON-*`) too (scatter axes). */
  includeContext?: boolean;
}

function matches(indicator: PickerIndicator, term: string): boolean {
  const text = `${indicator.code} ${indicator.name_de} ${indicator.name_en}`.toLocaleLowerCase();
  return term
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => text.includes(word));
}

/** Picks a key figure: a search field narrows a list grouped by action field (a native select). */
export function IndicatorPicker({ label, fields, indicators, value, onChange, includeContext = false }: IndicatorPickerProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [term, setTerm] = useState("");
  const groups = useMemo(() => {
    const usable = indicators.filter((item) => includeContext || !item.context);
    return [...fields]
      .filter((field) => includeContext || !field.context)
      .sort((a, b) => a.position - b.position)
      .map((field) => ({
        field,
        items: usable.filter((item) => item.field === field.code && (item.code === value || matches(item, term))),
      }))
      .filter((group) => group.items.length > 0);
  }, [fields, indicators, includeContext, term, value]);
  const count = groups.reduce((sum, group) => sum + group.items.length, 0);

  return (
    <div className="indicator-picker">
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${id}-search`}>
          {t("dash.picker.search", { label })}
        </label>
        <input
          id={`${id}-search`}
          className="kern-form-input__input"
          type="search"
          value={term}
          maxLength={80}
          autoComplete="off"
          aria-describedby={`${id}-count`}
          onChange={(event) => {
            setTerm(event.target.value);
          }}
        />
        <div id={`${id}-count`} className="kern-hint" aria-live="polite">
          {t("dash.picker.count", { count })}
        </div>
      </div>
      <div className="kern-form-input">
        <label className="kern-label" htmlFor={`${id}-select`}>
          {label}
        </label>
        <div className="kern-form-input__select-wrapper">
          <select
            id={`${id}-select`}
            className="kern-form-input__select"
            value={value ?? ""}
            onChange={(event) => {
              if (event.target.value) onChange(event.target.value);
            }}
          >
            {value === null && <option value="">{t("dash.picker.choose")}</option>}
            {groups.map(({ field, items }) => (
              <optgroup key={field.code} label={localizedName(field, language)}>
                {items.map((item) => (
                  <option key={item.code} value={item.code}>
                    {item.code} – {localizedName(item, language)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}
