import { useTranslation } from "react-i18next";

import { FigureCard } from "@/components/ui/figure-card";
import { Loader } from "@/components/ui/loader";
import { QueryError } from "@/components/ui/query-error";
import { useFormatters } from "@/lib/use-formatters";
import { useMunicipalities } from "@/features/municipalities/api/get-municipalities";
import { countBySizeClass, latestPopulationTotal, SIZE_CLASSES } from "@/features/municipalities/population";

/** Key figures about the cities: how many, how many inhabitants, by size class. */
export function MunicipalityFigures() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { data, error, isPending, isError, refetch } = useMunicipalities();

  if (isPending) return <Loader />;
  if (isError) return <QueryError error={error} onRetry={() => void refetch()} />;

  const population = latestPopulationTotal(data);
  const bySizeClass = countBySizeClass(data);
  return (
    <>
      <FigureCard
        label={t("municipalities.count")}
        value={format.integer(data.length)}
        hint={t("municipalities.countHint")}
      />
      {population && (
        <FigureCard
          label={t("municipalities.population")}
          value={format.integer(population.total)}
          hint={t(
            population.partlyEstimated ? "municipalities.populationHintEstimated" : "municipalities.populationHint",
            { year: population.year },
          )}
        />
      )}
      <FigureCard label={t("municipalities.sizeClasses")}>
        <dl className="kern-description-list size-classes">
          {[...SIZE_CLASSES, "none" as const]
            .filter((sizeClass) => sizeClass !== "none" || bySizeClass.none > 0)
            .map((sizeClass) => (
              <div className="kern-description-list-item" key={sizeClass}>
                <dt className="kern-description-list-item__key">{t(`municipalities.sizeClass.${sizeClass}`)}</dt>
                <dd className="kern-description-list-item__value">{format.integer(bySizeClass[sizeClass])}</dd>
              </div>
            ))}
        </dl>
      </FigureCard>
    </>
  );
}
