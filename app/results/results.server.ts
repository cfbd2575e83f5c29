// Results of a round: the tally read from the ballots, publishing, withdrawing a funded project that proved
// impossible (with a recount), the public result and its downloads, Pabulib import, realisation updates.
// Every function checks the round's phase and the proposal's status itself; routes check permissions.
//
// Stored results (RoundResult): the preview in TALLY is computed on every load of the staff page and never
// stored. Version 1 is what publishResults() publishes; every withdrawal adds the next version, with the
// public reason. An imported round also has version 0, unpublished: the file's META, its currency and its
// own ids and `selected` column (see ImportSource), which the staff preview compares and the .pb reuses.
import { resultsArePublished, resultsInPreview } from "~/rounds/phases";
import fs from "node:fs/promises";
import path from "node:path";
import { recordAudit } from "~/audit/audit.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import type { Db, Tx } from "~/db.server";
import { pickLocalized } from "~/i18n/content";
import { isLocale, type Locale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { panelScoresOf } from "~/panel/panel.server";
import { fieldRefused, refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { saveUpload, uploadDir } from "~/uploads/store.server";
import {
  computeRoundOutcome,
  importPlan,
  isRealisable,
  mayMoveTo,
  parseOutcome,
  rankedProjects,
  resultsCsv,
  resultsPabulibFile,
  ruleFits,
  type RoundOutcome,
  type UpdateInput,
  type WithdrawnProject,
} from "./outcome";
import { ballotKind } from "./tally";
import { PabulibError, parsePabulib, writePabulib } from "./pabulib";
import { isUniqueViolation } from "~/kernel/db-errors";

/** Statuses of a project that was on the ballot (before publishing: ON_BALLOT). */
export const BALLOT_STATUSES = ["ON_BALLOT", "FUNDED", "NOT_FUNDED", "IN_PROGRESS", "REALISED"] as const;

/** Tallying a large round takes a while; the transactions that do it get room. */
const LONG_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

// ---------------------------------------------------------------------------------------------
// The tally

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
  for (let start = 0; start < choices.length; ) {
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

/** Every ballot's choices, in the ballots' random id order (for the .pb download). */
async function ballotList(db: Db | Tx, roundId: string): Promise<[string, number][][]> {
  const [ballots, choices] = await Promise.all([
    db.ballot.findMany({ where: { roundId }, select: { id: true }, orderBy: { id: "asc" } }),
    db.ballotChoice.findMany({ where: { ballot: { roundId } }, select: { ballotId: true, proposalId: true, points: true }, orderBy: [{ ballotId: "asc" }, { proposalId: "asc" }] }),
  ]);
  const byBallot = new Map<string, [string, number][]>(ballots.map((ballot) => [ballot.id, []]));
  for (const row of choices) byBallot.get(row.ballotId)?.push([row.proposalId, row.points]);
  return [...byBallot.values()];
}

/**
 * The round's outcome as it stands: the projects on the ballot (ON_BALLOT, or after publishing FUNDED,
 * NOT_FUNDED, IN_PROGRESS, REALISED — so a withdrawn one is left out and ballots that chose it keep their
 * other choices), every ballot, and the round's rule (the weighted greedy in a WEIGHTED panel round).
 * Nothing is stored.
 */
export async function computeOutcome(db: Db | Tx, roundId: string): Promise<Result<{ outcome: RoundOutcome }>> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, include: { panel: true } });
  if (!round) return refused(404, "rounds:errors.round-unknown");
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
  const withdrawn: WithdrawnProject[] = withdrawnRows.map((row) => ({ proposalId: row.id, number: row.number!, costCents: costOf(row), reason: row.withdrawnReason }));
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

/** The published results of a round, newest first. */
async function publishedVersions(db: Db | Tx, roundId: string) {
  const rows = await db.roundResult.findMany({ where: { roundId, publishedAt: { not: null } }, orderBy: { version: "desc" } });
  return rows.flatMap((row) => {
    const outcome = parseOutcome(row.outcome);
    return outcome ? [{ version: row.version, reason: row.reason, publishedAt: row.publishedAt!, outcome }] : [];
  });
}

async function nextVersion(tx: Tx, roundId: string): Promise<number> {
  const { _max } = await tx.roundResult.aggregate({ where: { roundId }, _max: { version: true } });
  return (_max.version ?? 0) + 1;
}

/**
 * Publishes the result of a round in TALLY, all in one transaction: recounts, stores it, moves the round
 * to PUBLISHED (refused as stale when it already moved), and marks every project on the ballot FUNDED or
 * NOT_FUNDED with a timeline entry.
 */
export async function publishResults(db: Db, actorId: string, roundId: string): Promise<Result<{ version: number; outcome: RoundOutcome }>> {
  try {
    return await refusedOnRollBack(() => db.$transaction(async (tx) => {
      const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true } });
      if (!round) return refused(404, "rounds:errors.round-unknown");
      if (!resultsInPreview(round.phase)) return refused(409, resultsArePublished(round.phase) ? "results:errors.alreadyPublished" : "results:errors.notTally");
      const computed = await computeOutcome(tx, roundId);
      if (!computed.ok) return computed;
      const { outcome } = computed;
      // The phase in the WHERE clause makes a second, simultaneous publish change nothing.
      const moved = await tx.budgetRound.updateMany({ where: { id: roundId, phase: "TALLY" }, data: { phase: "PUBLISHED", phaseChangedAt: new Date() } });
      if (moved.count !== 1) rollBack(refused(409, "results:errors.alreadyPublished"));
      const version = await nextVersion(tx, roundId);
      await tx.roundResult.create({
        data: { roundId, version, rule: outcome.rule, outcome: JSON.stringify(outcome), publishedAt: new Date() },
      });
      const funded = new Set(outcome.funded);
      const fundedIds = outcome.projects.filter((project) => funded.has(project.proposalId)).map((project) => project.proposalId);
      const otherIds = outcome.projects.filter((project) => !funded.has(project.proposalId)).map((project) => project.proposalId);
      await tx.proposal.updateMany({ where: { id: { in: fundedIds }, status: "ON_BALLOT" }, data: { status: "FUNDED" } });
      await tx.proposal.updateMany({ where: { id: { in: otherIds }, status: "ON_BALLOT" }, data: { status: "NOT_FUNDED" } });
      await tx.proposalEvent.createMany({
        data: [
          ...fundedIds.map((proposalId) => ({ proposalId, status: "FUNDED" as const })),
          ...otherIds.map((proposalId) => ({ proposalId, status: "NOT_FUNDED" as const })),
        ],
      });
      await recordAudit(tx, {
        actorId,
        action: "results.publish",
        entityType: "BudgetRound",
        entityId: roundId,
        details: {
          from: "TALLY",
          to: "PUBLISHED",
          version,
          rule: outcome.rule,
          voters: outcome.voters,
          spentCents: outcome.spentCents,
          funded: outcome.projects.filter((project) => project.funded).map((project) => project.number),
        },
      });
      return { ok: true, version, outcome } as const;
    }, LONG_TRANSACTION));
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "results:errors.stale");
    throw error;
  }
}

