// What a page sends of its translations (decisions 0018 and 0046): the namespaces its routes declare and every
// page's, once — a document in a JSON script of its own, not in the root route's data; a client-side
// navigation in the root's data — on a round's proposal list at most 25 KB in every language.
import { readFileSync } from "node:fs";
import path from "node:path";
// Remix's own encoding of loader data (a dependency of @remix-run/server-runtime, pinned by it).
import { decode } from "turbo-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { LOCALES } from "~/i18n/config";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const MAX_TRANSLATION_BYTES = 25 * 1024;

type Resources = Record<string, Record<string, unknown>>;
type RootData = { locale: string; resources: Resources | null };

const localeFile = (lng: string, namespace: string) => JSON.parse(readFileSync(path.join("locales", lng, `${namespace}.json`), "utf8"));

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
}

/** The loader data a page hands to the browser: the chunks of Remix's stream in its inline scripts. */
async function loaderDataIn(html: string): Promise<Record<string, unknown>> {
  const chunks = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\)/g)].map((match) => JSON.parse(match[1]!) as string);
  expect(chunks.length).toBeGreaterThan(0);
  const decoded = await decode(streamOf(chunks));
  await decoded.done;
  return (decoded.value as { loaderData: Record<string, unknown> }).loaderData;
}

/** The same for a client-side navigation's single-fetch answer (`<path>.data`). */
async function navigationData(response: Response): Promise<Record<string, { data?: unknown }>> {
  const decoded = await decode(response.body!);
  await decoded.done;
  return decoded.value as Record<string, { data?: unknown }>;
}

/** The text of a document's translations script, and what it says. */
function translationsIn(html: string): { bytes: number; resources: Resources } {
  const scripts = [...html.matchAll(/<script id="i18n-resources" type="application\/json">(.*?)<\/script>/gs)];
  expect(scripts).toHaveLength(1);
  const text = scripts[0]![1]!;
  return { bytes: Buffer.byteLength(text), resources: JSON.parse(text) as Resources };
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("translations in the HTML", () => {
  let server: TestServer;
  let roundId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const db = createPrismaClient(server.databaseUrl);
    // The demo round with the most proposals (Gent Rabot, voting).
    roundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } })).id;
    await db.$disconnect();
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it.each(LOCALES)("a round's proposal list in %s carries its namespaces once, within 25 KB, and shows them translated", async (lng) => {
    const response = await new Visitor(server.baseUrl, { acceptLanguage: lng }).get(`/rounds/${roundId}/proposals`);
    expect(response.status).toBe(200);
    const html = await response.text();

    // Once: in the script, not in the root's data as well. These texts are not on the page itself.
    for (const key of ["validation.required", "errors:notFound.body", "proposals:errors.notYours"]) {
      expect(occurrences(html, translation(lng, key)), key).toBe(1);
    }
    const root = (await loaderDataIn(html)).root as RootData;
    expect(root.locale).toBe(lng);
    expect(root.resources).toBeNull();
    const { bytes, resources } = translationsIn(html);
    expect(bytes).toBeLessThanOrEqual(MAX_TRANSLATION_BYTES);
    expect(Object.keys(resources)).toEqual(["common", "errors", "proposals"]);
    for (const namespace of Object.keys(resources)) expect(resources[namespace], namespace).toEqual(localeFile(lng, namespace));

    const shown = await shownHtml(new Response(html));
    expect(shown).toContain(`<html lang="${lng}"`);
    // The title, looked up outside React (meta), in the page's language.
    expect(shown).toContain(`<title>${asHtml(translation(lng, "proposals:list.title"))} · Wijkbudget</title>`);
    expect(shown).toContain(asHtml(translation(lng, "proposals:list.title")));
    expect(shown).toContain(asHtml(translation(lng, "proposals:status.ON_BALLOT")));
    expect(shown).toContain(asHtml(translation(lng, "layout.nav.parklets")));
    expect(shown).not.toMatch(/\b(list|status|layout)\.[a-zA-Z]+/);
  });

  it("sends only the namespaces each page declares: the home page the rounds', none of the proposals'", async () => {
    const html = await (await new Visitor(server.baseUrl, { acceptLanguage: "bg" }).get("/")).text();
    expect(Object.keys(translationsIn(html).resources)).toEqual(["common", "errors", "rounds"]);
    expect(await shownHtml(new Response(html))).toContain(asHtml(translation("bg", "home.title")));
  });

  it("brings the next page's namespaces with a client-side navigation's data", async () => {
    const visitor = new Visitor(server.baseUrl, { acceptLanguage: "tr" });
    const answer = await navigationData(await visitor.get(`/rounds/${roundId}/proposals.data?_routes=root,routes/rounds.$roundId_.proposals`));
    const root = answer.root!.data as RootData;
    expect(root.locale).toBe("tr");
    expect(Object.keys(root.resources!)).toEqual(["common", "errors", "proposals"]);
    expect(root.resources!.proposals).toEqual(localeFile("tr", "proposals"));
  });

  it("renders a page in its own namespaces only: an unknown page's error in Arabic", async () => {
    const response = await new Visitor(server.baseUrl, { acceptLanguage: "ar" }).get("/no/such/page");
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(Object.keys(translationsIn(html).resources)).toEqual(["common", "errors"]);
    expect(await shownHtml(new Response(html))).toContain(asHtml(translation("ar", "errors:notFound.title")));
  });
});
