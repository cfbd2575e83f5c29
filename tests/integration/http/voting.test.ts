// Voting through the built server, as a browser without JavaScript posts it (and a cast as one with): codes taken once,
// wrong codes and over-budget ballots refused in the voter's language, one ballot per code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { formatMoney } from "~/i18n/format";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

describe.each(testProviders())("voting over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let batchId: string;
  let ideas: string[];
  let codes: string[];
  let address = 0;
  const visitor = (locale = "nl") => new Visitor(server.baseUrl, { address: `10.9.0.${++address}`, acceptLanguage: locale });

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    roundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } })).id;
    batchId = (await db.codeBatch.findFirstOrThrow({ where: { roundId } })).id;
    ideas = (await db.proposal.findMany({ where: { roundId }, orderBy: { number: "asc" } })).map((row) => row.id);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("gives staff the codes once as CSV (never a resident), with links that open the ballot", async () => {
    const resident = visitor();
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    expect((await resident.post(`/staff/rounds/${roundId}/codes/${batchId}.csv`, {})).status).toBe(403);
    const staff = visitor();
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const csv = await staff.post(`/staff/rounds/${roundId}/codes/${batchId}.csv`, {});
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await shownHtml(csv)).trim().split("\r\n");
    expect(lines[0]).toBe("serial;code;link");
    expect(lines).toHaveLength(21);
    codes = lines.slice(1).map((line) => line.split(";")[1]!);
    expect(lines[1]).toContain(`/vote/${roundId}?code=${codes[0]}`);
    expect((await staff.post(`/staff/rounds/${roundId}/codes/${batchId}.csv`, {})).status).toBe(410);
    // The letters are still there once: every language on each letter, and a QR code. Printed from a staff
    // page in Arabic, a letter is still Dutch and left to right, its Arabic part right to left.
    await staff.post("/language", { locale: "ar", redirectTo: "/staff" });
    const letters = await staff.post(`/staff/rounds/${roundId}/codes/${batchId}/letters`, {});
    const html = await shownHtml(letters);
    expect(letters.status).toBe(200);
    expect(html).toMatch(/<html lang="ar" dir="rtl"/);
    expect(html).toMatch(/<article class="letter" lang="nl" dir="ltr">/);
    expect(html).toMatch(/<section lang="ar" dir="rtl" class="letter-short">/);
    // The language is kept with the account: back to Dutch for the tests after this one.
    await staff.post("/language", { locale: "nl", redirectTo: "/staff" });
    expect(html).toContain(codes[0]);
    expect(html).toContain("<svg");
    for (const lng of ["nl", "fr", "en", "bg", "tr", "ar"]) expect(html).toContain(asHtml(translation(lng, "voting:letters.heading")));
    expect((await staff.post(`/staff/rounds/${roundId}/codes/${batchId}/letters`, {})).status).toBe(410);
    expect((await db.codeBatch.findUniqueOrThrow({ where: { id: batchId } })).plainCodes).toBeNull();
  });

  it("refuses a wrong code in the voter's language, and stops guessing from one address", async () => {
    const guesser = visitor("tr");
    const wrong = await guesser.post(`/vote/${roundId}`, { step: "code", code: "AAAA-BBBB-CCCC" });
    expect(wrong.status).toBe(400);
    expect(await shownHtml(wrong)).toContain(asHtml(translation("tr", "voting:errors.codeUnknown")));
    for (let attempt = 1; attempt < 20; attempt++) await guesser.post(`/vote/${roundId}`, { step: "code", code: "AAAA-BBBB-CCCC" });
    const blocked = await guesser.post(`/vote/${roundId}`, { step: "code", code: codes[5]! });
    expect(blocked.status).toBe(429);
  });

  it("refuses an over-budget ballot, casts a valid one once, and confirms its receipt", async () => {
    const voter = visitor("tr");
    const code = codes[0]!.toLowerCase();
    const opened = await voter.post(`/vote/${roundId}`, { step: "code", code });
    expect(opened.status).toBe(200);
    // €12,000 + €9,000 + €7,500 > €25,000
    const over = await voter.post(`/vote/${roundId}`, {
      step: "review",
      code,
      [`choice.${ideas[0]}`]: "on",
      [`choice.${ideas[1]}`]: "on",
      [`choice.${ideas[2]}`]: "on",
    });
    expect(over.status).toBe(400);
    // Without JavaScript there is no live budget bar: the refusal says by how much, in the voter's language.
    const byHowMuch = { over: formatMoney(350_000, "tr"), budget: formatMoney(2_500_000, "tr") };
    expect(await shownHtml(over)).toContain(asHtml(translated("tr", "voting:problems.overBudgetBy", byHowMuch)));
    // A crafted cast skipping the review step is checked just the same.
    const craftedOver = await voter.post(`/vote/${roundId}`, {
      step: "cast",
      code,
      [`choice.${ideas[0]}`]: "on",
      [`choice.${ideas[1]}`]: "on",
      [`choice.${ideas[2]}`]: "on",
    });
    expect(craftedOver.status).toBe(400);
    const review = await voter.post(`/vote/${roundId}`, { step: "review", code, [`choice.${ideas[0]}`]: "on", [`choice.${ideas[3]}`]: "on" });
    expect(await shownHtml(review)).toContain(asHtml(translation("tr", "voting:review.cast")));
    const cast = await voter.post(`/vote/${roundId}`, { step: "cast", code, [`choice.${ideas[0]}`]: "on", [`choice.${ideas[3]}`]: "on" });
    // Post/Redirect/Get: the cast answers with the ballot page, where the receipt is shown once; a reload sends nothing again.
    expect(cast.status).toBe(303);
    expect(new URL(cast.headers.get("location")!, "http://x").pathname).toBe(`/vote/${roundId}`);
    const done = await voter.get(`/vote/${roundId}`);
    expect(done.status).toBe(200);
    expect(done.headers.get("cache-control")).toContain("no-store");
    const shown = await shownHtml(done);
    expect(shown).toContain(asHtml(translation("tr", "voting:done.title")));
    const receipt = shown.match(/<strong class="code">([A-Z0-9-]+)<\/strong>/)?.[1];
    expect(receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    expect(await shownHtml(await voter.get(`/vote/${roundId}`))).not.toContain(receipt!);
    // Another browser never gets it.
    expect(await shownHtml(await visitor("tr").get(`/vote/${roundId}`))).not.toContain(asHtml(translation("tr", "voting:done.title")));
    const again = await voter.post(`/vote/${roundId}`, { step: "cast", code, [`choice.${ideas[1]}`]: "on" });
    expect(again.status).toBe(409);
    expect(await shownHtml(again)).toContain(asHtml(translation("tr", "voting:errors.alreadyVoted")));
    const check = await visitor().get(`/receipts?receipt=${encodeURIComponent(receipt!.toLowerCase())}`);
    expect(await shownHtml(check)).toContain(asHtml(translation("nl", "voting:receipt.counted")));
    const unknown = await visitor().get(`/receipts?receipt=AAAA-BBBB-CC`);
    expect(await shownHtml(unknown)).toContain(asHtml(translation("nl", "voting:receipt.notFound")));
    expect(await db.ballot.count({ where: { roundId } })).toBe(1);
  });

  it("answers a cast posted with JavaScript with its receipt, without a redirect, and takes it once", async () => {
    const voter = visitor("bg");
    const code = codes[2]!;
    const before = await db.ballot.count({ where: { roundId } });
    const cast = await voter.post(`/vote/${roundId}.data`, { step: "cast", code, [`choice.${ideas[1]}`]: "on" });
    expect(cast.status).toBe(200);
    expect(cast.headers.getSetCookie().join("\n")).not.toContain("wb_receipt");
    const receipt = /"receipt","([A-Z0-9-]+)"/.exec(await cast.text())?.[1];
    expect(receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    expect(await db.ballot.count({ where: { roundId } })).toBe(before + 1);
    const check = await visitor("bg").get(`/receipts?receipt=${encodeURIComponent(receipt!)}`);
    expect(await shownHtml(check)).toContain(asHtml(translation("bg", "voting:receipt.counted")));
    const again = await voter.post(`/vote/${roundId}.data`, { step: "cast", code, [`choice.${ideas[2]}`]: "on" });
    expect(again.status).toBe(409);
    expect(await db.ballot.count({ where: { roundId } })).toBe(before + 1);
  });

  it("lets staff enter a paper ballot with a letter's code, counted as paper", async () => {
    const staff = visitor();
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const code = codes[1]!;
    expect((await staff.post(`/staff/rounds/${roundId}/paper`, { step: "voter", voter: code })).status).toBe(200);
    const recorded = await staff.post(`/staff/rounds/${roundId}/paper`, { step: "cast", voter: code, [`choice.${ideas[2]}`]: "on" });
    expect(recorded.status).toBe(200);
    expect(await shownHtml(recorded)).toContain(asHtml(translation("nl", "voting:paper.recorded")));
    expect(await db.ballot.count({ where: { roundId, channel: "PAPER" } })).toBe(1);
    expect((await staff.post(`/staff/rounds/${roundId}/paper`, { step: "voter", voter: code })).status).toBe(409);
  });
});