/**
 * Staff withdraw a funded project that proved impossible, with a public reason: it becomes WITHDRAWN, the
 * tally is recomputed without it and published as the next version. Projects the recount funds become
 * FUNDED; a FUNDED project the recount no longer funds becomes NOT_FUNDED (greedy and Equal Shares are not
 * monotone, so this can happen); one already IN_PROGRESS or REALISED keeps its status and the change says so.
 */
export async function withdrawFunded(
  db: Db,
  actorId: string,
  roundId: string,
  input: { proposalId: string; reason: string },
): Promise<Result<{ version: number; newlyFunded: string[]; noLongerFunded: string[] }>> {
  try {
    return await refusedOnRollBack(() => db.$transaction(async (tx) => {
      const round = await tx.budgetRound.findUnique({ where: { id: roundId }, select: { phase: true, originalLocale: true } });
      if (!round) return refused(404, "rounds:errors.round-unknown");
      if (!resultsArePublished(round.phase)) return refused(409, "results:errors.notPublished");
      const proposal = await tx.proposal.findUnique({ where: { id: input.proposalId }, select: { id: true, roundId: true, status: true, number: true } });
      if (!proposal || proposal.roundId !== roundId) return refused(404, "results:errors.unknownProject");
      if (proposal.status !== "FUNDED" && proposal.status !== "IN_PROGRESS") return refused(409, "results:errors.notFunded");
      const moved = await tx.proposal.updateMany({
        where: { id: proposal.id, status: proposal.status },
        data: { status: "WITHDRAWN", withdrawnReason: input.reason },
      });
      if (moved.count !== 1) return refused(409, "results:errors.stale");
      await tx.proposalEvent.create({ data: { proposalId: proposal.id, status: "WITHDRAWN", note: input.reason } });

      const computed = await computeOutcome(tx, roundId);
      if (!computed.ok) rollBack(computed);
      const { outcome } = computed;
      const statuses = new Map(
        (await tx.proposal.findMany({ where: { id: { in: outcome.projects.map((project) => project.proposalId) } }, select: { id: true, status: true } })).map(
          (row) => [row.id, row.status],
        ),
      );
      const fundedNow = new Set(outcome.funded);
      const newlyFunded = outcome.funded.filter((id) => statuses.get(id) === "NOT_FUNDED");
      const noLongerFunded = outcome.projects.filter((project) => !fundedNow.has(project.proposalId) && statuses.get(project.proposalId) === "FUNDED").map((project) => project.proposalId);
      const keptUnderWay = outcome.projects
        .filter((project) => !fundedNow.has(project.proposalId) && ["IN_PROGRESS", "REALISED"].includes(statuses.get(project.proposalId) ?? ""))
        .map((project) => project.number);
      // The timeline note is written in the round's own language, like the rest of its texts.
      const t = await fixedT(isLocale(round.originalLocale) ? round.originalLocale : "nl", "results");
      if (newlyFunded.length) {
        await tx.proposal.updateMany({ where: { id: { in: newlyFunded }, status: "NOT_FUNDED" }, data: { status: "FUNDED" } });
        await tx.proposalEvent.createMany({ data: newlyFunded.map((proposalId) => ({ proposalId, status: "FUNDED" as const, note: t("recount.eventNote", { number: proposal.number }) })) });
      }
      if (noLongerFunded.length) {
        await tx.proposal.updateMany({ where: { id: { in: noLongerFunded }, status: "FUNDED" }, data: { status: "NOT_FUNDED" } });
        await tx.proposalEvent.createMany({ data: noLongerFunded.map((proposalId) => ({ proposalId, status: "NOT_FUNDED" as const, note: t("recount.eventNote", { number: proposal.number }) })) });
      }
      const version = await nextVersion(tx, roundId);
      await tx.roundResult.create({
        data: { roundId, version, rule: outcome.rule, outcome: JSON.stringify(outcome), reason: input.reason, publishedAt: new Date() },
      });
      const numberOf = new Map(outcome.projects.map((project) => [project.proposalId, project.number]));
      await recordAudit(tx, {
        actorId,
        action: "results.withdraw",
        entityType: "BudgetRound",
        entityId: roundId,
        details: {
          proposalId: proposal.id,
          number: proposal.number,
          reason: input.reason,
          version,
          newlyFunded: newlyFunded.map((id) => numberOf.get(id)),
          noLongerFunded: noLongerFunded.map((id) => numberOf.get(id)),
          keptUnderWay,
        },
      });
      return { ok: true, version, newlyFunded, noLongerFunded } as const;
    }, LONG_TRANSACTION));
  } catch (error) {
    if (isUniqueViolation(error)) return refused(409, "results:errors.stale");
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading results

/** What an imported round remembers of its file (RoundResult version 0, never published). */
export interface ImportSource {
  kind: "import";
  fileName: string;
  currency: string;
  meta: [string, string][];
  /** Proposal id → the file's project id and its `selected` column (null: none). */
  projects: Record<string, { pabulibId: string; selected: boolean | null }>;
  unknownRule: string | null;
}

export async function importSource(db: Db | Tx, roundId: string): Promise<ImportSource | null> {
  const row = await db.roundResult.findUnique({ where: { roundId_version: { roundId, version: 0 } } });
  if (!row || row.rule !== "import") return null;
  try {
    const value = JSON.parse(row.outcome) as ImportSource;
    return value.kind === "import" ? value : null;
  } catch {
    return null;
  }
}

/** Titles (every language) of the given proposals, for showing an outcome. */
async function projectTexts(db: Db | Tx, proposalIds: string[]) {
  const rows = await db.proposal.findMany({
    where: { id: { in: proposalIds } },
    select: { id: true, status: true, originalLocale: true, texts: { select: { locale: true, title: true } } },
  });
  return Object.fromEntries(rows.map((row) => [row.id, { status: row.status, originalLocale: row.originalLocale, texts: row.texts }]));
}

export type ProjectTexts = Awaited<ReturnType<typeof projectTexts>>;

function idsOf(...outcomes: (RoundOutcome | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const outcome of outcomes) {
    for (const project of outcome?.projects ?? []) ids.add(project.proposalId);
    for (const project of outcome?.withdrawn ?? []) ids.add(project.proposalId);
  }
  return [...ids];
}

/** Voting codes issued and not voided: the turnout's denominator (0 when the round has none). */
/**
 * Who could have voted, for turnout: the codes sent (CODES rounds) or the residents staff verified
 * (ACCOUNTS rounds). Self-declared voters register only as they vote, so such rounds have no
 * denominator (0: no percentage shown).
 */
async function eligibleVoters(db: Db | Tx, roundId: string): Promise<{ count: number; kind: "codes" | "voters" }> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { eligibility: true, selfDeclaredVoters: true } });
  if (round?.eligibility === "ACCOUNTS") {
    return { count: round.selfDeclaredVoters ? 0 : await db.roundVoter.count({ where: { roundId } }), kind: "voters" };
  }
  return { count: await db.votingCode.count({ where: { roundId, voidedAt: null } }), kind: "codes" };
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

