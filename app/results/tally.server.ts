// The tally read from the database: a round's ballots counted with its rule (computeOutcome), and the
// staff results page (staffResults): in TALLY a preview of the count, never stored; after publishing the
// published versions. Routes check permissions.
import type { Db, Tx } from "~/db.server";
import { refused, type Result } from "~/kernel/result";
import { panelScoresOf } from "~/panel/panel.server";
import { resultsInPreview } from "~/rounds/phases";
import { computeRoundOutcome, ruleFits, type RoundOutcome, type WithdrawnProject } from "./outcome";
import { eligibleVoters, idsOf, importSource, projectTexts, publishedVersions } from "./stored.server";
import { ballotKind } from "./tally";

/** Statuses of a project that was on the ballot (before publishing: ON_BALLOT). */
export const BALLOT_STATUSES = ["ON_BALLOT", "FUNDED", "NOT_FUNDED", "IN_PROGRESS", "REALISED"] as const;

/** Tallying (or importing) a large round takes a while; the transactions that do it get room. */
export const LONG_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/** Every ballot of the round, identical ones grouped, with online and paper counts. */
async function ballotGroups(db: Db | Tx, roundId: string) {
  const [voters, paper, choices] = await Promise.all([
    db.ballot.count({ where: { roundId } }),
    db.ballot.count({ where: { roundId, channel: "PAPER" } }),
    db.ballotChoice.findMany({
      where: { ballot: { roundId } },
      select: { ballotId: true, proposalId: true, points: true },
      orderBy: [{ ballotId: "asc" }, { proposalId: "asc" }],
    }),
  ]);
  const groups = new Map<string, { count: number; choices: [string, number][] }>();
  let withChoices = 0;
  for (let start = 0; start < choices.length;) {
    let end = start;
    while (end < choices.length && choices[end].ballotId === choices[start].ballotId) end++;
    const ballot = choices.slice(start, end).map((row): [string, number] => [row.proposalId, row.points]);
    const key = ballot.map(([id, points]) => `${id}:${points}`).join(",");
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { count: 1, choices: ballot });
    withChoices++;
    start = end;
  }
  if (voters > withChoices) groups.set("", { count: voters - withChoices, choices: [] });
  return { voters, paper, online: voters - paper, groups: [...groups.values()] };
}

/**
 * The round's outcome as it stands: the projects on the ballot (ON_BALLOT, or after publishing FUNDED,
 * NOT_FUNDED, IN_PROGRESS, REALISED — so a withdrawn one is left out and ballots that chose it keep their
 * other choices), every ballot, and the round's rule (the weighted greedy in a WEIGHTED panel round).
 * Nothing is stored.
 */
export async function computeOutcome(db: Db | Tx, roundId: string): Promise<Result<{ outcome: RoundOutcome }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, include: { panel: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  const kind = ballotKind(round.ballotMethod);
  // A panel weighs in only where there was a review phase for it to score in.
  const weighted = round.hasReview && round.panel?.mode === "WEIGHTED";
  if (!weighted && !ruleFits(kind, round.tallyRule)) return refused(409, "results:errors.ruleNotAllowed", { rule: round.tallyRule });
  const [proposals, withdrawnRows, ballots, scores] = await Promise.all([
    db.proposal.findMany({
      where: { roundId, status: { in: [...BALLOT_STATUSES] }, number: { not: null } },
      select: { id: true, number: true, requestedCents: true, cityCostCents: true },
    }),
    db.proposal.findMany({
      where: { roundId, status: "WITHDRAWN", withdrawnReason: { not: "" }, number: { not: null } },
      select: { id: true, number: true, requestedCents: true, cityCostCents: true, withdrawnReason: true },
      orderBy: { number: "asc" },
    }),
    ballotGroups(db, roundId),
    weighted ? panelScoresOf(db, roundId) : Promise.resolve(null),
  ]);
  const costOf = (row: { requestedCents: number; cityCostCents: number | null }) => row.cityCostCents ?? row.requestedCents;
  const withdrawn: WithdrawnProject[] = withdrawnRows.map((row) => ({
    proposalId: row.id,
    number: row.number!,
    costCents: costOf(row),
    reason: row.withdrawnReason,
  }));
  const outcome = computeRoundOutcome({
    budgetCents: round.budgetCents,
    kind,
    rule: weighted ? "greedy" : (round.tallyRule as "greedy"),
    projects: proposals.map((row) => ({ proposalId: row.id, number: row.number!, costCents: costOf(row) })),
    ballotGroups: ballots.groups,
    online: ballots.online,
    paper: ballots.paper,
    weighted: weighted && scores ? { scores, weightPercent: round.panel!.weightPercent, scaleMax: round.panel!.scaleMax } : undefined,
    withdrawn,
  });
  return { ok: true, outcome };
}

/**
 * In TALLY nothing the tally reads can change (voting is closed, the ballot and rules are locked,
 * withdrawals come only after publishing), so a preview is kept per round and phase change: staff
 * reloading the page do not recount a large city's ballots each time. Publishing always recounts.
 */
const previews = new Map<string, { key: string; preview: Awaited<ReturnType<typeof computeOutcome>> }>();
const MAX_KEPT_PREVIEWS = 20;

async function tallyPreview(db: Db, round: { id: string; phaseChangedAt: Date }) {
  const ballots = await db.ballot.count({ where: { roundId: round.id } });
  const key = `${round.phaseChangedAt.toISOString()}:${ballots}`;
  const kept = previews.get(round.id);
  if (kept?.key === key) return kept.preview;
  const preview = await computeOutcome(db, round.id);
  if (previews.size >= MAX_KEPT_PREVIEWS) previews.delete(previews.keys().next().value!);
  previews.set(round.id, { key, preview });
  return preview;
}

/**
 * The staff page: the round, its preview in TALLY (computed once, not stored) or its published versions,
 * the funded projects staff may withdraw, and for an imported round what the file itself selected.
 */
export async function staffResults(db: Db, roundId: string) {
  const round = await db.budgetRound.findUnique({
    where: { id: roundId },
    include: { translations: true, panel: { select: { mode: true, weightPercent: true } } },
  });
  if (!round) return null;
  const [preview, versions, source, codes] = await Promise.all([
    resultsInPreview(round.phase) ? tallyPreview(db, round) : Promise.resolve(null),
    publishedVersions(db, roundId),
    importSource(db, roundId),
    eligibleVoters(db, roundId),
  ]);
  const current = versions[0]?.outcome;
  const texts = await projectTexts(db, idsOf(preview?.ok ? preview.outcome : undefined, current));
  return { round, preview, versions, source, eligible: codes, texts };
}
