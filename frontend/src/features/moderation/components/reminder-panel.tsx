import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { useSendReminders } from "../api/send-reminders";
import { reminderRecipients, type CockpitRow } from "../cockpit-rows";
import { errorText } from "../error-text";

/** Reminders to cities that have not submitted: who gets one is shown before sending. */
export function ReminderPanel({ roundId, rows, years }: { roundId: number; rows: CockpitRow[]; years: number[] }) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const [year, setYear] = useState<number | null>(null);
  const [message, setMessage] = useState("");
  const send = useSendReminders(roundId);
  const recipients = reminderRecipients(rows, year);
  return (
    <section className="moderation-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium">{t("reminders.title")}</h2>
      <p className="kern-body">{t("reminders.lead")}</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send.mutate({ year, message: message.trim() });
        }}
      >
        <SelectField
          id={`${id}-year`}
          label={t("reminders.year")}
          value={year === null ? "" : String(year)}
          options={[{ value: "", label: t("cockpit.allYears") }, ...years.map((y) => ({ value: String(y), label: String(y) }))]}
          onChange={(event) => { setYear(event.target.value ? Number(event.target.value) : null); send.reset(); }}
        />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={`${id}-message`}>{t("reminders.message")}</label>
          <div className="kern-hint" id={`${id}-message-hint`}>{t("reminders.messageHint")}</div>
          <textarea
            id={`${id}-message`}
            className="kern-form-input__input"
            rows={3}
            maxLength={2000}
            aria-describedby={`${id}-message-hint`}
            value={message}
            onChange={(event) => { setMessage(event.target.value); }}
          />
        </div>
        <h3 className="kern-heading-small">{t("reminders.preview", { count: recipients.length })}</h3>
        {recipients.length === 0 ? (
          <p className="kern-body">{t("reminders.nobody")}</p>
        ) : (
          <ul className="kern-list" aria-label={t("reminders.recipients")}>
            {recipients.map((city) => (
              <li key={city.ags}>
                {city.name} ({city.years.join(", ")})
              </li>
            ))}
          </ul>
        )}
        <button type="submit" className="kern-btn kern-btn--secondary" disabled={recipients.length === 0 || send.isPending}>
          <span className="kern-icon kern-icon--mail" aria-hidden="true" />
          <span className="kern-label">{t("reminders.send", { count: recipients.length })}</span>
        </button>
      </form>
      {send.isError && (
        <Alert variant="danger" title={t("reminders.failed")} announce>
          <p className="kern-body">{errorText(send.error, t("error.generic"))}</p>
        </Alert>
      )}
      {send.isSuccess && (
        <Alert variant="success" title={t("reminders.sent", { count: send.data.sent.length })} announce>
          {send.data.cities_without_coordinator.length > 0 && (
            <p className="kern-body">{t("reminders.withoutCoordinator", { list: send.data.cities_without_coordinator.join(", ") })}</p>
          )}
        </Alert>
      )}
    </section>
  );
}
