import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { readFormData } from "~/http/read-form.server";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { RoundForm } from "~/rounds/components/RoundForm";
import { createRound, listNeighbourhoods } from "~/rounds/rounds.server";
import { roundSchemaFor } from "~/rounds/schema";
import { parseFormData } from "~/kernel/form-data";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.newRound");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return { neighbourhoods: await listNeighbourhoods(db()), locale: await localeFor(args.request, args.context) };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const formData = await readFormData(args.request);
  const parsed = parseFormData(roundSchemaFor(await localeFor(args.request, args.context)), formData);
  if (!parsed.ok) return invalidForm(parsed, "save");
  const result = await createRound(db(), user.id, parsed.data);
  if (!result.ok) return refusedAnswer(result, { intent: "save", values: formData });
  return redirect(`/staff/rounds/${result.id}?saved=1`);
}

export default function NewRoundPage() {
  const { t } = useTranslation("rounds");
  const { neighbourhoods, locale } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="new-round-title">
      <h1 id="new-round-title">{t("staff.newRound")}</h1>
      <RoundForm
        neighbourhoods={neighbourhoods}
        defaultValues={{ originalLocale: locale, hasReview: true, neighbourhoodId: neighbourhoods.length === 1 ? neighbourhoods[0]!.id : "" }}
        submitLabel={t("form.create")}
      />
    </section>
  );
}
