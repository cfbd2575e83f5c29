// The tally read from the database: a round's ballots counted with its rule. Only tally jobs call it
// (jobs.server.ts): a city-size count takes seconds and never runs inside a request.
import type { Locale } from "~/i18n/config";
import type { Db, Tx } from "~/db.server";
import { refused, type Result } from "~/kernel/result";
import { panelScoresOf } from "~/panel/panel.server";
import { computeRoundOutcome, ruleFits, type RoundOutcome, type WithdrawnProject } from "./outcome";
import { ballotKind, type TallyProgress } from "./tally";

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

/** A funded project being withdrawn: the recount leaves it out, as if it were WITHDRAWN already. */
export interface Withdrawing {
  proposalId: string;
  reason: string;
  /** The language staff wrote the reason in; null for requests queued before it was asked. */
  reasonLocale: Locale | null;
}

/**
 * The round's outcome as it stands: the projects on the ballot (ON_BALLOT, or after publishing FUNDED,
 * NOT_FUNDED, IN_PROGRESS, REALISED — so a withdrawn one, and the one `withdrawing` names, is left out and
 * ballots that chose it keep their other choices), every ballot, and the round's rule (the weighted greedy in a
 * WEIGHTED panel round). Nothing is stored. A large round takes seconds: only tally jobs call this.
 */
export async function computeOutcome(
  db: Db | Tx,
  roundId: string,
  options: { withdrawing?: Withdrawing; onProgress?: TallyProgress } = {},
): Promise<Result<{ outcome: RoundOutcome }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, include: { panel: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  const kind = ballotKind(round.ballotMethod);
  // A panel weighs in only where there was a review phase for it to score in.
  const weighted = round.hasReview && round.panel?.mode === "WEIGHTED";
  if (!weighted && !ruleFits(kind, round.tallyRule)) return refused(409, "results:errors.ruleNotAllowed", { rule: round.tallyRule });
  const [onBallot, withdrawnRows, ballots, scores] = await Promise.all([
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
  const { withdrawing } = options;
  const proposals = onBallot.filter((row) => row.id !== withdrawing?.proposalId);
  const leaving = onBallot.find((row) => row.id === withdrawing?.proposalId);
  if (leaving) withdrawnRows.push({ ...leaving, withdrawnReason: withdrawing!.reason });
  withdrawnRows.sort((a, b) => a.number! - b.number!);
  const costOf = (row: { requestedCents: number; cityCostCents: number | null }) => row.cityCostCents ?? row.requestedCents;
  const withdrawn: WithdrawnProject[] = withdrawnRows.map((row) => ({
    proposalId: row.id,
    number: row.number!,
    costCents: costOf(row),
    reason: row.withdrawnReason,
  }));
  const outcome = computeRoundOutcome(
    {
      budgetCents: round.budgetCents,
      kind,
      rule: weighted ? "greedy" : (round.tallyRule as "greedy"),
      projects: proposals.map((row) => ({ proposalId: row.id, number: row.number!, costCents: costOf(row) })),
      ballotGroups: ballots.groups,
      online: ballots.online,
      paper: ballots.paper,
      weighted: weighted && scores ? { scores, weightPercent: round.panel!.weightPercent, scaleMax: round.panel!.scaleMax } : undefined,
      withdrawn,
    },
    options.onProgress,
  );
  return { ok: true, outcome };
}