/**
 * The public result: the latest published version, the one before it (to show what changed), the
 * turnout's denominator and the projects' titles; null when nothing is published.
 */
export async function publicResults(db: Db, roundId: string) {
  const versions = await publishedVersions(db, roundId);
  if (!versions.length) return null;
  const [current, previous] = versions;
  const [texts, codes, source] = await Promise.all([projectTexts(db, idsOf(current.outcome, previous?.outcome)), eligibleVoters(db, roundId), importSource(db, roundId)]);
  return {
    current,
    previous: previous ?? null,
    earlier: versions.slice(1).map((version) => ({ version: version.version, reason: version.reason, publishedAt: version.publishedAt })),
    eligible: codes,
    texts,
    currency: source?.currency ?? "EUR",
    importedFrom: source?.fileName ?? null,
  };
}

function titleIn(texts: ProjectTexts, proposalId: string, locale: Locale): string {
  const entry = texts[proposalId];
  return entry ? (pickLocalized(entry.texts, locale, entry.originalLocale)?.text.title ?? "") : "";
}

/** The published result as CSV (titles in the reader's language where translated); null when unpublished. */
export async function publishedCsv(db: Db, roundId: string, locale: Locale): Promise<string | null> {
  const [current] = await publishedVersions(db, roundId);
  if (!current) return null;
  const texts = await projectTexts(db, idsOf(current.outcome));
  return resultsCsv(
    rankedProjects(current.outcome).map((project) => ({
      number: project.number,
      title: titleIn(texts, project.proposalId, locale),
      costCents: project.costCents,
      support: project.support,
      funded: project.funded,
    })),
  );
}

