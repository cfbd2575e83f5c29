import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { localizedName, originalLanguagesOf, pickLocalized, pickName } from "~/i18n/content";
import { localeFor } from "~/auth/locale.server";
import { declareConflict, reviewSheet, saveReview } from "~/panel/panel.server";
import { conflictSchema, reviewSchema } from "~/panel/schema";
import { formatPanelScore } from "~/panel/scores";
import { WhoDecides } from "~/panel/components/WhoDecides";
import { HiddenNoteAlert, ProposalTitle } from "~/moderation/components/HiddenProposal";
import { withHiddenNotes } from "~/moderation/hidden";
import { hiddenProposals } from "~/moderation/hidden.server";
import { CheckboxField, FormError, SelectField, TextAreaField, useFieldError, useValidatedForm, type AnyForm, type FormFailure } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { idParam, invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { refusalPage } from "~/http/refusal-page";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["panel", "comments"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:sheet.title");

const ids = (args: LoaderFunctionArgs) => ({ roundId: idParam(args.params, "roundId"), proposalId: idParam(args.params, "proposalId") });

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const { roundId, proposalId } = ids(args);
  const sheet = await reviewSheet(db(), user, roundId, proposalId);
  // The sheet's gate refuses only as a page can say it: 403, 404 or 409, with a message.
  if (!sheet.ok) throw refusalPage(sheet.status as 403 | 404 | 409, sheet.formError!);
  const locale = await localeFor(args.request, args.context);
  const score = (value: Parameters<typeof formatPanelScore>[0] | null) => (value ? formatPanelScore(value, locale) : null);
  // Hidden by moderation: the panel reads the note, not the text (decision 0036); staff who moderate keep it, for an appeal.
  const [proposal] = withHiddenNotes([sheet.proposal], await hiddenProposals(db(), [sheet.proposal.id]), can(user, "moderation:manage"));
  return {
    roundId,
    proposal: proposal!,
    scale: { min: sheet.settings.scaleMin, max: sheet.settings.scaleMax },
    criteria: sheet.criteria.map((criterion) => ({ id: criterion.id, names: criterion.names, explanations: criterion.explanations, weight: criterion.weight })),
    may: sheet.may,
    decider: sheet.decider,
    mine: sheet.mine ? { ...sheet.mine, score: score(sheet.mine.score) } : null,
    others: sheet.others?.map((other) => ({ ...other, score: score(other.score) })) ?? null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { roundId, proposalId } = ids(args);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "conflict") {
    const parsed = parseFormData(conflictSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await declareConflict(db(), user, roundId, proposalId, parsed.data.reason);
    if (!result.ok) return refusedAnswer(result, { intent, values: formData });
    return redirect(`/panel/${roundId}?conflict=1`);
  }
  if (intent === "review") {
    const sheet = await reviewSheet(db(), user, roundId, proposalId);
    if (!sheet.ok) return refusedAnswer(sheet, { intent, values: formData });
    const schema = reviewSchema(
      sheet.criteria.map((criterion) => criterion.id),
      { min: sheet.settings.scaleMin, max: sheet.settings.scaleMax },
    );
    const parsed = parseFormData(schema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const result = await saveReview(db(), user, roundId, proposalId, parsed.data);
    if (!result.ok) return refusedAnswer(result, { intent, values: formData });
    return redirect(`/panel/${roundId}?saved=${result.complete ? "complete" : "partial"}`);
  }
  throw new Response("Unknown form", { status: 400 });
}

/** One criterion as a row of radio buttons on the panel's scale (a fieldset, so the name is read first). */
function ScoreField({
  form,
  failure,
  criterion,
  scale,
}: {
  form: AnyForm;
  failure?: FormFailure;
  criterion: { id: string; names: string; explanations: string; weight: number };
  scale: { min: number; max: number };
}) {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const name = `scores.${criterion.id}`;
  const error = useFieldError(form, name, failure);
  const initial = String(form.formState.defaultValues?.scores?.[criterion.id] ?? "");
  const title = pickName(criterion.names, locale);
  const explanation = pickName(criterion.explanations, locale);
  const points = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  return (
    <fieldset className={`fieldset${error ? " field-invalid" : ""}`} aria-describedby={error ? `${criterion.id}-error` : undefined}>
      <legend>
        <span {...languageAttributes(title?.locale)}>{title?.text}</span> <span className="muted">({t("sheet.weight", { weight: criterion.weight })})</span>
      </legend>
      {explanation ? (
        <p className="field-hint" {...languageAttributes(explanation.locale)}>
          {explanation.text}
        </p>
      ) : null}
      {originalLanguagesOf(title, explanation).map((original) => (
        <LanguageNote key={original} locale={original} />
      ))}
      <div className="choice-pills">
        {points.map((point) => (
          <span key={point} className="radio">
            <input
              type="radio"
              id={`score-${criterion.id}-${point}`}
              value={String(point)}
              defaultChecked={initial === String(point)}
              {...form.register(name)}
            />
            <label htmlFor={`score-${criterion.id}-${point}`}>{point}</label>
          </span>
        ))}
      </div>
      <p className="field-hint">{t("sheet.scaleHint", { min: scale.min, max: scale.max })}</p>
      {error ? (
        <p className="field-error" id={`${criterion.id}-error`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function ReviewForm() {
  const { t } = useTranslation("panel");
  const { criteria, scale, mine } = useLoaderData<typeof loader>();
  const schema = reviewSchema(
    criteria.map((criterion) => criterion.id),
    scale,
  );
  const { form, onSubmit, failure } = useValidatedForm(schema, {
    defaultValues: {
      intent: "review",
      scores: Object.fromEntries(
        criteria.map((criterion) => [criterion.id, mine?.scores[criterion.id] !== undefined ? String(mine.scores[criterion.id]) : null]),
      ),
      comment: mine?.comment ?? "",
      recommendation: mine?.recommendation ?? "",
    },
    intent: "review",
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="review" />
      <FormError failure={failure} />
      <p>{t("sheet.countsWhenComplete")}</p>
      {criteria.map((criterion) => (
        <ScoreField key={criterion.id} form={form} failure={failure} criterion={criterion} scale={scale} />
      ))}
      <TextAreaField form={form} failure={failure} name="comment" label={t("sheet.comment")} hint={t("sheet.commentHint")} rows={4} maxLength={4000} />
      <SelectField
        form={form}
        failure={failure}
        name="recommendation"
        label={t("sheet.recommendation")}
        placeholder={t("sheet.noRecommendation")}
        options={(["SHORTLIST", "REJECT", "ABSTAIN"] as const).map((kind) => ({ value: kind, label: t(`recommendation.${kind}`) }))}
      />
      <div>
        <button type="submit" className="button">
          {t("sheet.save")}
        </button>
      </div>
    </Form>
  );
}

function ConflictForm() {
  const { t } = useTranslation("panel");
  const { proposal } = useLoaderData<typeof loader>();
  const { form, onSubmit, failure } = useValidatedForm(conflictSchema, { defaultValues: { intent: "conflict", proposalId: proposal.id }, intent: "conflict" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="conflict" />
      <input type="hidden" name="proposalId" value={proposal.id} />
      <FormError failure={failure} />
      <p>{t("sheet.conflictExplain")}</p>
      <TextAreaField
        form={form}
        failure={failure}
        name="reason"
        label={t("sheet.conflictReason")}
        hint={t("sheet.conflictReasonHint")}
        rows={2}
        maxLength={500}
      />
      <CheckboxField form={form} failure={failure} name="confirm" label={t("sheet.conflictConfirm")} />
      <div>
        <button type="submit" className="button button-warning">
          {t("sheet.declareConflict")}
        </button>
      </div>
    </Form>
  );
}

export default function ReviewSheetPage() {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const { roundId, proposal, criteria, may, decider, mine, others } = useLoaderData<typeof loader>();
  const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
  return (
    <div className="stack">
      <p>
        <Link to={`/panel/${roundId}`}>{t("sheet.back")}</Link>
      </p>
      <h1>
        <span className="proposal-number">#{proposal.number}</span> <ProposalTitle text={text} hidden={proposal.hidden !== null} />
      </h1>
      {proposal.hidden ? <HiddenNoteAlert note={proposal.hidden} /> : null}
      {text ? <p {...languageAttributes(text.locale)}>{text.text.summary}</p> : null}
      <p>
        <Link to={`/proposals/${proposal.id}`}>{t("sheet.readProposal")}</Link>
      </p>
      {decider ? (
        <p className="alert alert-info">
          <WhoDecides decider={decider} />
        </p>
      ) : null}
      {mine?.complete && mine.score ? <p className="alert alert-info">{t("sheet.yourScore", { score: mine.score })}</p> : null}
      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">{t("sheet.yourReview")}</h2>
        {criteria.length === 0 ? <p className="empty-state">{t("board.noCriteria")}</p> : <ReviewForm />}
      </section>
      <section className="card" aria-labelledby="others-title">
        <h2 id="others-title">{t("sheet.others")}</h2>
        {others === null ? (
          <p className="muted">{t("sheet.othersHidden")}</p>
        ) : others.length === 0 ? (
          <p className="empty-state">{t("sheet.noOthers")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("sheet.others")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("sheet.member")}</th>
                  {criteria.map((criterion) => (
                    <th scope="col" key={criterion.id}>
                      <bdi {...languageAttributes(pickName(criterion.names, locale)?.locale)}>{localizedName(criterion.names, locale)}</bdi>
                    </th>
                  ))}
                  <th scope="col">{t("board.score")}</th>
                  <th scope="col">{t("sheet.recommendation")}</th>
                  <th scope="col">{t("sheet.comment")}</th>
                </tr>
              </thead>
              <tbody>
                {others.map((other, index) => (
                  <tr key={index}>
                    <th scope="row">
                      <bdi>{other.name}</bdi>
                    </th>
                    {criteria.map((criterion) => (
                      <td key={criterion.id} className="numeric">
                        {other.scores[criterion.id] ?? "–"}
                      </td>
                    ))}
                    <td className="numeric">{other.score ?? t("state.partial")}</td>
                    <td>{other.recommendation ? t(`recommendation.${other.recommendation}`) : "–"}</td>
                    <td dir="auto">{other.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {may.declareConflict ? (
        <section className="card" aria-labelledby="conflict-title">
          <h2 id="conflict-title">{t("sheet.conflictTitle")}</h2>
          <ConflictForm />
        </section>
      ) : null}
    </div>
  );
}
