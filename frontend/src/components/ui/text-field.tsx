import type { InputHTMLAttributes, Ref } from "react";

export interface TextFieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "aria-invalid" | "aria-describedby"> {
  id: string;
  label: string;
  /** Shown between label and field, and read with the field (`aria-describedby`). */
  hint?: string;
  /** Marks the field invalid and says why, below it; read with the field. */
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
}

/** KERN UX text input: a visible label, an optional hint and an error tied to the field. */
export function TextField({ id, label, hint, error, ref, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  return (
    <div className={error ? "kern-form-input kern-form-input--error" : "kern-form-input"}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div className="kern-hint" id={hintId}>
          {hint}
        </div>
      )}
      <input
        {...input}
        ref={ref}
        id={id}
        className={error ? "kern-form-input__input kern-form-input__input--error" : "kern-form-input__input"}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <p className="kern-error" id={errorId}>
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      )}
    </div>
  );
}
