import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { can, type Permission } from "~/auth/permissions";
import { db } from "~/db.server";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { pickLocalized } from "~/i18n/content";
import { formatDate, formatDateTime } from "~/i18n/format";
import { LOCALE_NAMES, NAMESPACES, isLocale } from "~/i18n/config";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { parseFormData } from "~/kernel/form-data";
import type { Result } from "~/kernel/result";
import { appointMember } from "~/panel/panel.server";
import { PersonStatus } from "~/people/components/PersonStatus";
import { blockAccount, changeRole, deactivateAccount, personChoices, personForStaff, reactivateAccount, unblockAccount } from "~/people/people.server";
import { assignableRoles, blockRefusal, deactivationRefusal, reactivationRefusal, roleChangeRefusal, unblockRefusal } from "~/people/rules";
import { BLOCK_REASON_MAX, blockSchema, coachSchema, plainIntentSchema, roleSchema, roundChoiceSchema, type PersonIntent } from "~/people/schema";
import { assignCoach } from "~/proposals/proposals.server";
import { siteUrl } from "~/security/hosts.server";
import { FormError, isFormFailure, SelectField, TextAreaField, useValidatedForm } from "~/ui/form";
import { useLocale } from "~/ui/useLocale";
import { verifyVoter } from "~/voting/voting.server";

export const handle: I18nHandle = { i18n: ["people"] };

export const meta: MetaFunction = (args) => pageTitle(args, "people:person.title");

export async function loader(args: LoaderFunctionArgs) {
  const viewer = await requirePermission(args, "user:moderate");
  const found = notFoundUnless(await personForStaff(db(), idParam(args.params, "userId")));
  const { person, facts, activeAdmins } = found;
  const choices = await personChoices(db(), { coach: person.role !== "RESIDENT" && !facts.deactivated });
  const mayManage = can(viewer, "user:manage");
  const roles = mayManage ? assignableRoles(facts, activeAdmins) : [];
  return {
    person,
    choices,
    may: {
      block: blockRefusal(viewer.id, facts) === null,
      unblock: unblockRefusal(facts) === null,
      // Admins only: hidden from staff, refused to them on the server.
      roles,
      // Why an admin cannot change this role now (the last active admin, a blocked account), said where the form would be.
      roleNote:
        mayManage && roles.length === 0 ? (roleChangeRefusal(facts, facts.role === "ADMIN" ? "STAFF" : "ADMIN", activeAdmins)?.formError ?? null) : null,
      deactivate: mayManage && deactivationRefusal(viewer.id, facts, activeAdmins) === null,
      reactivate: mayManage && reactivationRefusal(facts) === null,
      verify: can(viewer, "round:manage") && !facts.deactivated,
      panel: can(viewer, "round:manage") && !facts.deactivated,
      coach: can(viewer, "proposal:review") && person.role !== "RESIDENT" && !facts.deactivated,
    },
  };
}

/** The permission each form needs besides staff's "user:moderate": roles and deactivation are the admins'. */
const NEEDS: Record<PersonIntent, Permission> = {
  block: "user:moderate",
  unblock: "user:moderate",
  role: "user:manage",
  deactivate: "user:manage",
  reactivate: "user:manage",
  verify: "round:manage",
  panel: "round:manage",
  coach: "proposal:review",
};

function isIntent(value: unknown): value is PersonIntent {
  return typeof value === "string" && Object.hasOwn(NEEDS, value);
}

