import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { roundById } from "~/rounds/rounds.server";
import { CheckboxField, FormError, SelectField, TextField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import type { Refused } from "~/kernel/result";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { useLocale } from "~/ui/useLocale";
import { codesAreIssuable, votingIsOpen, votingIsAhead } from "~/rounds/phases";
import { BALLOT_METHODS, rulesFor } from "~/voting/ballot";
import { TALLY_RULES } from "~/results/tally";
import { ELIGIBILITIES, generateCodesSchema, replaceCodeSchema, verifyVoterSchema, votingSettingsSchema, type Eligibility } from "~/voting/schema";
import {
  codeBatches,
  generateCodes,
  MAX_LETTERS_PER_BATCH,
  replaceCode,
  saveVotingSettings,
  turnout,
  verifiedVoters,
  verifyVoter,
} from "~/voting/voting.server";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { RoundTitleLink } from "~/rounds/components/RoundTitleLink";

export const handle: I18nHandle = { i18n: ["voting"] };

export const meta: MetaFunction = (args) => pageTitle(args, "voting:staff.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const [codes, voters, votes] = await Promise.all([
    round.eligibility === "CODES" ? codeBatches(db(), round.id) : null,
    round.eligibility === "ACCOUNTS" ? verifiedVoters(db(), round.id) : [],
    turnout(db(), round.id),
  ]);
  return {
    round: {
      id: round.id,
      phase: round.phase,
      eligibility: round.eligibility,
      importedFrom: round.importedFrom,
      translations: round.translations,
      originalLocale: round.originalLocale,
    },
    settings: {
      intent: "voting-settings",
      ballotMethod: round.ballotMethod,
      tallyRule: round.tallyRule,
      approvalLimit: round.approvalLimit === null ? "" : String(round.approvalLimit),
      cumulativePoints: round.cumulativePoints === null ? "" : String(round.cumulativePoints),
      cumulativeMaxPerProject: round.cumulativeMaxPerProject === null ? "" : String(round.cumulativeMaxPerProject),
      eligibility: round.eligibility,
      codesPerHousehold: round.codesPerHousehold,
      minimumAge: String(round.minimumAge),
      selfDeclaredVoters: round.selfDeclaredVoters,
    },
    // Why the settings cannot change any more (null: they still can).
    lockedBecause: round.importedFrom ? ("imported" as const) : !votingIsAhead(round.phase) ? ("opened" as const) : null,
    issuable: codesAreIssuable(round.phase),
    codes,
    voters: voters.map((voter) => ({ userId: voter.userId, name: voter.user.name, email: voter.user.email, selfDeclared: !voter.verifiedById })),
    votes,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  const failed = (result: Refused) => refusedAnswer(result, { intent, values: formData });
  const done = (query: string) => redirect(`/staff/rounds/${round.id}/voting?${query}`);
  if (intent === "voting-settings") {
    const parsed = parseFormData(votingSettingsSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await saveVotingSettings(db(), user.id, round.id, parsed.data);
    return result.ok ? done("saved=1") : failed(result);
  }
  if (intent === "generate") {
    const parsed = parseFormData(generateCodesSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await generateCodes(db(), user.id, round.id, parsed.data.count);
    return result.ok ? done(`generated=${parsed.data.count}`) : failed(result);
  }
  if (intent === "replace") {
    const parsed = parseFormData(replaceCodeSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await replaceCode(db(), user.id, round.id, parsed.data.serial);
    return result.ok ? done(`replaced=${parsed.data.serial}&serial=${result.newSerial}`) : failed(result);
  }
  if (intent === "verify") {
    const parsed = parseFormData(verifyVoterSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await verifyVoter(db(), user.id, round.id, parsed.data.email);
    return result.ok ? done("verified=1") : failed(result);
  }
  throw new Response("Unknown form", { status: 400 });
}

/**
 * The ballot and count settings; read-only (disabled, with the reason, no Save) once they are fixed.
 * Tells the page which way of voting it shows, so the codes section follows the choice at once.
 */
function SettingsForm({ onEligibility }: { onEligibility: (eligibility: Eligibility) => void }) {
  const { t } = useTranslation("voting");
  const { settings, lockedBecause } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(votingSettingsSchema, { defaultValues: settings, intent: "voting-settings" });
  const method = form.watch("ballotMethod") as (typeof BALLOT_METHODS)[number];
  const eligibility = form.watch("eligibility") as Eligibility;
  useEffect(() => onEligibility(eligibility), [eligibility, onEligibility]);
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" name="intent" value="voting-settings" />
      <FormError failure={failure} />
      <fieldset disabled={lockedBecause !== null} aria-describedby={lockedBecause ? "settings-locked" : undefined} className="fieldset stack">
        <legend>{t("staff.settings")}</legend>
        {lockedBecause ? (
          <p id="settings-locked" className="alert alert-info">
            {t(lockedBecause === "imported" ? "staff.lockedImported" : "staff.locked")}
          </p>
        ) : null}
        <SelectField
          form={form}
          failure={failure}
          name="ballotMethod"
          label={t("staff.method")}
          options={BALLOT_METHODS.map((value) => ({ value, label: t(`methods.${value}`) }))}
        />
        <div className="grid-2">
          <TextField
            form={form}
            failure={failure}
            name="approvalLimit"
            label={t("staff.approvalLimit")}
            hint={t("staff.onlyFor", { method: t("methods.APPROVAL_K") })}
            inputMode="numeric"
          />
          <TextField
            form={form}
            failure={failure}
            name="cumulativePoints"
            label={t("staff.cumulativePoints")}
            hint={t("staff.onlyFor", { method: t("methods.CUMULATIVE") })}
            inputMode="numeric"
          />
          <TextField
            form={form}
            failure={failure}
            name="cumulativeMaxPerProject"
            label={t("staff.cumulativeMax")}
            hint={t("staff.onlyFor", { method: t("methods.CUMULATIVE") })}
            inputMode="numeric"
          />
        </div>
        <SelectField
          form={form}
          failure={failure}
          name="tallyRule"
          label={t("staff.rule")}
          hint={t("staff.ruleHint")}
          options={TALLY_RULES.filter((rule) => !method || rulesFor(method).includes(rule)).map((value) => ({ value, label: t(`rules.${value}`) }))}
        />
        <SelectField
          form={form}
          failure={failure}
          name="eligibility"
          label={t("staff.eligibility")}
          hint={t("staff.eligibilityHint")}
          options={ELIGIBILITIES.map((value) => ({ value, label: t(`eligibility.${value}`) }))}
        />
        <TextField
          form={form}
          failure={failure}
          name="minimumAge"
          label={t("staff.minimumAge")}
          hint={t(eligibility === "ACCOUNTS" ? "staff.minimumAgeHintAccounts" : "staff.minimumAgeHint")}
          inputMode="numeric"
        />
        {eligibility !== "ACCOUNTS" ? (
          <div className="field field-checkbox">
            <input type="checkbox" id="field-codesPerHousehold" {...form.register("codesPerHousehold")} />
            <label htmlFor="field-codesPerHousehold">{t("staff.perHousehold")}</label>
          </div>
        ) : null}
        {eligibility !== "CODES" ? (
          <div className="field field-checkbox">
            <input type="checkbox" id="field-selfDeclaredVoters" {...form.register("selfDeclaredVoters")} />
            <label htmlFor="field-selfDeclaredVoters">{t("staff.selfDeclared")}</label>
          </div>
        ) : null}
        {lockedBecause ? null : (
          <div>
            <button type="submit" className="button">
              {t("staff.saveSettings")}
            </button>
          </div>
        )}
      </fieldset>
    </Form>
  );
}

function CodesSection({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  const { round, codes, issuable } = useLoaderData<typeof loader>();
  const generate = useValidatedForm(generateCodesSchema, { defaultValues: { intent: "generate" }, intent: "generate" });
  const replace = useValidatedForm(replaceCodeSchema, { defaultValues: { intent: "replace" }, intent: "replace" });
  // Also hidden while account mode is chosen in the form, before it is saved.
  if (!codes || eligibility !== "CODES") return null;
  return (
    <section className="card stack" aria-labelledby="codes-title">
      <h2 id="codes-title">{t("staff.codes")}</h2>
      <p>{t("staff.codeCounts", { issued: codes.issued, voided: codes.voided, used: codes.used })}</p>
      <p className="muted">{t("staff.codesOnce")}</p>
      {codes.batches.length === 0 ? (
        <p className="empty-state">{t("staff.noCodes")}</p>
      ) : (
        <ul className="audit-list">
          {codes.batches.map((batch) => (
            <li key={batch.id} className="row-between">
              <span>
                {t("staff.batch", { count: batch.count, date: formatDateTime(batch.createdAt, locale) })}
                {!batch.available ? <span className="muted"> · {t("staff.batchErased")}</span> : null}
              </span>
              {batch.available ? (
                <span className="button-row">
                  {!batch.csvDownloadedAt ? (
                    <Form method="post" action={`/staff/rounds/${round.id}/codes/${batch.id}.csv`} reloadDocument>
                      <button type="submit" className="button button-small button-secondary">
                        {t("staff.downloadCsv")}
                      </button>
                    </Form>
                  ) : (
                    <span className="muted">{t("staff.csvTaken")}</span>
                  )}
                  {batch.count > MAX_LETTERS_PER_BATCH ? (
                    <span className="muted">{t("staff.lettersTooMany", { max: MAX_LETTERS_PER_BATCH })}</span>
                  ) : !batch.lettersDownloadedAt ? (
                    <Link to={`/staff/rounds/${round.id}/codes/${batch.id}/letters`} className="button button-small button-secondary">
                      {t("staff.letters")}
                    </Link>
                  ) : (
                    <span className="muted">{t("staff.lettersTaken")}</span>
                  )}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {issuable ? (
        <>
          <Form method="post" noValidate onSubmit={generate.onSubmit} className="stack">
            <input type="hidden" name="intent" value="generate" />
            <FormError failure={generate.failure} />
            <TextField form={generate.form} failure={generate.failure} name="count" label={t("staff.count")} hint={t("staff.countHint")} inputMode="numeric" />
            <div>
              <button type="submit" className="button">
                {t("staff.generate")}
              </button>
            </div>
          </Form>
          <Form method="post" noValidate onSubmit={replace.onSubmit} className="stack">
            <input type="hidden" name="intent" value="replace" />
            <h3>{t("staff.replaceTitle")}</h3>
            <FormError failure={replace.failure} />
            <TextField form={replace.form} failure={replace.failure} name="serial" label={t("staff.serial")} hint={t("staff.serialHint")} inputMode="numeric" />
            <CheckboxField form={replace.form} failure={replace.failure} name="confirm" id="field-confirm-replace" label={t("staff.confirmReplace")} />
            <div>
              <button type="submit" className="button button-warning">
                {t("staff.replace")}
              </button>
            </div>
          </Form>
        </>
      ) : null}
    </section>
  );
}

function VotersSection() {
  const { t } = useTranslation("voting");
  const { round, voters, issuable } = useLoaderData<typeof loader>();
  const verify = useValidatedForm(verifyVoterSchema, { defaultValues: { intent: "verify" }, intent: "verify" });
  if (round.eligibility !== "ACCOUNTS") return null;
  return (
    <section className="card stack" aria-labelledby="voters-title">
      <h2 id="voters-title">{t("staff.voters")}</h2>
      {voters.length === 0 ? (
        <p className="empty-state">{t("staff.noVoters")}</p>
      ) : (
        <ul className="audit-list">
          {voters.map((voter) => (
            <li key={voter.userId}>
              <bdi>{voter.name}</bdi>{" "}
              <span className="muted">
                (<bdi>{voter.email}</bdi>) · {t(voter.selfDeclared ? "staff.selfDeclaredVoter" : "staff.verifiedVoter")}
              </span>
            </li>
          ))}
        </ul>
      )}
      {issuable ? (
        <Form method="post" noValidate onSubmit={verify.onSubmit} className="stack">
          <input type="hidden" name="intent" value="verify" />
          <FormError failure={verify.failure} />
          <TextField form={verify.form} failure={verify.failure} name="email" type="email" label={t("staff.verifyEmail")} hint={t("staff.verifyHint")} />
          <div>
            <button type="submit" className="button button-secondary">
              {t("staff.verify")}
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

export default function StaffVotingPage() {
  const { t } = useTranslation("voting");
  const [params] = useSearchParams();
  const { round, lockedBecause, votes } = useLoaderData<typeof loader>();
  const [eligibility, setEligibility] = useState<Eligibility>(round.eligibility);
  const notice = params.get("saved")
    ? t("staff.saved")
    : params.get("generated")
      ? t("staff.generated", { count: Number(params.get("generated")) })
      : params.get("replaced")
        ? t("staff.replaced", { serial: params.get("replaced"), newSerial: params.get("serial") })
        : params.get("verified")
          ? t("staff.verified")
          : null;
  return (
    <div className="stack">
      {params.get("download") === "opened" ? (
        <p className="alert alert-info" role="status">
          {t("staff.downloadOpened")}
        </p>
      ) : null}
      <p>
        <RoundTitleLink round={round} to={`/staff/rounds/${round.id}`} />
      </p>
      <h1>{t("staff.title")}</h1>
      {notice ? (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      ) : null}
      {lockedBecause ? null : <p>{t("staff.intro")}</p>}
      <p>
        {t("staff.turnout", { online: votes.online, paper: votes.paper })}
        {votingIsOpen(round.phase) ? (
          <>
            {" "}
            <Link to={`/staff/rounds/${round.id}/paper`}>{t("paper.title")}</Link>
          </>
        ) : null}
      </p>
      <SettingsForm onEligibility={setEligibility} />
      <CodesSection eligibility={eligibility} />
      <VotersSection />
    </div>
  );
}
