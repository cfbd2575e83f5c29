import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { setupIsOpen } from "~/rounds/phases";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { languageAttributes } from "~/i18n/config";
import { localeFor } from "~/auth/locale.server";
import { localizedName, pickLocalized } from "~/i18n/content";
import { panelBoard, setNameConsent } from "~/panel/panel.server";
import { awaitsPanelDecision, reviewIsOpen } from "~/panel/policy";
import { consentSchema } from "~/panel/schema.server";
import { formatPanelScore } from "~/panel/scores";
import { WhoDecides } from "~/panel/components/WhoDecides";
import { withHiddenNotes } from "~/moderation/hidden";
import { hiddenProposals } from "~/moderation/hidden.server";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { ProposalTitle } from "~/moderation/components/HiddenProposal";
import { roundById } from "~/rounds/rounds.server";
import { parseFormData } from "~/kernel/form-data";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { refusalPage } from "~/http/refusal-page";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals", "panel", "comments"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:board.title");

async function loadRound(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const round = notFoundUnless(await roundById(db(), idParam(args.params, "roundId"), { includeDrafts: true }));
  return { user, round };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, round } = await loadRound(args);
  const board = await panelBoard(db(), user, round);
  if (!board.ok) throw refusalPage(403, board.formError!);
  const locale = await localeFor(args.request, args.context);
  // A proposal hidden by moderation is listed by its number and the note (decision 0036); staff who moderate keep its title.
  const rows = withHiddenNotes(
    board.rows,
    await hiddenProposals(
      db(),
      board.rows.map((row) => row.id),
    ),
    can(user, "moderation:manage"),
  );
  return {
    round: { id: round.id, phase: round.phase, translations: round.translations, originalLocale: round.originalLocale },
    relation: board.relation,
    may: board.may,
    mode: board.mode,
    reviewing: reviewIsOpen(round.phase),
    namePublic: board.namePublic,
    criteria: board.criteria.map((criterion) => ({ id: criterion.id, names: criterion.names, weight: criterion.weight })),
    members: board.members,
    // Exact scores stay on the server; the page gets them formatted for the reader.
    rows: rows.map(({ score, ...row }) => ({
      ...row,
      scoreText: score?.score ? formatPanelScore(score.score, locale) : null,
      counted: score?.counted ?? 0,
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, round } = await loadRound(args);
  const formData = await readFormData(args.request);
  const parsed = parseFormData(consentSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "consent");
  const result = await setNameConsent(db(), user, round.id, parsed.data.namePublic);
  if (!result.ok) return refusedAnswer(result, { intent: "consent" });
  return redirect(`/panel/${round.id}?consent=1`);
}

export default function PanelBoardPage() {
  const { t } = useTranslation("panel");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { round, relation, may, mode, reviewing, namePublic, criteria, members, rows } = useLoaderData<typeof loader>();
  const roundText = pickLocalized(round.translations, locale, round.originalLocale);
  const done = rows.filter((row) => row.mine === "complete" || row.mine === "conflict").length;
  return (
    <div className="stack">
      <p>
        <Link to={`/rounds/${round.id}`} {...languageAttributes(roundText?.locale)}>
          {roundText?.text.title}
        </Link>
      </p>
      <h1>{t("board.title")}</h1>
      <p>{t(`modes.${mode}Explained`)}</p>
      {params.get("saved") ? (
        <p className="alert alert-success" role="status">
          {t(params.get("saved") === "complete" ? "sheet.savedComplete" : "sheet.savedPartial")}
        </p>
      ) : null}
      {params.get("conflict") ? (
        <p className="alert alert-success" role="status">
          {t("sheet.conflictDeclared")}
        </p>
      ) : null}
      {params.get("decided") ? (
        <p className="alert alert-success" role="status">
          {t("decision.saved")}
        </p>
      ) : null}
      {!reviewing ? <p className="alert alert-info">{t(setupIsOpen(round.phase) ? "board.notYet" : "board.over")}</p> : null}
      {criteria.length === 0 ? <p className="alert alert-info">{t("board.noCriteria")}</p> : null}

      {relation.isMember ? (
        <section className="card" aria-labelledby="mine-title">
          <h2 id="mine-title">{t("board.mine")}</h2>
          {rows.length ? <p>{t("board.myProgress", { done, total: rows.length })}</p> : null}
          {rows.length === 0 ? (
            <p className="empty-state">{t("board.noProposals")}</p>
          ) : (
            <ul className="card-list">
              {rows.map((row) => {
                const text = pickLocalized(row.texts, locale, row.originalLocale);
                return (
                  <li key={row.id} className="card row-between">
                    <span>
                      <span className="proposal-number">#{row.number}</span> <ProposalTitle text={text} hidden={row.hidden !== null} />{" "}
                      <StatusBadge status={row.status} />
                      {row.decider ? (
                        <>
                          <br />
                          <span className="muted">
                            <WhoDecides decider={row.decider} />
                          </span>
                        </>
                      ) : null}
                    </span>
                    <span>
                      <span className="muted">{t(`state.${row.mine}`)}</span>{" "}
                      {row.may.review ? (
                        <Link to={`/panel/${round.id}/proposals/${row.id}`} className="button button-small">
                          {t(row.mine === "missing" ? "board.review" : "board.revise")}
                          <span className="visually-hidden"> #{row.number}</span>
                        </Link>
                      ) : null}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          {may.consent ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="consent" />
              <div className="field field-checkbox">
                <input type="checkbox" id="field-namePublic" name="namePublic" defaultChecked={namePublic} />
                <label htmlFor="field-namePublic">{t("board.consent")}</label>
              </div>
              <div>
                <button type="submit" className="button button-secondary">
                  {t("board.saveConsent")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      {may.viewProgress ? (
        <section className="card" aria-labelledby="progress-title">
          <h2 id="progress-title">{t("board.progress")}</h2>
          <p className="muted">{t("board.progressNote", { criteria: criteria.map((criterion) => localizedName(criterion.names, locale)).join(", ") })}</p>
          {members.length === 0 ? (
            <p className="empty-state">{t("setup.noMembers")}</p>
          ) : rows.length === 0 ? (
            <p className="empty-state">{t("board.noProposals")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t("board.progress")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("board.proposal")}</th>
                    {members.map((member) => (
                      <th scope="col" key={member.userId}>
                        <bdi>{member.name}</bdi>
                        {member.isChair ? ` (${t("chair")})` : member.isViceChair ? ` (${t("viceChair")})` : ""}
                      </th>
                    ))}
                    <th scope="col">{t("board.score")}</th>
                    <th scope="col">{t("board.recommendations")}</th>
                    <th scope="col">{t("board.decision")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => {
                    const text = pickLocalized(row.texts, locale, row.originalLocale);
                    return (
                      <tr key={row.id} id={`proposal-${row.id}`}>
                        <th scope="row">
                          #{row.number} <ProposalTitle text={text} hidden={row.hidden !== null} />
                        </th>
                        {row.progress?.map((cell) => (
                          <td key={cell.userId} className={`review-${cell.state}`}>
                            {t(`state.${cell.state}`)}
                          </td>
                        ))}
                        <td className="numeric">
                          {row.scoreText
                            ? t("board.scoreValue", { score: row.scoreText, count: row.counted })
                            : row.scoreHidden
                              ? t(row.mine === "conflict" ? "board.scoreConflict" : "board.scoreAfterYours")
                              : t("noScore")}
                        </td>
                        <td>
                          {row.recommendations && Object.values(row.recommendations).some((count) => count > 0)
                            ? (["SHORTLIST", "REJECT", "ABSTAIN"] as const)
                                .map((kind) => `${t(`recommendation.${kind}`)}: ${row.recommendations![kind]}`)
                                .join(" · ")
                            : row.scoreHidden
                              ? t(row.mine === "conflict" ? "board.scoreConflict" : "board.scoreAfterYours")
                              : t("board.noRecommendations")}
                        </td>
                        <td>
                          {awaitsPanelDecision(row.status) ? <span className="muted">{t("report.undecided")}</span> : <StatusBadge status={row.status} />}
                          {row.decider ? (
                            <>
                              {" "}
                              <WhoDecides decider={row.decider} />
                            </>
                          ) : null}
                          {row.may.decide ? (
                            <>
                              {" "}
                              <Link to={`/panel/${round.id}/decisions/${row.id}`}>
                                {t("board.decide")}
                                <span className="visually-hidden"> #{row.number}</span>
                              </Link>
                            </>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </div>
  );
}