export async function action(args: ActionFunctionArgs) {
  await requirePermission(args, "user:moderate");
  const userId = idParam(args.params, "userId");
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) throw new Response("Unknown form", { status: 400 });
  // 403 before the form is acted on: staff sending an admin's form, say.
  const actor = await requirePermission(args, NEEDS[intent]);
  const done = (result: Result) => (result.ok ? redirect(`/staff/people/${userId}?done=${intent}`) : refusedAnswer(result, { intent, values: formData }));
  switch (intent) {
    case "block": {
      const parsed = parseFormData(blockSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      return done(await blockAccount(db(), actor, userId, parsed.data.reason));
    }
    case "role": {
      const parsed = parseFormData(roleSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      return done(await changeRole(db(), actor, userId, parsed.data.role));
    }
    case "unblock":
    case "deactivate":
    case "reactivate": {
      const parsed = parseFormData(plainIntentSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const change = { unblock: unblockAccount, deactivate: deactivateAccount, reactivate: reactivateAccount }[parsed.data.intent];
      return done(await change(db(), actor, userId));
    }
    case "verify":
    case "panel": {
      const parsed = parseFormData(roundChoiceSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const person = notFoundUnless(await personForStaff(db(), userId)).person;
      const result =
        intent === "verify"
          ? await verifyVoter(db(), actor.id, parsed.data.roundId, person.email)
          : await appointMember(db(), actor, parsed.data.roundId, { email: person.email, chair: false }, siteUrl());
      return done(result);
    }
    case "coach": {
      const parsed = parseFormData(coachSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      return done(await assignCoach(db(), actor, parsed.data.proposalId, userId));
    }
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The forms the page shows, by intent. */
function shownIntents(may: LoaderData["may"]): string[] {
  const shown = {
    block: may.block,
    unblock: may.unblock,
    role: may.roles.length > 0,
    deactivate: may.deactivate,
    reactivate: may.reactivate,
    verify: may.verify,
    panel: may.panel,
    coach: may.coach,
  };
  return Object.entries(shown)
    .filter(([, isShown]) => isShown)
    .map(([intent]) => intent);
}

export default function PersonPage() {
  const { t } = useTranslation("people");
  const locale = useLocale();
  const { person, may } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const blocked = !!person.blockedAt;
  const answer = useActionData<typeof action>();
  // A refusal of a form the page no longer shows (someone changed the account meanwhile) is said at the top.
  const answeredIntent = isFormFailure(answer) ? (answer as { intent?: string }).intent : undefined;
  const orphan = answeredIntent && !shownIntents(may).includes(answeredIntent) && isFormFailure(answer) ? answer : undefined;
  return (
    <div className="stack">
      <header>
        <p>
          <Link to="/staff/people">{t("list.title")}</Link>
        </p>
        <h1>
          <bdi>{person.name}</bdi>
        </h1>
        <p className="muted">
          <PersonStatus blocked={blocked} deactivated={!!person.deactivatedAt} />
        </p>
      </header>
      <FormError failure={orphan} />
      {done && isIntent(done) ? (
        <p className="alert alert-success" role="status">
          {t(`done.${done}`)}
        </p>
      ) : null}
      <dl className="card">
        <dt>{t("fields.email")}</dt>
        <dd dir="ltr">{person.email}</dd>
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${person.role}`)}</dd>
        <dt>{t("fields.language")}</dt>
        <dd>{isLocale(person.locale) ? <span lang={person.locale}>{LOCALE_NAMES[person.locale]}</span> : t("fields.noLanguage")}</dd>
        <dt>{t("fields.created")}</dt>
        <dd>{formatDate(person.createdAt, locale)}</dd>
        <dt>{t("fields.twoFactor")}</dt>
        <dd>{person.totpEnabledAt ? t("fields.twoFactorOn") : t("fields.twoFactorOff")}</dd>
        {blocked ? (
          <>
            <dt>{t("fields.blocked")}</dt>
            <dd>
              {person.blockedBy
                ? t("fields.blockedOnBy", { date: formatDateTime(person.blockedAt!, locale), name: person.blockedBy.name })
                : t("fields.blockedOn", { date: formatDateTime(person.blockedAt!, locale) })}
            </dd>
            <dt>{t("fields.reason")}</dt>
            <dd dir="auto">{person.blockedReason}</dd>
          </>
        ) : null}
        {person.deactivatedAt ? (
          <>
            <dt>{t("fields.deactivated")}</dt>
            <dd>{formatDateTime(person.deactivatedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <Link to={`/staff/audit?actor=${person.id}`}>{t("person.auditLink")}</Link>
      </p>
      {may.block ? <BlockForm /> : null}
      {may.unblock ? <PlainForm intent="unblock" titleKey="unblock.title" hintKey="unblock.hint" buttonKey="unblock.submit" /> : null}
      {may.roles.length > 0 ? <RoleForm roles={may.roles} /> : null}
      {may.roleNote ? (
        <section className="card stack" aria-labelledby="role-title">
          <h2 id="role-title">{t("role.title")}</h2>
          <p>{t(may.roleNote, { ns: NAMESPACES })}</p>
        </section>
      ) : null}
      {may.deactivate ? <PlainForm intent="deactivate" titleKey="deactivate.title" hintKey="deactivate.hint" buttonKey="deactivate.submit" warning /> : null}
      {may.reactivate ? <PlainForm intent="reactivate" titleKey="reactivate.title" hintKey="reactivate.hint" buttonKey="reactivate.submit" /> : null}
      {may.verify ? <RoundForm intent="verify" /> : null}
      {may.panel ? <RoundForm intent="panel" /> : null}
      {may.coach ? <CoachForm /> : null}
    </div>
  );
}

function BlockForm() {
  const { t } = useTranslation("people");
  const { form, onSubmit, failure } = useValidatedForm(blockSchema, { defaultValues: { intent: "block" }, intent: "block" });
  return (
    <section className="card stack" aria-labelledby="block-title">
      <h2 id="block-title">{t("block.title")}</h2>
      <p>{t("block.hint")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="intent" value="block" />
        <FormError failure={failure} form={form} />
        <TextAreaField
          form={form}
          failure={failure}
          name="reason"
          label={t("block.reason")}
          hint={t("block.reasonHint")}
          maxLength={BLOCK_REASON_MAX}
          required
        />
        <div>
          <button type="submit" className="button button-warning">
            {t("block.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function PlainForm({
  intent,
  titleKey,
  hintKey,
  buttonKey,
  warning,
}: {
  intent: "unblock" | "deactivate" | "reactivate";
  titleKey: string;
  hintKey: string;
  buttonKey: string;
  warning?: boolean;
}) {
  const { t } = useTranslation("people");
  const { form, onSubmit, failure } = useValidatedForm(plainIntentSchema, { defaultValues: { intent }, intent });
  return (
    <section className="card stack" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{t(titleKey)}</h2>
      <p>{t(hintKey)}</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <FormError failure={failure} form={form} />
        <input type="hidden" name="intent" value={intent} />
        <button type="submit" className={warning ? "button button-warning" : "button button-secondary"}>
          {t(buttonKey)}
        </button>
      </Form>
    </section>
  );
}

function RoleForm({ roles }: { roles: LoaderData["may"]["roles"] }) {
  const { t } = useTranslation("people");
  const { person } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(roleSchema, { defaultValues: { intent: "role", role: roles[0] }, intent: "role" });
  return (
    <section className="card stack" aria-labelledby="role-title">
      <h2 id="role-title">{t("role.title")}</h2>
      <p>{t("role.hint", { role: t(`roles.${person.role}`) })}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <input type="hidden" name="intent" value="role" />
        <FormError failure={failure} form={form} />
        <SelectField
          form={form}
          failure={failure}
          name="role"
          label={t("role.newRole")}
          options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          required
        />
        <div>
          <button type="submit" className="button">
            {t("role.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function RoundForm({ intent }: { intent: "verify" | "panel" }) {
  const { t } = useTranslation("people");
  const locale = useLocale();
  const { choices } = useLoaderData<typeof loader>();
  const rounds = intent === "verify" ? choices.verifyRounds : choices.panelRounds;
  const { form, onSubmit, failure } = useValidatedForm(roundChoiceSchema, { defaultValues: { intent }, intent });
  const options = rounds.map((round) => {
    const title = pickLocalized(round.translations, locale, round.originalLocale)?.text.title ?? "";
    return { value: round.id, label: `${round.neighbourhood.name} – ${title}` };
  });
  return (
    <section className="card stack" aria-labelledby={`${intent}-title`}>
      <h2 id={`${intent}-title`}>{t(`${intent}.title`)}</h2>
      <p>{t(`${intent}.hint`)}</p>
      {options.length === 0 ? (
        <p className="empty-state">{t(`${intent}.none`)}</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <input type="hidden" name="intent" value={intent} />
          <FormError failure={failure} form={form} />
          <SelectField
            form={form}
            failure={failure}
            name="roundId"
            label={t("fields.round")}
            placeholder={t("fields.chooseRound")}
            options={options}
            required
          />
          <div>
            <button type="submit" className="button">
              {t(`${intent}.submit`)}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}

function CoachForm() {
  const { t } = useTranslation("people");
  const locale = useLocale();
  const { choices, person } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(coachSchema, { defaultValues: { intent: "coach" }, intent: "coach" });
  const options = choices.proposals
    .filter((proposal) => proposal.coachId !== person.id)
    .map((proposal) => {
      const title = pickLocalized(proposal.texts, locale, proposal.originalLocale)?.text.title ?? t("coach.untitled");
      return { value: proposal.id, label: proposal.number ? `#${proposal.number} ${title}` : title };
    });
  return (
    <section className="card stack" aria-labelledby="coach-title">
      <h2 id="coach-title">{t("coach.title")}</h2>
      <p>{t("coach.hint")}</p>
      {options.length === 0 ? (
        <p className="empty-state">{t("coach.none")}</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit} className="stack">
          <input type="hidden" name="intent" value="coach" />
          <FormError failure={failure} form={form} />
          <SelectField form={form} failure={failure} name="proposalId" label={t("coach.proposal")} placeholder={t("coach.choose")} options={options} required />
          <div>
            <button type="submit" className="button">
              {t("coach.submit")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
