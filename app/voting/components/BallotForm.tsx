import { Form } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { languageAttributes } from "~/i18n/config";
import { FormError, useFieldError, useValidatedForm, type AnyForm, type FormFailure } from "~/ui/form";
import { formatMoney } from "~/i18n/format";
import { useHydrated } from "~/ui/useHydrated";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import { ballotProblem, summarise, type BallotProject, type BallotRules, type BallotSettings } from "../ballot";
import { ballotSchemaFor } from "../schema";

/** A half-done ballot as this browser tab keeps it (never sent anywhere): the code typed, and the choices. */
export interface KeptBallot {
  code?: string;
  choices: Record<string, number>;
}

export function readKeptBallot(storageKey: string): KeptBallot | null {
  try {
    const kept = JSON.parse(window.sessionStorage.getItem(storageKey) ?? "null") as KeptBallot | null;
    return kept && typeof kept === "object" && typeof kept.choices === "object" ? kept : null;
  } catch {
    return null;
  }
}

export function rulesOf(settings: BallotSettings, projects: BallotProject[]): BallotRules {
  return { ...settings, projects: projects.map((project) => ({ id: project.id, costCents: project.costCents })) };
}

/** The rule of the ballot in one sentence, e.g. "Choose projects up to €40,000 in total." */
export function BallotRuleText({ settings }: { settings: BallotSettings }) {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  if (settings.method === "APPROVAL_BUDGET") return <p>{t("ballot.ruleBudget", { budget: formatMoney(settings.budgetCents, locale) })}</p>;
  if (settings.method === "APPROVAL_K") return <p>{t("ballot.ruleK", { count: settings.approvalLimit ?? 0 })}</p>;
  return <p>{t("ballot.rulePoints", { count: settings.points ?? 0, max: settings.maxPerProject ?? settings.points ?? 0 })}</p>;
}

/** What the choices add up to against the ballot's rule; announced politely as it changes. */
function BallotBar({ settings, projects, choices }: { settings: BallotSettings; projects: BallotProject[]; choices: Map<string, number> }) {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  const rules = rulesOf(settings, projects);
  const summary = summarise(rules, choices);
  const problem = ballotProblem(rules, choices);
  const [used, limit, text] =
    settings.method === "APPROVAL_BUDGET"
      ? [
          summary.costCents,
          settings.budgetCents,
          // Over the budget, say by how much ("left: €0" would hide what to take away).
          summary.costCents > settings.budgetCents
            ? t("ballot.barOverBudget", {
                used: formatMoney(summary.costCents, locale),
                over: formatMoney(summary.costCents - settings.budgetCents, locale),
              })
            : t("ballot.barBudget", {
                used: formatMoney(summary.costCents, locale),
                left: formatMoney(settings.budgetCents - summary.costCents, locale),
              }),
        ]
      : settings.method === "APPROVAL_K"
        ? [summary.count, settings.approvalLimit ?? 1, t("ballot.barK", { count: summary.count, limit: settings.approvalLimit ?? 0 })]
        : [summary.pointsUsed, settings.points ?? 1, t("ballot.barPoints", { count: summary.pointsUsed, limit: settings.points ?? 0 })];
  const percent = Math.min(100, Math.round((used / Math.max(1, limit)) * 100));
  return (
    <div className={`ballot-bar${problem ? " ballot-bar-over" : ""}`} role="status" aria-live="polite">
      <div className="ballot-bar-track" aria-hidden="true">
        <div className="ballot-bar-fill" style={{ inlineSize: `${percent}%` }} />
      </div>
      <p>
        {text}
        {problem ? <strong> {t(`problems.${problem}`)}</strong> : null}
      </p>
    </div>
  );
}

