// Tally jobs through the built server (decision 0028), on a city-size round (Praga-Południe 2020: 14,897 voters,
// 134 projects, counted with mes-add1): the staff page shows the count's progress and, without JavaScript,
// refreshes itself; the server killed mid-count finishes the job after its restart; other requests are answered
// while the worker thread counts; and staff publish exactly that count, which reproduces the golden file.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { importSource } from "~/results/stored.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { testProviders } from "../../support/databases";
import { asHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const PRAGA = "Poland_Warszawa_2020_Praga-Poludnie.pb";
const pragaText = () => readFileSync(path.resolve(repositoryRoot, process.env.PABULIB_DIR ?? "../shared/pabulib", PRAGA), "utf8");
const golden = JSON.parse(readFileSync(path.join(repositoryRoot, "tests/golden/pabulib-tallies.json"), "utf8")) as Record<string, Record<string, string[]>>;
/** A killed instance's job is taken over this long after its last renewal. */
const LEASE_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page without its scripts (every page embeds its translations as JSON). */
async function rendered(response: Response): Promise<string> {
  return (await response.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

describe.each(testProviders())("tally jobs over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let staff: Visitor;

  /** Polls the round's job until `wanted` holds (bounded). */
  async function jobWhen(wanted: (job: { status: string; progress: number; attempts: number }) => boolean, seconds: number) {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
      const job = await db.tallyJob.findFirst({ where: { roundId }, orderBy: { createdAt: "desc" } });
      if (job && wanted(job)) return job;
      if (Date.now() > deadline) throw new Error(`The tally job is ${JSON.stringify(job)} after ${seconds} s\n${server.log()}`);
      await sleep(50);
    }
  }

  beforeAll(async () => {
    server = await startTestServer({ TALLY_JOB_LEASE_MS: String(LEASE_MS), TALLY_JOB_POLL_MS: "200" }, provider);
    db = createPrismaClient(server.databaseUrl);
    staff = new Visitor(server.baseUrl, { address: "10.11.0.1" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const neighbourhood = await db.neighbourhood.findFirstOrThrow({ orderBy: { slug: "asc" } });
    const imported = await staff.postMultipart("/staff/results/import", { neighbourhoodId: neighbourhood.id }, { file: new File([pragaText()], PRAGA) });
    expect(imported.status).toBe(302);
    roundId = /^\/staff\/rounds\/([^/]+)\/results$/.exec(imported.headers.get("location") ?? "")![1];
    // The file's own rule is greedy; mes-add1 makes the count take seconds (179 Equal Shares runs).
    await db.budgetRound.update({ where: { id: roundId }, data: { tallyRule: "mes-add1" } });
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("shows the count's progress, refreshing without JavaScript, and finishes it after the server was killed mid-count", async () => {
    const page = await staff.get(`/staff/rounds/${roundId}/results`);
    expect(page.status).toBe(200);
    const html = await rendered(page);
    expect(html).toContain(asHtml(translation("nl", "results:jobs.counting")));
    expect(html).toMatch(/<progress max="1000" value="\d+"/);
    expect(html).toMatch(/<noscript><meta http-equiv="refresh" content="2"\/?><\/noscript>/);
    expect(html).toContain(asHtml(translation("nl", "results:jobs.refresh")));

    // Killed while its worker thread counts: the job stays claimed, until the lease runs out.
    const running = await jobWhen((job) => job.status === "RUNNING", 60);
    expect(running.attempts).toBe(1);
    await server.kill("SIGKILL");
    expect(await db.tallyJob.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: "RUNNING", result: "" });

    await server.restart();
    const done = await jobWhen((job) => job.status === "DONE", 120);
    expect(done).toMatchObject({ id: running.id, attempts: 2, progress: 1000 });
  }, 240_000);

  it("answers other requests while a count runs, and publishes that count, which matches the golden file", async () => {
    // A late paper ballot changes the round: its count starts again, and the published result must be the new one.
    const project = await db.proposal.findFirstOrThrow({ where: { roundId }, orderBy: { number: "asc" } });
    await db.ballot.create({
      data: { id: `late-${Date.now()}`, roundId, receiptHash: `late-${Date.now()}`, channel: "PAPER", choices: { create: { proposalId: project.id } } },
    });
    expect((await staff.get(`/staff/rounds/${roundId}/results`)).status).toBe(200);
    await jobWhen((job) => job.status === "RUNNING", 60);
    const visitor = new Visitor(server.baseUrl, { address: "10.11.0.2" });
    const answers = await Promise.all([visitor.get("/healthz"), visitor.get("/"), visitor.get(`/rounds/${roundId}/results`)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 404]);
    // Answered while the worker thread was still counting.
    expect((await db.tallyJob.findFirstOrThrow({ where: { roundId }, orderBy: { createdAt: "desc" } })).status).toBe("RUNNING");

    const counted = await jobWhen((job) => job.status === "DONE", 120);
    const published = await staff.post(`/staff/rounds/${roundId}/results`, { intent: "publish", jobId: counted.id, confirm: "on" });
    expect(published.status).toBe(302);
    const round = await db.budgetRound.findUniqueOrThrow({ where: { id: roundId } });
    expect(round.phase).toBe("PUBLISHED");

    // One extra paper ballot for project 1 leaves Praga's mes-add1 result as the golden file has it.
    const result = await db.roundResult.findFirstOrThrow({ where: { roundId, version: 1 } });
    const source = await importSource(db, roundId);
    const funded = (JSON.parse(result.outcome) as { funded: string[] }).funded.map((id) => source!.projects[id].pabulibId);
    expect(funded).toEqual(golden[PRAGA]["mes-add1"]);
  }, 240_000);
});
