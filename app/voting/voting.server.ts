// Voting: the round's voting settings, who may vote (codes or accounts), and casting a secret
// ballot. The participation row (unique per code or account) and the ballot are written in one
// transaction, so a double submit stores one ballot; the ballot row has a random id, no time and
// no link to its voter (see docs/decisions/0010-ballot-secrecy.md).
import { moveProposals } from "~/proposals/status.server";
import { recordAudit, recordAuditIn } from "~/audit/audit.server";
import { limitFailuresIn, RATE_LIMITS, tooManyAttempts } from "~/auth/rate-limit.server";
import type { SessionUser } from "~/auth/session.server";
import { isPlausibleId } from "~/kernel/ids";
import { keptSince } from "~/privacy/retention";
import { generateToken, hashToken } from "~/kernel/tokens";
import { inTransaction, sqlStatements, sqlTransaction, type Db, type SqlStatements, type SqlTransactionStatements, type Tx } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";
import { codesAreIssuable, type Phase, votingIsOpen, votingIsAhead } from "~/rounds/phases";
import {
  ballotProblem,
  chosen,
  rulesFor,
  type BallotMethod,
  type BallotProblem,
  type BallotProject,
  type BallotRules,
  type BallotSettings,
  type Choices,
} from "./ballot";
import { generateCode, generateReceipt, hashCode, hashReceipt, looksLikeCode, normaliseCode } from "./codes";
import type { VotingSettingsInput } from "./schema";
import { isUniqueViolation } from "~/kernel/db-errors";
import { fieldRefused, refused, type Refused, type Result } from "~/kernel/result";

/**
 * Writes the round's row (to the phase it has) at the start of a transaction: on PostgreSQL that
 * takes the row's lock, so issuing and replacing codes and moving the phase run one after another
 * per round (and with casting, which reads the row under a share lock: castBallot) and each sees what the
 * one before committed. Null when the round is not in one allowed in. (SQLite runs one writing
 * transaction at a time anyway.)
 */
async function lockRound(tx: Tx, roundId: string, allowedIn: (phase: Phase) => boolean): Promise<Phase | null> {
  const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
  if (!round || !allowedIn(round.phase)) return null;
  const locked = await tx.budgetRound.updateMany({ where: { id: roundId, phase: round.phase }, data: { phase: round.phase } });
  return locked.count === 1 ? round.phase : null;
}

export async function saveVotingSettings(db: Db | Tx, actorId: string, roundId: string, input: VotingSettingsInput): Promise<Result> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, importedFrom: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (!votingIsAhead(round.phase) || round.importedFrom) return refused(409, "voting:errors.settingsLocked");
  if (!rulesFor(input.ballotMethod).includes(input.tallyRule)) return fieldRefused("tallyRule", "voting:validation.ruleForMethod");
  const data = {
    ballotMethod: input.ballotMethod,
    tallyRule: input.tallyRule,
    approvalLimit: input.ballotMethod === "APPROVAL_K" ? input.approvalLimit : null,
    cumulativePoints: input.ballotMethod === "CUMULATIVE" ? input.cumulativePoints : null,
    cumulativeMaxPerProject: input.ballotMethod === "CUMULATIVE" ? input.cumulativeMaxPerProject : null,
    eligibility: input.eligibility,
    codesPerHousehold: input.eligibility === "CODES" && input.codesPerHousehold,
    minimumAge: input.minimumAge,
    selfDeclaredVoters: input.eligibility === "ACCOUNTS" && input.selfDeclaredVoters,
  };
  await inTransaction(db, async (tx) => {
    // Codes and verified accounts never mix in one round: switching away drops the other kind.
    if (input.eligibility === "ACCOUNTS") {
      await tx.votingCode.deleteMany({ where: { roundId } });
      await tx.codeBatch.deleteMany({ where: { roundId } });
    } else {
      await tx.roundVoter.deleteMany({ where: { roundId } });
    }
    await tx.budgetRound.update({ where: { id: roundId }, data });
    await recordAudit(tx, { actorId, action: "round.voting-settings", entityId: roundId, details: data });
  });
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// The ballot

const ON_BALLOT_OR_AFTER = ["ON_BALLOT", "FUNDED", "NOT_FUNDED", "IN_PROGRESS", "REALISED"] as const;

/** A round as its ballot page shows it: who may vote, its phase, its titles and its ballot's rules. */
export interface BallotRound extends CastingRound {
  selfDeclaredVoters: boolean;
  minimumAge: number;
  originalLocale: string;
  translations: readonly { locale: string; title: string }[];
}

/** A project on the ballot: what the ballot form shows of it and what it costs. */
export interface BallotProposal {
  id: string;
  number: number;
  originalLocale: string;
  hiddenAt: string | null;
  cityCostCents: number | null;
  requestedCents: number;
  texts: { locale: string; title: string; summary: string }[];
}

