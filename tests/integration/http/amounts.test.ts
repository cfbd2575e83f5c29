// Amounts typed the way each language writes them (issue #18, decision 0029), posted as a browser
// without JavaScript does: "1.800" is €1,800 in Dutch and refused as ambiguous in English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

describe.each(testProviders())("amounts over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let address = 0;

  async function loggedIn(email: string): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.18.0.${++address}` });
    await visitor.logIn(email, DEMO_PASSWORD);
    return visitor;
  }

  const draft = (amount: string) => ({
    intent: "save",
    originalLocale: "nl",
    title: "Zitbanken Arsenaal",
    "costLines.0.label": "Twee zitbanken",
    "costLines.0.amount": amount,
  });

  const proposalIdOf = (response: Response) => /\/proposals\/(\w+)/.exec(response.headers.get("Location") ?? "")![1]!;

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    roundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
    // Ivan reads the site in English for these tests (his saved language decides, as for anyone signed in).
    await db.user.update({ where: { email: "ivan@wijkbudget.demo" }, data: { locale: "en" } });
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it('stores "1.800" typed in Dutch as €1,800 and shows it back as "1.800"', async () => {
    const pieter = await loggedIn("panel@wijkbudget.demo");
    const response = await pieter.post(`/rounds/${roundId}/proposals/new`, draft("1.800"));
    expect(response.status).toBe(302);
    const id = proposalIdOf(response);
    const lines = await db.costLine.findMany({ where: { proposalId: id } });
    expect(lines.map((line) => line.amountCents)).toEqual([180_000]);

    const edit = await shownHtml(await pieter.get(`/proposals/${id}/edit`));
    expect(edit).toMatch(/name="costLines\.0\.amount"[^>]*value="1\.800"|value="1\.800"[^>]*name="costLines\.0\.amount"/);
  });

  it('refuses "1.800" typed in English with an example, keeps what was typed, and takes "1,800"', async () => {
    const ivan = await loggedIn("ivan@wijkbudget.demo");
    const refused = await ivan.post(`/rounds/${roundId}/proposals/new`, draft("1.800"));
    expect(refused.status).toBe(400);
    const html = await shownHtml(refused);
    const message = translation("en", "validation.amountAmbiguous");
    expect(message).toContain("1,800");
    expect(html).toContain(asHtml(message));
    expect(html).toMatch(/value="1\.800"/);

    const accepted = await ivan.post(`/rounds/${roundId}/proposals/new`, draft("€1,800.50"));
    expect(accepted.status).toBe(302);
    const lines = await db.costLine.findMany({ where: { proposalId: proposalIdOf(accepted) } });
    expect(lines.map((line) => line.amountCents)).toEqual([180_050]);
  });
});