function PointsField({ project, max, failure, form }: { project: BallotProject; max: number; failure?: FormFailure; form: AnyForm }) {
  const { t } = useTranslation("voting");
  const name = `points.${project.id}`;
  const error = useFieldError(form, name, failure);
  const id = `points-${project.id}`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{t("ballot.pointsFor", { number: project.number })}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={max}
        step={1}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={String(form.formState.defaultValues?.points?.[project.id] ?? "")}
        {...form.register(name)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The ballot's first step: tick projects (or give points), then "review my choices". Works as a
 * plain form; with JavaScript a bar shows the budget (or count, or points) as choices change, and
 * a half-done ballot is kept in this browser tab only (sessionStorage, never sent anywhere): a reload
 * loses nothing, and closing the tab forgets it, so the next person at a shared computer starts clean.
 */
export function BallotForm({
  settings,
  projects,
  initial,
  hidden,
  storageKey,
  failure,
}: {
  settings: BallotSettings;
  projects: BallotProject[];
  initial: Record<string, number>;
  hidden: Record<string, string>;
  /** Where the browser keeps a half-done ballot; null for staff entering a paper ballot. */
  storageKey: string | null;
  failure?: FormFailure;
}) {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  const hydrated = useHydrated();
  const cumulative = settings.method === "CUMULATIVE";
  const maxPoints = settings.maxPerProject ?? settings.points ?? 1;
  const schema = ballotSchemaFor(
    projects.map((project) => project.id),
    settings.method,
    maxPoints,
  );
  const defaults = cumulative
    ? { points: Object.fromEntries(projects.map((project) => [project.id, initial[project.id] ? String(initial[project.id]) : ""])) }
    : { choice: Object.fromEntries(projects.map((project) => [project.id, Boolean(initial[project.id])])) };
  const { form, onSubmit } = useValidatedForm(schema, { defaultValues: { step: "review", ...hidden, ...defaults } });
  const values = form.watch();
  const choices = new Map<string, number>(
    cumulative
      ? Object.entries((values.points ?? {}) as Record<string, string>).map(([id, value]) => [id, Number(value) || 0])
      : Object.entries((values.choice ?? {}) as Record<string, boolean>).map(([id, ticked]) => [id, ticked ? 1 : 0]),
  );

  // A half-done ballot survives a reload: restore it once, unless the server sent choices back.
  useEffect(() => {
    if (!storageKey || Object.keys(initial).length) return;
    try {
      const saved = readKeptBallot(storageKey)?.choices;
      if (!saved) return;
      for (const project of projects) {
        if (cumulative) form.setValue(`points.${project.id}`, saved[project.id] ? String(saved[project.id]) : "");
        else form.setValue(`choice.${project.id}`, Boolean(saved[project.id]));
      }
    } catch {
      // Storage unavailable or unreadable: the ballot simply starts empty.
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on the first render (see above)
  }, []);
  useEffect(() => {
    if (!storageKey || !hydrated) return;
    try {
      const kept: KeptBallot = { code: hidden.code, choices: Object.fromEntries([...choices].filter(([, points]) => points > 0)) };
      window.sessionStorage.setItem(storageKey, JSON.stringify(kept));
    } catch {
      // Full or blocked storage only loses the convenience, never the vote.
    }
  });

  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack ballot">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormError failure={failure} form={form} />
      <BallotRuleText settings={settings} />
      {hydrated ? <BallotBar settings={settings} projects={projects} choices={choices} /> : null}
      <fieldset className="fieldset">
        <legend>{t("ballot.projects")}</legend>
        <ul className="ballot-list">
          {projects.map((project) => (
            <li key={project.id} className="card ballot-project">
              {cumulative ? null : (
                <input type="checkbox" id={`choice-${project.id}`} defaultChecked={Boolean(initial[project.id])} {...form.register(`choice.${project.id}`)} />
              )}
              <div>
                <label htmlFor={cumulative ? `points-${project.id}` : `choice-${project.id}`} className="ballot-title">
                  <span className="proposal-number">#{project.number}</span>{" "}
                  {project.hidden ? t("common:content.hiddenByModeration") : <span {...languageAttributes(project.textLocale)}>{project.title}</span>}
                </label>
                <p {...languageAttributes(project.textLocale)}>{project.summary}</p>
                {project.textLocale !== locale ? <LanguageNote locale={project.textLocale} /> : null}
                <p className="numeric">{t("ballot.cost", { cost: formatMoney(project.costCents, locale) })}</p>
                {cumulative ? <PointsField project={project} max={maxPoints} failure={failure} form={form} /> : null}
              </div>
            </li>
          ))}
        </ul>
      </fieldset>
      <div>
        <button type="submit" name="step" value="review" className="button">
          {t("ballot.toReview")}
        </button>
      </div>
    </Form>
  );
}

/** The review step: the choices listed, then "change my choices" or the one final "cast my vote". */
export function BallotReview({
  settings,
  projects,
  choices,
  hidden,
  failure,
  castLabel,
}: {
  settings: BallotSettings;
  projects: BallotProject[];
  choices: Record<string, number>;
  hidden: Record<string, string>;
  failure?: FormFailure;
  castLabel: string;
}) {
  const { t } = useTranslation("voting");
  const locale = useLocale();
  const picked = projects.filter((project) => choices[project.id]);
  const summary = summarise(rulesOf(settings, projects), new Map(Object.entries(choices)));
  const cumulative = settings.method === "CUMULATIVE";
  return (
    <Form method="post" className="stack">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {picked.map((project) =>
        cumulative ? (
          <input key={project.id} type="hidden" name={`points.${project.id}`} value={String(choices[project.id])} />
        ) : (
          <input key={project.id} type="hidden" name={`choice.${project.id}`} value="on" />
        ),
      )}
      <FormError failure={failure} />
      {picked.length === 0 ? (
        <p className="alert alert-info">{t("review.blank")}</p>
      ) : (
        <ul className="card-list">
          {picked.map((project) => (
            <li key={project.id} className="card row-between">
              <div>
                <span className="proposal-number">#{project.number}</span>{" "}
                {project.hidden ? t("common:content.hiddenByModeration") : <span {...languageAttributes(project.textLocale)}>{project.title}</span>}
                {project.textLocale !== locale ? <LanguageNote locale={project.textLocale} /> : null}
              </div>
              <span className="numeric">{cumulative ? t("review.points", { count: choices[project.id] }) : formatMoney(project.costCents, locale)}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <strong>
          {cumulative
            ? t("review.totalPoints", { count: summary.pointsUsed, limit: settings.points ?? 0 })
            : t("review.total", { total: formatMoney(summary.costCents, locale), count: summary.count })}
        </strong>
      </p>
      <p>{t("review.final")}</p>
      <div className="button-row">
        <button type="submit" name="step" value="edit" className="button button-secondary">
          {t("review.edit")}
        </button>
        <button type="submit" name="step" value="cast" className="button">
          {castLabel}
        </button>
      </div>
    </Form>
  );
}
