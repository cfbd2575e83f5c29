import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { acceptsProposals, isPublicPhase } from "~/rounds/phases";
import { Link, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { ProposalForm } from "~/proposals/components/ProposalForm";
import { rulesInWords } from "~/proposals/components/RulesText";
import { newProposalValues } from "~/proposals/form-values";
import { handleProposalForm } from "~/proposals/http.server";
import { roundContext } from "~/proposals/proposals.server";
import { mapSettings } from "~/proposals/map";
import { idParam, notFound } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "proposal-form"] };

// Leaflet's own styles, for the optional map of the proposal form.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "proposal-form:new.title");

async function openRound(args: LoaderFunctionArgs) {
  const found = await roundContext(db(), idParam(args.params, "roundId"));
  if (!found || !isPublicPhase(found.round.phase)) throw notFound();
  return found;
}

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "proposal:create");
  const { round, context } = await openRound(args);
  return {
    round: { id: round.id, phase: round.phase, translations: round.translations, originalLocale: round.originalLocale },
    categories: round.categories.map(({ id, names }) => ({ id, names })),
    organisationsMaySubmit: round.organisationsMaySubmit,
    rules: context.rules,
    boundary: context.boundary,
    map: mapSettings(),
    locale: await localeFor(args.request, args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const { round, context } = await openRound(args);
  return handleProposalForm(args.request, user, { roundId: round.id }, await localeFor(args.request, args.context), { context, alwaysComplete: false });
}

export default function NewProposalPage() {
  const { t } = useTranslation("proposal-form");
  const locale = useLocale();
  const { round, categories, organisationsMaySubmit, rules, boundary, map, locale: formLocale } = useLoaderData<typeof loader>();
  const roundTitle = pickLocalized(round.translations, locale, round.originalLocale)?.text.title;
  return (
    <section className="stack" aria-labelledby="new-proposal-title">
      <p className="muted">
        <Link to={`/rounds/${round.id}`}>{roundTitle}</Link>
      </p>
      <h1 id="new-proposal-title">{t("new.title")}</h1>
      {!acceptsProposals(round.phase) ? (
        <p className="alert alert-error" role="alert">
          {t("proposals:errors.submissionClosed")}
        </p>
      ) : (
        <>
          <p>{t("new.intro")}</p>
          <ProposalForm
            defaultValues={newProposalValues(formLocale)}
            categories={categories}
            organisationsMaySubmit={organisationsMaySubmit}
            rulesText={rulesInWords(rules, t, locale)}
            rules={rules}
            locale={locale}
            maySubmit
            alwaysComplete={false}
            saveLabel={t("form.saveDraft")}
            submitLabel={t("form.submit")}
            boundary={boundary}
            map={map}
          />
        </>
      )}
    </section>
  );
}