/** What of a ballot is kept between reads (below): the round's titles and the projects on its ballot. */
interface KeptBallot {
  version: string;
  translations: BallotRound["translations"];
  /** Shared by every read until the version changes: never changed in place. */
  proposals: readonly BallotProposal[];
}

/**
 * The ballots read last, per database client and round, with the version they were read at: every
 * render of the ballot page asks for its ballot (three times in a vote without JavaScript), and its
 * 100-odd projects with their texts were the largest read of a vote. The version is read with the
 * round's row on every call, so a ballot is never older than the database (decision 0042): the round's
 * `updatedAt` (its translations are only written with the round's row), and the count and latest
 * `updatedAt` of its proposals (their texts are only written with their proposal's row).
 */
const keptBallots = new WeakMap<Db, Map<string, KeptBallot>>();
const BALLOTS_KEPT = 100;

/** The round and its ballot as residents see it, with the rules a ballot must keep; in SQL, only what the page shows. */
export async function ballotOf(db: Db, roundId: string): Promise<{ round: BallotRound; proposals: readonly BallotProposal[]; rules: BallotRules } | null> {
  const sql = await sqlStatements(db);
  const [row] = await sql.rows<Record<keyof CastingRound | "selfDeclaredVoters" | "minimumAge" | "originalLocale" | "version", unknown>>(
    `SELECT "id", "phase", "eligibility", "importedFrom", "ballotMethod", "budgetCents", "approvalLimit", "cumulativePoints", "cumulativeMaxPerProject",
       "selfDeclaredVoters", "minimumAge", "originalLocale",
       (SELECT CAST(count(*) AS TEXT) || ' ' || coalesce(CAST(max(p."updatedAt") AS TEXT), '') FROM "Proposal" p WHERE p."roundId" = r."id")
         || ' ' || CAST(r."updatedAt" AS TEXT) AS "version"
     FROM "BudgetRound" r WHERE r."id" = ?`,
    roundId,
  );
  if (!row) return null;
  let kept = keptBallots.get(db);
  if (!kept) keptBallots.set(db, (kept = new Map()));
  let ballot = kept.get(roundId);
  const version = String(row.version);
  if (ballot?.version !== version) {
    ballot = { version, ...(await ballotTexts(sql, roundId)) };
    if (kept.size >= BALLOTS_KEPT) kept.clear();
    kept.set(roundId, ballot);
  }
  const round: BallotRound = {
    ...castingRound(row),
    selfDeclaredVoters: row.selfDeclaredVoters === true || Number(row.selfDeclaredVoters) === 1,
    minimumAge: whole(row.minimumAge),
    originalLocale: String(row.originalLocale),
    translations: ballot.translations,
  };
  return { round, proposals: ballot.proposals, rules: rulesOf(round, ballot.proposals) };
}

/** A round's titles and the projects on its ballot with their texts, as ballotOf keeps them. */
async function ballotTexts(sql: SqlStatements, roundId: string): Promise<Omit<KeptBallot, "version">> {
  const [translations, proposalRows] = await Promise.all([
    sql.rows<{ locale: string; title: string }>(`SELECT "locale", "title" FROM "RoundTranslation" WHERE "roundId" = ? ORDER BY "locale"`, roundId),
    sql.rows<Record<"id" | "number" | "originalLocale" | "hiddenAt" | "cityCostCents" | "requestedCents" | "locale" | "title" | "summary", unknown>>(
      `SELECT p."id", p."number", p."originalLocale", p."hiddenAt", p."cityCostCents", p."requestedCents", t."locale", t."title", t."summary"
       FROM "Proposal" p LEFT JOIN "ProposalText" t ON t."proposalId" = p."id"
       WHERE p."roundId" = ? AND p."status" IN (${ON_BALLOT_OR_AFTER.map((status) => `'${status}'`).join(", ")}) ORDER BY p."number", t."locale"`,
      roundId,
    ),
  ]);
  const proposals: BallotProposal[] = [];
  for (const text of proposalRows) {
    let proposal = proposals.at(-1);
    if (!proposal || proposal.id !== text.id) {
      proposal = {
        id: String(text.id),
        number: whole(text.number),
        originalLocale: String(text.originalLocale),
        hiddenAt: text.hiddenAt === null ? null : String(text.hiddenAt),
        cityCostCents: wholeOrNull(text.cityCostCents),
        requestedCents: whole(text.requestedCents),
        texts: [],
      };
      proposals.push(proposal);
    }
    if (text.locale !== null) proposal.texts.push({ locale: String(text.locale), title: String(text.title), summary: String(text.summary) });
  }
  return { translations, proposals };
}

/** What a round's ballot rules are read from. */
interface RulesRound {
  ballotMethod: string;
  budgetCents: number;
  approvalLimit: number | null;
  cumulativePoints: number | null;
  cumulativeMaxPerProject: number | null;
}

