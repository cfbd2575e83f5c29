import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { languageAttributes } from "~/i18n/config";
import { readFormData } from "~/http/read-form.server";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditTrail } from "~/audit/audit.server";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { RoundForm } from "~/rounds/components/RoundForm";
import { Timeline } from "~/rounds/components/Timeline";
import { roundFormValues } from "~/rounds/form-values";
import { closesVotingEarly, nextPhase, setupIsOpen } from "~/rounds/phases";
import { advancePhase, listNeighbourhoods, roundById, updateRound, type PanelUndecided } from "~/rounds/rounds.server";
import { advancePhaseSchema, roundSchemaFor } from "~/rounds/schema";
import { codeBatches, openBallot } from "~/voting/voting.server";
import { announceVotingOpened } from "~/notifications/tasks.server";
import { siteUrl } from "~/security/hosts.server";
import { formatDateTime } from "~/i18n/format";
import { parseFormData } from "~/kernel/form-data";
import { CheckboxField, FormError, useValidatedForm } from "~/ui/form";
import { PhaseBadge } from "~/rounds/components/RoundSummary";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds", "panel", "voting", "workspace"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.manageTitle");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const next = nextPhase(round.phase, { hasReview: round.hasReview });
  const closingEarly = next !== null && closesVotingEarly(round, next, new Date());
  const [neighbourhoods, audit, codes] = await Promise.all([
    listNeighbourhoods(db(), { including: round.neighbourhoodId }),
    auditTrail(db(), { entityType: "BudgetRound", entityId: round.id, take: 50 }),
    closingEarly && round.eligibility === "CODES" ? codeBatches(db(), round.id) : null,
  ]);
  return {
    round,
    neighbourhoods,
    next,
    // What staff must know before closing voting early: the announced end, and the codes not yet used.
    earlyClose: closingEarly ? { endsAt: round.votingEndsAt!, unusedCodes: codes?.unused ?? null } : null,
    audit: audit.map((entry) => ({ id: entry.id, at: entry.at, action: entry.action, details: entry.details, actor: entry.actor?.name ?? null })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "save") {
    const parsed = parseFormData(roundSchemaFor(await localeFor(args.request, args.context)), formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await updateRound(db(), user.id, round.id, parsed.data);
    if (!result.ok) return refusedAnswer(result, { intent, values: formData });
    return redirect(`/staff/rounds/${round.id}?saved=1`);
  }
  if (intent === "advance") {
    const parsed = parseFormData(advancePhaseSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await advancePhase(
      db(),
      user.id,
      round.id,
      parsed.data.from,
      parsed.data.to,
      {
        // The ballot opens, then the round's followers are told (and reminded before it closes).
        openVoting: async (tx, roundId) => {
          const refusal = await openBallot(tx, roundId);
          if (!refusal) await announceVotingOpened(tx, roundId, siteUrl());
          return refusal;
        },
      },
      { closeEarly: parsed.data.closeEarly },
    );
    // Voting refused for undecided proposals: the answer lists them, for the form to link each.
    if (!result.ok) return refusedAnswer(result, { intent, extra: "undecided" in result ? { undecided: result.undecided } : undefined });
    return redirect(`/staff/rounds/${round.id}?moved=${result.phase}`);
  }
  throw new Response("Unknown form", { status: 400 });
}

/**
 * The proposals that keep voting from opening (no panel decision yet), each linked to its row in
 * the panel workspace, which says who decides it. Part of the action's answer: no JavaScript needed.
 */
function UndecidedProposals({ roundId, undecided }: { roundId: string; undecided: PanelUndecided["undecided"] }) {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  return (
    <div className="alert alert-error">
      <ul aria-label={t("advance.undecided")}>
        {undecided.map((proposal) => {
          const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
          return (
            <li key={proposal.id}>
              <Link to={`/panel/${roundId}#proposal-${proposal.id}`}>
                #{proposal.number} <bdi {...languageAttributes(text?.locale)}>{text?.text.title}</bdi>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function AdvancePhaseForm() {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  const { round, next, earlyClose } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(advancePhaseSchema, {
    defaultValues: { intent: "advance", from: round.phase, to: next ?? undefined },
    intent: "advance",
  });
  const confirmError = form.formState.errors.confirm?.message ?? failure?.errors.confirm;
  const undecided = (failure as { undecided?: PanelUndecided["undecided"] } | undefined)?.undecided;
  if (!next) return <p>{t("advance.closed")}</p>;
  // Publishing computes the result too: it happens on the results page, after a preview.
  if (next === "PUBLISHED") {
    return (
      <p>
        {t("advance.publishOnResults")} <Link to={`/staff/rounds/${round.id}/results`}>{t("staff.results")}</Link>
      </p>
    );
  }
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <FormError failure={failure} />
      {undecided?.length ? <UndecidedProposals roundId={round.id} undecided={undecided} /> : null}
      <input type="hidden" name="intent" value="advance" />
      <input type="hidden" name="from" value={round.phase} />
      <input type="hidden" name="to" value={next} />
      <p>{t("advance.explain", { from: t(`phases.${round.phase}.name`), to: t(`phases.${next}.name`) })}</p>
      <p className="muted">{t(`phases.${next}.explainer`)}</p>
      {earlyClose ? (
        <div className="alert alert-warning stack" role="note">
          <p>
            <strong>{t("advance.earlyTitle")}</strong> {t("advance.earlyEnd", { date: formatDateTime(earlyClose.endsAt, locale) })}
          </p>
          {earlyClose.unusedCodes !== null ? <p>{t("advance.earlyCodes", { count: earlyClose.unusedCodes })}</p> : null}
          <CheckboxField form={form} failure={failure} name="closeEarly" label={t("advance.closeEarly", { date: formatDateTime(earlyClose.endsAt, locale) })} />
        </div>
      ) : null}
      <div className={`field field-checkbox${confirmError ? " field-invalid" : ""}`}>
        <input
          type="checkbox"
          id="field-confirm"
          value="yes"
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError ? "field-confirm-error" : undefined}
          {...form.register("confirm")}
        />
        <label htmlFor="field-confirm">{t("advance.confirm", { to: t(`phases.${next}.name`) })}</label>
        {confirmError ? (
          <p className="field-error" id="field-confirm-error">
            {t(confirmError, { ns: ["rounds", "common"] })}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button-warning">
          {t("advance.submit", { to: t(`phases.${next}.name`) })}
        </button>
      </div>
    </Form>
  );
}

export default function ManageRoundPage() {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { round, neighbourhoods, audit } = useLoaderData<typeof loader>();
  const text = pickLocalized(round.translations, locale, round.originalLocale);
  const moved = params.get("moved");
  return (
    <div className="stack">
      <header>
        <h1 {...languageAttributes(text?.locale)}>{text?.text.title ?? t("untitled")}</h1>
        <p className="button-row">
          <Link to={`/rounds/${round.id}`}>{t("staff.publicPage")}</Link>
          <Link to={`/staff/rounds/${round.id}/rules`}>{t("staff.rules")}</Link>
          {round.hasReview ? <Link to={`/staff/rounds/${round.id}/panel`}>{t("panel:setup.title")}</Link> : null}
          <Link to={`/staff/rounds/${round.id}/voting`}>{t("voting:staff.title")}</Link>
          <Link to={`/staff/rounds/${round.id}/results`}>{t("staff.results")}</Link>
        </p>
      </header>
      {params.get("saved") ? (
        <p className="alert alert-success" role="status">
          {t("staff.saved")}
        </p>
      ) : null}
      {moved ? (
        <p className="alert alert-success" role="status">
          {t("advance.done", { to: t(`phases.${moved}.name`) })}
        </p>
      ) : null}
      <section className="card" aria-labelledby="phase-title">
        <h2 id="phase-title">{t("advance.title")}</h2>
        <p>
          {t("advance.current")} <PhaseBadge phase={round.phase} />
        </p>
        <Timeline round={round} locale={locale} />
        <AdvancePhaseForm />
      </section>
      <section className="card" aria-labelledby="edit-title">
        <h2 id="edit-title">{t("staff.editRound")}</h2>
        <RoundForm
          neighbourhoods={neighbourhoods}
          defaultValues={roundFormValues(round, locale)}
          submitLabel={t("form.save")}
          budgetLocked={!setupIsOpen(round.phase)}
        />
      </section>
      <section className="card" aria-labelledby="exports-title">
        <h2 id="exports-title">{t("exports.title")}</h2>
        <ul className="plain-list stack">
          <li>
            <Link to={`/staff/rounds/${round.id}/stats`}>{t("workspace:stats.title")}</Link>
          </li>
          <li>
            <a href={`/staff/rounds/${round.id}/proposals.csv`} download>
              {t("exports.proposals")}
            </a>
          </li>
          {round.hasReview ? (
            <li>
              <a href={`/staff/rounds/${round.id}/reviews.csv`} download>
                {t("exports.reviews")}
              </a>{" "}
              <span className="muted">{t("exports.reviewsHint")}</span>
            </li>
          ) : null}
          <li>
            <a href={`/rounds/${round.id}/data.json`} type="application/json">
              {t("openData.link")}
            </a>
          </li>
        </ul>
      </section>
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("staff.history")}</h2>
        {audit.length === 0 ? (
          <p className="empty-state">{t("staff.noHistory")}</p>
        ) : (
          <ul className="audit-list">
            {audit.map((entry) => (
              <li key={entry.id}>
                <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, locale)}</time> ·{" "}
                {t(`audit.${entry.action}`, { defaultValue: entry.action })} · {entry.actor ?? t("audit.system")}
                <code className="audit-details">{entry.details}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
