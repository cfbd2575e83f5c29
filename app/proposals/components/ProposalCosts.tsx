import { useTranslation } from "react-i18next";
import { languageAttributes } from "~/i18n/config";
import { pickTranslated } from "~/i18n/content";
import { formatMoney } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";

/**
 * The cost lines, each label in the reader's language when translated, else in the proposal's
 * original language (marked as such); the amount requested and, once staff checked it, the city's cost.
 */
export function ProposalCosts({
  costLines,
  originalLocale,
  requestedCents,
  cityCostCents,
}: {
  costLines: readonly { id: string; label: string; labels: string; amountCents: number }[];
  originalLocale: string;
  requestedCents: number;
  cityCostCents: number | null;
}) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <section aria-labelledby="costs-title">
      <h2 id="costs-title">{t("detail.costs")}</h2>
      {costLines.length === 0 ? (
        <p className="empty-state">{t("detail.noCosts")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("detail.costs")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("detail.item")}</th>
                <th scope="col" className="numeric">
                  {t("detail.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {costLines.map((line) => {
                const label = pickTranslated(line.label, line.labels, locale, originalLocale);
                return (
                  <tr key={line.id}>
                    <td {...languageAttributes(label.locale)}>{label.text}</td>
                    <td className="numeric">{formatMoney(line.amountCents, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("detail.requested")}</th>
                <td className="numeric">
                  <strong>{formatMoney(requestedCents, locale)}</strong>
                </td>
              </tr>
              {cityCostCents !== null ? (
                <tr>
                  <th scope="row">{t("detail.cityCost")}</th>
                  <td className="numeric">
                    <strong>{formatMoney(cityCostCents, locale)}</strong>
                  </td>
                </tr>
              ) : null}
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
