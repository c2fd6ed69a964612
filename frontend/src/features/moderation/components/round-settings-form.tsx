import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import type { DisplayRule, RoundDetail } from "../api/get-round";
import { useUpdateRound } from "../api/update-round";
import { errorText } from "../error-text";
import { editableSettings } from "../lifecycle";
import { DisplayRuleField } from "./display-rule-field";

/** Deadline and display rule of a round (frozen once published). */
export function RoundSettingsForm({ round }: { round: RoundDetail }) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const [deadline, setDeadline] = useState(round.deadline ?? "");
  const [displayRule, setDisplayRule] = useState<DisplayRule>(round.display_rule);
  const update = useUpdateRound(round.id);
  const editable = editableSettings(round.status);
  return (
    <section className="moderation-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium">{t("settings.title")}</h2>
      {!editable.deadline && <p className="kern-body">{t("settings.frozen")}</p>}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ deadline: deadline || null, display_rule: displayRule });
        }}
      >
        <TextField id={`${id}-deadline`} label={t("form.deadline")} type="date" value={deadline} disabled={!editable.deadline} onChange={(event) => { setDeadline(event.target.value); update.reset(); }} />
        <DisplayRuleField value={displayRule} onChange={(rule) => { setDisplayRule(rule); update.reset(); }} disabled={!editable.displayRule} />
        {displayRule === "pseudonymised" && round.published_elsewhere.length > 0 && (
          <Alert variant="info" title={t("settings.publishedElsewhere", { count: round.published_elsewhere.length })}>
            <p className="kern-body">{round.published_elsewhere.map((figure) => figure.name_de).join(", ")}</p>
          </Alert>
        )}
        {update.isError && (
          <Alert variant="danger" title={t("settings.failed")} announce>
            <p className="kern-body">{errorText(update.error, t("error.generic"))}</p>
          </Alert>
        )}
        {update.isSuccess && <Alert variant="success" title={t("settings.saved")} announce />}
        <button type="submit" className="kern-btn kern-btn--primary" disabled={!editable.deadline || update.isPending}>
          <span className="kern-label">{t("settings.save")}</span>
        </button>
      </form>
    </section>
  );
}
