import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { EventForm } from "~/events/components/EventForm";
import { createTeamEvent } from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import { localeFor } from "~/auth/locale.server";
import { proposalForViewer } from "~/proposals/proposals.server";
import { parseFormData } from "~/kernel/form-data";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "events"] };

export const meta: MetaFunction = (args) => pageTitle(args, "events:team.title");

/** Only the people carrying the proposal, and only when its round lets teams organise events. */
async function teamProposal(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const found = notFoundUnless(await proposalForViewer(db(), user, idParam(args.params, "proposalId")));
  if (!found.may.organiseEvent) throw new Response("Forbidden", { status: 403 });
  return { user, proposal: found.proposal };
}

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await teamProposal(args);
  return {
    proposalId: proposal.id,
    neighbourhood: { id: proposal.round.neighbourhoodId, name: proposal.round.neighbourhood.name, city: proposal.round.neighbourhood.city },
    locale: await localeFor(args.request, args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, proposal } = await teamProposal(args);
  const formData = await readFormData(args.request);
  formData.set("neighbourhoodId", proposal.round.neighbourhoodId);
  const parsed = parseFormData(eventSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "save");
  const result = await createTeamEvent(db(), user, proposal.id, parsed.data);
  if (!result.ok) return refusedAnswer(result, { intent: "save", values: formData });
  return redirect(`/events/${result.id}`);
}

export default function TeamEventPage() {
  const { t } = useTranslation("events");
  const { proposalId, neighbourhood, locale } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="team-event-title">
      <p>
        <Link to={`/proposals/${proposalId}`}>{t("team.back")}</Link>
      </p>
      <h1 id="team-event-title">{t("team.title")}</h1>
      <p>{t("team.intro")}</p>
      <EventForm
        neighbourhoods={[neighbourhood]}
        defaultValues={{ intent: "save", originalLocale: locale, neighbourhoodId: neighbourhood.id }}
        submitLabel={t("form.create")}
      />
    </section>
  );
}
