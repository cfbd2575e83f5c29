import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { addTranslation, proposalForViewer } from "~/proposals/proposals.server";
import { translationSchema } from "~/proposals/schema";
import { FormError, LocaleSelectField, TextAreaField, TextField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "proposal-form"] };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:translate.title");

async function translatable(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const found = notFoundUnless(await proposalForViewer(db(), user, idParam(args.params, "proposalId")));
  if (!found.may.translate) throw new Response("Forbidden", { status: 403 });
  return { user, proposal: found.proposal };
}

export async function loader(args: LoaderFunctionArgs) {
  const { proposal } = await translatable(args);
  const locales = LOCALES.filter((locale) => locale !== proposal.originalLocale);
  const costLines = proposal.costLines.map((line) => ({ id: line.id, label: line.label }));
  return { id: proposal.id, originalLocale: proposal.originalLocale, locales, texts: proposal.texts, costLines };
}

export async function action(args: ActionFunctionArgs) {
  const { user, proposal } = await translatable(args);
  const formData = await readFormData(args.request);
  const parsed = parseFormData(translationSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  const result = await addTranslation(db(), user, proposal.id, parsed.data);
  if (!result.ok) return refusedAnswer(result, { values: formData });
  return redirect(`/proposals/${proposal.id}?translated=1`);
}

export default function TranslateProposalPage() {
  const { t } = useTranslation("proposals");
  const { id, locales, costLines } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(translationSchema, { defaultValues: { locale: locales[0] } });
  return (
    <section className="stack" aria-labelledby="translate-title">
      <p>
        <Link to={`/proposals/${id}`}>{t("translate.back")}</Link>
      </p>
      <h1 id="translate-title">{t("translate.title")}</h1>
      <p>{t("translate.intro")}</p>
      <FormError failure={failure} />
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <LocaleSelectField form={form} failure={failure} name="locale" label={t("translate.locale")} locales={locales} />
        <TextField form={form} failure={failure} name="title" label={t("proposal-form:form.title")} maxLength={120} required />
        <TextAreaField form={form} failure={failure} name="summary" label={t("proposal-form:form.summary")} rows={2} required />
        <TextAreaField form={form} failure={failure} name="description" label={t("proposal-form:form.description")} rows={8} required />
        {costLines.length > 0 ? (
          <fieldset className="stack">
            <legend>{t("translate.costLabels")}</legend>
            <p className="field-hint">{t("translate.costLabelsHint")}</p>
            {costLines.map((line) => (
              <TextField
                key={line.id}
                form={form}
                failure={failure}
                name={`costLabels.${line.id}`}
                label={t("translate.costLabel", { label: line.label })}
                maxLength={120}
              />
            ))}
          </fieldset>
        ) : null}
        <div>
          <button type="submit" className="button">
            {t("translate.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
