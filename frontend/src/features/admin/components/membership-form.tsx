import { useState, type SubmitEvent } from "react";
import { useTranslation } from "react-i18next";

import { SelectField } from "@/components/ui/select-field";
import { useCityNames } from "../api/get-municipalities";
import { useAdminRounds } from "../api/get-rounds";
import type { MembershipCreate } from "../api/memberships";
import { emptyMembership, toMembership, type MembershipFieldsValue } from "../membership-value";
import { ROLES, type RoleName } from "../user-filters";

/** Role, and the city (coordinator, viewer) or ring (moderator) it applies to. */
export function MembershipFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: MembershipFieldsValue;
  onChange: (value: MembershipFieldsValue) => void;
}) {
  const { t } = useTranslation("admin");
  const cities = useCityNames();
  const rounds = useAdminRounds();
  const rings = [...new Map((rounds.data ?? []).map((r) => [r.ring_id, r.ring_name])).entries()];
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label={t("membership.role")}
        value={value.role}
        onChange={(event) => {
          onChange({ ...value, role: event.target.value as RoleName });
        }}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      {(value.role === "coordinator" || value.role === "viewer") && (
        <SelectField
          id={`${idPrefix}-city`}
          label={t("membership.city")}
          value={value.ags}
          onChange={(event) => {
            onChange({ ...value, ags: event.target.value });
          }}
          options={[
            { value: "", label: t("membership.choose") },
            ...(cities.data ?? []).map((city) => ({ value: city.ags, label: `${city.name} (${city.ags})` })),
          ]}
        />
      )}
      {value.role === "moderator" && (
        <SelectField
          id={`${idPrefix}-ring`}
          label={t("membership.ring")}
          value={value.ringId}
          onChange={(event) => {
            onChange({ ...value, ringId: event.target.value });
          }}
          options={[{ value: "", label: t("membership.choose") }, ...rings.map(([id, name]) => ({ value: String(id), label: name }))]}
        />
      )}
    </>
  );
}

/** Grant a further role to an account. */
export function GrantMembershipForm({ onGrant, pending }: { onGrant: (body: MembershipCreate) => void; pending: boolean }) {
  const { t } = useTranslation("admin");
  const [value, setValue] = useState(emptyMembership);
  const [problem, setProblem] = useState<string | null>(null);
  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = toMembership(value);
    if (typeof body === "string") {
      setProblem(t(`membership.${body}`));
      return;
    }
    setProblem(null);
    onGrant(body);
  }
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="grant-title" noValidate>
      <h3 id="grant-title" className="kern-heading-small">
        {t("membership.grantTitle")}
      </h3>
      <MembershipFields idPrefix="grant" value={value} onChange={setValue} />
      {problem && (
        <p className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{problem}</span>
        </p>
      )}
      <button type="submit" className="kern-btn kern-btn--secondary" aria-disabled={pending || undefined}>
        <span className="kern-label">{t("membership.grant")}</span>
      </button>
    </form>
  );
}
