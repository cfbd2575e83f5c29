import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { resultsArePublished, resultsInPreview } from "~/rounds/phases";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CountProgress, countIsPending } from "~/results/components/CountProgress";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { NAMESPACES } from "~/i18n/config";
import { OutcomeChangesView, OutcomeFacts, ProjectTitle, ProjectsTable, RuleExplanation, type TextsById } from "~/results/components/OutcomeView";
import { outcomeChanges } from "~/results/outcome";
import { publishSchema, withdrawSchema } from "~/results/schema";
import { countAgain } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { staffResults } from "~/results/staff.server";
import { requestWithdrawal } from "~/results/withdraw.server";
import { PhaseBadge } from "~/rounds/components/RoundSummary";
import { FormError, LocaleSelectField, TextAreaField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle = { i18n: ["rounds", "results"] };

export const meta: MetaFunction = (args) => pageTitle(args, "results:staff.title");

async function load(params: LoaderFunctionArgs["params"]) {
  return notFoundUnless(await staffResults(db(), idParam(params, "roundId")));
}

/**
 * In TALLY a tally job counts the round (queued by the first load, and again whenever the round changed); the
 * page shows its progress until its preview is ready, and publishing publishes exactly that count. After
 * publishing, a withdrawal's recount shows its progress the same way.
 */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const { round, job, recount, versions, source, eligible, texts } = await load(args.params);
  const [current, previous] = versions;
  const numberOf = (proposalId: string) => current?.outcome.projects.find((project) => project.proposalId === proposalId)?.number ?? null;
  return {
    round: { id: round.id, phase: round.phase, translations: round.translations, originalLocale: round.originalLocale, importedFrom: round.importedFrom },
    count: job ? { id: job.id, status: job.status, progress: job.progress, error: job.error, finishedAt: job.finishedAt } : null,
    preview: job?.outcome ?? null,
    recount: recount
      ? {
          status: recount.status,
          progress: recount.progress,
          error: recount.error,
          number: recount.withdrawing ? numberOf(recount.withdrawing.proposalId) : null,
        }
      : null,
    current: current ?? null,
    changes: current && previous ? outcomeChanges(previous.outcome, current.outcome) : null,
    versions: versions.map((version) => ({
      version: version.version,
      reason: version.reason,
      publishedAt: version.publishedAt,
      funded: version.outcome.funded.length,
    })),
    fileSelected: source ? Object.fromEntries(Object.entries(source.projects).map(([id, project]) => [id, project.selected])) : null,
    unknownRule: source?.unknownRule ?? null,
    currency: source?.currency ?? "EUR",
    eligible,
    texts,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const { round } = await load(args.params);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  switch (intent) {
    case "publish": {
      const parsed = parseFormData(publishSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await publishResults(db(), user.id, round.id, parsed.data.jobId);
      return result.ok ? redirect(`/staff/rounds/${round.id}/results?published=1`) : refusedAnswer(result, { intent, values: formData });
    }
    case "count-again": {
      const result = await countAgain(db(), round.id);
      return result.ok ? redirect(`/staff/rounds/${round.id}/results?counting=1`) : refusedAnswer(result, { intent, values: formData });
    }
    case "withdraw": {
      // Each funded project has its own form: the answer names the project so only that form shows it.
      const answerIntent = `withdraw:${postedId(formData, "proposalId")}`;
      const parsed = parseFormData(withdrawSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, answerIntent);
      const reasonLocale = parsed.data.reasonLocale ?? (await localeFor(args.request, args.context));
      const result = await requestWithdrawal(db(), user.id, round.id, { ...parsed.data, reasonLocale });
      return result.ok ? redirect(`/staff/rounds/${round.id}/results?withdrawing=1`) : refusedAnswer(result, { intent: answerIntent, values: formData });
    }
  }
  throw new Response("Unknown form", { status: 400 });
}

function PublishForm({ jobId }: { jobId: string }) {
  const { t } = useTranslation("results");
  const { form, onSubmit, failure } = useValidatedForm(publishSchema, { defaultValues: { intent: "publish", jobId }, intent: "publish" });
  const error = form.formState.errors.confirm?.message ?? failure?.errors.confirm;
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack card">
      <input type="hidden" name="intent" value="publish" />
      {/* The count staff saw: publishing refuses it once the round has changed since. */}
      <input type="hidden" name="jobId" value={jobId} />
      <h2>{t("staff.publishTitle")}</h2>
      <FormError failure={failure} />
      <p>{t("staff.publishExplained")}</p>
      <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
        <input
          type="checkbox"
          id="field-publish-confirm"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "publish-confirm-error" : undefined}
          {...form.register("confirm")}
        />
        <label htmlFor="field-publish-confirm">{t("staff.publishConfirm")}</label>
        {error ? (
          <p className="field-error" id="publish-confirm-error">
            {t(String(error), { ns: NAMESPACES })}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button">
          {t("staff.publish")}
        </button>
      </div>
    </Form>
  );
}

function WithdrawForm({ proposalId, number, texts }: { proposalId: string; number: number; texts: TextsById }) {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const intent = `withdraw:${proposalId}`;
  const { form, onSubmit, failure } = useValidatedForm(withdrawSchema, { defaultValues: { intent: "withdraw", proposalId, reasonLocale: locale }, intent });
  const confirmError = form.formState.errors.confirm?.message ?? failure?.errors.confirm;
  const idBase = `withdraw-${proposalId}`;
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="withdraw" />
      <input type="hidden" name="proposalId" value={proposalId} />
      <FormError failure={failure} />
      <TextAreaField
        form={form}
        failure={failure}
        name="reason"
        id={`${idBase}-reason`}
        label={t("staff.withdrawReason")}
        hint={t("staff.withdrawReasonHint")}
        rows={3}
      />
      <LocaleSelectField form={form} failure={failure} name="reasonLocale" id={`${idBase}-reason-locale`} label={t("common:content.writtenIn")} />
      <div className={`field field-checkbox${confirmError ? " field-invalid" : ""}`}>
        <input
          type="checkbox"
          id={`${idBase}-confirm`}
          aria-invalid={confirmError ? true : undefined}
          aria-describedby={confirmError ? `${idBase}-confirm-error` : undefined}
          {...form.register("confirm")}
        />
        <label htmlFor={`${idBase}-confirm`}>{t("staff.withdrawConfirm", { number })}</label>
        {confirmError ? (
          <p className="field-error" id={`${idBase}-confirm-error`}>
            {t(String(confirmError), { ns: NAMESPACES })}
          </p>
        ) : null}
      </div>
      <div>
        <button type="submit" className="button button-warning">
          {t("staff.withdraw")}
          <span className="visually-hidden">
            {" "}
            <ProjectTitle texts={texts} proposalId={proposalId} number={number} locale={locale} link={false} />
          </span>
        </button>
      </div>
    </Form>
  );
}

const NOTICES = ["published", "withdrawing", "counting"] as const;

function CountAgainForm() {
  const { t } = useTranslation("results");
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="count-again" />
      <button type="submit" className="button">
        {t("jobs.countAgain")}
      </button>
    </Form>
  );
}

