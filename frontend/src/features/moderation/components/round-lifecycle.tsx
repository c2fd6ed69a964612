import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import type { RoundDetail, RoundStatus } from "../api/get-round";
import { useTransitionRound } from "../api/transition-round";
import { errorText } from "../error-text";
import { ROUND_STATES, transitionActions } from "../lifecycle";

/** The round's state on the lifecycle, and only the allowed next steps, each confirmed first. */
export function RoundLifecycle({ round }: { round: RoundDetail }) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const transition = useTransitionRound(round.id);
  const [pending, setPending] = useState<RoundStatus | null>(null);
  const [note, setNote] = useState("");
  const actions = transitionActions(round.status, round.allowed_transitions);
  const chosen = actions.find((action) => action.to === pending);
  return (
    <section className="moderation-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="kern-heading-medium">{t("lifecycle.title")}</h2>
      <p className="kern-body">
        {t("lifecycle.current")} <strong>{t(`roundState.${round.status}`)}</strong>
      </p>
      <ol className="kern-list kern-list--number" aria-label={t("lifecycle.steps")}>
        {ROUND_STATES.map((state) => (
          <li key={state} aria-current={state === round.status ? "step" : undefined}>
            {state === round.status ? <strong>{t(`roundState.${state}`)} ({t("lifecycle.now")})</strong> : t(`roundState.${state}`)}
          </li>
        ))}
      </ol>
      {actions.length > 0 && !chosen && (
        <div className="moderation-actions" role="group" aria-label={t("lifecycle.next")}>
          {actions.map((action) => (
            <button
              key={action.to}
              type="button"
              className={action.forward ? "kern-btn kern-btn--primary" : "kern-btn kern-btn--secondary"}
              onClick={() => { transition.reset(); setPending(action.to); }}
            >
              <span className="kern-label">{t(`transition.${action.kind}`)}</span>
            </button>
          ))}
        </div>
      )}
      {chosen && (
        <div className="kern-alert kern-alert--warning" role="group" aria-labelledby={`${id}-confirm`}>
          <div className="kern-alert__header">
            <span className="kern-icon kern-icon--warning" aria-hidden="true" />
            <span className="kern-title" id={`${id}-confirm`}>{t("lifecycle.confirmTitle", { action: t(`transition.${chosen.kind}`) })}</span>
          </div>
          <div className="kern-alert__body">
            <p className="kern-body">{t(`transitionHint.${chosen.kind}`)}</p>
            <div className="kern-form-input">
              <label className="kern-label" htmlFor={`${id}-note`}>{t("lifecycle.note")}</label>
              <input id={`${id}-note`} className="kern-form-input__input" maxLength={2000} value={note} onChange={(event) => { setNote(event.target.value); }} />
            </div>
            <div className="moderation-actions">
              <button
                type="button"
                className="kern-btn kern-btn--primary"
                disabled={transition.isPending}
                onClick={() => {
                  transition.mutate({ to: chosen.to, note: note.trim() }, { onSettled: () => { setPending(null); setNote(""); } });
                }}
              >
                <span className="kern-label">{t("lifecycle.confirm")}</span>
              </button>
              <button type="button" className="kern-btn kern-btn--secondary" onClick={() => { setPending(null); }}>
                <span className="kern-label">{t("lifecycle.cancel")}</span>
              </button>
            </div>
          </div>
        </div>
      )}
      {transition.isError && (
        <Alert variant="danger" title={t("lifecycle.failed")} announce>
          <p className="kern-body">{errorText(transition.error, t("error.generic"))}</p>
        </Alert>
      )}
      {transition.isSuccess && <Alert variant="success" title={t("lifecycle.done", { state: t(`roundState.${transition.data.status}`) })} announce />}
    </section>
  );
}
