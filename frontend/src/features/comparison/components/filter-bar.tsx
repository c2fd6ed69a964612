import { useId } from "react";
import { useTranslation } from "react-i18next";

import { SelectField } from "@/components/ui/select-field";
import { localizedName, useLanguage } from "@/lib/use-language";
import type { Measure } from "../api/get-indicator-comparison";
import type { PeerGroup } from "../api/get-peer-groups";

export interface FilterBarProps {
  years?: number[] | undefined;
  year?: number | undefined;
  onYear?: ((year: number) => void) | undefined;
  groups?: PeerGroup[] | undefined;
  group?: string | undefined;
  onGroup?: ((group: string) => void) | undefined;
  /** Gap indicators: the measure switch (gap, A, B, ratio). */
  measures?: { value: Measure; label: string }[] | undefined;
  measure?: Measure | undefined;
  onMeasure?: ((measure: Measure) => void) | undefined;
}

/** Year, peer group and (for gap indicators) measure: each change is written into the URL by the page. */
export function FilterBar(props: FilterBarProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const { years, groups, measures, onYear, onGroup, onMeasure } = props;
  return (
    <div className="filter-bar no-print">
      {years && onYear && (
        <fieldset className="kern-fieldset year-switch">
          <legend className="kern-label">{t("dash.filters.year")}</legend>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            {years.map((year) => (
              <div className="kern-form-check" key={year}>
                <input
                  className="kern-form-check__radio"
                  type="radio"
                  id={`${id}-year-${year}`}
                  name={`${id}-year`}
                  checked={props.year === year}
                  onChange={() => {
                    onYear(year);
                  }}
                />
                <label className="kern-label" htmlFor={`${id}-year-${year}`}>
                  {year}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
      {groups && onGroup && (
        <SelectField
          id={`${id}-group`}
          label={t("dash.filters.group")}
          value={props.group ?? "all"}
          onChange={(event) => {
            onGroup(event.target.value);
          }}
          options={groups.map((group) => ({
            value: group.id,
            label: group.usable
              ? t("dash.filters.groupOption", { name: localizedName(group, language), size: group.size })
              : t("dash.filters.groupTooSmall", { name: localizedName(group, language), size: group.size }),
          }))}
        />
      )}
      {measures && onMeasure && (
        <fieldset className="kern-fieldset measure-switch">
          <legend className="kern-label">{t("dash.filters.measure")}</legend>
          <div className="kern-fieldset__body kern-fieldset__body--horizontal">
            {measures.map((item) => (
              <div className="kern-form-check" key={item.value}>
                <input
                  className="kern-form-check__radio"
                  type="radio"
                  id={`${id}-measure-${item.value}`}
                  name={`${id}-measure`}
                  checked={props.measure === item.value}
                  onChange={() => {
                    onMeasure(item.value);
                  }}
                />
                <label className="kern-label" htmlFor={`${id}-measure-${item.value}`}>
                  {item.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      )}
    </div>
  );
}