/** The published result as a Pabulib .pb file (text); null when unpublished. */
export async function publishedPabulib(db: Db, roundId: string): Promise<string | null> {
  const [current] = await publishedVersions(db, roundId);
  if (!current) return null;
  const round = await db.budgetRound.findUniqueOrThrow({ where: { id: roundId }, include: { translations: true, neighbourhood: true } });
  const [texts, ballots, source] = await Promise.all([projectTexts(db, idsOf(current.outcome)), ballotList(db, roundId), importSource(db, roundId)]);
  const names = new Map(
    current.outcome.projects.map((project) => {
      const entry = texts[project.proposalId];
      const original = entry?.texts.find((text) => text.locale === entry.originalLocale) ?? entry?.texts[0];
      return [project.proposalId, original?.title ?? ""];
    }),
  );
  const roundText = round.translations.find((text) => text.locale === round.originalLocale) ?? round.translations[0];
  const file = resultsPabulibFile({
    baseMeta: source ? new Map(source.meta) : undefined,
    description: roundText?.title ?? "",
    city: round.neighbourhood.city,
    neighbourhood: round.neighbourhood.name,
    year: (round.votingEndsAt ?? round.phaseChangedAt).getUTCFullYear(),
    currency: source?.currency ?? "EUR",
    outcome: current.outcome,
    names,
    pabulibIds: source ? new Map(Object.entries(source.projects).map(([id, project]) => [id, project.pabulibId])) : undefined,
    ballots,
  });
  return writePabulib(file);
}

