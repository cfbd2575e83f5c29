import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { ProposalForm } from "~/proposals/components/ProposalForm";
import { rulesInWords } from "~/proposals/components/RulesText";
import { proposalFormValues } from "~/proposals/form-values";
import { handleProposalForm } from "~/proposals/http.server";
import { proposalForViewer, roundContext } from "~/proposals/proposals.server";
import { mapSettings } from "~/proposals/map";
import { idParam, notFoundUnless } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "proposal-form"] };

// Leaflet's own styles, for the optional map of the proposal form.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "proposal-form:edit.title");

async function editable(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const found = notFoundUnless(await proposalForViewer(db(), user, idParam(args.params, "proposalId")));
  if (!found.relation) throw new Response("Forbidden", { status: 403 });
  return { user, found };
}

export async function loader(args: LoaderFunctionArgs) {
  const { found } = await editable(args);
  const { proposal } = found;
  const { context } = (await roundContext(db(), proposal.roundId))!;
  return {
    id: proposal.id,
    number: proposal.number,
    status: proposal.status,
    may: found.may,
    values: proposalFormValues(proposal, await localeFor(args.request, args.context)),
    categories: proposal.round.categories.map(({ id, names }) => ({ id, names })),
    organisationsMaySubmit: proposal.round.organisationsMaySubmit,
    rules: context.rules,
    boundary: context.boundary,
    map: mapSettings(),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, found } = await editable(args);
  const { context } = (await roundContext(db(), found.proposal.roundId))!;
  const round = { context, alwaysComplete: found.proposal.status !== "DRAFT" };
  return handleProposalForm(args.request, user, { proposalId: found.proposal.id }, await localeFor(args.request, args.context), round);
}

export default function EditProposalPage() {
  const { t } = useTranslation("proposal-form");
  const locale = useLocale();
  const proposal = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="edit-proposal-title">
      <p>
        <Link to={`/proposals/${proposal.id}`}>{t("edit.back")}</Link>
      </p>
      <h1 id="edit-proposal-title">
        {t("edit.title")}
        {proposal.number ? ` #${proposal.number}` : ""}
      </h1>
      {proposal.may.edit ? (
        <ProposalForm
          defaultValues={proposal.values}
          categories={proposal.categories}
          organisationsMaySubmit={proposal.organisationsMaySubmit}
          rulesText={rulesInWords(proposal.rules, t, locale)}
          rules={proposal.rules}
          locale={locale}
          alwaysComplete={proposal.status !== "DRAFT"}
          maySubmit={proposal.may.submit}
          saveLabel={proposal.status === "DRAFT" ? t("form.saveDraft") : t("form.saveChanges")}
          submitLabel={proposal.status === "CHANGES_REQUESTED" ? t("form.resubmit") : t("form.submit")}
          boundary={proposal.boundary}
          map={proposal.map}
        />
      ) : (
        <p className="alert alert-error" role="alert">
          {t("proposals:errors.editClosed")}
        </p>
      )}
    </section>
  );
}
