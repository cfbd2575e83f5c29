// The map of a round's ideas (issue #24 item 1): /rounds/<id>/map lists the same public proposals as the
// list, with the same filters, saying which have no place on the map, so the list is the whole page
// without JavaScript; drafts and rounds not yet public stay hidden. The markers: tests/e2e/proposals.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { aProposal, aRound, aUser } from "../../support/builders";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

describe("the map of a round's ideas", () => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  const visitor = () => new Visitor(server.baseUrl, { acceptLanguage: "tr", address: "10.31.0.1" });

  beforeAll(async () => {
    server = await startTestServer();
    db = createPrismaClient(server.databaseUrl);
    const round = await aRound(db, { title: "Haritalı tur" });
    roundId = round.id;
    const author = await aUser(db);
    await aProposal(db, { round, author, title: "Bankjes bij de kerk", status: "ADMISSIBLE", latitude: 51.0257, longitude: 4.4776, locationText: "Kerkplein" });
    await aProposal(db, { round, author, title: "Een buurtkrant", status: "SUBMITTED", searchText: "een buurtkrant" });
    await aProposal(db, { round, author, title: "Geheim ontwerp", status: "DRAFT", latitude: 51.03, longitude: 4.48 });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("lists every public idea in the reader's language, saying which has no place on the map", async () => {
    const response = await visitor().get(`/rounds/${roundId}/map`);
    expect(response.status).toBe(200);
    const html = await shownHtml(response);
    expect(html).toContain(asHtml(translation("tr", "map:title")));
    expect(html).toContain("Bankjes bij de kerk");
    expect(html).toContain("Een buurtkrant");
    expect(html).not.toContain("Geheim ontwerp");
    expect(html.split(asHtml(translation("tr", "map:notOnMap"))).length - 1).toBe(1);
    expect(html).toContain(`href="/rounds/${roundId}/proposals"`);
  });

  it.each(LOCALES)("answers in %s, listing every public idea without JavaScript", async (lng) => {
    const html = await shownHtml(await new Visitor(server.baseUrl, { acceptLanguage: lng, address: "10.31.0.2" }).get(`/rounds/${roundId}/map`));
    expect(html).toContain(`<html lang="${lng}"`);
    expect(html).toContain(asHtml(translation(lng, "map:title")));
    expect(html).toContain(asHtml(translation(lng, "map:listNote")));
    for (const title of ["Bankjes bij de kerk", "Een buurtkrant"]) expect(html).toContain(title);
  });

  it("filters like the list: by status, theme and words, ignoring a value that is none of the choices", async () => {
    const shown = async (query: string) => {
      const html = await shownHtml(await visitor().get(`/rounds/${roundId}/map?${query}`));
      return ["Bankjes bij de kerk", "Een buurtkrant"].filter((title) => html.includes(title));
    };
    expect(await shown("status=ADMISSIBLE")).toEqual(["Bankjes bij de kerk"]);
    expect(await shown("q=krant")).toEqual(["Een buurtkrant"]);
    expect(await shown("status=NOPE")).toEqual(["Bankjes bij de kerk", "Een buurtkrant"]);
    expect(await shown("status=REJECTED")).toEqual([]);
  });

  it("links the map from the list with the same filters, and hides a round that is not public yet", async () => {
    const list = await shownHtml(await visitor().get(`/rounds/${roundId}/proposals?status=SUBMITTED`));
    expect(list).toContain(`href="/rounds/${roundId}/map?status=SUBMITTED"`);
    const draft = await aRound(db, { phase: "DRAFT" });
    expect((await visitor().get(`/rounds/${draft.id}/map`)).status).toBe(404);
  });
});