export default function StaffResultsPage() {
  const { t } = useTranslation("results");
  const locale = useLocale();
  const [params] = useSearchParams();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { round, count, preview, recount, current, changes, versions, fileSelected, unknownRule, currency, eligible, texts } = loaded;
  // After a withdrawal: "being recounted" while it counts, "withdrawn" once the recount is published.
  const asked = NOTICES.find((name) => params.get(name));
  const notice = asked === "withdrawing" && !countIsPending(recount) ? (recount ? null : "withdrawn") : asked;
  const published = resultsArePublished(round.phase);
  const withdrawable =
    current && !countIsPending(recount)
      ? current.outcome.projects.filter((project) => project.funded && ["FUNDED", "IN_PROGRESS"].includes(texts[project.proposalId]?.status ?? ""))
      : [];
  const realisable = current
    ? current.outcome.projects.filter((project) => ["FUNDED", "IN_PROGRESS", "REALISED"].includes(texts[project.proposalId]?.status ?? ""))
    : [];
  // A refusal for a form that is no longer on the page (publishing twice, withdrawing an unfunded project).
  const answered = actionData && "formError" in actionData && actionData.formError ? actionData : null;
  const answeredIntent = actionData && "intent" in actionData ? actionData.intent : null;
  const formShown =
    (answered?.intent === "publish" && resultsInPreview(round.phase) && !!preview) ||
    withdrawable.some((project) => answered?.intent === `withdraw:${project.proposalId}`);
  return (
    <div className="stack">
      <p>
        <RoundTitleLink round={round} to={`/staff/rounds/${round.id}`} /> <PhaseBadge phase={round.phase} />
      </p>
      <h1>{t("staff.title")}</h1>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`staff.notices.${notice}`)}
        </p>
      ) : null}
      {answered && !formShown ? (
        <p className="alert alert-error" role="alert">
          {t(answered.formError!, { ...(answered.formErrorValues ?? {}), ns: NAMESPACES })}
        </p>
      ) : null}
      {round.importedFrom ? <p className="alert alert-info">{t("staff.imported", { file: round.importedFrom })}</p> : null}
      {unknownRule ? <p className="alert alert-info">{t("staff.unknownRule", { rule: unknownRule })}</p> : null}

      {!resultsInPreview(round.phase) && !published ? <p className="alert alert-info">{t("staff.notYet")}</p> : null}

      {resultsInPreview(round.phase) && count ? (
        count.status === "FAILED" ? (
          <div className="stack">
            <p className="alert alert-error" role="alert">
              {t(count.error?.key ?? "jobs.errors.failed", { ...count.error?.values, ns: NAMESPACES })}
            </p>
            <CountAgainForm />
          </div>
        ) : preview ? (
          <>
            <p className="alert alert-info">{t("staff.previewNote", { date: formatDateTime(count.finishedAt!, locale) })}</p>
            <OutcomeFacts outcome={preview} eligible={eligible} currency={currency} locale={locale} />
            <RuleExplanation outcome={preview} currency={currency} locale={locale} />
            <ProjectsTable
              outcome={preview}
              texts={texts}
              locale={locale}
              currency={currency}
              caption={t("staff.previewCaption")}
              fileSelected={fileSelected ?? undefined}
            />
            {fileSelected ? <p className="muted">{t("staff.tieBreakNote")}</p> : null}
            <PublishForm jobId={count.id} />
          </>
        ) : (
          <CountProgress job={count} label={t("jobs.counting")} />
        )
      ) : null}

      {published && current ? (
        <>
          <p className="button-row">
            <Link to={`/rounds/${round.id}/results`}>{t("staff.openPublic")}</Link>
          </p>
          <OutcomeFacts outcome={current.outcome} eligible={eligible} currency={currency} locale={locale} />
          <OutcomeChangesView changes={changes} outcome={current.outcome} texts={texts} locale={locale} currency={currency} />
          <ProjectsTable
            outcome={current.outcome}
            texts={texts}
            locale={locale}
            currency={currency}
            caption={t("staff.currentCaption", { version: current.version })}
          />

          <section className="card stack" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{t("staff.withdrawTitle")}</h2>
            <p>{t("staff.withdrawExplained")}</p>
            {recount?.status === "FAILED" ? (
              <p className="alert alert-error" role="alert">
                {t("jobs.recountFailed", { number: recount.number })}{" "}
                {t(recount.error?.key ?? "jobs.errors.failed", { ...recount.error?.values, ns: NAMESPACES })}
              </p>
            ) : null}
            {recount && countIsPending(recount) ? (
              <CountProgress job={recount} label={t("jobs.recounting", { number: recount.number })} />
            ) : withdrawable.length === 0 ? (
              <p className="empty-state">{t("staff.nothingToWithdraw")}</p>
            ) : (
              <ul className="plain-list results-withdraw">
                {withdrawable.map((project) => (
                  <li key={project.proposalId}>
                    {/* Closed until staff pick the project (open again when its form was refused). */}
                    <details open={answeredIntent === `withdraw:${project.proposalId}` || undefined}>
                      <summary>
                        <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} link={false} />
                      </summary>
                      <WithdrawForm proposalId={project.proposalId} number={project.number} texts={texts} />
                    </details>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="realisation-title">
            <h2 id="realisation-title">{t("staff.realisationTitle")}</h2>
            {realisable.length === 0 ? (
              <p className="empty-state">{t("staff.nothingToRealise")}</p>
            ) : (
              <ul className="plain-list">
                {realisable.map((project) => (
                  <li key={project.proposalId}>
                    <Link to={`/staff/proposals/${project.proposalId}/updates`}>
                      {t("staff.postUpdate")}{" "}
                      <ProjectTitle texts={texts} proposalId={project.proposalId} number={project.number} locale={locale} link={false} />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="versions-title">
            <h2 id="versions-title">{t("staff.versions")}</h2>
            <ol className="audit-list">
              {versions.map((version) => (
                <li key={version.version}>
                  {t("staff.versionLine", { version: version.version, date: formatDateTime(version.publishedAt, locale), count: version.funded })}
                  {version.reason ? (
                    <>
                      {" — "}
                      <bdi>{version.reason}</bdi>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </div>
  );
}
