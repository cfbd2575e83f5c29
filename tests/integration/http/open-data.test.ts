// Open data (issue #21 item 4): /rounds/<id>/data.json for every public round, valid against the JSON
// Schema in docs/open-data.schema.json, without anything personal, with panel scores only as decision
// 0011 allows them published, and the published result per project.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { publishResults } from "~/results/publish.server";
import { previewJob, runJobHere } from "~/results/jobs.server";
import { aProposal, aRound, someBallots } from "../../support/builders";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const schema = JSON.parse(readFileSync(new URL("../../../docs/open-data.schema.json", import.meta.url), "utf8")) as object;
// Formats (date-time) are checked below with Date.parse: ajv leaves them to the ajv-formats plugin.
const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);

type RoundFile = {
  generatedAt: string;
  round: Record<string, unknown> & { dates: Record<string, string | null>; budgetCents?: number };
  proposals: (Record<string, unknown> & {
    number: number;
    location: { street: string | null; latitude: number | null; longitude: number | null };
    panel: { score: number | null; reviews: number | null; decision: string | null; rationale: string | null } | null;
    result: { funded: boolean; support: number } | null;
  })[];
  result: { voters: number; publishedAt: string } | null;
};

describe("open data of a round", () => {
  let server: TestServer;
  let db: Db;
  let published: string;

  const fetchData = async (roundId: string) => new Visitor(server.baseUrl, { address: "10.24.0.1" }).get(`/rounds/${roundId}/data.json`);
  async function roundFile(roundId: string): Promise<RoundFile> {
    const answer = await fetchData(roundId);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    return (await answer.json()) as RoundFile;
  }

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
    // A published round: three projects, six ballots; greedy on €10,000 funds the garden and the box.
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const author = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
    const arsenaal = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } });
    published = (await aRound(db, { neighbourhood: arsenaal.id, budgetCents: 1_000_000, phase: "TALLY", title: "Arsenaal beslist", hasReview: false })).id;
    const project = async (number: number, title: string, requestedCents: number, locationText: string) =>
      (
        await aProposal(db, {
          round: published,
          author,
          number,
          status: "ON_BALLOT",
          title,
          requestedCents,
          locationText,
          latitude: 51.030_123_4,
          longitude: 4.487_654_3,
        })
      ).id;
    const garden = await project(1, "Samentuin", 600_000, "Rolliersstraat 14 bus 2");
    const benches = await project(2, "Banken", 500_000, "Kroonmolenplein");
    const box = await project(3, "Speelbox", 400_000, "");
    await someBallots(db, 3, { round: published, choices: [garden] });
    await someBallots(db, 2, { round: published, choices: [benches, box], channel: "PAPER" });
    await someBallots(db, 1, { round: published, choices: [box] });
    const counted = await runJobHere(db, (await previewJob(db, published))!.id);
    expect(await publishResults(db, staff.id, published, counted.id)).toMatchObject({ ok: true });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("publishes every public round's file valid against the schema, and no draft round", async () => {
    const rounds = await db.budgetRound.findMany({ select: { id: true, phase: true } });
    expect(rounds.some((round) => round.phase === "DRAFT")).toBe(true);
    for (const round of rounds) {
      if (round.phase === "DRAFT") {
        expect((await fetchData(round.id)).status).toBe(404);
        continue;
      }
      const file = await roundFile(round.id);
      expect(validate(file), `${round.phase}: ${JSON.stringify(validate.errors)}`).toBe(true);
      for (const date of [file.generatedAt, file.result?.publishedAt, ...Object.values(file.round.dates)]) {
        if (date) expect(new Date(date).toISOString()).toBe(date);
      }
    }
    expect((await fetchData("no-such-round")).status).toBe(404);
    // The round's page links its file, for visitors who look for it there.
    const page = await new Visitor(server.baseUrl, { address: "10.24.0.2" }).get(`/rounds/${published}`);
    expect(await page.text()).toContain(`href="/rounds/${published}/data.json"`);
  });

  it("has a schema that refuses a file missing a field or carrying an unknown one", async () => {
    const file = await roundFile(published);
    expect(validate(file)).toBe(true);
    const { budgetCents: _budget, ...roundWithoutBudget } = file.round;
    expect(validate({ ...file, round: roundWithoutBudget })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: "required", params: { missingProperty: "budgetCents" } });
    expect(validate({ ...file, proposals: [{ ...file.proposals[0], authorName: "Elif" }] })).toBe(false);
    expect(validate({ ...file, version: 2 })).toBe(false);
  });

  it("carries the published result per project, and the location only at street level", async () => {
    const file = await roundFile(published);
    expect(file.result).toMatchObject({ voters: 6 });
    expect(file.proposals.map((proposal) => [proposal.number, proposal.result?.support, proposal.result?.funded])).toEqual([
      [1, 3, true],
      [2, 2, false],
      [3, 3, true],
    ]);
    expect(file.proposals[0]!.location).toEqual({ street: "Rolliersstraat", latitude: 51.03, longitude: 4.488 });
    expect(file.proposals[2]!.location.street).toBeNull();
  });

  it("never names an author or an email address", async () => {
    const people = await db.user.findMany({ select: { name: true, email: true } });
    for (const round of await db.budgetRound.findMany({ where: { phase: { not: "DRAFT" } }, select: { id: true } })) {
      const text = await (await fetchData(round.id)).text();
      for (const person of people) {
        expect(text).not.toContain(person.email);
        expect(text).not.toContain(person.name);
      }
      expect(text).not.toMatch(/@/);
    }
  });

  it("publishes no panel score while the review runs, and the panel's decisions with their rationale", async () => {
    const kroonmolen = await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW" } });
    const author = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    await aProposal(db, { round: kroonmolen.id, author, title: "Zitbank", status: "REJECTED", panelRationale: "Buiten de wijk.", panelRationaleLocale: "nl" });
    const file = await roundFile(kroonmolen.id);
    expect(file.proposals.length).toBeGreaterThan(0);
    for (const proposal of file.proposals) expect(proposal.panel).toMatchObject({ score: null, reviews: null });
    expect(file.proposals.find((proposal) => proposal.panel?.rationale === "Buiten de wijk.")?.panel).toMatchObject({ decision: "REJECTED" });
    // A round without a panel says so.
    expect((await roundFile(published)).proposals.every((proposal) => proposal.panel === null)).toBe(true);
  });
});
