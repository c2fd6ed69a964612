import { useTranslation } from "react-i18next";

import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useFormatters } from "@/lib/use-formatters";
import { localizedName } from "@/lib/use-language";
import { useActionFields } from "@/features/catalog/api/get-action-fields";

/** The action fields (Handlungsfelder) with the number of key figures in each. */
export function ActionFieldsTable() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, isPending, isError, refetch } = useActionFields();

  if (isPending) return <Loader />;
  if (isError) return <QueryError error={error} onRetry={() => void refetch()} />;
  if (data.length === 0) return <p className="kern-body">{t("catalog.empty")}</p>;

  const total = data.reduce((sum, field) => sum + field.indicator_count, 0);
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped">
        <caption className="kern-sr-only">{t("catalog.fieldsCaption")}</caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            <th scope="col" className="kern-table__header">
              {t("catalog.columns.code")}
            </th>
            <th scope="col" className="kern-table__header">
              {t("catalog.columns.name")}
            </th>
            <th scope="col" className="kern-table__header kern-table__header--numeric">
              {t("catalog.columns.indicators")}
            </th>
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {data.map((field) => (
            <tr className="kern-table__row" key={field.code}>
              <td className="kern-table__cell">
                <code>{field.code}</code>
              </td>
              <th scope="row" className="kern-table__header">
                {localizedName(field, format.language)}
              </th>
              <td className="kern-table__cell kern-table__cell--numeric">{format.integer(field.indicator_count)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="kern-table__footer">
          <tr className="kern-table__row">
            <th scope="row" colSpan={2} className="kern-table__header">
              {t("catalog.total")}
            </th>
            <td className="kern-table__cell kern-table__cell--numeric">{format.integer(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