function rulesOf(round: RulesRound, proposals: readonly { id: string; cityCostCents: number | null; requestedCents: number }[]): BallotRules {
  return {
    method: round.ballotMethod as BallotMethod,
    budgetCents: round.budgetCents,
    approvalLimit: round.approvalLimit,
    points: round.cumulativePoints,
    maxPerProject: round.cumulativeMaxPerProject,
    projects: proposals.map((proposal) => ({ id: proposal.id, costCents: proposal.cityCostCents ?? proposal.requestedCents })),
  };
}

/** What casting reads of a round: who may vote, whether residents see it, and its ballot's rules. */
export interface CastingRound extends RulesRound {
  id: string;
  phase: Phase;
  eligibility: string;
  importedFrom: string | null;
}

const whole = (value: unknown) => Number(value);
const wholeOrNull = (value: unknown) => (value === null ? null : Number(value));

/** A round's row as SQL gives it (on SQLite the adapter may give whole numbers as text, on PostgreSQL a count as text). */
function castingRound(row: Record<keyof CastingRound, unknown>): CastingRound {
  return {
    id: String(row.id),
    phase: row.phase as Phase,
    eligibility: String(row.eligibility),
    importedFrom: row.importedFrom === null ? null : String(row.importedFrom),
    ballotMethod: String(row.ballotMethod),
    budgetCents: whole(row.budgetCents),
    approvalLimit: wholeOrNull(row.approvalLimit),
    cumulativePoints: wholeOrNull(row.cumulativePoints),
    cumulativeMaxPerProject: wholeOrNull(row.cumulativeMaxPerProject),
  };
}

/**
 * ballotOf without the texts and translations a cast does not need, in one SQL statement: the round's row
 * beside each project on its ballot (once, without projects); numbers read as castingRound reads them.
 * `sharing`: on PostgreSQL the round's row is read FOR SHARE, a lock casts hold side by side and that
 * whatever writes the row (a phase move, a code replacement) waits for, and they for it (see castBallot).
 */
async function castingRulesIn(sql: SqlStatements, roundId: string, sharing = false): Promise<{ round: CastingRound; rules: BallotRules } | null> {
  const rows = await sql.rows<Record<keyof CastingRound | "proposalId" | "cityCostCents" | "requestedCents", unknown>>(
    `SELECT r."id", r."phase", r."eligibility", r."importedFrom", r."ballotMethod", r."budgetCents", r."approvalLimit",
            r."cumulativePoints", r."cumulativeMaxPerProject", p."id" AS "proposalId", p."cityCostCents", p."requestedCents"
     FROM "BudgetRound" r
     LEFT JOIN "Proposal" p ON p."roundId" = r."id" AND p."status" IN (${ON_BALLOT_OR_AFTER.map((status) => `'${status}'`).join(", ")})
     WHERE r."id" = ? ORDER BY p."number"${sharing && sql.dialect === "postgresql" ? ` FOR SHARE OF r` : ""}`,
    roundId,
  );
  const [row] = rows;
  if (!row) return null;
  const round = castingRound(row);
  const costs = rows
    .filter((proposal) => proposal.proposalId !== null)
    .map((proposal) => ({
      id: String(proposal.proposalId),
      cityCostCents: wholeOrNull(proposal.cityCostCents),
      requestedCents: whole(proposal.requestedCents),
    }));
  return { round, rules: rulesOf(round, costs) };
}

/** The round and the rules its ballot keeps, for a ballot form's post (the page itself shows ballotOf). */
export async function castingRulesOf(db: Db, roundId: string) {
  return castingRulesIn(await sqlStatements(db), roundId);
}

/** The ballot as the ballot form shows it in the reader's language: its rules and its projects. */
export function ballotView(ballot: NonNullable<Awaited<ReturnType<typeof ballotOf>>>, locale: Locale): { settings: BallotSettings; projects: BallotProject[] } {
  const { projects: _costs, ...settings } = ballot.rules;
  return {
    settings,
    projects: ballot.proposals.map((proposal) => {
      const hidden = proposal.hiddenAt !== null;
      const text = hidden ? null : pickLocalized(proposal.texts, locale, proposal.originalLocale);
      return {
        id: proposal.id,
        number: proposal.number,
        title: text?.text.title ?? "",
        summary: text?.text.summary ?? "",
        textLocale: text?.locale ?? locale,
        costCents: proposal.cityCostCents ?? proposal.requestedCents,
        hidden,
      };
    }),
  };
}

/**
 * Opens voting inside advancePhase's transaction: the ballot is the SHORTLISTED proposals of a
 * SHORTLIST panel round, otherwise every ADMISSIBLE one; they become ON_BALLOT and from then on the
 * ballot list, method, budget and rule cannot change. Returns a refusal (the round page shows it
 * under the phase move), or null when opened.
 */