// ---------------------------------------------------------------------------------------------
// Pabulib import

/** The largest .pb file staff may upload. */
export const MAX_PABULIB_BYTES = 5 * 1024 * 1024;

/**
 * A Pabulib file as a new round in TALLY, in the chosen neighbourhood: proposals numbered in ascending
 * order of the file's project ids (see importPlan), its ballots as secret ballots. Staff then preview
 * and publish it like any round. A malformed file is refused with the line and the parser's message.
 */
export async function importPabulib(
  db: Db,
  actorId: string,
  input: { neighbourhoodId: string; fileName: string; text: string },
): Promise<Result<{ roundId: string }>> {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId }, select: { id: true } });
  if (!neighbourhood) return fieldRefused("neighbourhoodId", "validation.choice");
  let file;
  try {
    file = parsePabulib(input.text);
  } catch (error) {
    if (error instanceof PabulibError) return refused(400, "results:import.errors.malformed", { line: error.line, detail: error.detail });
    throw error;
  }
  const planned = importPlan(file, input.fileName);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const t = await fixedT(plan.locale, "results");

  const roundId = await db.$transaction(async (tx) => {
    const round = await tx.budgetRound.create({
      data: {
        neighbourhoodId: neighbourhood.id,
        originalLocale: plan.locale,
        budgetCents: plan.budgetCents,
        phase: "TALLY",
        hasReview: false,
        ballotMethod: plan.ballotMethod,
        tallyRule: plan.tallyRule,
        importedFrom: input.fileName,
        translations: { create: { locale: plan.locale, title: plan.title, description: t("import.roundDescription", { file: input.fileName }) } },
      },
    });
    const proposalIds: string[] = [];
    for (const project of plan.projects) {
      const row = await tx.proposal.create({
        data: {
          roundId: round.id,
          number: project.number,
          status: "ON_BALLOT",
          authorId: actorId,
          originalLocale: plan.locale,
          requestedCents: project.costCents,
          submittedAt: new Date(),
          texts: {
            create: {
              locale: plan.locale,
              title: project.name,
              summary: t("import.projectSummary", { id: project.pabulibId, file: input.fileName }),
              description: "",
            },
          },
        },
        select: { id: true },
      });
      proposalIds.push(row.id);
    }
    await tx.proposalEvent.createMany({ data: proposalIds.map((proposalId) => ({ proposalId, status: "ON_BALLOT" as const })) });

    const ballots = plan.ballots.map((ballot) => ({ id: generateToken(), choices: ballot }));
    for (let start = 0; start < ballots.length; start += 1000) {
      await tx.ballot.createMany({
        data: ballots.slice(start, start + 1000).map((ballot) => ({ id: ballot.id, roundId: round.id, receiptHash: hashToken(generateToken()), channel: "ONLINE" as const })),
      });
    }
    const choices = ballots.flatMap((ballot) =>
      ballot.choices.projects.map((index, i) => ({ ballotId: ballot.id, proposalId: proposalIds[index], points: ballot.choices.points[i] })),
    );
    for (let start = 0; start < choices.length; start += 2000) {
      await tx.ballotChoice.createMany({ data: choices.slice(start, start + 2000) });
    }

    const source: ImportSource = {
      kind: "import",
      fileName: input.fileName,
      currency: plan.currency,
      meta: [...file.meta],
      projects: Object.fromEntries(plan.projects.map((project, index) => [proposalIds[index], { pabulibId: project.pabulibId, selected: project.selected }])),
      unknownRule: plan.unknownRule,
    };
    await tx.roundResult.create({ data: { roundId: round.id, version: 0, rule: "import", outcome: JSON.stringify(source) } });
    await recordAudit(tx, {
      actorId,
      action: "results.import",
      entityType: "BudgetRound",
      entityId: round.id,
      details: { fileName: input.fileName, projects: plan.projects.length, ballots: plan.ballots.length, rule: plan.tallyRule, budgetCents: plan.budgetCents },
    });
    return round.id;
  }, LONG_TRANSACTION);
  return { ok: true, roundId };
}

