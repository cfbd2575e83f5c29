import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { INTL_LOCALES, LOCALE_NAMES, LOCALES, languageAttributes } from "~/i18n/config";
import { localizedName } from "~/i18n/content";
import { categorySchema, roundRulesSchemaFor } from "~/proposals/schema";
import { roundById } from "~/rounds/rounds.server";
import { setupIsOpen } from "~/rounds/phases";
import { addCategory, removeCategory, updateRoundRules } from "~/rounds/rules.server";
import { FormError, TextField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import type { Refused } from "~/kernel/result";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { formatAmountInput } from "~/kernel/amount";
import { localeFor } from "~/auth/locale.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle = { i18n: ["rounds", "proposals", "proposal-form"] };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:rulesPage.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const categories = await db().category.findMany({ where: { roundId: round.id }, orderBy: { position: "asc" } });
  const intlLocale = INTL_LOCALES[await localeFor(args.request, args.context)];
  return {
    round: { id: round.id, translations: round.translations, originalLocale: round.originalLocale },
    editable: setupIsOpen(round.phase),
    categories,
    values: {
      intent: "rules",
      minAmount: round.minAmountCents === null ? "" : formatAmountInput(round.minAmountCents, intlLocale),
      maxAmount: round.maxAmountCents === null ? "" : formatAmountInput(round.maxAmountCents, intlLocale),
      maxSharePercent: round.maxSharePercent === null ? "" : String(round.maxSharePercent),
      organisationsMaySubmit: round.organisationsMaySubmit,
      teamsMayCreateEvents: round.teamsMayCreateEvents,
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  const done = (flag: string) => redirect(`/staff/rounds/${round.id}/rules?${flag}=1`);
  // The typed values go back with a field's message only: a refusal of the whole form keeps none.
  const failed = (result: Refused) => refusedAnswer(result, { intent, values: result.errors ? formData : undefined });
  if (intent === "rules") {
    const parsed = parseFormData(roundRulesSchemaFor(await localeFor(args.request, args.context)), formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await updateRoundRules(db(), user.id, round.id, parsed.data);
    return result.ok ? done("saved") : failed(result);
  }
  if (intent === "add-category") {
    const parsed = parseFormData(categorySchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await addCategory(db(), user.id, round.id, parsed.data.names);
    return result.ok ? done("categoryAdded") : failed(result);
  }
  if (intent === "remove-category") {
    const result = await removeCategory(db(), user.id, round.id, postedId(formData, "categoryId"));
    return result.ok ? done("categoryRemoved") : failed(result);
  }
  throw new Response("Unknown form", { status: 400 });
}

function RulesForm({ values, editable }: { values: Record<string, unknown>; editable: boolean }) {
  const { t } = useTranslation("proposals");
  const { form, onSubmit, failure } = useValidatedForm(roundRulesSchemaFor(useLocale()), { defaultValues: values, intent: "rules" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="rules" />
      <FormError failure={failure} />
      <fieldset disabled={!editable} className="fieldset">
        <legend>{t("rulesPage.title")}</legend>
        <div className="grid-2">
          <TextField form={form} failure={failure} name="minAmount" label={t("rulesPage.minAmount")} inputMode="decimal" />
          <TextField form={form} failure={failure} name="maxAmount" label={t("rulesPage.maxAmount")} inputMode="decimal" />
        </div>
        <TextField
          form={form}
          failure={failure}
          name="maxSharePercent"
          label={t("rulesPage.maxShare")}
          hint={t("rulesPage.maxShareHint")}
          inputMode="numeric"
        />
        <div className="field field-checkbox">
          <input
            type="checkbox"
            id="field-organisationsMaySubmit"
            defaultChecked={Boolean(values.organisationsMaySubmit)}
            {...form.register("organisationsMaySubmit")}
          />
          <label htmlFor="field-organisationsMaySubmit">{t("rulesPage.organisations")}</label>
        </div>
        <div className="field field-checkbox">
          <input
            type="checkbox"
            id="field-teamsMayCreateEvents"
            defaultChecked={Boolean(values.teamsMayCreateEvents)}
            {...form.register("teamsMayCreateEvents")}
          />
          <label htmlFor="field-teamsMayCreateEvents">{t("rulesPage.teamsMayCreateEvents")}</label>
        </div>
        <button type="submit" className="button">
          {t("rulesPage.save")}
        </button>
      </fieldset>
    </Form>
  );
}

function CategoryForm() {
  const { t } = useTranslation("proposals");
  const { form, onSubmit, failure } = useValidatedForm(categorySchema, { defaultValues: { intent: "add-category" }, intent: "add-category" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="add-category" />
      <FormError failure={failure} />
      <p className="field-hint">{t("rulesPage.categoryHint")}</p>
      <div className="grid-2">
        {LOCALES.map((code) => (
          <div key={code} {...languageAttributes(code)}>
            <TextField
              form={form}
              failure={failure}
              name={`names.${code}`}
              label={t("rulesPage.localizedName", { language: LOCALE_NAMES[code] })}
              maxLength={60}
            />
          </div>
        ))}
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("rulesPage.addCategory")}
        </button>
      </div>
    </Form>
  );
}

const NOTICES = ["saved", "categoryAdded", "categoryRemoved"] as const;

export default function RoundRulesPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { round, editable, categories, values } = useLoaderData<typeof loader>();
  const notice = NOTICES.find((name) => params.get(name));
  return (
    <div className="stack">
      <p>
        <RoundTitleLink round={round} to={`/staff/rounds/${round.id}`} />
      </p>
      <h1>{t("rulesPage.title")}</h1>
      <p>{editable ? t("rulesPage.intro") : t("rulesPage.locked")}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`rulesPage.${notice}`)}
        </p>
      ) : null}
      <RulesForm values={values} editable={editable} />
      <section className="card" aria-labelledby="categories-title">
        <h2 id="categories-title">{t("rulesPage.categories")}</h2>
        {categories.length === 0 ? (
          <p className="empty-state">{t("rulesPage.noCategories")}</p>
        ) : (
          <ul className="audit-list">
            {categories.map((category) => (
              <li key={category.id} className="row-between">
                <span>{localizedName(category.names, locale)}</span>
                {editable ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-category" />
                    <input type="hidden" name="categoryId" value={category.id} />
                    <button type="submit" className="link-button">
                      {t("rulesPage.removeCategory")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {editable ? <CategoryForm /> : null}
      </section>
    </div>
  );
}