export async function openBallot(tx: Tx, roundId: string): Promise<Refused | null> {
  const round = await tx.budgetRound.findUniqueOrThrow({ where: { id: roundId }, include: { panel: true } });
  if (round.ballotMethod === "APPROVAL_K" && !round.approvalLimit) return refused(409, "rounds:errors.ballot-settings");
  if (round.ballotMethod === "CUMULATIVE" && !round.cumulativePoints) return refused(409, "rounds:errors.ballot-settings");
  const shortlisting = round.hasReview && (round.panel?.mode ?? "SHORTLIST") === "SHORTLIST";
  const listedStatus = shortlisting ? "SHORTLISTED" : "ADMISSIBLE";
  const listed = await tx.proposal.findMany({ where: { roundId, status: listedStatus }, select: { id: true } });
  if (listed.length === 0) return refused(409, "rounds:errors.ballot-empty");
  // A proposal withdrawn in the meantime stays out.
  const onBallot = await moveProposals(
    tx,
    listed.map((row) => row.id),
    { from: listedStatus, to: "ON_BALLOT" },
  );
  if (onBallot.length === 0) return refused(409, "rounds:errors.ballot-empty");
  return null;
}

// ---------------------------------------------------------------------------------------------
// Codes

const MAX_BATCH = 20_000;

export async function generateCodes(db: Db, actorId: string, roundId: string, count: number): Promise<Result<{ batchId: string }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, eligibility: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (round.eligibility !== "CODES") return refused(409, "voting:errors.notCodes");
  if (!codesAreIssuable(round.phase)) return refused(409, "voting:errors.codesClosed");
  if (count < 1 || count > MAX_BATCH) return fieldRefused("count", "voting:validation.batchSize");
  return db.$transaction(
    async (tx): Promise<Result<{ batchId: string }>> => {
      if (!(await lockRound(tx, roundId, codesAreIssuable))) return refused(409, "voting:errors.codesClosed");
      const { _max } = await tx.votingCode.aggregate({ where: { roundId }, _max: { serial: true } });
      const first = (_max.serial ?? 0) + 1;
      const codes = Array.from({ length: count }, (_, index) => ({ serial: first + index, code: generateCode() }));
      const batch = await tx.codeBatch.create({ data: { roundId, count, plainCodes: JSON.stringify(codes) } });
      for (let start = 0; start < codes.length; start += 1000) {
        await tx.votingCode.createMany({
          data: codes.slice(start, start + 1000).map((entry) => ({ roundId, serial: entry.serial, codeHash: hashCode(entry.code), batchId: batch.id })),
        });
      }
      await recordAudit(tx, { actorId, action: "voting.codes", entityId: roundId });
      return { ok: true, batchId: batch.id };
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}

export async function codeBatches(db: Db, roundId: string) {
  const [batches, counts] = await Promise.all([
    db.codeBatch.findMany({
      where: { roundId },
      orderBy: { createdAt: "desc" },
      select: { id: true, count: true, createdAt: true, csvDownloadedAt: true, lettersDownloadedAt: true, plainCodes: true },
    }),
    Promise.all([
      db.votingCode.count({ where: { roundId } }),
      db.votingCode.count({ where: { roundId, voidedAt: { not: null } } }),
      db.participation.count({ where: { roundId, codeId: { not: null } } }),
    ]),
  ]);
  return {
    batches: batches.map(({ plainCodes, ...batch }) => ({ ...batch, available: plainCodes !== null })),
    issued: counts[0],
    voided: counts[1],
    used: counts[2],
    /** Codes that still work and have not voted (a replaced code is voided, never used). */
    unused: Math.max(0, counts[0] - counts[1] - counts[2]),
  };
}

/**
 * Letters are one printable page per code with a QR code: a thousand is a print run an office
 * printer and a browser handle; larger batches go to a print shop as CSV.
 */
export const MAX_LETTERS_PER_BATCH = 1000;

/**
 * The plain codes of a batch, once per format (CSV, letters); when both have been taken the plain
 * codes are erased and only their hashes remain. Null for an unknown batch, and when that format
 * was already downloaded.
 */
export async function takeBatchCodes(db: Db, actorId: string, roundId: string, batchId: string, format: "csv" | "letters") {
  if (!isPlausibleId(batchId)) return null;
  return db.$transaction(async (tx) => {
    const batch = await tx.codeBatch.findUnique({ where: { id: batchId } });
    if (!batch || batch.roundId !== roundId || !batch.plainCodes) return null;
    if (format === "letters" && batch.count > MAX_LETTERS_PER_BATCH) return null;
    const field = format === "csv" ? "csvDownloadedAt" : "lettersDownloadedAt";
    if (batch[field]) return null;
    const other = format === "csv" ? batch.lettersDownloadedAt : batch.csvDownloadedAt;
    const taken = await tx.codeBatch.updateMany({
      where: { id: batchId, [field]: null },
      data: { [field]: new Date(), ...(other ? { plainCodes: null } : {}) },
    });
    if (taken.count !== 1) return null;
    await recordAudit(tx, { actorId, action: "voting.codes-download", entityId: roundId });
    return JSON.parse(batch.plainCodes) as { serial: number; code: string }[];
  });
}

/** Plain codes never stay longer than a day, downloaded or not (run by the hourly clean-up). */
export async function erasePlainCodes(db: Db, now = new Date()) {
  return db.codeBatch.updateMany({
    where: { plainCodes: { not: null }, createdAt: { lte: keptSince("plainCodes", now) } },
    data: { plainCodes: null },
  });
}

/**
 * Deletes the voter list of each account round whose results were published (or which closed) 30
 * days ago, keeping only its size, so turnout stays what it was (run by the hourly clean-up).
 */
export async function pruneVoterLists(db: Db, now = new Date()): Promise<number> {
  const rounds = await db.budgetRound.findMany({
    where: { phase: { in: ["PUBLISHED", "CLOSED"] }, phaseChangedAt: { lte: keptSince("voterLists", now) }, voters: { some: {} } },
    select: { id: true },
  });
  let deleted = 0;
  for (const { id } of rounds) {
    deleted += await db.$transaction(async (tx) => {
      const count = await tx.roundVoter.count({ where: { roundId: id } });
      await tx.budgetRound.update({ where: { id }, data: { eligibleVoterCount: count } });
      return (await tx.roundVoter.deleteMany({ where: { roundId: id } })).count;
    });
  }
  return deleted;
}

/** Voids a lost code by its serial and issues a replacement in a batch of one (to print). */
export async function replaceCode(db: Db, actorId: string, roundId: string, serial: number): Promise<Result<{ batchId: string; newSerial: number }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (!codesAreIssuable(round.phase)) return refused(409, "voting:errors.codesClosed");
  return db.$transaction(async (tx): Promise<Result<{ batchId: string; newSerial: number }>> => {
    // Waits for a ballot being cast with this code: then it is used and cannot be replaced.
    if (!(await lockRound(tx, roundId, codesAreIssuable))) return refused(409, "voting:errors.codesClosed");
    const code = await tx.votingCode.findUnique({ where: { roundId_serial: { roundId, serial } }, include: { participation: true } });
    if (!code) return fieldRefused("serial", "voting:errors.unknownSerial", 404);
    if (code.voidedAt) return fieldRefused("serial", "voting:errors.alreadyVoided", 409);
    if (code.participation) return fieldRefused("serial", "voting:errors.serialUsed", 409);
    const { _max } = await tx.votingCode.aggregate({ where: { roundId }, _max: { serial: true } });
    const newSerial = (_max.serial ?? 0) + 1;
    const plain = generateCode();
    const batch = await tx.codeBatch.create({ data: { roundId, count: 1, plainCodes: JSON.stringify([{ serial: newSerial, code: plain }]) } });
    await tx.votingCode.create({ data: { roundId, serial: newSerial, codeHash: hashCode(plain), batchId: batch.id } });
    const voided = await tx.votingCode.updateMany({ where: { id: code.id, voidedAt: null }, data: { voidedAt: new Date(), replacedBy: newSerial } });
    if (voided.count !== 1) throw new Error("The code was voided concurrently");
    await recordAudit(tx, { actorId, action: "voting.code-replace", entityId: roundId });
    return { ok: true, batchId: batch.id, newSerial };
  });
}

