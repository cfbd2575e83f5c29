// Results on both databases: the tally read from stored ballots, publishing, withdrawing with a recount,
// WEIGHTED panel rounds, Pabulib import (real files from PABULIB_DIR) and realisation updates.
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken, hashToken } from "~/kernel/tokens";
import { createPrismaClient, type Db } from "~/db.server";
import { parsePabulib } from "~/results/pabulib";
import { importPabulib } from "~/results/import.server";
import { ONE_PIXEL_PNG } from "../support/server";
import { publicResults, publishedCsv, publishedPabulib } from "~/results/public.server";
import { previewJob, runJobHere } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { postRealisationUpdate, realisationUpdates } from "~/results/realisation.server";
import { staffResults } from "~/results/staff.server";
import { computeOutcome, type Withdrawing } from "~/results/tally.server";
import { requestWithdrawal } from "~/results/withdraw.server";
import { aNeighbourhood, aProposal, aRound, aUser, someBallots } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
const pabulibDir = path.resolve(repositoryRoot, process.env.PABULIB_DIR ?? "../shared/pabulib");
const WARSAW = "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb";
/** Files whose META rule we implement, with it: the imported round's computed result must equal `selected`. */
const REAL_FILES = [WARSAW, "Poland_Warszawa_2017_Przyczolek_Grochowski.pb", "Poland_Czestochowa_2024_Bleszno.pb", "Netherlands_Assen_2024.pb"];

