import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isPublicPhase, votingHasClosed, votingIsOpen, type Phase } from "~/rounds/phases";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentUser, requireUser } from "~/auth/guard.server";
import { clientAddress } from "~/auth/rate-limit.server";
import type { SessionUser } from "~/auth/session.server";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { FormError, isFormFailure, TextField, useValidatedForm, type FormFailure } from "~/ui/form";
import { formDataToObject, parseFormData, refusal } from "~/kernel/form-data";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { idParam, notFound, refusedAnswer } from "~/http/answer.server";
import { actionHeaders } from "~/http/route-headers";
import { changingNothing, notAfterAnAnswerThatChangedNothing } from "~/http/revalidation";
import { useLocale } from "~/ui/useLocale";
import { useHydrated } from "~/ui/useHydrated";
import { siteUrl } from "~/security/hosts.server";
import { BallotForm, BallotReview, readKeptBallot } from "~/voting/components/BallotForm";
import { formatCode, normaliseCode } from "~/voting/codes";
import { codeSchema, declareVoterSchema } from "~/voting/schema";
import { ballotStep } from "~/voting/steps.server";
import { accountVoterStatus, ballotOf, ballotView, castingRulesOf, checkVoterCredential, declareVoter, type Credential } from "~/voting/voting.server";
import { receiptCookie, receiptCookieCleared, receiptFromCookie } from "~/voting/receipt-cookie.server";
import type { Refused } from "~/kernel/result";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["voting"] };

export const meta: MetaFunction = (args) => pageTitle(args, "voting:ballot.title");
export const headers = actionHeaders;
export const shouldRevalidate = notAfterAnAnswerThatChangedNothing;

/** The round of the ballot page, as residents may see it; 404 otherwise. */
function votable<T extends { round: { id: string; phase: Phase; importedFrom: string | null } }>(ballot: T | null, roundId: string): T {
  if (!ballot || ballot.round.id !== roundId || !isPublicPhase(ballot.round.phase) || ballot.round.importedFrom) throw notFound();
  return ballot;
}

export async function loader(args: LoaderFunctionArgs) {
  const roundId = idParam(args.params, "roundId");
  const ballot = votable(await ballotOf(db(), roundId), roundId);
  const user = await currentUser(args);
  const locale = await localeFor(args.request, args.context);
  const { round } = ballot;
  const account = round.eligibility === "ACCOUNTS" && user ? await accountVoterStatus(db(), user, round.id) : null;
  const typed = new URL(args.request.url).searchParams.get("code") ?? "";
  // The receipt of the vote this browser just cast (the cast redirected here): shown once.
  const receipt = receiptFromCookie(args.request, round.id);
  const { settings, projects } = ballotView(ballot, locale);
  const page = {
    round: {
      id: round.id,
      phase: round.phase,
      eligibility: round.eligibility,
      selfDeclaredVoters: round.selfDeclaredVoters,
      minimumAge: round.minimumAge,
      translations: round.translations,
      originalLocale: round.originalLocale,
    },
    settings,
    // The page that shows a receipt shows no ballot (a later visit loads the page again): its projects,
    // a hundred and more on a large ballot, would only lengthen the answer.
    projects: receipt ? [] : projects,
    loggedIn: !!user,
    account,
    // From the QR code on the letter: shown in the code field, never used without the voter's click.
    prefilledCode: typed.length <= 40 ? typed : "",
    /** Where a receipt is checked, written into the receipt's file. */
    receiptCheckUrl: new URL("/receipts", siteUrl()).href,
    receipt,
  };
  return receipt ? data(page, { headers: { "Set-Cookie": receiptCookieCleared(), "Cache-Control": "no-store" } }) : page;
}

type Stage =
  | { stage: "choose"; code: string; choices: Record<string, number>; failure?: FormFailure }
  | { stage: "review"; code: string; choices: Record<string, number>; failure?: FormFailure }
  | { stage: "declared" }
  | { stage: "done"; receipt: string };

