// The staff dashboard on a database of rounds in every state: each running round's counts, and the
// "needs attention" list naming each thing with who may decide and where to see to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { attentionLink, type AttentionItem } from "~/workspace/dashboard";
import { staffDashboard } from "~/workspace/dashboard.server";
import { aProposal, aRound, aUser, someBallots } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const DAY = 86_400_000;
const NOW = new Date("2027-03-15T12:00:00Z");
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * DAY);

describe.each(testProviders())("the staff dashboard on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let ids: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    const [author, chair, member, former] = [await aUser(db), await aUser(db, { name: "Chaira" }), await aUser(db), await aUser(db)];

    const submission = await aRound(db, { phase: "SUBMISSION", title: "Indienen", submissionStartsAt: daysFromNow(-10), submissionEndsAt: daysFromNow(5) });
    const waiting = await aProposal(db, { round: submission, author, title: "Bankjes", status: "SUBMITTED" });
    await aProposal(db, { round: submission, author, title: "Nog een", status: "SUBMITTED" });
    const overdue = await aProposal(db, {
      round: submission,
      author,
      title: "Te laat",
      status: "CHANGES_REQUESTED",
      changesDeadline: daysFromNow(-1),
    });
    await aProposal(db, { round: submission, author, status: "CHANGES_REQUESTED", changesDeadline: daysFromNow(5) });
    await aProposal(db, { round: submission, author, status: "DRAFT" });

    const review = await aRound(db, { phase: "REVIEW", title: "Beoordelen" });
    await db.panel.create({ data: { roundId: review.id, mode: "SHORTLIST" } });
    await db.panelMember.createMany({
      data: [
        { roundId: review.id, userId: chair.id, isChair: true },
        { roundId: review.id, userId: member.id },
      ],
    });
    const [criterion1, criterion2] = await Promise.all(
      [1, 2].map((position) => db.panelCriterion.create({ data: { roundId: review.id, position, names: "{}", weight: 1 } })),
    );
    const undecided = await aProposal(db, { round: review, author, title: "Samentuin", status: "ADMISSIBLE" });
    const authoredByChair = await aProposal(db, { round: review, author: chair, title: "Van de voorzitter", status: "ADMISSIBLE" });
    const coCarried = await aProposal(db, { round: review, author, status: "SHORTLISTED" });
    // The member co-carries it: conflicted, as the chair is with her own proposal.
    await db.proposalMember.create({ data: { proposalId: coCarried.id, userId: member.id } });
    // One complete review, one half done, one declared conflict.
    await db.panelReview.create({
      data: {
        proposalId: undecided.id,
        userId: member.id,
        scores: {
          create: [
            { criterionId: criterion1!.id, score: 3 },
            { criterionId: criterion2!.id, score: 4 },
          ],
        },
      },
    });
    await db.panelReview.create({ data: { proposalId: undecided.id, userId: chair.id, scores: { create: [{ criterionId: criterion1!.id, score: 2 }] } } });
    await db.panelConflict.create({ data: { proposalId: authoredByChair.id, userId: member.id } });
    // A member removed from the panel keeps a complete review and a declared conflict: neither counts any more.
    await db.panelReview.create({
      data: {
        proposalId: coCarried.id,
        userId: former.id,
        scores: {
          create: [
            { criterionId: criterion1!.id, score: 5 },
            { criterionId: criterion2!.id, score: 5 },
          ],
        },
      },
    });
    await db.panelConflict.create({ data: { proposalId: undecided.id, userId: former.id } });

    const voting = await aRound(db, { phase: "VOTING", title: "Stemmen", votingStartsAt: daysFromNow(-20), votingEndsAt: daysFromNow(2) });
    const onBallot = await aProposal(db, { round: voting, author, status: "ON_BALLOT" });
    await db.votingCode.createMany({ data: [1, 2, 3, 4].map((serial) => ({ roundId: voting.id, serial, codeHash: `hash-${voting.id}-${serial}` })) });
    await db.codeBatch.create({ data: { roundId: voting.id, count: 4, plainCodes: "[]" } });
    await someBallots(db, 3, { round: voting, choices: [onBallot] });
    // Voting that ends in a week is not flagged yet.
    await aRound(db, { phase: "VOTING", title: "Later", votingEndsAt: daysFromNow(7) });

    const tally = await aRound(db, { phase: "TALLY", title: "Tellen" });

    const published = await aRound(db, { phase: "PUBLISHED", title: "Klaar" });
    await db.roundResult.create({ data: { roundId: published.id, version: 1, rule: "greedy", outcome: "{}", publishedAt: daysFromNow(-120) } });
    const silent = await aProposal(db, { round: published, author, title: "Stille speeltuin", status: "FUNDED" });
    const heard = await aProposal(db, { round: published, author, status: "IN_PROGRESS" });
    await db.realisationUpdate.create({
      data: { proposalId: heard.id, status: "IN_PROGRESS", text: "Begonnen", day: "2027-03-01", createdAt: daysFromNow(-10) },
    });
    const longSilent = await aProposal(db, { round: published, author, title: "Lang stil", status: "IN_PROGRESS" });
    await db.realisationUpdate.create({
      data: { proposalId: longSilent.id, status: "IN_PROGRESS", text: "Begonnen", day: "2026-10-01", createdAt: daysFromNow(-100) },
    });
    await aProposal(db, { round: published, author, status: "REALISED" });

    ids = {
      submission: submission.id,
      waiting: waiting.id,
      overdue: overdue.id,
      review: review.id,
      undecided: undecided.id,
      authoredByChair: authoredByChair.id,
      voting: voting.id,
      tally: tally.id,
      published: published.id,
      silent: silent.id,
      longSilent: longSilent.id,
      chair: chair.id,
      member: member.id,
    };
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  it("sums up each running round; published rounds fold away", async () => {
    const { running, finished } = await staffDashboard(db, NOW);
    expect(finished.map((round) => round.id)).toEqual([ids.published]);
    expect(running.map((round) => round.id)).not.toContain(ids.published);

    const submission = running.find((round) => round.id === ids.submission)!;
    expect(submission.proposals).toMatchObject({ SUBMITTED: 2, CHANGES_REQUESTED: 2, DRAFT: 1, ADMISSIBLE: 0 });
    expect(submission.window).toEqual({ from: daysFromNow(-10), until: daysFromNow(5), daysLeft: 5 });
    expect(submission.eligible).toBeNull();

    const review = running.find((round) => round.id === ids.review)!;
    // Two members × three reviewable proposals, less the pairs panel/policy calls conflicted: the chair's own
    // proposal (for her as its author, for the member by declaration) and the one the member co-carries.
    // One current member's review has every criterion scored; the former member's review does not count.
    expect(review.reviews).toEqual({ done: 1, needed: 3 });
    expect(review.decisionsPending).toBe(2);

    const voting = running.find((round) => round.id === ids.voting)!;
    expect(voting).toMatchObject({ ballots: 3, eligible: 4, turnout: 0.75, window: { daysLeft: 2 } });
  });

  it("lists what needs attention, each with a link to where it is seen to", async () => {
    const { attention } = await staffDashboard(db, NOW);
    const summary = attention.map((item: AttentionItem) => ["proposal" in item ? item.proposal.id : item.round.id, item.kind, attentionLink(item)]);
    expect(summary).toEqual([
      [ids.waiting, "feasibility", `/proposals/${ids.waiting}`],
      [expect.any(String), "feasibility", expect.stringMatching(/^\/proposals\//)],
      [ids.overdue, "changesOverdue", `/proposals/${ids.overdue}`],
      [ids.undecided, "undecided", `/panel/${ids.review}`],
      [ids.authoredByChair, "undecided", `/panel/${ids.review}/decisions/${ids.authoredByChair}`],
      [ids.voting, "votingEndsSoon", `/staff/rounds/${ids.voting}`],
      [ids.voting, "codesNotTaken", `/staff/rounds/${ids.voting}/voting`],
      [ids.tally, "resultsUnpublished", `/staff/rounds/${ids.tally}/results`],
      [ids.silent, "realisationSilent", `/staff/proposals/${ids.silent}/updates`],
      [ids.longSilent, "realisationSilent", `/staff/proposals/${ids.longSilent}/updates`],
    ]);
    // Who may decide: the chair, except on the chair's own proposal, where (without a vice-chair) staff decide.
    const deciders = attention.flatMap((item) => (item.kind === "undecided" ? [item.decider] : []));
    expect(deciders).toEqual([
      { by: "chair", userId: expect.any(String), name: "Chaira" },
      { by: "staff", because: "chairConflicted", name: null },
    ]);
    expect(attention.find((item) => item.kind === "codesNotTaken")).toMatchObject({ codes: 4 });
    expect(attention.find((item) => item.kind === "feasibility")).toMatchObject({ proposal: { number: 1, texts: [{ locale: "nl", title: "Bankjes" }] } });
  });

  // Last: it adds proposals the tests above do not expect.
  it("counts with the same few queries however many proposals, reviews and conflicts there are", async () => {
    let operations = 0;
    const counted = db.$extends({
      query: {
        $allOperations: ({ args, query }) => {
          operations++;
          return query(args);
        },
      },
    }) as unknown as Db;
    await staffDashboard(counted, NOW);
    const before = operations;
    expect(before).toBeLessThan(30);

    const [submission, review] = await Promise.all([
      db.budgetRound.findUniqueOrThrow({ where: { id: ids.submission } }),
      db.budgetRound.findUniqueOrThrow({ where: { id: ids.review } }),
    ]);
    const author = await aUser(db);
    for (let i = 0; i < 5; i++) {
      await aProposal(db, { round: submission, author, status: "SUBMITTED" });
      const admissible = await aProposal(db, { round: review, author: i % 2 ? author : { id: ids.chair }, status: "ADMISSIBLE" });
      await db.panelConflict.create({ data: { proposalId: admissible.id, userId: ids.member! } });
    }
    operations = 0;
    const after = await staffDashboard(counted, NOW);
    expect(operations).toBe(before);
    // Five more under review for two members, less the member's five declared conflicts and the chair's three own proposals.
    expect(after.running.find((round) => round.id === ids.review)!.reviews).toEqual({ done: 1, needed: 3 + 5 * 2 - 5 - 3 });
  });
});
