// The data `npm run bench` measures, put in place through the app's own functions on a database that
// already holds the demo data: Praga-Południe 2020 (134 projects, 14,897 ballots) imported from Pabulib and
// published, so its proposal list, a proposal page and its results are realistic; and voting codes for
// the demo's round in VOTING (an imported round takes no ballots), handed out as staff take them.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSession, SESSION_COOKIE } from "~/auth/session.server";
import type { Db } from "~/db.server";
import { importPabulib } from "~/results/import.server";
import { previewJob, runJobHere } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { hashReceipt } from "~/voting/codes";
import { ballotOf, generateCodes, takeBatchCodes } from "~/voting/voting.server";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const PRAGA_FILE = "Poland_Warszawa_2020_Praga-Poludnie.pb";
/** Where the Pabulib files are (PABULIB_DIR, as for the tests; default ../shared/pabulib next to the repository). */
export const pragaPath = () => path.resolve(ROOT, process.env.PABULIB_DIR ?? "../shared/pabulib", PRAGA_FILE);
const STAFF_EMAIL = "staff@wijkbudget.demo";
/** The most codes one batch may hold (generateCodes refuses more). */
const BATCH = 20_000;

export interface BenchData {
  /** The imported, published Praga-Południe round. */
  pragaRoundId: string;
  /** One of its proposals (the lowest number). */
  pragaProposalId: string;
  votingRoundId: string;
  /** A valid ballot of the voting round: proposal ids to tick, in number order, within its budget. */
  ballot: string[];
  /** Unused plain voting codes of the voting round. */
  codes: string[];
  /** A Cookie header that signs a demo resident in: pages are rendered for them, never taken from the page cache. */
  residentCookie: string;
}

/** The pages measured beside /healthz, with their labels. */
export function benchPages(data: BenchData): { label: string; pathname: string }[] {
  return [
    { label: "home `/`", pathname: "/" },
    { label: "proposal list, 134 projects,", pathname: `/rounds/${data.pragaRoundId}/proposals` },
    { label: "proposal page", pathname: `/proposals/${data.pragaProposalId}` },
    { label: "results page, 134 projects,", pathname: `/rounds/${data.pragaRoundId}/results` },
  ];
}

function okOrThrow<T extends { ok: boolean }>(what: string, result: T): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<T, { ok: true }>;
}

/** Imports and publishes Praga-Południe, and issues `codes` voting codes for the demo's round in VOTING. */
export async function prepareBench(db: Db, { codes: wanted }: { codes: number }): Promise<BenchData> {
  const staffId = (await db.user.findUniqueOrThrow({ where: { email: STAFF_EMAIL } })).id;
  const neighbourhood = await db.neighbourhood.findFirstOrThrow({ orderBy: { slug: "asc" } });
  const text = await readFile(pragaPath(), "utf8");
  const { roundId: pragaRoundId } = okOrThrow(
    "The Praga-Południe import",
    await importPabulib(db, staffId, { neighbourhoodId: neighbourhood.id, fileName: PRAGA_FILE, text }),
  );
  const counted = await runJobHere(db, (await previewJob(db, pragaRoundId))!.id);
  okOrThrow("Publishing Praga-Południe's results", await publishResults(db, staffId, pragaRoundId, counted.id));
  const pragaProposalId = (await db.proposal.findFirstOrThrow({ where: { roundId: pragaRoundId }, orderBy: { number: "asc" } })).id;

  const votingRoundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING", eligibility: "CODES", importedFrom: null } })).id;
  const codes: string[] = [];
  while (codes.length < wanted) {
    const count = Math.min(BATCH, wanted - codes.length);
    const { batchId } = okOrThrow("Generating voting codes", await generateCodes(db, staffId, votingRoundId, count));
    const taken = await takeBatchCodes(db, staffId, votingRoundId, batchId, "csv");
    if (!taken) throw new Error("The new batch's codes could not be taken");
    codes.push(...taken.map((entry) => entry.code));
  }
  const resident = await db.user.findFirstOrThrow({ where: { role: "RESIDENT", emailVerifiedAt: { not: null } }, orderBy: { email: "asc" } });
  const { token } = await createSession(db, resident.id);
  const residentCookie = `${SESSION_COOKIE}=${token}`;
  return { pragaRoundId, pragaProposalId, votingRoundId, ballot: await affordableBallot(db, votingRoundId), codes, residentCookie };
}

/** Projects in number order while they fit the budget (the demo round is an APPROVAL_BUDGET round). */
async function affordableBallot(db: Db, roundId: string): Promise<string[]> {
  const { rules } = (await ballotOf(db, roundId))!;
  if (rules.method !== "APPROVAL_BUDGET") throw new Error(`The bench casts approval ballots within a budget, not ${rules.method}`);
  const chosen: string[] = [];
  let spent = 0;
  for (const project of rules.projects) {
    if (spent + project.costCents > rules.budgetCents) continue;
    spent += project.costCents;
    chosen.push(project.id);
  }
  if (chosen.length === 0) throw new Error("No project of the voting round fits its budget");
  return chosen;
}

/** Ballots and participations stored for a round. */
export async function voteCounts(db: Db, roundId: string) {
  const [ballots, participations] = await Promise.all([db.ballot.count({ where: { roundId } }), db.participation.count({ where: { roundId } })]);
  return { ballots, participations };
}

const RECEIPTS_PER_QUERY = 500;

/**
 * What went missing since `before`, as sentences (none when every cast answered with a receipt is
 * stored, nothing else is, and no code voted twice).
 */
export async function lostBallots(db: Db, roundId: string, before: { ballots: number; participations: number }, receipts: string[]): Promise<string[]> {
  const after = await voteCounts(db, roundId);
  const stored = after.ballots - before.ballots;
  const problems: string[] = [];
  if (stored !== receipts.length) problems.push(`${stored} ballots stored, ${receipts.length} casts answered with a receipt`);
  if (new Set(receipts).size !== receipts.length) problems.push("a receipt was given twice");
  const hashes = receipts.map(hashReceipt);
  let found = 0;
  // In batches below the driver adapters' limit of 999 query parameters (the round's id is one more).
  for (let start = 0; start < hashes.length; start += RECEIPTS_PER_QUERY) {
    found += await db.ballot.count({ where: { roundId, receiptHash: { in: hashes.slice(start, start + RECEIPTS_PER_QUERY) } } });
  }
  if (found !== receipts.length) problems.push(`receipts without a ballot: ${receipts.length - found}`);
  if (after.participations - before.participations !== stored)
    problems.push(`${after.participations - before.participations} participations for ${stored} ballots`);
  const twice = await db.participation.groupBy({ by: ["codeId"], where: { roundId, codeId: { not: null } }, having: { codeId: { _count: { gt: 1 } } } });
  if (twice.length) problems.push(`${twice.length} codes voted more than once`);
  return problems;
}