describe.each(testProviders())("results on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let uploads: string;
  let staffId: string;
  let authorId: string;
  let memberId: string;
  let neighbourhoodId: string;

  /** A project on the ballot (numbered next), titled in Dutch and English; the city's checked cost, when given, replaces the estimate. */
  async function onBallot(round: string, title: string, costCents: number, cityCostCents: number | null = null) {
    const texts = [
      { locale: "nl", title, summary: title, description: title },
      { locale: "en", title: `${title} (en)`, summary: title, description: title },
    ];
    const requestedCents = cityCostCents === null ? costCents : costCents + 12_345;
    return (await aProposal(db, { round, author: authorId, status: "ON_BALLOT", requestedCents, cityCostCents, texts: { create: texts } })).id;
  }

  /** The round's preview, counted here (the server counts it on a worker thread). */
  async function counted(roundId: string) {
    const job = await previewJob(db, roundId);
    return runJobHere(db, job!.id);
  }

  /** Counts the round and publishes that count, as staff do. */
  async function publish(roundId: string) {
    return publishResults(db, staffId, roundId, (await counted(roundId)).id);
  }

  /** Asks for a withdrawal and runs its recount here: the request's refusal, or the finished job. */
  async function withdraw(roundId: string, input: Withdrawing) {
    const requested = await requestWithdrawal(db, staffId, roundId, input);
    return requested.ok ? { ok: true as const, job: await runJobHere(db, requested.jobId) } : requested;
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    uploads = await mkdtemp(path.join(os.tmpdir(), "wb-uploads-"));
    process.env.UPLOAD_DIR = uploads;
    staffId = (await aUser(db, { role: "STAFF" })).id;
    authorId = (await aUser(db)).id;
    memberId = (await aUser(db)).id;
    neighbourhoodId = (await aNeighbourhood(db)).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(uploads, { recursive: true, force: true });
  });

  // Budget €12,000; 5 × {A}, 1 × {A, B}, 4 × {B, C}, 1 × {D}, 1 blank (12 ballots, 2 on paper).
  // greedy → A, B, D (all 12,000); mes → A, C, D (11,000): see tests/unit/results-outcome.test.ts.
  async function handMadeRound(tallyRule: string) {
    const roundId = (await aRound(db, { budgetCents: 1_200_000, phase: "TALLY", tallyRule })).id;
    const a = await onBallot(roundId, "Samentuin", 600_000);
    // The city's checked cost replaces the estimate.
    const b = await onBallot(roundId, "Banken", 500_000, 500_000);
    const c = await onBallot(roundId, "Speelbox", 400_000);
    const d = await onBallot(roundId, "Boekenkast", 100_000);
    await someBallots(db, 4, { round: roundId, choices: [[a, 1]] });
    await someBallots(db, 1, { round: roundId, choices: [[a, 1]], channel: "PAPER" });
    await someBallots(db, 1, {
      round: roundId,
      choices: [
        [a, 1],
        [b, 1],
      ],
    });
    await someBallots(db, 4, {
      round: roundId,
      choices: [
        [b, 1],
        [c, 1],
      ],
    });
    await someBallots(db, 1, { round: roundId, choices: [[d, 1]] });
    await someBallots(db, 1, { round: roundId, choices: [], channel: "PAPER" });
    return { roundId, a, b, c, d };
  }

  it("computes greedy and Equal Shares from stored ballots as derived by hand, storing nothing", async () => {
    const greedy = await handMadeRound("greedy");
    const outcome = await computeOutcome(db, greedy.roundId);
    expect(outcome).toMatchObject({ ok: true, outcome: { voters: 12, online: 10, paper: 2, spentCents: 1_200_000, rule: "greedy" } });
    if (!outcome.ok) return;
    expect(outcome.outcome.funded).toEqual([greedy.a, greedy.b, greedy.d]);
    expect(outcome.outcome.projects.map((project) => [project.number, project.support, project.costCents])).toEqual([
      [1, 6, 600_000],
      [2, 5, 500_000],
      [3, 4, 400_000],
      [4, 1, 100_000],
    ]);
    expect(await db.roundResult.count({ where: { roundId: greedy.roundId } })).toBe(0);

    const mes = await handMadeRound("mes");
    const equalShares = await computeOutcome(db, mes.roundId);
    expect(equalShares.ok && equalShares.outcome.funded).toEqual([mes.a, mes.c, mes.d]);
  });

  it("refuses a rule that cannot count the round's ballots", async () => {
    const roundId = (await aRound(db, { budgetCents: 100_000, phase: "TALLY", tallyRule: "mes", ballotMethod: "CUMULATIVE" })).id;
    expect(await computeOutcome(db, roundId)).toMatchObject({ ok: false, status: 409, formError: "results:errors.ruleNotAllowed" });
    const job = await counted(roundId);
    expect(job).toMatchObject({ status: "FAILED", error: { key: "results:errors.ruleNotAllowed", values: { rule: "mes" } } });
    expect(await publishResults(db, staffId, roundId, job.id)).toMatchObject({ ok: false, status: 409, formError: "results:errors.countNotReady" });
    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: roundId } })).phase).toBe("TALLY");
  });

  it("weighs the panel's score in a WEIGHTED round", async () => {
    // support 4, 2, 2; panel 1, 5, 3 of 5 at 50% → scores 0.6, 0.75, 0.55 → #2 then #3 (plain greedy: #1, #3).
    const roundId = (await aRound(db, { budgetCents: 1_000_000, phase: "TALLY" })).id;
    await db.panel.create({ data: { roundId, mode: "WEIGHTED", weightPercent: 50, scaleMin: 1, scaleMax: 5 } });
    const criterion = await db.panelCriterion.create({ data: { roundId, position: 0, names: '{"nl":"Impact"}', weight: 1 } });
    await db.panelMember.create({ data: { roundId, userId: memberId } });
    const ids = [await onBallot(roundId, "Een", 600_000), await onBallot(roundId, "Twee", 500_000), await onBallot(roundId, "Drie", 400_000)];
    for (const [index, score] of [1, 5, 3].entries()) {
      await db.panelReview.create({ data: { proposalId: ids[index], userId: memberId, scores: { create: { criterionId: criterion.id, score } } } });
    }
    await someBallots(db, 4, { round: roundId, choices: [[ids[0], 1]] });
    await someBallots(db, 2, { round: roundId, choices: [[ids[1], 1]] });
    await someBallots(db, 2, { round: roundId, choices: [[ids[2], 1]] });
    const result = await computeOutcome(db, roundId);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outcome.rule).toBe("weighted");
    expect(result.outcome.funded).toEqual([ids[1], ids[2]]);
    expect(result.outcome.projects.map((project) => project.weightedScore)).toEqual(["60.0", "75.0", "55.0"]);
  });

  it("publishes once, atomically: statuses, timeline, phase and one stored version", async () => {
    const round = await handMadeRound("greedy");
    const job = await counted(round.roundId);
    expect(job).toMatchObject({ status: "DONE", progress: 1000 });
    const [first, second] = await Promise.all([publishResults(db, staffId, round.roundId, job.id), publishResults(db, staffId, round.roundId, job.id)]);
    const outcomes = [first, second];
    expect(outcomes.filter((result) => result.ok)).toHaveLength(1);
    expect(outcomes.find((result) => !result.ok)).toMatchObject({ ok: false, status: 409 });
    expect(await publishResults(db, staffId, round.roundId, job.id)).toMatchObject({ ok: false, status: 409, formError: "results:errors.alreadyPublished" });

    expect((await db.budgetRound.findUniqueOrThrow({ where: { id: round.roundId } })).phase).toBe("PUBLISHED");
    const stored = await db.roundResult.findMany({ where: { roundId: round.roundId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ version: 1, rule: "greedy" });
    expect(stored[0].publishedAt).not.toBeNull();
    const statuses = Object.fromEntries((await db.proposal.findMany({ where: { roundId: round.roundId } })).map((row) => [row.id, row.status]));
    expect(statuses).toEqual({ [round.a]: "FUNDED", [round.b]: "FUNDED", [round.c]: "NOT_FUNDED", [round.d]: "FUNDED" });
    expect(await db.proposalEvent.count({ where: { proposal: { roundId: round.roundId } } })).toBe(4);
    expect(await db.auditLog.count({ where: { action: "results.publish", entityId: round.roundId } })).toBe(1);

    const published = await publicResults(db, round.roundId);
    expect(published?.current.outcome.funded).toEqual([round.a, round.b, round.d]);
    expect(published?.previous).toBeNull();
    expect(published?.eligible).toEqual({ count: 0, kind: "codes" });
  });

  it("measures turnout against the codes sent, or the verified residents; not against self-declared ones", async () => {
    const roundId = (await aRound(db, { budgetCents: 100_000, phase: "TALLY" })).id;
    await db.votingCode.createMany({ data: [1, 2, 3].map((serial) => ({ roundId, serial, codeHash: hashToken(generateToken()) })) });
    expect((await staffResults(db, roundId))?.eligible).toEqual({ count: 3, kind: "codes" });
    await db.budgetRound.update({ where: { id: roundId }, data: { eligibility: "ACCOUNTS" } });
    await db.roundVoter.create({ data: { roundId, userId: authorId } });
    expect((await staffResults(db, roundId))?.eligible).toEqual({ count: 1, kind: "voters" });
    await db.budgetRound.update({ where: { id: roundId }, data: { selfDeclaredVoters: true } });
    expect((await staffResults(db, roundId))?.eligible).toEqual({ count: 0, kind: "voters" });
  });

  it("refuses to publish before the vote is closed, and to withdraw before publishing", async () => {
    const roundId = (await aRound(db, { budgetCents: 100_000, phase: "VOTING" })).id;
    const project = await onBallot(roundId, "Een", 50_000);
    expect(await publishResults(db, staffId, roundId, "any")).toMatchObject({ ok: false, status: 409, formError: "results:errors.notTally" });
    expect(await withdraw(roundId, { proposalId: project, reason: "x", reasonLocale: "nl" })).toMatchObject({ ok: false, status: 409 });
    expect(await publicResults(db, roundId)).toBeNull();
  });

  it("withdraws a funded project, recounts without it, funds the next one and shows the change", async () => {
    const round = await handMadeRound("greedy");
    expect(await publish(round.roundId)).toMatchObject({ ok: true, version: 1 });
    // C was not funded: it cannot be withdrawn; a project of another round is unknown here.
    expect(await withdraw(round.roundId, { proposalId: round.c, reason: "x", reasonLocale: "nl" })).toMatchObject({ ok: false, status: 409 });
    const other = await handMadeRound("greedy");
    expect(await withdraw(round.roundId, { proposalId: other.a, reason: "x", reasonLocale: "nl" })).toMatchObject({ ok: false, status: 404 });

    // Asked for, nothing changes until the recount is applied; a second withdrawal waits for it.
    const asked = await requestWithdrawal(db, staffId, round.roundId, { proposalId: round.b, reason: "Geen vergunning voor de banken", reasonLocale: "nl" });
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect((await db.proposal.findUniqueOrThrow({ where: { id: round.b } })).status).toBe("FUNDED");
    expect(await requestWithdrawal(db, staffId, round.roundId, { proposalId: round.d, reason: "x", reasonLocale: "nl" })).toMatchObject({
      ok: false,
      status: 409,
      formError: "results:errors.recountPending",
    });
    expect((await staffResults(db, round.roundId))?.recount).toMatchObject({ status: "QUEUED", withdrawing: { proposalId: round.b } });

    // Without B (5000): A (6000), C (4000) and D (1000) fit.
    expect(await runJobHere(db, asked.jobId)).toMatchObject({ status: "DONE", progress: 1000 });
    expect((await staffResults(db, round.roundId))?.recount).toBeNull();
    expect(await db.auditLog.findFirst({ where: { action: "results.withdraw", entityId: round.roundId } })).toMatchObject({ actorId: staffId });
    expect(JSON.parse((await db.auditLog.findFirstOrThrow({ where: { action: "results.withdraw", entityId: round.roundId } })).details)).toMatchObject({
      version: 2,
      newlyFunded: [3],
      noLongerFunded: [],
    });
    const b = await db.proposal.findUniqueOrThrow({ where: { id: round.b } });
    expect(b).toMatchObject({ status: "WITHDRAWN", withdrawnReason: "Geen vergunning voor de banken" });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: round.c } })).status).toBe("FUNDED");
    expect(await db.proposalEvent.findFirst({ where: { proposalId: round.c, status: "FUNDED" } })).toMatchObject({
      note: "Nieuwe telling nadat project #2 werd ingetrokken",
    });

    const published = await publicResults(db, round.roundId);
    expect(published?.current.version).toBe(2);
    expect(published?.current.reason).toBe("Geen vergunning voor de banken");
    expect(published?.current.outcome.funded).toEqual([round.a, round.c, round.d]);
    expect(published?.current.outcome.voters).toBe(12);
    expect(published?.current.outcome.projects.map((project) => project.number)).toEqual([1, 3, 4]);
    expect(published?.current.outcome.withdrawn).toEqual([{ proposalId: round.b, number: 2, costCents: 500_000, reason: "Geen vergunning voor de banken" }]);
    expect(published?.previous?.version).toBe(1);

    // A second withdrawal of the same project is refused; the round may also be CLOSED by then.
    expect(await withdraw(round.roundId, { proposalId: round.b, reason: "x", reasonLocale: "nl" })).toMatchObject({ ok: false, status: 409 });
    await db.budgetRound.update({ where: { id: round.roundId }, data: { phase: "CLOSED" } });
    expect(await withdraw(round.roundId, { proposalId: round.d, reason: "Kast te groot", reasonLocale: "nl" })).toMatchObject({
      ok: true,
      job: { status: "DONE" },
    });
    expect((await publicResults(db, round.roundId))?.current.version).toBe(3);

    // The downloads follow the current version.
    const csv = await publishedCsv(db, round.roundId, "en");
    expect(csv?.split("\r\n")[0]).toBe("number;title;cost;support;funded");
    expect(csv).toContain("1;Samentuin (en);6000.00;6;1");
    expect(csv).not.toContain("Banken");
    const pb = parsePabulib((await publishedPabulib(db, round.roundId))!);
    expect(pb.meta.get("num_votes")).toBe("12");
    expect(pb.projects.map((project) => [project.id, project.fields.selected])).toEqual([
      ["1", "1"],
      ["3", "1"],
    ]);
    expect(pb.votes.filter((vote) => vote.projects.length === 0)).toHaveLength(1 + 1); // the blank ballot and the {D} ballot
  });

  it("posts realisation updates forward only, with a photo that needs its description", async () => {
    const round = await handMadeRound("greedy");
    await publish(round.roundId);
    expect(
      await postRealisationUpdate(db, staffId, round.c, { status: "IN_PROGRESS", text: "x", textLocale: "nl", day: "2027-05-01", photoAlt: "" }, null),
    ).toMatchObject({
      ok: false,
      status: 409,
      formError: "results:errors.notRealisable",
    });
    expect(
      await postRealisationUpdate(
        db,
        staffId,
        round.a,
        { status: "IN_PROGRESS", text: "Gestart", textLocale: "nl", day: "2027-05-01", photoAlt: "" },
        ONE_PIXEL_PNG,
      ),
    ).toMatchObject({
      ok: false,
      status: 400,
      errors: { photoAlt: "results:validation.altRequired" },
    });
    expect(
      await postRealisationUpdate(
        db,
        staffId,
        round.a,
        { status: "IN_PROGRESS", text: "x", textLocale: "nl", day: "2027-05-01", photoAlt: "Foto" },
        Uint8Array.from([1, 2, 3]),
      ),
    ).toMatchObject({
      ok: false,
      status: 400,
      errors: { photo: "results:updates.photoErrors.type-not-allowed" },
    });
    expect(await readdir(uploads)).toEqual([]);
    expect(
      await postRealisationUpdate(
        db,
        staffId,
        round.a,
        { status: "IN_PROGRESS", text: "De bakken staan er", textLocale: "nl", day: "2027-05-01", photoAlt: "Houten bakken" },
        ONE_PIXEL_PNG,
      ),
    ).toEqual({ ok: true });
    expect((await db.proposal.findUniqueOrThrow({ where: { id: round.a } })).status).toBe("IN_PROGRESS");
    expect(
      await postRealisationUpdate(
        db,
        staffId,
        round.a,
        { status: "REALISED", text: "Zaaifeest gehouden", textLocale: "nl", day: "2027-06-12", photoAlt: "" },
        null,
      ),
    ).toEqual({ ok: true });
    expect(
      await postRealisationUpdate(db, staffId, round.a, { status: "IN_PROGRESS", text: "Terug", textLocale: "nl", day: "2027-06-13", photoAlt: "" }, null),
    ).toMatchObject({
      ok: false,
      status: 409,
      errors: { status: "results:errors.backwards" },
    });
    const updates = await realisationUpdates(db, round.a);
    expect(updates.map((update) => [update.status, update.day, update.photoAlt])).toEqual([
      ["IN_PROGRESS", "2027-05-01", "Houten bakken"],
      ["REALISED", "2027-06-12", ""],
    ]);
    expect(await readdir(uploads)).toEqual([updates[0].photo]);
    expect(await db.proposalEvent.count({ where: { proposalId: round.a } })).toBe(3); // FUNDED, IN_PROGRESS, REALISED
    expect(await db.auditLog.count({ where: { action: "results.realisation-update", entityId: round.a } })).toBe(2);
  });

  const available = existsSync(path.join(pabulibDir, WARSAW));
  if (!available && process.env.CI !== "true") console.warn(`\n!!! SKIPPING Pabulib import tests: ${pabulibDir} has no ${WARSAW} (set PABULIB_DIR) !!!\n`);

  describe.skipIf(!available && process.env.CI !== "true")("Pabulib import", () => {
    it.each(REAL_FILES)("%s: the imported round's result is the file's selection", async (name) => {
      const text = readFileSync(path.join(pabulibDir, name), "utf8");
      const file = parsePabulib(text);
      const imported = await importPabulib(db, staffId, { neighbourhoodId, fileName: name, text });
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      const round = await db.budgetRound.findUniqueOrThrow({ where: { id: imported.roundId }, include: { translations: true } });
      expect(round).toMatchObject({ phase: "TALLY", importedFrom: name, ballotMethod: file.voteType === "cumulative" ? "CUMULATIVE" : "APPROVAL_BUDGET" });
      expect(round.translations[0].title).toBe(file.meta.get("description"));
      expect(await db.ballot.count({ where: { roundId: round.id } })).toBe(file.votes.length);

      const proposals = await db.proposal.findMany({ where: { roundId: round.id }, orderBy: { number: "asc" }, include: { texts: true } });
      // Numbered in ascending string order of the file's ids.
      const idsInOrder = file.projects.map((project) => project.id).sort((a, b) => (a < b ? -1 : 1));
      expect(proposals.map((proposal) => proposal.texts[0].summary.split(" ")[1])).toEqual(idsInOrder);

      const outcome = await computeOutcome(db, round.id);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const selected = file.projects.filter((project) => project.fields.selected?.trim() === "1").map((project) => project.id);
      const pabulibIdOf = new Map(proposals.map((proposal, index) => [proposal.id, idsInOrder[index]]));
      expect(outcome.outcome.funded.map((id) => pabulibIdOf.get(id)).sort()).toEqual(selected.sort());

      // Published, its .pb keeps the file's META and ids and says the same.
      expect(await publish(round.id)).toMatchObject({ ok: true });
      const back = parsePabulib((await publishedPabulib(db, round.id))!);
      expect(back.meta.get("unit")).toBe(file.meta.get("unit"));
      expect(back.meta.get("currency")).toBe(file.meta.get("currency"));
      expect(back.budget * 10n ** BigInt(file.decimals)).toBe(file.budget * 10n ** BigInt(back.decimals));
      expect(
        back.projects
          .filter((project) => project.fields.selected === "1")
          .map((project) => project.id)
          .sort(),
      ).toEqual(selected.sort());
      expect((await publicResults(db, round.id))?.currency).toBe(file.meta.get("currency"));
    });

    it("refuses a malformed file with its line number, creating nothing", async () => {
      const before = await db.budgetRound.count();
      const text = "META\r\nkey;value\r\nbudget;1000\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost\r\n1;abc\r\nVOTES\r\nvoter_id;vote\r\n";
      expect(await importPabulib(db, staffId, { neighbourhoodId, fileName: "bad.pb", text })).toMatchObject({
        ok: false,
        status: 400,
        formError: "results:import.errors.malformed",
        formErrorValues: { line: 7 },
      });
      expect(await importPabulib(db, staffId, { neighbourhoodId: "nope", fileName: "bad.pb", text })).toMatchObject({
        ok: false,
        status: 400,
        errors: { neighbourhoodId: "validation.choice" },
      });
      expect(await db.budgetRound.count()).toBe(before);
    });
  });
});
