import { useActionFields } from "@/features/catalog/api/get-action-fields";
import { useIndicators } from "@/features/catalog/api/get-indicators";

/** Action fields and key figures for the pickers; the first key figure is the default. */
export function useCatalog() {
  const fields = useActionFields();
  const indicators = useIndicators();
  const ordered = [...(fields.data ?? [])].filter((field) => !field.context).sort((a, b) => a.position - b.position);
  const first = ordered
    .map((field) => indicators.data?.find((item) => item.field === field.code && !item.context))
    .find((item) => item !== undefined);
  return {
    fields: fields.data ?? [],
    indicators: indicators.data ?? [],
    ready: fields.isSuccess && indicators.isSuccess,
    error: fields.error ?? indicators.error,
    defaultIndicator: first?.code ?? null,
  };
}