export async function action(args: ActionFunctionArgs) {
  const roundId = idParam(args.params, "roundId");
  const { round, rules } = votable(await castingRulesOf(db(), roundId), roundId);
  const formData = await readFormData(args.request);
  const step = String(formData.get("step") ?? "");
  // A ballot step shown back stored nothing: with JavaScript, the page's data is not loaded again after it.
  const answer = (stage: Stage, status = 200) => data(stage.stage === "declared" ? stage : changingNothing(stage), { status });
  const codeStage = (failure: FormFailure, status: number) => data({ stage: "code" as const, failure }, { status });

  if (!votingIsOpen(round.phase)) return codeStage(refusal({}, {}, votingHasClosed(round.phase) ? "voting:errors.closed" : "voting:errors.notOpen"), 409);

  if (step === "declare") {
    const user = await requireUser(args);
    const parsed = parseFormData(declareVoterSchema, formData);
    if (!parsed.ok) return data({ stage: "declare" as const, failure: refusal(parsed.errors, parsed.values) }, { status: 400 });
    const result = await declareVoter(db(), user, round.id, parsed.data.birthYear);
    if (!result.ok) {
      const failure = result.errors ? refusal(result.errors, formDataToObject(formData)) : refusal({}, {}, result.formError);
      return data({ stage: "declare" as const, failure }, { status: result.status });
    }
    return answer({ stage: "declared" });
  }

  // Who is voting: a code from a letter, or the logged-in account.
  let credential: Credential;
  let code = "";
  if (round.eligibility === "CODES") {
    const parsed = parseFormData(codeSchema, formData);
    if (!parsed.ok) return codeStage(refusal(parsed.errors, parsed.values), 400);
    code = formatCode(normaliseCode(parsed.data.code));
    credential = { kind: "code", code };
  } else {
    const user: SessionUser = await requireUser(args);
    credential = { kind: "account", user };
  }
  const refusedVoter = (check: Refused & { retryAfterSeconds?: number }) => {
    // The rate limit's message stands at the top level of the answer, the others under `failure`.
    if (check.status === 429) return refusedAnswer(check, { values: { code }, extra: { stage: "code" } });
    return codeStage(refusal(credential.kind === "code" && check.formError ? { code: check.formError } : {}, { code }, check.formError), check.status);
  };
  const address = clientAddress(args.request);
  // The cast checks the voter itself, in its own transaction; the steps before it check here.
  if (step !== "cast") {
    const check = await checkVoterCredential(db(), round.id, credential, address);
    if (!check.ok) return refusedVoter(check);
    if (step === "code") return answer({ stage: "choose", code, choices: {} });
  }

  const next = await ballotStep(db(), { round, rules }, credential, formData, "ONLINE", await localeFor(args.request, args.context), { address });
  if (next.voter) return refusedVoter(next.voter);
  if (next.stage.stage === "done") {
    // With JavaScript the receipt comes in the answer itself: the page shows it without loading anything
    // again (a code's ballot changes nothing the page reads; an account's changes its "voted").
    if (args.context.isDataRequest) return data(credential.kind === "code" ? changingNothing(next.stage) : next.stage);
    // Without: Post/Redirect/Get, the receipt shown by the page the cast redirects to, so reloading it sends nothing again.
    return redirect(`/vote/${round.id}`, { status: 303, headers: { "Set-Cookie": receiptCookie(round.id, next.stage.receipt) } });
  }
  return answer({ ...next.stage, code }, next.status);
}

function CodeForm({ failure, prefilled, storageKey }: { failure?: FormFailure; prefilled: string; storageKey: string }) {
  const { t } = useTranslation("voting");
  const { form, onSubmit } = useValidatedForm(codeSchema, { defaultValues: { code: prefilled } });
  // After a reload the code typed before is offered again, so a half-done ballot can go on.
  useEffect(() => {
    const kept = readKeptBallot(storageKey);
    if (kept?.code && !form.getValues("code")) form.setValue("code", kept.code);
  }, [form, storageKey]);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack narrow">
      <input type="hidden" name="step" value="code" />
      <FormError failure={failure} form={form} />
      <TextField
        form={form}
        failure={failure}
        name="code"
        label={t("code.label")}
        hint={t("code.hint")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        className="code-input"
      />
      <div>
        <button type="submit" name="step" value="code" className="button">
          {t("code.continue")}
        </button>
      </div>
    </Form>
  );
}

