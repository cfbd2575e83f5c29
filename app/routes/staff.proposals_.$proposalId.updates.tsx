import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { RealisationTimeline } from "~/proposals/components/RealisationTimeline";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { isRealisable, REALISATION_STATUSES } from "~/results/realisation";
import { updateSchema } from "~/results/schema";
import { MAX_UPDATE_PHOTO_BYTES, postRealisationUpdate, realisationTarget } from "~/results/realisation.server";
import { FieldShell, FormError, LocaleSelectField, SelectField, TextAreaField, TextField, useFieldError, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { fieldRefused } from "~/kernel/result";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { cityToday } from "~/kernel/city-time";
import { pageTitle } from "~/http/meta";
import { readUploadForm } from "~/http/read-form.server";
import { refusalPage } from "~/http/refusal-page";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals", "results"] };

export const meta: MetaFunction = (args) => pageTitle(args, "results:updates.title");

async function load(params: LoaderFunctionArgs["params"]) {
  const target = notFoundUnless(await realisationTarget(db(), idParam(params, "proposalId")));
  if (!isRealisable(target.status)) throw refusalPage(409, "results:errors.notRealisable");
  return target;
}

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return { proposal: await load(args.params), today: cityToday() };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const proposal = await load(args.params);
  const formData = await readUploadForm(args.request, MAX_UPDATE_PHOTO_BYTES);
  if (formData === "too-large") return refusedAnswer(fieldRefused("photo", "results:updates.photoErrors.too-large", 413));
  const parsed = parseFormData(updateSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  const file = formData.get("photo");
  const photo = file instanceof Blob && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const textLocale = parsed.data.textLocale ?? (await localeFor(args.request, args.context));
  const result = await postRealisationUpdate(db(), user.id, proposal.id, { ...parsed.data, textLocale }, photo);
  if (!result.ok) return refusedAnswer(result, { values: parsed.data });
  return redirect(`/staff/proposals/${proposal.id}/updates?posted=1`);
}

function UpdateForm({ today, status }: { today: string; status: string }) {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const { form, failure } = useValidatedForm(updateSchema, {
    defaultValues: { status: status === "FUNDED" ? "IN_PROGRESS" : status, day: today, textLocale: locale },
  });
  const photoError = useFieldError(form, "photo", failure);
  // A plain multipart form: the photo cannot travel through react-hook-form's values; the server checks everything.
  return (
    <Form method="post" encType="multipart/form-data" className="stack card" noValidate>
      <h2>{t("updates.new")}</h2>
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        name="status"
        label={t("updates.status")}
        hint={t("updates.statusHint")}
        options={REALISATION_STATUSES.map((value) => ({ value, label: t(`updates.statuses.${value}`) }))}
      />
      <TextField form={form} failure={failure} name="day" type="date" label={t("updates.day")} hint={t("updates.dayHint")} required />
      <TextAreaField form={form} failure={failure} name="text" label={t("updates.text")} hint={t("updates.textHint")} rows={5} required />
      <LocaleSelectField form={form} failure={failure} name="textLocale" label={t("common:content.writtenIn")} />
      <FieldShell id="field-photo" label={t("updates.photo")} hint={t("updates.photoHint")} error={photoError}>
        {(describedBy, invalid) => (
          <input
            id="field-photo"
            type="file"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
          />
        )}
      </FieldShell>
      <TextField form={form} failure={failure} name="photoAlt" label={t("updates.photoAlt")} hint={t("updates.photoAltHint")} maxLength={300} />
      <div>
        <button type="submit" className="button">
          {t("updates.post")}
        </button>
      </div>
    </Form>
  );
}

export default function RealisationUpdatesPage() {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { proposal, today } = useLoaderData<typeof loader>();
  const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
  return (
    <div className="stack">
      <p>
        <Link to={`/staff/rounds/${proposal.roundId}/results`}>{t("updates.backToResults")}</Link>
      </p>
      <h1>
        {t("updates.title")}:{" "}
        <Link to={`/proposals/${proposal.id}`}>
          <span className="proposal-number">#{proposal.number}</span> <span {...languageAttributes(text?.locale)}>{text?.text.title}</span>
        </Link>
      </h1>
      <p>
        <StatusBadge status={proposal.status} />
      </p>
      {params.get("posted") ? (
        <p className="alert alert-success" role="status">
          {t("updates.posted")}
        </p>
      ) : null}
      <UpdateForm today={today} status={proposal.status} />
      <section aria-labelledby="realisation-timeline-title">
        <h2 id="realisation-timeline-title">{t("timeline.title")}</h2>
        <RealisationTimeline updates={proposal.updates} />
      </section>
    </div>
  );
}
