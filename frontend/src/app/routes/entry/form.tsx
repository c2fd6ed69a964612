import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";

import { useActionFields } from "@/features/catalog/api/get-action-fields";
import { useRound } from "@/features/rounds/api/get-round";
import { useBaseFigures, useEntrySubmission } from "@/features/submissions/api/get-submission";
import { EntryView } from "@/features/submissions/components/entry-view";
import { FIELD_PARAM } from "@/features/submissions/paths";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLanguage } from "@/lib/use-language";
import { QueryState } from "../moderation/query-state";

/** `/runden/:roundId/erfassung/:ags/:year?feld=`: the coordinator's entry form of one city-year. */
export function EntryFormRoute() {
  const { t } = useTranslation("submissions");
  const language = useLanguage();
  const params = useParams();
  const roundId = Number(params.roundId);
  const ags = params.ags ?? "";
  const year = Number(params.year);
  const [search, setSearch] = useSearchParams();
  const submission = useEntrySubmission(roundId, ags, year);
  const round = useRound(roundId);
  const actionFields = useActionFields();
  const baseFigures = useBaseFigures();
  // Until the submission has come, the city's name is not known: the heading names the year only.
  const city = submission.data?.municipality;
  useDocumentTitle(t("entry.documentTitle", { city: city ?? ags, year }));

  const fields = useMemo(
    () => (actionFields.data ?? []).map((field) => ({ code: field.code, name: language === "en" ? field.name_en : field.name_de })),
    [actionFields.data, language],
  );
  const info = useMemo(
    () => new Map((baseFigures.data ?? []).map((figure) => [figure.code, { reference_date: figure.reference_date, source: figure.source }])),
    [baseFigures.data],
  );
  const years = round.data?.years ?? [year];

  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to="/">{t("entry.backHome")}</Link>
      </p>
      <h1 className="kern-heading-x-large">
        {city ? t("entry.title", { city, year }) : t("entry.titleLoading", { year })}
      </h1>
      <QueryState query={submission}>
        {(data) => (
          <EntryView
            key={`${data.round_id}-${data.ags}-${data.year}`}
            roundId={roundId}
            submission={data}
            fields={fields}
            info={info}
            years={[...years].sort()}
            field={search.get(FIELD_PARAM)}
            onFieldChange={(field) => {
              setSearch((previous) => {
                const next = new URLSearchParams(previous);
                next.set(FIELD_PARAM, field);
                return next;
              });
            }}
          />
        )}
      </QueryState>
    </>
  );
}