function DeclareForm({ failure, minimumAge }: { failure?: FormFailure; minimumAge: number }) {
  const { t } = useTranslation("voting");
  const { form, onSubmit } = useValidatedForm(declareVoterSchema, { defaultValues: { intent: "declare" } });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack narrow">
      <input type="hidden" name="intent" value="declare" />
      <input type="hidden" name="step" value="declare" />
      <FormError failure={failure} form={form} />
      <p>{t("declare.intro", { age: minimumAge })}</p>
      <TextField form={form} failure={failure} name="birthYear" label={t("declare.birthYear")} inputMode="numeric" autoComplete="bday-year" />
      <div className="field field-checkbox">
        <input type="checkbox" id="field-resident" {...form.register("resident")} />
        <label htmlFor="field-resident">{t("declare.resident")}</label>
      </div>
      <div>
        <button type="submit" name="step" value="declare" className="button">
          {t("declare.submit")}
        </button>
      </div>
    </Form>
  );
}

/** Where this tab keeps the receipt of the vote cast in it, until the tab is closed (never sent anywhere). */
const receiptStorageKey = (roundId: string) => `wb-receipt-${roundId}`;

/**
 * The receipt, with ways to keep it: print, copy and a file to save (a link, so it works without
 * JavaScript). Never by email: an address beside a receipt would tie a voter to a ballot (0010).
 */
function Receipt({ receipt, roundTitle, checkUrl }: { receipt: string; roundTitle: string; checkUrl: string }) {
  const { t } = useTranslation("voting");
  const hydrated = useHydrated();
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  const checkLink = `${checkUrl}?receipt=${encodeURIComponent(receipt)}`;
  const file = ["Wijkbudget", roundTitle, "", `${t("done.receipt")} ${receipt}`, "", t("done.receiptHint"), `${t("done.check")}: ${checkLink}`, ""].join(
    "\r\n",
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt);
      setCopied(true);
    } catch {
      // No clipboard here: select the receipt, so the usual copy command takes it.
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
    }
  };
  return (
    <section className="card stack" aria-labelledby="done-title">
      <h2 id="done-title">{t("done.title")}</h2>
      <p>{t("done.body")}</p>
      <p className="receipt">
        {t("done.receipt")}{" "}
        <strong className="code" ref={code}>
          {receipt}
        </strong>
      </p>
      <p>{t("done.receiptHint")}</p>
      <div className="button-row no-print">
        {hydrated ? (
          <>
            <button type="button" className="button button-secondary" onClick={() => window.print()}>
              {t("done.print")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void copy()}>
              {t("done.copy")}
            </button>
          </>
        ) : null}
        <a className="button button-secondary" href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download={`wijkbudget-${receipt}.txt`}>
          {t("done.download")}
        </a>
      </div>
      <p role="status">{copied ? t("done.copied") : null}</p>
      {hydrated ? <p className="muted">{t("done.keptInTab")}</p> : null}
      <p className="no-print">
        <Link to={`/receipts?receipt=${encodeURIComponent(receipt)}`}>{t("done.check")}</Link>
      </p>
    </section>
  );
}

/** The receipt of a vote cast in this tab: kept when it is given, read back after a reload. */
function useReceiptOfThisTab(roundId: string, given: string | undefined): string | undefined {
  const [kept, setKept] = useState<string>();
  useEffect(() => {
    const key = receiptStorageKey(roundId);
    try {
      if (given) window.sessionStorage.setItem(key, given);
      else setKept(window.sessionStorage.getItem(key) ?? undefined);
    } catch {
      // Storage unavailable: the receipt shows only right after the vote.
    }
  }, [roundId, given]);
  return given ?? kept;
}