// ---------------------------------------------------------------------------------------------
// Who may vote

export type Credential = { kind: "code"; code: string } | { kind: "account"; user: SessionUser };

/** Who votes: the code's row or the account, exactly one of them. */
type Voter = { codeId: string | null; userId: string | null };

/**
 * A refusal of the voter rather than of the ballot (an unknown, voided or used code, an account that
 * may not or did vote, too many wrong codes): the ballot page answers it at the code step.
 */
export type VoterRefused = Refused & { voter: true; retryAfterSeconds?: number };
const voterRefused = (refusal: Refused): VoterRefused => ({ ...refusal, voter: true });

// The voter checks and the cast are statements written in SQL (docs/decisions/0041): a cast is the one
// write many residents make at the same moment, and Prisma's cost per query was most of its time.

/** Whether this code or account may still vote in the round (checked again when the ballot is cast). */
export async function checkCredential(db: Db, roundId: string, credential: Credential): Promise<Result<Voter>> {
  return voterIn(await sqlStatements(db), roundId, credential);
}

/** checkCredential on the caller's statements (inside its transaction, say), with what voterReads read. */
async function voterIn(sql: SqlStatements, roundId: string, credential: Credential, reads = voterReads(sql, roundId, credential)): Promise<Result<Voter>> {
  const [[round], record] = await reads;
  if (!round) return refused(404, "errors:roundUnknown");
  return checkVoter(sql, roundId, round.eligibility, credential, record);
}

