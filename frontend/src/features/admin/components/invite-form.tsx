import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { Loader } from "@/components/ui/loader";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useAdminRounds, useRoundDetail } from "../api/get-rounds";
import { useInviteCoordinator } from "../api/invite-coordinator";
import { userPath } from "../paths";
import { MutationError } from "./mutation-error";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Invite a coordinator for a city of a round (`POST /rounds/{id}/invitations`, which admins and the
 * ring's moderators may use): a new account gets a link to set its password, an existing one the role.
 */
export function InviteForm() {
  const { t } = useTranslation("admin");
  const rounds = useAdminRounds();
  const [roundChoice, setRoundChoice] = useState<number | null>(null);
  const roundId = roundChoice ?? rounds.data?.at(-1)?.id ?? null;
  const detail = useRoundDetail(roundId);
  const invite = useInviteCoordinator();
  const [ags, setAgs] = useState("");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<{ email?: string | undefined; ags?: string | undefined }>({});

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!EMAIL.test(email.trim())) next.email = t("form.emailInvalid");
    if (!ags) next.ags = t("invite.cityMissing");
    setErrors(next);
    if (next.email || next.ags || roundId === null) return;
    invite.mutate(
      { roundId, body: { email: email.trim(), ags, display_name: name.trim() } },
      {
        onSuccess: () => {
          setEmail("");
          setName("");
        },
      },
    );
  }

  if (rounds.isPending) return <Loader />;
  if (!rounds.data?.length) return <p className="kern-body">{t("invite.noRounds")}</p>;
  const participants = [...(detail.data?.participants ?? [])].sort((a, b) => a.name.localeCompare(b.name, "de"));
  const city = participants.find((p) => p.ags === invite.data?.ags);

  return (
    <>
      {invite.isSuccess && (
        <Alert variant="success" title={t("invite.done", { email: invite.data.email })} announce>
          <p className="kern-body">
            {t(invite.data.new_account ? "invite.doneNew" : "invite.doneExisting", {
              city: city?.name ?? invite.data.ags,
            })}
          </p>
          <p className="kern-body">
            <Link className="kern-link" to={userPath(invite.data.user_id)}>
              {t("create.toUser")}
            </Link>
          </p>
        </Alert>
      )}
      <form className="admin-form" onSubmit={submit} noValidate aria-label={t("invite.title")}>
        <SelectField
          id="invite-round"
          label={t("invite.round")}
          value={roundId === null ? "" : String(roundId)}
          onChange={(event) => {
            setRoundChoice(Number(event.target.value));
            setAgs("");
          }}
          options={rounds.data.map((round) => ({ value: String(round.id), label: `${round.name} (${round.ring_name})` }))}
        />
        <SelectField
          id="invite-city"
          label={t("invite.city")}
          hint={t("invite.cityHint")}
          value={ags}
          onChange={(event) => {
            setAgs(event.target.value);
            setErrors((current) => ({ ...current, ags: undefined }));
          }}
          options={[
            { value: "", label: t("membership.choose") },
            ...participants.map((p) => ({ value: p.ags, label: `${p.name} (${p.ags})` })),
          ]}
        />
        {errors.ags && (
          <p className="kern-error" role="alert">
            <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
            <span className="kern-body">{errors.ags}</span>
          </p>
        )}
        <TextField
          id="invite-email"
          label={t("form.email")}
          type="email"
          autoComplete="off"
          value={email}
          error={errors.email ?? null}
          onChange={(event) => {
            setEmail(event.target.value);
            setErrors((current) => ({ ...current, email: undefined }));
          }}
        />
        <TextField
          id="invite-name"
          label={t("form.name")}
          hint={t("form.nameHint")}
          value={name}
          maxLength={200}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
        {invite.isError && <MutationError error={invite.error} title={t("invite.failed")} />}
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={invite.isPending || undefined}>
          <span className="kern-icon kern-icon--mail" aria-hidden="true" />
          <span className="kern-label">{t("invite.submit")}</span>
        </button>
      </form>
    </>
  );
}
