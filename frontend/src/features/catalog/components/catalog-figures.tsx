import { useTranslation } from "react-i18next";

import { FigureCard } from "@/components/ui/figure-card";
import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useFormatters } from "@/lib/use-formatters";
import { useActionFields } from "@/features/catalog/api/get-action-fields";
import { useIndicators } from "@/features/catalog/api/get-indicators";

/** Key figures about the catalogue: action fields, key figures, group comparisons. */
export function CatalogFigures() {
  const { t } = useTranslation();
  const format = useFormatters();
  const fields = useActionFields();
  const indicators = useIndicators();

  if (fields.isError || indicators.isError) {
    const retry = () => {
      if (fields.isError) void fields.refetch();
      if (indicators.isError) void indicators.refetch();
    };
    return <QueryError error={fields.error ?? indicators.error} onRetry={retry} />;
  }
  if (fields.isPending || indicators.isPending) return <Loader />;

  const actionFields = fields.data.filter((field) => !field.context);
  const keyFigures = indicators.data.filter((indicator) => !indicator.context);
  const contextCount = indicators.data.length - keyFigures.length;
  const gaps = keyFigures.filter((indicator) => indicator.kind === "gap");
  return (
    <>
      <FigureCard label={t("catalog.fieldCount")} value={format.integer(actionFields.length)} />
      <FigureCard
        label={t("catalog.indicatorCount")}
        value={format.integer(keyFigures.length)}
        {...(contextCount > 0
          ? { hint: t("catalog.contextHint", { count: contextCount, formatted: format.integer(contextCount) }) }
          : {})}
      />
      <FigureCard label={t("catalog.gapCount")} value={format.integer(gaps.length)} hint={t("catalog.gapHint")} />
    </>
  );
}