/** The round's eligibility and the voter's record, read together. */
function voterReads(sql: SqlStatements, roundId: string, credential: Credential) {
  return Promise.all([
    sql.rows<{ eligibility: string }>(`SELECT "eligibility" FROM "BudgetRound" WHERE "id" = ?`, roundId),
    voterRecord(sql, roundId, credential),
  ]);
}

/**
 * Reads sent before the wrong-code limit's lock and count, to go out with them (and with BEGIN) in one round
 * trip on PostgreSQL's pipelined connections. What they read does not depend on the limit, which decides only
 * whether they are used; a failure of reads left unused is not reported (the limit's own statements meet it).
 */
function readAhead<T>(reads: Promise<T>): Promise<T> {
  reads.catch(() => {});
  return reads;
}

/** A voting code's row as the voter check reads it, with the participation that used it, if any. */
type CodeRow = { id: string; roundId: string; voidedAt: string | null; participationId: string | null };

/** What the voter check reads of the code or the account. */
type VoterRecord = { kind: "code"; code: CodeRow | undefined } | { kind: "account"; eligible: boolean; voted: boolean };

/**
 * Reads the voter's record without waiting for the round's row, so that callers send both reads together
 * (one round trip on PostgreSQL's pipelined connections); a code that cannot be one is not looked up.
 */
async function voterRecord(sql: SqlStatements, roundId: string, credential: Credential): Promise<VoterRecord> {
  if (credential.kind === "code") {
    if (!looksLikeCode(normaliseCode(credential.code))) return { kind: "code", code: undefined };
    const [code] = await sql.rows<CodeRow>(
      `SELECT c."id", c."roundId", c."voidedAt", p."id" AS "participationId"
       FROM "VotingCode" c LEFT JOIN "Participation" p ON p."codeId" = c."id" WHERE c."codeHash" = ?`,
      hashCode(credential.code),
    );
    return { kind: "code", code };
  }
  const userId = credential.user.id;
  const [status] = await sql.rows<{ eligible: unknown; voted: unknown }>(
    `SELECT (SELECT COUNT(*) FROM "RoundVoter" WHERE "roundId" = ? AND "userId" = ?) AS "eligible",
            (SELECT COUNT(*) FROM "Participation" WHERE "roundId" = ? AND "userId" = ?) AS "voted"`,
    roundId,
    userId,
    roundId,
    userId,
  );
  return { kind: "account", eligible: Number(status!.eligible) > 0, voted: Number(status!.voted) > 0 };
}

/** checkCredential for a round whose eligibility the caller has read, with the voter's record. */
async function checkVoter(sql: SqlStatements, roundId: string, eligibility: string, credential: Credential, record: VoterRecord): Promise<Result<Voter>> {
  if (credential.kind === "code") {
    if (eligibility !== "CODES") return refused(403, "voting:errors.codesNotUsed");
    const code = record.kind === "code" ? record.code : undefined;
    if (!code || code.roundId !== roundId) return refused(400, "voting:errors.codeUnknown");
    if (code.voidedAt !== null) return refused(409, "voting:errors.codeVoided");
    if (code.participationId !== null) return refused(409, "voting:errors.alreadyVoted");
    return { ok: true, codeId: code.id, userId: null };
  }
  if (eligibility !== "ACCOUNTS") return refused(403, "voting:errors.accountsNotUsed");
  if (record.kind !== "account" || !record.eligible) return refused(403, "voting:errors.notEligible");
  if (record.voted || (await votedFromDeletedAccount(sql, roundId, credential.user.email))) return refused(409, "voting:errors.alreadyVoted");
  return { ok: true, codeId: null, userId: credential.user.id };
}

const deletedVoterHash = (salt: string, email: string) => hashToken(`${salt}:${email}`);

/** Whether `email` voted in the round with an account since deleted (see rememberDeletedVoter). */
async function votedFromDeletedAccount(sql: SqlStatements, roundId: string, email: string): Promise<boolean> {
  const rows = await sql.rows<{ salt: string; addressHash: string }>(`SELECT "salt", "addressHash" FROM "DeletedVoter" WHERE "roundId" = ?`, roundId);
  return rows.some((row) => row.addressHash === deletedVoterHash(row.salt, email));
}

/**
 * Before an account that voted goes: for each account round whose voting is still open, keep a salted
 * hash of its address, so that a new account with the address cannot vote there again.
 */
export async function rememberDeletedVoter(tx: Tx, userId: string, email: string): Promise<void> {
  const participations = await tx.participation.findMany({
    where: { userId, round: { eligibility: "ACCOUNTS" } },
    select: { round: { select: { id: true, phase: true } } },
  });
  for (const { round } of participations) {
    if (!votingIsOpen(round.phase)) continue;
    const salt = generateToken();
    await tx.deletedVoter.create({ data: { roundId: round.id, salt, addressHash: deletedVoterHash(salt, email) } });
  }
}