// ---------------------------------------------------------------------------------------------
// Realisation

/** A funded project as staff see it before posting an update; null when unknown. */
export async function realisationTarget(db: Db, proposalId: string) {
  return db.proposal.findUnique({
    where: { id: proposalId },
    select: {
      id: true,
      number: true,
      status: true,
      roundId: true,
      originalLocale: true,
      texts: { select: { locale: true, title: true } },
      updates: { orderBy: [{ day: "asc" }, { createdAt: "asc" }] },
    },
  });
}

/** A project's realisation updates, oldest first (the order of the proposal's history). */
export async function realisationUpdates(db: Db, proposalId: string) {
  return db.realisationUpdate.findMany({
    where: { proposalId },
    orderBy: [{ day: "asc" }, { createdAt: "asc" }],
    select: { id: true, status: true, text: true, photo: true, photoAlt: true, day: true },
  });
}

export const MAX_UPDATE_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Staff post progress on a funded project: text, day, and optionally a photo with its alt text. The
 * project moves to the update's status, forward only (FUNDED → IN_PROGRESS → REALISED).
 */
export async function postRealisationUpdate(
  db: Db,
  actorId: string,
  proposalId: string,
  input: UpdateInput,
  photo: Uint8Array | null,
): Promise<Result> {
  const proposal = await db.proposal.findUnique({ where: { id: proposalId }, select: { id: true, status: true, roundId: true } });
  if (!proposal) return refused(404, "results:errors.unknownProject");
  if (!isRealisable(proposal.status)) return refused(409, "results:errors.notRealisable");
  if (!mayMoveTo(proposal.status, input.status)) return fieldRefused("status", "results:errors.backwards", 409);
  if (photo && !input.photoAlt) return fieldRefused("photoAlt", "results:validation.altRequired");
  let photoName: string | null = null;
  if (photo) {
    const saved = await saveUpload(photo, { allowed: ["image/jpeg", "image/png", "image/webp"], maxBytes: MAX_UPDATE_PHOTO_BYTES });
    if (!saved.ok) return fieldRefused("photo", `results:updates.photoErrors.${saved.reason}`);
    photoName = saved.name;
  }
  let stored = false;
  try {
    const result = await refusedOnRollBack(() => db.$transaction(async (tx) => {
      if (input.status !== proposal.status) {
        const moved = await tx.proposal.updateMany({ where: { id: proposalId, status: proposal.status }, data: { status: input.status } });
        if (moved.count !== 1) rollBack(refused(409, "results:errors.stale"));
        await tx.proposalEvent.create({ data: { proposalId, status: input.status } });
      }
      const update = await tx.realisationUpdate.create({
        data: { proposalId, status: input.status, text: input.text, day: input.day, photo: photoName, photoAlt: photoName ? input.photoAlt : "", authorId: actorId },
      });
      await recordAudit(tx, {
        actorId,
        action: "results.realisation-update",
        entityType: "Proposal",
        entityId: proposalId,
        details: { updateId: update.id, from: proposal.status, status: input.status, day: input.day, photo: !!photoName },
      });
      return { ok: true } as const;
    }));
    stored = result.ok;
    return result;
  } finally {
    // A photo saved for an update that was not stored would belong to nothing.
    if (photoName && !stored) await fs.rm(path.join(uploadDir(), photoName), { force: true });
  }
}
