import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { useCreateUser } from "../api/create-user";
import { userPath } from "../paths";
import { emptyMembership, toMembership } from "../membership-value";
import { MembershipFields } from "./membership-form";
import { MutationError } from "./mutation-error";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A new account with one role; the person receives a one-time link to set the password. */
export function CreateUserForm() {
  const { t } = useTranslation("admin");
  const create = useCreateUser();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [membership, setMembership] = useState(emptyMembership);
  const [errors, setErrors] = useState<{ email?: string | undefined; scope?: string | undefined }>({});

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = toMembership(membership);
    const next: typeof errors = {};
    if (!EMAIL.test(email.trim())) next.email = t("form.emailInvalid");
    if (typeof body === "string") next.scope = t(`membership.${body}`);
    setErrors(next);
    if (next.email || next.scope || typeof body === "string") return;
    create.mutate({ email: email.trim(), display_name: name.trim(), memberships: [body] });
  }

  if (create.isSuccess) {
    return (
      <Alert variant="success" title={t("create.done", { email: create.data.email })} announce>
        <p className="kern-body">{t("create.doneBody")}</p>
        <p className="kern-body">
          <Link className="kern-link" to={userPath(create.data.id)}>
            {t("create.toUser")}
          </Link>
        </p>
      </Alert>
    );
  }
  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-label={t("create.title")}>
      <TextField
        id="create-email"
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
        id="create-name"
        label={t("form.name")}
        hint={t("form.nameHint")}
        value={name}
        maxLength={200}
        onChange={(event) => {
          setName(event.target.value);
        }}
      />
      <MembershipFields
        idPrefix="create"
        value={membership}
        onChange={(next) => {
          setMembership(next);
          setErrors((current) => ({ ...current, scope: undefined }));
        }}
      />
      {errors.scope && (
        <p className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{errors.scope}</span>
        </p>
      )}
      {create.isError && <MutationError error={create.error} title={t("create.failed")} />}
      <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={create.isPending || undefined}>
        <span className="kern-label">{t("create.submit")}</span>
      </button>
    </form>
  );
}
