import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { postedToken } from "~/kernel/tokens";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { LOCALE_NAMES, LOCALES, languageAttributes } from "~/i18n/config";
import { localizedName, parseTranslations, pickLocalized, pickName } from "~/i18n/content";
import {
  addCriterion,
  appointMember,
  appointViceChair,
  makeChair,
  panelSetup,
  removeCriterion,
  removeMember,
  removeViceChair,
  revokePanelInvite,
  saveCriterionTranslations,
  savePanelSettings,
} from "~/panel/panel.server";
import { WhoDecides } from "~/panel/components/WhoDecides";
import { criterionSchema, criterionTranslationsSchema, memberSchema, panelSettingsSchema, viceChairSchema } from "~/panel/schema";
import { roundById } from "~/rounds/rounds.server";
import { FormError, isFormFailure, SelectField, TextAreaField, TextField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle = { i18n: ["panel"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:setup.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const setup = await panelSetup(db(), round);
  return {
    round: { id: round.id, phase: round.phase, hasReview: round.hasReview, translations: round.translations, originalLocale: round.originalLocale },
    ...setup,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  const done = (notice: string) => redirect(`/staff/rounds/${round.id}/panel?${notice}=1`);
  const chosen = postedId(formData, "userId");

  switch (intent) {
    case "settings": {
      const parsed = parseFormData(panelSettingsSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await savePanelSettings(db(), user.id, round.id, parsed.data);
      return result.ok ? done("saved") : refusedAnswer(result, { intent, values: formData });
    }
    case "add-criterion": {
      const parsed = parseFormData(criterionSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await addCriterion(db(), user.id, round.id, parsed.data);
      return result.ok ? done("criterionAdded") : refusedAnswer(result, { intent, values: formData });
    }
    case "criterion-translations": {
      const parsed = parseFormData(criterionTranslationsSchema, formData);
      // Each criterion has its own form: the answer names the one it is for.
      const form = `${intent}:${postedId(formData, "criterionId")}`;
      if (!parsed.ok) return invalidForm(parsed, form);
      const result = await saveCriterionTranslations(db(), user.id, round.id, parsed.data);
      return result.ok ? done("translationsSaved") : refusedAnswer(result, { intent: form, values: formData });
    }
    case "remove-criterion": {
      const result = await removeCriterion(db(), user.id, round.id, postedId(formData, "criterionId"));
      return result.ok ? done("criterionRemoved") : refusedAnswer(result, { intent, values: formData });
    }
    case "add-member": {
      const parsed = parseFormData(memberSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await appointMember(db(), user, round.id, parsed.data, siteUrl());
      if (!result.ok) return refusedAnswer(result, { intent, values: formData });
      return done(result.invited ? "invited" : "memberAdded");
    }
    case "remove-member": {
      const result = await removeMember(db(), user.id, round.id, chosen);
      return result.ok ? done("memberRemoved") : refusedAnswer(result, { intent, values: formData });
    }
    case "make-chair": {
      const result = await makeChair(db(), user.id, round.id, chosen);
      return result.ok ? done("chairSet") : refusedAnswer(result, { intent, values: formData });
    }
    case "vice-chair": {
      const parsed = parseFormData(viceChairSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await appointViceChair(db(), user.id, round.id, parsed.data.userId);
      return result.ok ? done("viceChairSet") : refusedAnswer(result, { intent, values: formData });
    }
    case "remove-vice-chair": {
      const result = await removeViceChair(db(), user.id, round.id, chosen);
      return result.ok ? done("viceChairRemoved") : refusedAnswer(result, { intent, values: formData });
    }
    case "revoke-invite": {
      // An invitation's id is its token's hash (64 characters): longer than postedId() allows.
      const result = await revokePanelInvite(db(), user.id, round.id, postedToken(formData, "inviteId"));
      return result.ok ? done("inviteRevoked") : refusedAnswer(result, { intent, values: formData });
    }
  }
  throw new Response("Unknown form", { status: 400 });
}

function SettingsForm() {
  const { t } = useTranslation("panel");
  const { settings, may } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(panelSettingsSchema, {
    defaultValues: {
      intent: "settings",
      mode: settings.mode,
      weightPercent: String(settings.weightPercent),
      scaleMin: String(settings.scaleMin),
      scaleMax: String(settings.scaleMax),
    },
    intent: "settings",
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="settings" />
      <FormError failure={failure} />
      <fieldset disabled={!may.settings} className="fieldset">
        <legend>{t("setup.settings")}</legend>
        <SelectField
          form={form}
          failure={failure}
          name="mode"
          label={t("setup.mode")}
          hint={t("setup.modeHint")}
          options={(["SHORTLIST", "WEIGHTED"] as const).map((mode) => ({ value: mode, label: t(`modes.${mode}`) }))}
        />
        <TextField
          form={form}
          failure={failure}
          name="weightPercent"
          label={t("setup.weightPercent")}
          hint={t("setup.weightPercentHint")}
          inputMode="numeric"
        />
        <div className="grid-2">
          <TextField form={form} failure={failure} name="scaleMin" label={t("setup.scaleMin")} inputMode="numeric" />
          <TextField form={form} failure={failure} name="scaleMax" label={t("setup.scaleMax")} inputMode="numeric" />
        </div>
        <button type="submit" className="button">
          {t("setup.saveSettings")}
        </button>
      </fieldset>
    </Form>
  );
}

function CriterionForm() {
  const { t } = useTranslation("panel");
  const { form, onSubmit, failure } = useValidatedForm(criterionSchema, { defaultValues: { intent: "add-criterion", weight: "1" }, intent: "add-criterion" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="add-criterion" />
      <FormError failure={failure} />
      <h3>{t("setup.addCriterion")}</h3>
      <p className="field-hint">{t("setup.criterionHint")}</p>
      {LOCALES.map((code) => (
        <fieldset key={code} className="fieldset" {...languageAttributes(code)}>
          <legend>{LOCALE_NAMES[code]}</legend>
          <TextField form={form} failure={failure} name={`names.${code}`} label={t("setup.criterionName")} maxLength={80} />
          <TextAreaField form={form} failure={failure} name={`explanations.${code}`} label={t("setup.criterionExplanation")} rows={2} />
        </fieldset>
      ))}
      <TextField form={form} failure={failure} name="weight" label={t("setup.weight")} hint={t("setup.weightHint")} inputMode="numeric" />
      <div>
        <button type="submit" className="button button-secondary">
          {t("setup.addCriterion")}
        </button>
      </div>
    </Form>
  );
}

/**
 * A criterion's name and question in every language, as stored: staff fill in a language to add or
 * change its translation and empty one to remove it (no JavaScript needed: one form, all six languages).
 */
function CriterionTranslationsForm({ criterion }: { criterion: { id: string; names: string; explanations: string } }) {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const [names, explanations] = [parseTranslations(criterion.names), parseTranslations(criterion.explanations)];
  const intent = "criterion-translations";
  const { form, onSubmit, failure } = useValidatedForm(criterionTranslationsSchema, {
    defaultValues: {
      intent,
      criterionId: criterion.id,
      names: Object.fromEntries(LOCALES.map((code) => [code, names[code] ?? ""])),
      explanations: Object.fromEntries(LOCALES.map((code) => [code, explanations[code] ?? ""])),
    },
    intent: `${intent}:${criterion.id}`,
  });
  const field = (name: string) => `criterion-${criterion.id}-${name}`;
  return (
    <details open={!!failure}>
      <summary>{t("setup.translationsOf", { name: localizedName(criterion.names, locale) })}</summary>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="intent" value={intent} />
        <input type="hidden" name="criterionId" value={criterion.id} />
        <FormError failure={failure} />
        <p className="field-hint">{t("setup.translationsHint")}</p>
        {LOCALES.map((code) => (
          <fieldset key={code} className="fieldset" {...languageAttributes(code)}>
            <legend>{LOCALE_NAMES[code]}</legend>
            <TextField form={form} failure={failure} id={field(`name-${code}`)} name={`names.${code}`} label={t("setup.criterionName")} maxLength={80} />
            <TextAreaField
              form={form}
              failure={failure}
              id={field(`explanation-${code}`)}
              name={`explanations.${code}`}
              label={t("setup.criterionExplanation")}
              rows={2}
            />
          </fieldset>
        ))}
        <div>
          <button type="submit" className="button button-secondary">
            {t("setup.saveTranslations")}
          </button>
        </div>
      </Form>
    </details>
  );
}

function MemberForm() {
  const { t } = useTranslation("panel");
  const { form, onSubmit, failure } = useValidatedForm(memberSchema, { defaultValues: { intent: "add-member" }, intent: "add-member" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="add-member" />
      <FormError failure={failure} />
      <TextField form={form} failure={failure} name="email" type="email" autoComplete="off" label={t("setup.memberEmail")} hint={t("setup.memberEmailHint")} />
      <div className="field field-checkbox">
        <input type="checkbox" id="field-chair" {...form.register("chair")} />
        <label htmlFor="field-chair">{t("setup.asChair")}</label>
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("setup.appoint")}
        </button>
      </div>
    </Form>
  );
}

/** Staff choose the vice-chair among the members who do not chair the panel; none leaves staff to decide. */
function ViceChairForm() {
  const { t } = useTranslation("panel");
  const { members } = useLoaderData<typeof loader>();
  const current = members.find((member) => member.isViceChair);
  const { form, onSubmit, failure } = useValidatedForm(viceChairSchema, {
    defaultValues: { intent: "vice-chair", userId: current?.userId ?? "" },
    intent: "vice-chair",
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="vice-chair" />
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        name="userId"
        label={t("setup.viceChairMember")}
        placeholder={t("setup.chooseMember")}
        options={members.filter((member) => !member.isChair).map((member) => ({ value: member.userId, label: member.user.name }))}
      />
      <div>
        <button type="submit" className="button button-secondary">
          {t("setup.appointViceChair")}
        </button>
      </div>
    </Form>
  );
}

/**
 * The refusal no form on the page shows: a button's (remove, make chair…), or a form's that the page
 * no longer offers (the round moved into REVIEW since it was loaded, the criterion is gone). The page
 * says it at the top instead.
 */
function useRefusalWithoutForm() {
  const answer = useActionData<unknown>();
  const { criteria, may } = useLoaderData<typeof loader>();
  if (!isFormFailure(answer)) return undefined;
  const intent = (answer as { intent?: unknown }).intent;
  const shownOnItsForm =
    intent === "settings" ||
    ((intent === "add-criterion" || criteria.some((criterion) => intent === `criterion-translations:${criterion.id}`)) && may.criteria) ||
    ((intent === "add-member" || intent === "vice-chair") && may.members);
  return shownOnItsForm ? undefined : answer;
}

const NOTICES = [
  "saved",
  "criterionAdded",
  "criterionRemoved",
  "translationsSaved",
  "memberAdded",
  "invited",
  "memberRemoved",
  "chairSet",
  "viceChairSet",
  "viceChairRemoved",
  "inviteRevoked",
] as const;

export default function PanelSetupPage() {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { round, criteria, members, invites, deciders, may } = useLoaderData<typeof loader>();
  const notice = NOTICES.find((name) => params.get(name));
  const refusal = useRefusalWithoutForm();
  const totalWeight = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  return (
    <div className="stack">
      <p>
        <RoundTitleLink round={round} to={`/staff/rounds/${round.id}`} />
      </p>
      <h1>{t("setup.title")}</h1>
      {!round.hasReview ? <p className="alert alert-info">{t("setup.noReview")}</p> : null}
      <p>{may.settings ? t("setup.intro") : t("setup.locked")}</p>
      <p className="button-row">
        <Link to={`/panel/${round.id}`}>{t("setup.openBoard")}</Link>
        {members.length > 0 ? <Link to={`/rounds/${round.id}/panel`}>{t("setup.openReport")}</Link> : null}
      </p>
      <FormError failure={refusal} />
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`setup.notices.${notice}`)}
        </p>
      ) : null}
      <SettingsForm />

      <section className="card" aria-labelledby="criteria-title">
        <h2 id="criteria-title">{t("setup.criteria")}</h2>
        {criteria.length === 0 ? (
          <p className="empty-state">{t("setup.noCriteria")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("setup.criteria")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("setup.criterionName")}</th>
                  <th scope="col">{t("setup.weight")}</th>
                  {may.criteria ? (
                    <th scope="col">
                      <span className="visually-hidden">{t("setup.actions")}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {criteria.map((criterion) => (
                  <tr key={criterion.id}>
                    <td>
                      <strong {...languageAttributes(pickName(criterion.names, locale)?.locale)}>{localizedName(criterion.names, locale)}</strong>
                      <br />
                      <span className="muted" {...languageAttributes(pickName(criterion.explanations, locale)?.locale)}>
                        {localizedName(criterion.explanations, locale)}
                      </span>
                      {may.criteria ? <CriterionTranslationsForm criterion={criterion} /> : null}
                    </td>
                    <td>{t("setup.weightShare", { weight: criterion.weight, percent: Math.round((criterion.weight / totalWeight) * 100) })}</td>
                    {may.criteria ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove-criterion" />
                          <input type="hidden" name="criterionId" value={criterion.id} />
                          <button type="submit" className="link-button">
                            {t("setup.removeCriterion")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {may.criteria ? <CriterionForm /> : null}
      </section>

      <section className="card" aria-labelledby="members-title">
        <h2 id="members-title">{t("setup.members")}</h2>
        {members.length === 0 ? (
          <p className="empty-state">{t("setup.noMembers")}</p>
        ) : (
          <ul className="audit-list">
            {members.map((member) => (
              <li key={member.userId} className="row-between">
                <span>
                  <bdi>{member.user.name}</bdi> <span className="muted">({member.user.email})</span>
                  {member.isChair ? <strong> · {t("chair")}</strong> : null}
                  {member.isViceChair ? <strong> · {t("viceChair")}</strong> : null}
                  {member.namePublic ? <span className="muted"> · {t("setup.namePublic")}</span> : null}
                </span>
                {may.members ? (
                  <span className="button-row">
                    {!member.isChair ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="make-chair" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <button type="submit" className="link-button">
                          {t("setup.makeChair", { name: member.user.name })}
                        </button>
                      </Form>
                    ) : null}
                    {member.isViceChair ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="remove-vice-chair" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <button type="submit" className="link-button">
                          {t("setup.removeViceChair", { name: member.user.name })}
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove-member" />
                      <input type="hidden" name="userId" value={member.userId} />
                      <button type="submit" className="link-button">
                        {t("setup.removeMember", { name: member.user.name })}
                      </button>
                    </Form>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {invites.length ? (
          <>
            <h3>{t("setup.invites")}</h3>
            <ul className="audit-list">
              {invites.map((invite) => (
                <li key={invite.id} className="row-between">
                  <span>
                    <bdi>{invite.email}</bdi>{" "}
                    <span className="muted">
                      · {t(invite.expired ? "setup.inviteExpired" : "setup.inviteSent", { date: formatDateTime(invite.createdAt, locale) })}
                    </span>
                  </span>
                  {may.revokeInvite ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invite" />
                      <input type="hidden" name="inviteId" value={invite.id} />
                      <button type="submit" className="link-button">
                        {t("setup.revokeInvite", { email: invite.email })}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {may.members ? <MemberForm /> : <p>{t("setup.membersLocked")}</p>}
      </section>

      <section className="card" aria-labelledby="vice-chair-title">
        <h2 id="vice-chair-title">{t("setup.viceChair")}</h2>
        <p>{t("setup.viceChairHint")}</p>
        {members.some((member) => member.isViceChair) ? null : <p className="muted">{t("setup.noViceChair")}</p>}
        {may.members ? <ViceChairForm /> : null}
      </section>

      {deciders.length ? (
        <section className="card" aria-labelledby="deciders-title">
          <h2 id="deciders-title">{t("setup.deciders")}</h2>
          <ul className="audit-list">
            {deciders.map((row) => {
              const text = pickLocalized(row.texts, locale, row.originalLocale);
              return (
                <li key={row.id}>
                  <span className="proposal-number">#{row.number}</span> <bdi {...languageAttributes(text?.locale)}>{text?.text.title}</bdi> ·{" "}
                  <WhoDecides decider={row.decider} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
