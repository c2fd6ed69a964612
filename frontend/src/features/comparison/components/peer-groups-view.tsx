import { useId, useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError } from "@/api/errors";
import { Alert } from "@/components/ui/alert";
import { TextField } from "@/components/ui/text-field";
import { useFormatters } from "@/lib/use-formatters";
import { localizedName, useLanguage } from "@/lib/use-language";
import { useCreatePeerGroup } from "../api/create-peer-group";
import type { PeerGroup } from "../api/get-peer-groups";
import type { Neighbours } from "../api/get-neighbours";
import type { PickerIndicator } from "./indicator-picker";
import { TableScroll } from "@/components/ui/table-scroll";

interface ClusterParameters {
  variables?: string[];
  k?: number;
  silhouette_by_k?: Record<string, number>;
  imputed?: string[];
}

function clusterParameters(group: PeerGroup): ClusterParameters {
  return group.parameters;
}

function useIndicatorName(indicators: PickerIndicator[]) {
  const language = useLanguage();
  return (code: string) => {
    const found = indicators.find((item) => item.code === code);
    return found ? `${code} ${localizedName(found, language)}` : code;
  };
}

/** The peer groups of the round with their members as the caller may see them. */
export function PeerGroupList({ groups, indicators }: { groups: PeerGroup[]; indicators: PickerIndicator[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormatters();
  const indicatorName = useIndicatorName(indicators);
  const clusters = groups.filter((group) => group.type === "cluster");
  const cluster = clusters[0] ? clusterParameters(clusters[0]) : null;
  return (
    <>
      {cluster && (
        <section className="page-section" aria-labelledby="clusters-heading">
          <h2 id="clusters-heading" className="kern-heading-medium">
            {t("dash.groups.clustersTitle")}
          </h2>
          <p className="kern-body">{t("dash.groups.clustersLead", { k: cluster.k ?? "–" })}</p>
          <p className="kern-body">{t("dash.groups.variables")}:</p>
          <ul className="kern-list">
            {(cluster.variables ?? []).map((code) => (
              <li key={code}>{indicatorName(code)}</li>
            ))}
          </ul>
          <TableScroll label={t("dash.groups.silhouetteCaption")}>
            <table className="kern-table silhouette-table">
              <caption className="kern-body">{t("dash.groups.silhouetteCaption")}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("dash.groups.k")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.groups.silhouette")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {Object.entries(cluster.silhouette_by_k ?? {}).map(([k, value]) => (
                  <tr key={k} className={Number(k) === cluster.k ? "kern-table__row is-own" : "kern-table__row"}>
                    <th scope="row" className="kern-table__header">
                      {k}
                      {Number(k) === cluster.k ? ` (${t("dash.groups.chosen")})` : ""}
                    </th>
                    <td className="kern-table__cell kern-table__cell--numeric">{format.number(value, { minimumFractionDigits: 3, maximumFractionDigits: 3 })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {(cluster.imputed ?? []).length > 0 && <p className="kern-body">{t("dash.groups.imputed", { list: (cluster.imputed ?? []).join(", ") })}</p>}
        </section>
      )}
      <section className="page-section" aria-labelledby="groups-heading">
        <h2 id="groups-heading" className="kern-heading-medium">
          {t("dash.groups.listTitle")}
        </h2>
        <TableScroll label={t("dash.groups.listTitle")}>
          <table className="kern-table kern-table--striped groups-table">
            <caption className="kern-sr-only">{t("dash.groups.listTitle")}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("dash.groups.name")}</th>
                <th scope="col" className="kern-table__header">{t("dash.groups.method")}</th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.groups.size")}</th>
                <th scope="col" className="kern-table__header">{t("dash.groups.members")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {groups.map((group) => (
                <tr key={group.id} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {localizedName(group, language)}
                    {!group.usable && <span className="kern-body--small"> ({t("dash.groups.tooSmall")})</span>}
                  </th>
                  <td className="kern-table__cell">{t(`dash.groups.type.${group.type as "all"}`, { defaultValue: group.type })}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{group.size}</td>
                  <td className="kern-table__cell">
                    {group.members.map((member, index) => (
                      <span key={member.label}>
                        {index > 0 && ", "}
                        {member.own ? <strong>{`${member.label} (${t("dash.ownCity")})`}</strong> : member.label}
                      </span>
                    ))}
                    {group.members_withheld && (
                      <span className="kern-body--small">
                        {group.members.length === 0 ? t("dash.groups.notMember") : ""}
                        {` (${t("dash.groups.membersWithheld")})`}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </section>
    </>
  );
}

/** The nearest neighbours of a city with the variables that make them similar. */
export function NeighboursTable({ neighbours, indicators }: { neighbours: Neighbours; indicators: PickerIndicator[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const indicatorName = useIndicatorName(indicators);
  return (
    <section className="page-section" aria-labelledby="neighbours-heading">
      <h2 id="neighbours-heading" className="kern-heading-medium">
        {t("dash.groups.neighboursTitle", { city: neighbours.label })}
      </h2>
      <p className="kern-body">{t("dash.groups.neighboursLead")}</p>
      {neighbours.summary ? (
        <NeighbourSummaryTable neighbours={neighbours} indicators={indicators} />
      ) : (
      <TableScroll label={t("dash.groups.neighboursTitle", { city: neighbours.label })}>
        <table className="kern-table kern-table--striped neighbours-table">
          <caption className="kern-sr-only">{t("dash.groups.neighboursTitle", { city: neighbours.label })}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.columns.rank")}</th>
              <th scope="col" className="kern-table__header">{t("dash.columns.city")}</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.groups.distance")}</th>
              <th scope="col" className="kern-table__header">{t("dash.groups.similarOn")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {neighbours.neighbours.map((item) => (
              <tr key={item.label} className="kern-table__row">
                <td className="kern-table__cell kern-table__cell--numeric">{item.rank}</td>
                <th scope="row" className="kern-table__header">{item.label}</th>
                <td className="kern-table__cell kern-table__cell--numeric">{format.number(item.distance, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
                <td className="kern-table__cell">{item.similar_on.map(indicatorName).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      )}
    </section>
  );
}

/** Pseudonymised round, participants: the neighbours as a group, without single cities. */
function NeighbourSummaryTable({ neighbours, indicators }: { neighbours: Neighbours; indicators: PickerIndicator[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const indicatorName = useIndicatorName(indicators);
  const summary = neighbours.summary;
  if (!summary) return null;
  const ranked = Object.entries(summary.similar_on).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <p className="kern-body" role="note">{t("dash.groups.neighboursWithheld")}</p>
      <TableScroll label={t("dash.groups.neighboursTitle", { city: neighbours.label })}>
        <table className="kern-table kern-table--striped neighbours-summary">
          <caption className="kern-sr-only">{t("dash.groups.neighboursTitle", { city: neighbours.label })}</caption>
          <tbody className="kern-table__body">
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__header">{t("dash.groups.summaryK")}</th>
              <td className="kern-table__cell kern-table__cell--numeric">{format.number(summary.k)}</td>
            </tr>
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__header">{t("dash.groups.summaryDistance")}</th>
              <td className="kern-table__cell kern-table__cell--numeric">
                {format.number(summary.mean_distance, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
              </td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <TableScroll label={t("dash.groups.summarySimilar")}>
        <table className="kern-table kern-table--striped neighbours-similar">
          <caption className="kern-sr-only">{t("dash.groups.summarySimilar")}</caption>
          <thead className="kern-table__head">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">{t("dash.groups.similarOn")}</th>
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.groups.summaryK")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {ranked.map(([code, count]) => (
              <tr key={code} className="kern-table__row">
                <th scope="row" className="kern-table__header">{indicatorName(code)}</th>
                <td className="kern-table__cell kern-table__cell--numeric">{format.number(count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** Moderators draw their own peer group from the cities of the round. */
export function CreatePeerGroupForm({ roundId, cities }: { roundId: number; cities: { ags: string; label: string }[] }) {
  const { t } = useTranslation();
  const id = useId();
  const mutation = useCreatePeerGroup(roundId);
  const [name, setName] = useState("");
  const [code, setCode] = useState("");
  const [members, setMembers] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);

  function submit() {
    if (name.trim().length < 2 || !/^[a-z0-9][a-z0-9-]{1,40}$/.test(code) || members.size === 0) {
      setProblem(t("dash.groups.form.invalid"));
      return;
    }
    setProblem(null);
    mutation.mutate(
      { code, name: name.trim(), members: [...members] },
      {
        onSuccess: () => {
          setName("");
          setCode("");
          setMembers(new Set());
        },
      },
    );
  }

  const apiProblem = mutation.error instanceof ApiError ? (mutation.error.body?.detail ?? mutation.error.message) : mutation.error ? t("state.errorNetwork") : null;
  return (
    <section className="page-section no-print" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="kern-heading-medium">
        {t("dash.groups.form.title")}
      </h2>
      <form onSubmit={(event) => { event.preventDefault(); submit(); }} noValidate className="peer-group-form">
        <TextField id={`${id}-name`} label={t("dash.groups.form.name")} value={name} maxLength={200} onChange={(event) => { setName(event.target.value); }} />
        <TextField
          id={`${id}-code`}
          label={t("dash.groups.form.code")}
          hint={t("dash.groups.form.codeHint")}
          value={code}
          maxLength={41}
          onChange={(event) => { setCode(event.target.value.toLowerCase()); }}
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t("dash.groups.form.members")}</legend>
          <div className="kern-fieldset__body member-grid">
            {cities.map((city) => (
              <div className="kern-form-check" key={city.ags}>
                <input
                  className="kern-form-check__checkbox"
                  type="checkbox"
                  id={`${id}-m-${city.ags}`}
                  checked={members.has(city.ags)}
                  onChange={(event) => {
                    const next = new Set(members);
                    if (event.target.checked) next.add(city.ags);
                    else next.delete(city.ags);
                    setMembers(next);
                  }}
                />
                <label className="kern-label" htmlFor={`${id}-m-${city.ags}`}>
                  {city.label}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        {problem && <Alert variant="danger" title={problem} announce />}
        {apiProblem && <Alert variant="danger" title={t("dash.groups.form.failed")} announce><p className="kern-body">{apiProblem}</p></Alert>}
        {mutation.isSuccess && <Alert variant="success" title={t("dash.groups.form.created", { name: mutation.data.name_de })} announce />}
        <button type="submit" className="kern-btn kern-btn--primary" disabled={mutation.isPending}>
          <span className="kern-label">{t("dash.groups.form.submit")}</span>
        </button>
      </form>
    </section>
  );
}
