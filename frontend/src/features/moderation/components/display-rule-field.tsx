import { useId } from "react";
import { useTranslation } from "react-i18next";

import type { DisplayRule } from "../api/get-round";

/** The display rule as two radio buttons, each with what it means. */
export function DisplayRuleField({ value, onChange, disabled = false }: { value: DisplayRule; onChange: (rule: DisplayRule) => void; disabled?: boolean }) {
  const { t } = useTranslation("moderation");
  const id = useId();
  return (
    <fieldset className="kern-fieldset">
      <legend className="kern-label">{t("form.displayRule")}</legend>
      <div className="kern-fieldset__body">
        {(["pseudonymised", "named"] as const).map((rule) => (
          <div key={rule} className="moderation-radio">
            <div className="kern-form-check">
              <input
              className="kern-form-check__radio"
              type="radio"
              name={`${id}-rule`}
              id={`${id}-${rule}`}
              checked={value === rule}
              disabled={disabled}
              aria-describedby={`${id}-${rule}-hint`}
              onChange={() => { onChange(rule); }}
            />
              <label className="kern-label" htmlFor={`${id}-${rule}`}>{t(`displayRule.${rule}`)}</label>
            </div>
            <div className="kern-hint moderation-radio__hint" id={`${id}-${rule}-hint`}>{t(`displayRule.${rule}Hint`)}</div>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
