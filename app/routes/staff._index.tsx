import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { languageAttributes } from "~/i18n/config";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { listRoundsForStaff } from "~/rounds/rounds.server";
import { formatMoney } from "~/i18n/format";
import { PhaseBadge } from "~/rounds/components/RoundSummary";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "results"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.rounds");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return { rounds: await listRoundsForStaff(db()) };
}

export default function StaffRoundsPage() {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="staff-rounds-title">
      <div className="row-between">
        <h1 id="staff-rounds-title">{t("staff.rounds")}</h1>
        <span className="button-row">
          <Link to="/staff/results/import" className="button button-secondary">
            {t("results:import.title")}
          </Link>
          <Link to="/staff/rounds/new" className="button">
            {t("staff.newRound")}
          </Link>
        </span>
      </div>
      {rounds.length === 0 ? (
        <p className="empty-state">{t("staff.noRounds")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("staff.rounds")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("form.title")}</th>
                <th scope="col">{t("form.neighbourhood")}</th>
                <th scope="col">{t("budget")}</th>
                <th scope="col">{t("phase")}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => {
                const text = pickLocalized(round.translations, locale, round.originalLocale);
                return (
                  <tr key={round.id}>
                    <td {...languageAttributes(text?.locale)}>
                      <Link to={`/staff/rounds/${round.id}`}>{text?.text.title ?? t("untitled")}</Link>
                      {round.importedFrom ? <span className="muted"> · {t("results:staff.imported", { file: round.importedFrom })}</span> : null}
                    </td>
                    <td>
                      {round.neighbourhood.name} ({round.neighbourhood.city})
                    </td>
                    <td className="numeric">{formatMoney(round.budgetCents, locale)}</td>
                    <td>
                      <PhaseBadge phase={round.phase} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
