import { useLayoutEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";

import { ApiError, NetworkError } from "@/api/errors";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import type { Me } from "@/features/auth/api/get-me";
import { useLogin } from "@/features/auth/api/login";

export interface LoginFormProps {
  /** Called with the user once the session cookie is set, e.g. to go on to `?next=`. */
  onSuccess: (me: Me) => void;
  /** Called when a sign-in is sent, e.g. to hide an earlier notice ("Sie haben sich abgemeldet."). */
  onAttempt?: () => void;
}

interface FieldErrors {
  email?: string;
  password?: string;
}

/** Email and password. A failed attempt shows the server's reason, and the focus moves to it. */
export function LoginForm({ onSuccess, onAttempt }: LoginFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const login = useLogin();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // Every failed attempt yields a new error object: move the focus to its message each time.
  useLayoutEffect(() => {
    if (login.error) alertRef.current?.focus();
  }, [login.error]);

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t("auth.login.emailMissing");
    if (!password) errors.password = t("auth.login.passwordMissing");
    setFieldErrors(errors);
    if (errors.email || errors.password) {
      login.reset();
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    onAttempt?.();
    login.mutate({ email: email.trim(), password }, { onSuccess });
  }

  let failure: { title: string; text: string } | null = null;
  const error = login.error;
  if (error instanceof ApiError && error.status === 429) {
    const seconds = error.retryAfterSeconds;
    failure = {
      title: t("auth.login.tooManyTitle"),
      text:
        seconds === null
          ? t("auth.login.tryAgainLater")
          : t("auth.login.tryAgainIn", { count: Math.max(1, Math.ceil(seconds / 60)) }),
    };
  } else if (error instanceof ApiError) {
    failure = {
      title: t("auth.login.failedTitle"),
      text: error.body?.detail ?? t("state.errorHttp", { status: error.status }),
    };
  } else if (error instanceof NetworkError) {
    failure = { title: t("auth.login.failedTitle"), text: t("state.errorNetwork") };
  } else if (error) {
    failure = { title: t("auth.login.failedTitle"), text: t("state.errorUnknown") };
  }

  return (
    <form className="auth-form" noValidate onSubmit={handleSubmit}>
      {failure && (
        <Alert ref={alertRef} variant="danger" title={failure.title} announce focusable>
          <p className="kern-body">{failure.text}</p>
        </Alert>
      )}
      <TextField
        ref={emailRef}
        id={`${id}-email`}
        label={t("auth.login.email")}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        autoCapitalize="none"
        required
        value={email}
        onChange={(event) => {
          setEmail(event.target.value);
        }}
        error={fieldErrors.email ?? null}
      />
      <TextField
        ref={passwordRef}
        id={`${id}-password`}
        label={t("auth.login.password")}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => {
          setPassword(event.target.value);
        }}
        error={fieldErrors.password ?? null}
      />
      <div>
        <button type="submit" className="kern-btn kern-btn--primary" aria-disabled={login.isPending || undefined}>
          <span className="kern-label">{login.isPending ? t("auth.login.submitting") : t("auth.login.submit")}</span>
        </button>
      </div>
    </form>
  );
}
