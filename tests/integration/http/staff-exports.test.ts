// Staff's spreadsheet files of a round (issue #21 item 4): every submitted proposal, and the panel's
// reviews summed up per proposal — headers in the staff member's language, the locale's decimal comma,
// never an individual score. Residents and visitors get none of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { aProposal, someBallots } from "../../support/builders";
import { asHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const FSI = "\u2068";
const PDI = "\u2069";

function rowsOf(csv: string): string[][] {
  expect(csv.startsWith("\uFEFF")).toBe(true);
  return csv
    .slice(1)
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(";"));
}

describe("staff's spreadsheet files of a round", () => {
  let server: TestServer;
  let db: Db;
  let kroonmolen: string;
  let address = 0;

  async function visitor(email?: string, locale = "nl"): Promise<Visitor> {
    const person = new Visitor(server.baseUrl, { address: `10.25.0.${++address}`, acceptLanguage: locale });
    if (email) await person.logIn(email, DEMO_PASSWORD);
    return person;
  }

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
    kroonmolen = (await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } })).id;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("refuses residents and sends visitors to log in", async () => {
    const anonymous = await (await visitor()).get(`/staff/rounds/${kroonmolen}/proposals.csv`);
    expect(anonymous.status).toBe(302);
    const elif = await visitor("elif@wijkbudget.demo", "tr");
    expect((await elif.get(`/staff/rounds/${kroonmolen}/proposals.csv`)).status).toBe(403);
    expect((await elif.get(`/staff/rounds/${kroonmolen}/reviews.csv`)).status).toBe(403);
  });

  it("lists every submitted proposal with Dutch headers and decimal commas, named after the neighbourhood", async () => {
    const author = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    await aProposal(db, {
      round: kroonmolen,
      author,
      title: "Fietsrekken",
      requestedCents: 123_450,
      cityCostCents: 150_000,
      locationText: "Kroonmolenplein 3",
    });
    const staff = await visitor("staff@wijkbudget.demo");
    const answer = await staff.get(`/staff/rounds/${kroonmolen}/proposals.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toMatch(/^attachment; filename="wijkbudget-sint-niklaas-kroonmolen-\d{4}-voorstellen\.csv"/);
    const rows = rowsOf(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await answer.arrayBuffer()));
    expect(rows[0]).toEqual(["Nummer", "Titel", "Status", "Thema", "Gevraagd bedrag (EUR)", "Kost volgens de stad (EUR)", "Plaats", "Ingediend op"]);
    const submitted = await db.proposal.count({ where: { roundId: kroonmolen, number: { not: null } } });
    expect(rows).toHaveLength(submitted + 1);
    const bikes = rows.find((row) => row[1] === `${FSI}Fietsrekken${PDI}`)!;
    expect(bikes.slice(4, 7)).toEqual(["1234,50", "1500,00", `${FSI}Kroonmolenplein 3${PDI}`]);
  });

  it("sums the reviews up per proposal and withholds the score of a proposal with one counting review", async () => {
    const proposals = await db.proposal.findMany({ where: { roundId: kroonmolen, status: "ADMISSIBLE" }, orderBy: { number: "asc" } });
    const criteria = await db.panelCriterion.findMany({ where: { roundId: kroonmolen } });
    const members = await db.panelMember.findMany({ where: { roundId: kroonmolen } });
    const reviewers = members;
    const review = (proposalId: string, userId: string, score: number, recommendation: "SHORTLIST" | "REJECT") =>
      db.panelReview.create({
        data: { proposalId, userId, recommendation, scores: { create: criteria.map((criterion) => ({ criterionId: criterion.id, score })) } },
      });
    const conflicts = await db.panelConflict.findMany({ where: { proposalId: { in: proposals.map((proposal) => proposal.id) } } });
    // Authors and co-proposers are conflicted on their own proposal, as are members who declared a conflict.
    const coProposers = await db.proposalMember.findMany({ where: { proposalId: { in: proposals.map((proposal) => proposal.id) } } });
    const conflicted = (proposalId: string, userId: string) =>
      proposals.some((proposal) => proposal.id === proposalId && proposal.authorId === userId) ||
      [...conflicts, ...coProposers].some((row) => row.proposalId === proposalId && row.userId === userId);
    const free = (proposalId: string) => reviewers.filter((member) => !conflicted(proposalId, member.userId));
    const first = proposals.find((proposal) => free(proposal.id).length >= 2);
    const second = proposals.find((proposal) => proposal !== first && free(proposal.id).length >= 1);
    const [a, b] = free(first!.id);
    await review(first!.id, a!.userId, 4, "SHORTLIST");
    await review(first!.id, b!.userId, 3, "REJECT");
    await review(second!.id, free(second!.id)[0]!.userId, 5, "SHORTLIST");

    const staff = await visitor("staff@wijkbudget.demo");
    const answer = await staff.get(`/staff/rounds/${kroonmolen}/reviews.csv`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-disposition")).toMatch(/-beoordelingen\.csv"/);
    const rows = rowsOf(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await answer.arrayBuffer()));
    expect(rows[0]!.slice(3, 8)).toEqual([
      "Meetellende beoordelingen",
      "Gemiddelde score",
      "Aanbevolen voor de stemming",
      "Aanbevolen om af te wijzen",
      "Onthouden",
    ]);
    const line = (number: number) => rows.find((row) => row[0] === String(number))!;
    expect(line(first!.number!).slice(3, 8)).toEqual(["2", "3,50", "1", "1", "0"]);
    // One review alone: its score would be that member's own, so it stays out of the file.
    expect(line(second!.number!).slice(3, 8)).toEqual(["1", "", "1", "0", "0"]);
  });

  it("shows a round's statistics with the ballots by channel and never per day, and offers them as a file", async () => {
    const rabot = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } });
    const onBallot = await db.proposal.findFirstOrThrow({ where: { roundId: rabot.id, status: "ON_BALLOT" } });
    await someBallots(db, 2, { round: rabot.id, choices: [onBallot.id] });
    await someBallots(db, 1, { round: rabot.id, choices: [onBallot.id], channel: "PAPER" });
    const elif = await visitor("elif@wijkbudget.demo", "tr");
    expect((await elif.get(`/staff/rounds/${rabot.id}/stats`)).status).toBe(403);
    expect((await elif.get(`/staff/rounds/${rabot.id}/stats.csv`)).status).toBe(403);

    const staff = await visitor("staff@wijkbudget.demo");
    const page = await staff.get(`/staff/rounds/${rabot.id}/stats`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(asHtml(translated("nl", "workspace:stats.ballotsValue", { total: "3", online: "2", paper: "1" })));
    expect(html).toContain(asHtml(translation("nl", "workspace:stats.perDay")));
    const file = rowsOf(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await (await staff.get(`/staff/rounds/${rabot.id}/stats.csv`)).arrayBuffer()));
    expect(file).toContainEqual([`${FSI}Stembiljetten online${PDI}`, "2"]);
    expect(file).toContainEqual([`${FSI}Stembiljetten op papier${PDI}`, "1"]);
    // Ballots carry no time: no line of the file counts them per day.
    expect(file.find((row) => row[0] === "Dag")).toEqual(["Dag", "Voorstellen", "Reacties"]);
  });

  it("has no review file for a round without a review, and none for an unknown round", async () => {
    const withoutReview = await db.budgetRound.findFirstOrThrow({ where: { hasReview: false, phase: { not: "DRAFT" } } });
    const staff = await visitor("staff@wijkbudget.demo");
    expect((await staff.get(`/staff/rounds/${withoutReview.id}/reviews.csv`)).status).toBe(404);
    expect((await staff.get(`/staff/rounds/${withoutReview.id}/proposals.csv`)).status).toBe(200);
    expect((await staff.get("/staff/rounds/nope/proposals.csv")).status).toBe(404);
  });
});
