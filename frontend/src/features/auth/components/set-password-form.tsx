import { useLayoutEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { ApiError, NetworkError } from "@/api/errors";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { MIN_PASSWORD_LENGTH, useSetPassword } from "@/features/auth/api/set-password";
import { LOGIN_PATH } from "@/features/auth/paths";

export interface SetPasswordFormProps {
  /** The one-time token from the emailed link. */
  token: string;
}

interface FieldErrors {
  password?: string;
  repeat?: string;
}

/** Characters as people count them (code points), as the backend counts them. */
function length(text: string): number {
  return Array.from(text).length;
}

/** A new password, twice. Checks length and match before asking the server; then links to sign-in. */
export function SetPasswordForm({ token }: SetPasswordFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useSetPassword();
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (mutation.error || mutation.isSuccess) resultRef.current?.focus();
  }, [mutation.error, mutation.isSuccess]);

  if (mutation.isSuccess) {
    return (
      <Alert ref={resultRef} variant="success" title={t("auth.setPassword.successTitle")} announce focusable>
        <p className="kern-body">{t("auth.setPassword.success")}</p>
        <Link to={LOGIN_PATH} className="kern-link">
          <span className="kern-icon kern-icon--arrow-forward" aria-hidden="true" />
          {t("auth.setPassword.toLogin")}
        </Link>
      </Alert>
    );
  }

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const errors: FieldErrors = {};
    if (length(password) < MIN_PASSWORD_LENGTH) {
      errors.password = t("auth.setPassword.tooShort", { min: MIN_PASSWORD_LENGTH });
    }
    if (!repeat) errors.repeat = t("auth.setPassword.repeatMissing");
    else if (repeat !== password) errors.repeat = t("auth.setPassword.mismatch");
    setFieldErrors(errors);
    if (errors.password || errors.repeat) {
      mutation.reset();
      (errors.password ? passwordRef : repeatRef).current?.focus();
      return;
    }
    mutation.mutate({ token, password });
  }

  let failure: string | null = null;
  const error = mutation.error;
  if (error instanceof ApiError && error.status === 422 && error.hasErrorAt("token")) {
    failure = t("auth.setPassword.invalidLink");
  } else if (error instanceof ApiError && error.status === 422 && error.hasErrorAt("password")) {
    failure = t("auth.setPassword.tooShort", { min: MIN_PASSWORD_LENGTH });
  } else if (error instanceof ApiError) {
    failure = error.body?.detail ?? t("state.errorHttp", { status: error.status });
  } else if (error instanceof NetworkError) {
    failure = t("state.errorNetwork");
  } else if (error) {
    failure = t("state.errorUnknown");
  }

  return (
    <form className="auth-form" noValidate onSubmit={handleSubmit}>
      {failure !== null && (
        <Alert ref={resultRef} variant="danger" title={t("auth.setPassword.failedTitle")} announce focusable>
          <p className="kern-body">{failure}</p>
        </Alert>
      )}
      <TextField
        ref={passwordRef}
        id={`${id}-password`}
        label={t("auth.setPassword.password")}
        hint={t("auth.setPassword.passwordHint", { min: MIN_PASSWORD_LENGTH })}
        type="password"
        name="new-password"
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        required
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
        }}
        error={fieldErrors.password ?? null}
      />
      <TextField
        ref={repeatRef}
        id={`${id}-repeat`}
        label={t("auth.setPassword.repeat")}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        required
        value={repeat}
        onChange={(event) => {
          setRepeat(event.target.value);
        }}
        error={fieldErrors.repeat ?? null}
      />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={mutation.isPending || undefined}>
          <span className="kern-label">
            {mutation.isPending ? t("auth.setPassword.submitting") : t("auth.setPassword.submit")}
          </span>
        </button>
      </div>
    </form>
  );
}