export default function VotePage() {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  const page = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as (Stage | { stage: "code" | "declare"; failure?: FormFailure }) | undefined;
  const { round, settings, projects, account } = page;
  const roundText = pickLocalized(round.translations, locale, round.originalLocale);
  // The receipt of the vote just cast: in the cast's answer (with JavaScript) or the page it redirected to.
  const castReceipt = answer?.stage === "done" ? answer.receipt : page.receipt;
  const receipt = useReceiptOfThisTab(round.id, castReceipt);
  // Each step replaces the last, and the focus with it: keyboard and screen-reader users start at
  // the new step (a refused one focuses its error summary instead).
  const step = useRef<HTMLDivElement>(null);
  const refusedStep = !!answer && ("failure" in answer ? !!answer.failure : isFormFailure(answer));
  useEffect(() => {
    if ((answer && !refusedStep) || castReceipt) step.current?.focus();
  }, [answer, refusedStep, castReceipt]);
  const storageKey = `wb-ballot-${round.id}`;
  // Once the vote is in, or this code or account has voted, or voting closed, the half-done ballot
  // kept in this tab is of no use: forget it.
  const refusedWith = answer && "failure" in answer ? answer.failure?.formError : undefined;
  const finished = !!castReceipt || refusedWith === "voting:errors.alreadyVoted" || refusedWith === "voting:errors.closed";
  useEffect(() => {
    if (!finished) return;
    try {
      window.sessionStorage.removeItem(storageKey);
    } catch {
      // nothing kept
    }
  }, [finished, storageKey]);
  // A rate-limit answer carries its message at the top level, the others under `failure`.
  const codeFailure = answer?.stage === "code" ? (answer.failure ?? (isFormFailure(answer) ? answer : undefined)) : undefined;

  let body: JSX.Element;
  if (!votingIsOpen(round.phase)) {
    body = <p className="alert alert-info">{t(votingHasClosed(round.phase) ? "errors.closed" : "errors.notOpen")}</p>;
  } else if (castReceipt) {
    body = <Receipt receipt={castReceipt} roundTitle={roundText?.text.title ?? ""} checkUrl={page.receiptCheckUrl} />;
  } else if (answer?.stage === "choose" || (round.eligibility === "ACCOUNTS" && account?.eligible && !account.voted && answer?.stage !== "review")) {
    const state = answer?.stage === "choose" ? answer : { code: "", choices: {}, failure: undefined };
    body = (
      <BallotForm
        settings={settings}
        projects={projects}
        initial={state.choices}
        hidden={state.code ? { code: state.code } : {}}
        storageKey={storageKey}
        failure={state.failure}
      />
    );
  } else if (answer?.stage === "review") {
    body = (
      <>
        <h2>{t("review.title")}</h2>
        <BallotReview
          settings={settings}
          projects={projects}
          choices={answer.choices}
          hidden={answer.code ? { code: answer.code } : {}}
          failure={answer.failure}
          castLabel={t("review.cast")}
        />
      </>
    );
  } else if (round.eligibility === "CODES") {
    body = (
      <>
        <p>{t("code.intro")}</p>
        <CodeForm failure={codeFailure} prefilled={page.prefilledCode} storageKey={storageKey} />
      </>
    );
  } else if (!page.loggedIn) {
    body = (
      <p className="alert alert-info">
        {t("accounts.logIn")} <Link to={`/login?redirectTo=${encodeURIComponent(`/vote/${round.id}`)}`}>{t("accounts.logInLink")}</Link>
      </p>
    );
  } else if (account?.voted) {
    body = <p className="alert alert-success">{t("errors.alreadyVoted")}</p>;
  } else if (answer?.stage === "declared") {
    body = (
      <p className="alert alert-success">
        {t("declare.done")} <Link to={`/vote/${round.id}`}>{t("declare.toBallot")}</Link>
      </p>
    );
  } else if (round.selfDeclaredVoters) {
    body = <DeclareForm failure={answer?.stage === "declare" ? answer.failure : undefined} minimumAge={round.minimumAge} />;
  } else {
    body = (
      <>
        <FormError failure={codeFailure} />
        <p className="alert alert-info">{t("errors.notEligible")}</p>
      </>
    );
  }

  return (
    <div className="stack">
      <p>
        <Link to={`/rounds/${round.id}`} {...languageAttributes(roundText?.locale)}>
          {roundText?.text.title}
        </Link>
      </p>
      <h1>{t("ballot.title")}</h1>
      {receipt && !castReceipt ? <Receipt receipt={receipt} roundTitle={roundText?.text.title ?? ""} checkUrl={page.receiptCheckUrl} /> : null}
      <div ref={step} tabIndex={-1} className="stack">
        {body}
      </div>
    </div>
  );
}
