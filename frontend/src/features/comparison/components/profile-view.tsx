import { useTranslation } from "react-i18next";

import { localizedName, useLanguage } from "@/lib/use-language";
import type { Profile, ProfileEntry } from "../api/get-profile";
import { SyntheticDataNote } from "./notes";
import type { PickerField } from "./indicator-picker";
import { useMeasureFormat } from "./use-measure-format";
import { ValueCell } from "./value-cell";
import { TableScroll } from "@/components/ui/table-scroll";

/** good / bad only for key figures with a direction; neutral ones get a neutral mark. */
function corridorTone(entry: ProfileEntry): "good" | "bad" | "neutral" | "within" {
  const { corridor } = entry.row;
  const polarity = entry.indicator.polarity;
  if (corridor === "within" || corridor === null) return "within";
  if (polarity === "neutral") return "neutral";
  return (corridor === "above") === (polarity === "higher_better") ? "good" : "bad";
}

function EntryRow({ entry }: { entry: ProfileEntry }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useMeasureFormat(entry.indicator);
  const { row, statistics } = entry;
  const tone = corridorTone(entry);
  return (
    <tr className="kern-table__row">
      <th scope="row" className="kern-table__header">
        <span className="profile__code">{entry.indicator.code}</span> {localizedName(entry.indicator, language)}
        {entry.indicator.kind === "gap" && <span className="kern-body--small"> ({language === "en" ? entry.indicator.measure_label_en : entry.indicator.measure_label_de})</span>}
      </th>
      <td className="kern-table__cell kern-table__cell--numeric">
        <ValueCell row={row} format={format.value} />
      </td>
      <td className="kern-table__cell kern-table__cell--numeric">{format.value(statistics.median)}</td>
      <td className="kern-table__cell">
        {row.corridor ? <span className={`corridor-mark corridor-mark--${tone}`}>{t(`dash.corridor.${row.corridor}`)}</span> : "–"}
      </td>
      <td className="kern-table__cell kern-table__cell--numeric">{row.rank === null ? "–" : t("dash.rankOf", { rank: row.rank, n: row.rank_n })}</td>
      <td className="kern-table__cell kern-table__cell--numeric">{format.change(row.change_abs)}</td>
      <td className="kern-table__cell">{row.differs_from_median === null ? "–" : row.differs_from_median ? `* ${t("dash.significant.yes")}` : t("dash.significant.no")}</td>
    </tr>
  );
}

/** Every key figure of one city grouped by action field, with its corridor position; printable. */
export function ProfileView({ profile, fields }: { profile: Profile; fields: PickerField[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const group = localizedName(profile.peer_group, language);
  const sections = [...fields]
    .sort((a, b) => a.position - b.position)
    .map((field) => ({ field, entries: profile.entries.filter((entry) => entry.indicator.field === field.code) }))
    .filter((section) => section.entries.length > 0);
  return (
    <div className="profile-view">
      <SyntheticDataNote synthetic={profile.synthetic_data} />
      <div className="profile__intro">
        <p className="kern-body">{t("dash.profile.lead", { city: profile.label, year: profile.year, group })}</p>
        <button type="button" className="kern-btn kern-btn--secondary no-print" onClick={() => { window.print(); }}>
          <span className="kern-label">{t("dash.profile.print")}</span>
        </button>
      </div>
      <p className="kern-body kern-body--small">
        <span className="corridor-mark corridor-mark--good">{t("dash.profile.legendGood")}</span>{" "}
        <span className="corridor-mark corridor-mark--bad">{t("dash.profile.legendBad")}</span>{" "}
        <span className="corridor-mark corridor-mark--neutral">{t("dash.profile.legendNeutral")}</span>{" "}
        <span className="corridor-mark corridor-mark--within">{t("dash.profile.legendWithin")}</span>
      </p>
      {sections.map(({ field, entries }) => (
        <section key={field.code} className="profile__section" aria-labelledby={`profile-${field.code}`}>
          <h2 id={`profile-${field.code}`} className="kern-heading-small">
            {localizedName(field, language)}
          </h2>
          <TableScroll label={t("dash.profile.caption", { field: localizedName(field, language), city: profile.label })}>
            <table className="kern-table kern-table--striped profile-table">
              <caption className="kern-sr-only">{t("dash.profile.caption", { field: localizedName(field, language), city: profile.label })}</caption>
              <thead className="kern-table__head">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("dash.columns.indicator")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.columns.value")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.stats.median")}</th>
                  <th scope="col" className="kern-table__header">{t("dash.columns.corridor")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.columns.rank")}</th>
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("dash.columns.changePrev")}</th>
                  <th scope="col" className="kern-table__header">{t("dash.columns.significance")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {entries.map((entry) => (
                  <EntryRow key={entry.indicator.code} entry={entry} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      ))}
      <footer className="conventions-note kern-body kern-body--small">
        <p className="kern-body--bold">{t("dash.conventions.title")}</p>
        <p>{t("dash.profile.conventions")}</p>
        <p>{t("dash.conventions.signs")}</p>
      </footer>
    </div>
  );
}