/** Erases the hashes of deleted voters once their round's voting closed (run by the hourly clean-up). */
export async function pruneDeletedVoters(db: Db): Promise<number> {
  const { count } = await db.deletedVoter.deleteMany({ where: { round: { phase: { in: ["TALLY", "PUBLISHED", "CLOSED"] } } } });
  return count;
}

/** The limit on wrong codes from one client address. */
const wrongCodesFrom = (address: string) => [{ key: `voting-code:address:${address}`, rule: RATE_LIMITS.votingCodeFailuresPerAddress }];
const isWrongCode = (check: { ok: boolean; formError?: string }) => !check.ok && check.formError === "voting:errors.codeUnknown";

/**
 * checkCredential, with wrong codes limited per client address: only failures count (a community
 * centre helping many residents vote shares one address), checked and counted under one lock so a
 * burst of guesses gets no more checks than the limit. Refused with 429 (and `retryAfterSeconds`)
 * while the address is limited.
 */
export async function checkVoterCredential(db: Db, roundId: string, credential: Credential, address: string): Promise<Result<Voter>> {
  if (credential.kind !== "code") return checkCredential(db, roundId, credential);
  return sqlTransaction(db, async (sql) => {
    const reads = readAhead(voterReads(sql, roundId, credential));
    const checked = await limitFailuresIn(sql, wrongCodesFrom(address), async () => {
      const check = await voterIn(sql, roundId, credential, reads);
      return { failed: isWrongCode(check), value: check };
    });
    return checked.limited ? tooManyAttempts(checked.retryAfterSeconds) : checked.value;
  });
}

/** A resident's own voting status in an ACCOUNTS round. */
export async function accountVoterStatus(db: Db, user: SessionUser, roundId: string) {
  const [voter, participation] = await Promise.all([
    db.roundVoter.findUnique({ where: { roundId_userId: { roundId, userId: user.id } } }),
    db.participation.findUnique({ where: { roundId_userId: { roundId, userId: user.id } } }),
  ]);
  return { eligible: !!voter, voted: !!participation };
}

/** A self-declared resident (when the round accepts them) old enough by birth year. */
export async function declareVoter(db: Db, user: SessionUser, roundId: string, birthYear: number, today = new Date()): Promise<Result> {
  const round = await db.budgetRound.findUnique({
    where: { id: roundId },
    select: { phase: true, eligibility: true, selfDeclaredVoters: true, minimumAge: true },
  });
  if (!round) return refused(404, "errors:roundUnknown");
  if (round.eligibility !== "ACCOUNTS" || !round.selfDeclaredVoters) return refused(403, "voting:errors.notEligible");
  if (!votingIsOpen(round.phase)) return refused(409, "voting:errors.closed");
  // Old enough in the year of the vote: a birth year before the year the minimum age is reached.
  if (today.getUTCFullYear() - birthYear < round.minimumAge) return fieldRefused("birthYear", "voting:validation.tooYoung");
  await db.roundVoter.upsert({
    where: { roundId_userId: { roundId, userId: user.id } },
    create: { roundId, userId: user.id, birthYear },
    update: {},
  });
  return { ok: true };
}

/** Staff mark an account as a verified resident for an ACCOUNTS round. */
export async function verifyVoter(db: Db, actorId: string, roundId: string, email: string): Promise<Result> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, eligibility: true } });
  if (!round) return refused(404, "errors:roundUnknown");
  if (round.eligibility !== "ACCOUNTS") return refused(409, "voting:errors.accountsNotUsed");
  if (!codesAreIssuable(round.phase)) return refused(409, "voting:errors.closed");
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return fieldRefused("email", "voting:errors.noAccount", 404);
  await db.$transaction(async (tx) => {
    await tx.roundVoter.upsert({
      where: { roundId_userId: { roundId, userId: user.id } },
      create: { roundId, userId: user.id, verifiedById: actorId },
      update: { verifiedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "voting.verify", entityId: roundId });
  });
  return { ok: true };
}

export async function verifiedVoters(db: Db, roundId: string) {
  return db.roundVoter.findMany({
    where: { roundId },
    orderBy: { createdAt: "asc" },
    include: { user: { select: { name: true, email: true } } },
  });
}

// ---------------------------------------------------------------------------------------------
// Casting

/** The receipt of the stored ballot, or the refusal (`problem`: the ballot rule the choices break). */
type CastResult = { ok: true; receipt: string } | (Refused & { problem?: BallotProblem }) | VoterRefused;

