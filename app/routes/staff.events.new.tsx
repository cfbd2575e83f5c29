import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { EventForm } from "~/events/components/EventForm";
import { createEvent, linkChoices } from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import { localeFor } from "~/auth/locale.server";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { parseFormData } from "~/kernel/form-data";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "events"] };

export const meta: MetaFunction = (args) => pageTitle(args, "events:staff.new");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "event:manage");
  const neighbourhoods = await listNeighbourhoods(db());
  return {
    neighbourhoods,
    links: await linkChoices(
      db(),
      neighbourhoods.map((neighbourhood) => neighbourhood.id),
    ),
    locale: await localeFor(args.request, args.context),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "event:manage");
  const formData = await readFormData(args.request);
  const parsed = parseFormData(eventSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "save");
  const result = await createEvent(db(), user.id, parsed.data);
  if (!result.ok) return refusedAnswer(result, { intent: "save", values: formData });
  return redirect(`/staff/events/${result.id}?saved=1`);
}

export default function NewEventPage() {
  const { t } = useTranslation("events");
  const { neighbourhoods, links, locale } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="new-event-title">
      <h1 id="new-event-title">{t("staff.new")}</h1>
      <EventForm neighbourhoods={neighbourhoods} defaultValues={{ intent: "save", originalLocale: locale }} submitLabel={t("form.create")} links={links} />
    </section>
  );
}
