import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useCreateRound } from "../api/create-round";
import type { DisplayRule, RoundDetail } from "../api/get-round";
import type { Municipality } from "../api/get-municipalities";
import type { RoundSummary } from "../api/get-rounds";
import { errorText } from "../error-text";
import { parseYears, validateRoundForm, type RoundFormErrors } from "../round-form-logic";
import { DisplayRuleField } from "./display-rule-field";
import { ParticipantPicker } from "./participant-picker";
import "../moderation.css";

export interface RoundCreateFormProps {
  /** The moderator's rounds: they name the rings to choose from and the latest participants. */
  rounds: RoundSummary[];
  cities: Municipality[];
  onCreated: (round: RoundDetail) => void;
}

/** A new round: name, ring, data years, catalogue version, deadline, display rule, participants. */
export function RoundCreateForm({ rounds, cities, onCreated }: RoundCreateFormProps) {
  const { t } = useTranslation("moderation");
  const id = useId();
  const rings = [...new Map(rounds.map((round) => [round.ring_id, round.ring_name])).entries()];
  const latest = [...rounds].sort((a, b) => b.id - a.id)[0];
  const [ringId, setRingId] = useState<number | null>(rings[0]?.[0] ?? null);
  const [name, setName] = useState("");
  const [years, setYears] = useState(latest ? String(Math.max(...latest.years) + 1) : "");
  const [catalogVersion, setCatalogVersion] = useState(latest?.catalog_version ?? "");
  const [deadline, setDeadline] = useState("");
  const [displayRule, setDisplayRule] = useState<DisplayRule>("pseudonymised");
  const [participants, setParticipants] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<RoundFormErrors>({});
  const create = useCreateRound();

  function submit() {
    const found = validateRoundForm({ name, years, catalogVersion, ringId });
    setErrors(found);
    const parsed = parseYears(years);
    if (Object.keys(found).length > 0 || parsed === null || ringId === null) {
      document.getElementById(`${id}-${Object.keys(found)[0] ?? "name"}`)?.focus();
      return;
    }
    create.mutate(
      {
        ring_id: ringId,
        name: name.trim(),
        years: parsed,
        catalog_version: catalogVersion.trim(),
        deadline: deadline || null,
        display_rule: displayRule,
        participants: [...participants].sort(),
        // The API's defaults, changeable later in the round's settings.
        min_group_size: 5,
        change_threshold_relative: 0.25,
        change_threshold_absolute: 50,
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <form noValidate onSubmit={(event) => { event.preventDefault(); submit(); }}>
      {rings.length > 1 && (
        <SelectField
          id={`${id}-ring`}
          label={t("form.ring")}
          value={ringId === null ? "" : String(ringId)}
          options={rings.map(([value, label]) => ({ value: String(value), label }))}
          onChange={(event) => { setRingId(Number(event.target.value)); }}
        />
      )}
      {rings.length === 1 && <p className="kern-body">{t("form.ringFixed", { ring: rings[0]?.[1] ?? "" })}</p>}
      {errors.ring && <Alert variant="danger" title={t(errors.ring)} />}
      <TextField id={`${id}-name`} label={t("form.name")} value={name} maxLength={200} required error={errors.name ? t(errors.name) : null} onChange={(event) => { setName(event.target.value); }} />
      <TextField id={`${id}-years`} label={t("form.years")} hint={t("form.yearsHint")} value={years} maxLength={60} inputMode="numeric" required error={errors.years ? t(errors.years) : null} onChange={(event) => { setYears(event.target.value); }} />
      <TextField id={`${id}-catalogVersion`} label={t("form.catalogVersion")} hint={t("form.catalogVersionHint")} value={catalogVersion} maxLength={40} required error={errors.catalogVersion ? t(errors.catalogVersion) : null} onChange={(event) => { setCatalogVersion(event.target.value); }} />
      <TextField id={`${id}-deadline`} label={t("form.deadline")} type="date" value={deadline} onChange={(event) => { setDeadline(event.target.value); }} />
      <DisplayRuleField value={displayRule} onChange={setDisplayRule} />
      <ParticipantPicker legend={t("form.participants")} cities={cities} selected={participants} onChange={setParticipants} />
      {create.isError && (
        <Alert variant="danger" title={t("form.failed")} announce>
          <p className="kern-body">{errorText(create.error, t("error.generic"))}</p>
        </Alert>
      )}
      <div className="moderation-actions">
        <button type="submit" className="kern-btn kern-btn--primary" disabled={create.isPending}>
          <span className="kern-label">{t("form.create")}</span>
        </button>
      </div>
    </form>
  );
}
