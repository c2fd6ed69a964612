import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { TableScroll } from "@/components/ui/table-scroll";
import { useAddParticipants, useRemoveParticipant } from "../api/change-participants";
import type { Municipality } from "../api/get-municipalities";
import type { RoundDetail } from "../api/get-round";
import { errorText } from "../error-text";
import { editableSettings } from "../lifecycle";
import { ParticipantPicker } from "./participant-picker";

/** The cities of a round with their pseudonyms; add cities, remove one that has delivered nothing. */
export function RoundParticipants({ round, cities }: { round: RoundDetail; cities: Municipality[] }) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const add = useAddParticipants(round.id);
  const remove = useRemoveParticipant(round.id);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const inRound = new Set(round.participants.map((p) => p.ags));
  const candidates = cities.filter((city) => !inRound.has(city.ags));
  const editable = editableSettings(round.status).participants;
  const caption = t("participants.caption", { count: round.participants.length });
  const failure = add.error ?? remove.error;
  return (
    <section className="moderation-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium">{t("participants.title")}</h2>
      {failure && (
        <Alert variant="danger" title={t("participants.failed")} announce>
          <p className="kern-body">{errorText(failure, t("error.generic"))}</p>
        </Alert>
      )}
      <TableScroll label={caption}>
        <table className="kern-table kern-table--small kern-table--striped">
          <caption className="kern-sr-only">{caption}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">{t("participants.city")}</th>
              <th scope="col" className="kern-table__header">{t("participants.ags")}</th>
              <th scope="col" className="kern-table__header">{t("participants.pseudonym")}</th>
              {editable && <th scope="col" className="kern-table__header">{t("participants.remove")}</th>}
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {[...round.participants].sort((a, b) => a.name.localeCompare(b.name, "de")).map((p) => (
              <tr key={p.ags} className="kern-table__row">
                <th scope="row" className="kern-table__header">{p.name}</th>
                <td className="kern-table__cell">{p.ags}</td>
                <td className="kern-table__cell">{p.pseudonym}</td>
                {editable && (
                  <td className="kern-table__cell">
                    <button type="button" className="kern-btn kern-btn--tertiary kern-btn--x-small" disabled={remove.isPending} onClick={() => { add.reset(); remove.mutate(p.ags); }}>
                      <span className="kern-label">{t("participants.removeOne", { name: p.name })}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {editable && candidates.length > 0 && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen.size === 0) return;
            remove.reset();
            add.mutate([...chosen].sort(), { onSuccess: () => { setChosen(new Set()); } });
          }}
        >
          <ParticipantPicker legend={t("participants.add")} cities={candidates} selected={chosen} onChange={setChosen} />
          <button type="submit" className="kern-btn kern-btn--secondary" disabled={chosen.size === 0 || add.isPending}>
            <span className="kern-label">{t("participants.addChosen", { count: chosen.size })}</span>
          </button>
        </form>
      )}
    </section>
  );
}
