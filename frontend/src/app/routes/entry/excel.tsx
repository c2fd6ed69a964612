import "@/features/submissions/components/excel.css";

import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";

import { Loader } from "@/components/ui/loader";
import { useRound } from "@/features/rounds/api/get-round";
import { useFormSubmissions } from "@/features/submissions/api/upload-form";
import { ExcelDownload } from "@/features/submissions/components/excel-download";
import { ExcelError } from "@/features/submissions/components/excel-error";
import { ExcelUpload } from "@/features/submissions/components/excel-upload";
import { useDocumentTitle } from "@/lib/use-document-title";

/** `/runden/:roundId/erfassung/:ags/excel`: the city's Excel form – download, dry run, import. */
export function ExcelFormRoute() {
  const { t } = useTranslation("submissions");
  const params = useParams();
  const roundId = Number(params.roundId);
  const ags = params.ags ?? "";
  const round = useRound(roundId);
  const queries = useFormSubmissions(roundId, ags, round.data?.years ?? []);
  const submissions = queries.flatMap((query) => (query.data ? [query.data] : []));
  const failed = round.error ?? queries.find((query) => query.isError)?.error;
  const city = submissions[0]?.municipality ?? ags;
  const roundName = round.data?.name ?? "";
  useDocumentTitle(t("excel.documentTitle", { city, round: roundName }));
  const loading = round.isPending || queries.some((query) => query.isPending);
  return (
    <>
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to="/">
          {t("excel.back")}
        </Link>
      </p>
      <h1 className="kern-heading-x-large">{t("excel.title", { city })}</h1>
      {round.data && (
        <p className="kern-body kern-body--large lead">
          {t("excel.lead", { round: roundName, years: round.data.years.join(", ") })}
        </p>
      )}
      {failed ? (
        <ExcelError error={failed} action="open" />
      ) : loading ? (
        <Loader />
      ) : (
        <>
          <ExcelDownload roundId={roundId} ags={ags} submissions={submissions} />
          <ExcelUpload roundId={roundId} ags={ags} />
        </>
      )}
    </>
  );
}
