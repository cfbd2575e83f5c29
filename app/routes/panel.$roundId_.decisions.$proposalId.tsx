import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { decisionSheet, recordDecision } from "~/panel/panel.server";
import { decisionSchema, PANEL_DECISIONS } from "~/panel/schema";
import { formatPanelScore } from "~/panel/scores";
import { WhoDecides } from "~/panel/components/WhoDecides";
import { HiddenNoteAlert, ProposalTitle } from "~/moderation/components/HiddenProposal";
import { withHiddenNotes } from "~/moderation/hidden";
import { hiddenProposals } from "~/moderation/hidden.server";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { FormError, LocaleSelectField, TextAreaField, useFieldError, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { idParam, invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { refusalPage } from "~/http/refusal-page";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals", "panel", "comments"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:decision.title");

const ids = (args: LoaderFunctionArgs) => ({ roundId: idParam(args.params, "roundId"), proposalId: idParam(args.params, "proposalId") });

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const { roundId, proposalId } = ids(args);
  const sheet = await decisionSheet(db(), user, roundId, proposalId);
  // The policy refuses only as a page can say it: 403, 404 or 409, with a message.
  if (!sheet.ok) throw refusalPage(sheet.status as 403 | 404 | 409, sheet.formError!);
  const locale = await localeFor(args.request, args.context);
  // Hidden by moderation: the panel reads the note, not the text (decision 0036); staff who moderate keep it, for an appeal.
  const [row] = withHiddenNotes([sheet.row], await hiddenProposals(db(), [sheet.row.id]), can(user, "moderation:manage"));
  const { score, ...rest } = row!;
  return { roundId, row: { ...rest, scoreText: score?.score ? formatPanelScore(score.score, locale) : null, counted: score?.counted ?? 0 } };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { roundId, proposalId } = ids(args);
  const formData = await readFormData(args.request);
  const parsed = parseFormData(decisionSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "decide");
  if (parsed.data.proposalId !== proposalId) throw new Response("Unknown form", { status: 400 });
  const textLocale = parsed.data.textLocale ?? (await localeFor(args.request, args.context));
  const result = await recordDecision(db(), user, roundId, { ...parsed.data, textLocale }, siteUrl());
  if (!result.ok) return refusedAnswer(result, { intent: "decide", values: formData });
  return redirect(`/panel/${roundId}?decided=1`);
}

export default function DecisionPage() {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const { roundId, row } = useLoaderData<typeof loader>();
  const text = pickLocalized(row.texts, locale, row.originalLocale);
  const { form, onSubmit, failure } = useValidatedForm(decisionSchema, {
    defaultValues: {
      intent: "decide",
      proposalId: row.id,
      decision: row.status === "SHORTLISTED" || row.status === "REJECTED" ? row.status : undefined,
      rationale: row.rationale,
      textLocale: row.rationaleLocale ?? locale,
    },
    intent: "decide",
  });
  const decisionError = useFieldError(form, "decision", failure);
  const initial = form.formState.defaultValues?.decision;
  return (
    <div className="stack">
      <p>
        <Link to={`/panel/${roundId}`}>{t("sheet.back")}</Link>
      </p>
      <h1>
        {t("decision.title")}: <span className="proposal-number">#{row.number}</span> <ProposalTitle text={text} hidden={row.hidden !== null} />
      </h1>
      {row.hidden ? <HiddenNoteAlert note={row.hidden} /> : null}
      <p>
        <StatusBadge status={row.status} />{" "}
        {row.scoreText ? t("board.scoreValue", { score: row.scoreText, count: row.counted }) : row.scoreHidden ? t("board.scoreAfterYours") : t("noScore")}
        {row.recommendations
          ? ` · ${(["SHORTLIST", "REJECT", "ABSTAIN"] as const).map((kind) => `${t(`recommendation.${kind}`)}: ${row.recommendations![kind]}`).join(" · ")}`
          : null}
      </p>
      {row.decider ? (
        <p className="alert alert-info">
          <WhoDecides decider={row.decider} />
        </p>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="stack card">
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="proposalId" value={row.id} />
        <FormError failure={failure} />
        <fieldset className={`fieldset${decisionError ? " field-invalid" : ""}`} aria-describedby={decisionError ? "decision-error" : undefined}>
          <legend>{t("decision.choice")}</legend>
          <div className="choice-pills">
            {PANEL_DECISIONS.map((decision) => (
              <span key={decision} className="radio">
                <input type="radio" id={`decision-${decision}`} value={decision} defaultChecked={initial === decision} {...form.register("decision")} />
                <label htmlFor={`decision-${decision}`}>{t(`decision.${decision}`)}</label>
              </span>
            ))}
          </div>
          {decisionError ? (
            <p className="field-error" id="decision-error">
              {decisionError}
            </p>
          ) : null}
        </fieldset>
        <TextAreaField
          form={form}
          failure={failure}
          name="rationale"
          label={t("decision.rationale")}
          hint={t("decision.rationaleHint")}
          rows={4}
          maxLength={2000}
        />
        <LocaleSelectField form={form} failure={failure} name="textLocale" label={t("common:content.writtenIn")} />
        <div>
          <button type="submit" className="button">
            {t("decision.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}