/**
 * Stores one ballot. Everything is checked inside the transaction: the phase, the credential, the
 * ballot rules. The participation insert is unique per code or account: of two simultaneous submits
 * one fails there and its ballot is rolled back with it. With the voter's `address`, a code is
 * checked under the same limit on wrong codes as checkVoterCredential's, in the same transaction.
 *
 * The round's row is read first, under a share lock on PostgreSQL (docs/decisions/0041, which replaces
 * 0023's lock taken last): casts hold it side by side, while moving the phase and replacing a code write
 * the row, so they wait for the casts in flight and casts for them. Under it the phase stays open
 * (closing the vote waits for ballots being cast, and none is accepted once the phase has moved on) and
 * the code is not voided meanwhile (of a replacement and a ballot with that code, one waits for the
 * other and only one happens). (SQLite runs one writing transaction at a time anyway.)
 */
export async function castBallot(
  db: Db,
  roundId: string,
  credential: Credential,
  choices: Choices,
  channel: "ONLINE" | "PAPER" = "ONLINE",
  /** The staff member entering a paper ballot. */
  enteredBy?: string,
  /** The client address of a voter casting with a code. */
  address?: string,
): Promise<CastResult> {
  const receipt = generateReceipt();
  try {
    return await sqlTransaction(db, async (sql): Promise<CastResult> => {
      const reads = readAhead(castReads(sql, roundId, credential));
      const cast = async () => castIn(sql, await reads, roundId, credential, choices, channel, receipt, enteredBy);
      if (credential.kind !== "code" || address === undefined) return cast();
      const checked = await limitFailuresIn(sql, wrongCodesFrom(address), async () => {
        const result = await cast();
        return { failed: isWrongCode(result), value: result };
      });
      return checked.limited ? voterRefused(tooManyAttempts(checked.retryAfterSeconds)) : checked.value;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return voterRefused(refused(409, "voting:errors.alreadyVoted"));
    throw error;
  }
}

/** What a cast reads: the round with its ballot's rules (its row locked first) and the voter's record. */
function castReads(sql: SqlStatements, roundId: string, credential: Credential) {
  return Promise.all([castingRulesIn(sql, roundId, true), voterRecord(sql, roundId, credential)]);
}

async function castIn(
  sql: SqlTransactionStatements,
  [ballot, record]: Awaited<ReturnType<typeof castReads>>,
  roundId: string,
  credential: Credential,
  choices: Choices,
  channel: "ONLINE" | "PAPER",
  receipt: string,
  enteredBy: string | undefined,
): Promise<CastResult> {
  if (!ballot || !votingIsOpen(ballot.round.phase)) return refused(409, "voting:errors.closed");
  const check = await checkVoter(sql, roundId, ballot.round.eligibility, credential, record);
  if (!check.ok) return voterRefused(check);
  const problem = ballotProblem(ballot.rules, choices);
  if (problem) return { ...refused(400, `voting:problems.${problem}`), problem };
  // Who entered a paper ballot is logged; never for whom, nor what is on it.
  if (channel === "PAPER") await recordAuditIn(sql, { actorId: enteredBy ?? null, action: "voting.paper-ballot", entityId: roundId });
  // The ballot's writes go out with the COMMIT (one round trip on PostgreSQL). Of two casts with one code or
  // account, the second fails at the participation's unique key and its transaction is rolled back whole.
  sql.runAtCommit(
    `INSERT INTO "Participation" ("id", "roundId", "codeId", "userId") VALUES (?, ?, ?, ?)`,
    generateToken(),
    roundId,
    check.codeId,
    check.userId,
  );
  const ballotId = generateToken();
  // The channel is one of two words, never the client's text.
  sql.runAtCommit(
    `INSERT INTO "Ballot" ("id", "roundId", "receiptHash", "channel") VALUES (?, ?, ?, '${channel === "PAPER" ? "PAPER" : "ONLINE"}')`,
    ballotId,
    roundId,
    hashReceipt(receipt),
  );
  const picked = [...chosen(choices)];
  if (picked.length) {
    sql.runAtCommit(
      `INSERT INTO "BallotChoice" ("ballotId", "proposalId", "points") VALUES ${picked.map(() => "(?, ?, ?)").join(", ")}`,
      ...picked.flatMap(([proposalId, points]) => [ballotId, proposalId, points]),
    );
  }
  return { ok: true, receipt };
}

/** Whether a ballot with this receipt is stored (and so counted). */
export async function receiptCounted(db: Db, receipt: string): Promise<{ roundId: string } | null> {
  const ballot = await db.ballot.findUnique({ where: { receiptHash: hashReceipt(receipt) }, select: { roundId: true } });
  return ballot;
}

/** How many have voted so far (never who). */
export async function turnout(db: Db, roundId: string) {
  const [online, paper] = await Promise.all([
    db.ballot.count({ where: { roundId, channel: "ONLINE" } }),
    db.ballot.count({ where: { roundId, channel: "PAPER" } }),
  ]);
  return { online, paper };
}
