// The page cache (scripts/page-cache.mjs, decision 0022): a page every visitor who is not signed in
// sees alike is sent again, byte for byte, for PAGE_CACHE_MS; anyone signed in, any other page, any
// failure and any change made through this server gets a page rendered anew. A page's CSP nonce tells
// the two apart: each rendering makes a new one. (A page is stored once it has gone out in full: each
// test reads an answer before asking again.)
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const FRESH_MS = 1500;

const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];

describe("the page cache", () => {
  let server: TestServer;
  let db: Db;
  let listPath: string;
  let roundId: string;

  beforeAll(async () => {
    server = await startTestServer({ PAGE_CACHE_MS: String(FRESH_MS) });
    db = createPrismaClient(server.databaseUrl);
    roundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
    listPath = `/rounds/${roundId}/proposals`;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  const get = (pathname: string, headers: Record<string, string> = {}) => fetch(`${server.baseUrl}${pathname}`, { headers, redirect: "manual" });

  it("sends visitors the same compressed bytes again, with the nonce they were made with, and renders anew once they are stale", async () => {
    const first = await get(listPath, { "accept-encoding": "br" });
    const firstBytes = Buffer.from(await first.arrayBuffer());
    const again = await get(listPath, { "accept-encoding": "br" });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-encoding")).toBe("br");
    expect(nonceOf(again)).toBe(nonceOf(first));
    expect(Buffer.from(await again.arrayBuffer()).equals(firstBytes)).toBe(true);

    // Another encoding is another copy; the page in it is the same page.
    const plain = await get(listPath, { "accept-encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(nonceOf(plain)).not.toBe(nonceOf(first));
    const html = await plain.text();
    expect(html).toContain(`nonce="${nonceOf(plain)}"`);

    await sleep(FRESH_MS + 100);
    const later = await get(listPath, { "accept-encoding": "br" });
    expect(later.status).toBe(200);
    expect(nonceOf(later)).not.toBe(nonceOf(first));
  });

  it("keeps a copy per language asked, by header or by the language cookie", async () => {
    const bulgarian = await get(listPath, { "accept-language": "bg" });
    expect(await bulgarian.text()).toContain('lang="bg"');
    const turkish = await get(listPath, { cookie: "wb_lng=tr" });
    expect(await turkish.text()).toContain('lang="tr"');
    const bulgarianAgain = await get(listPath, { "accept-language": "bg" });
    expect(nonceOf(bulgarianAgain)).toBe(nonceOf(bulgarian));
    expect(await bulgarianAgain.text()).toContain('lang="bg"');
  });

  it("renders every page anew for someone signed in, and never lets a shared cache keep it", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.40.0.1" });
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const first = await resident.get(listPath);
    await first.arrayBuffer();
    const again = await resident.get(listPath);
    expect(first.status).toBe(200);
    expect(nonceOf(again)).not.toBe(nonceOf(first));
    expect(again.headers.get("cache-control")).toBe("private, no-store");
    expect(await again.text()).toContain('action="/logout"');
  });

  it("never shares a page with a visitor's own state, a refusal, or a request with a cookie it does not know", async () => {
    for (const pathname of ["/login", `/vote/${roundId}`, "/rounds/no-such-round/proposals"]) {
      const first = await get(pathname);
      await first.arrayBuffer();
      const again = await get(pathname);
      expect(again.status, pathname).toBe(first.status);
      expect(nonceOf(again), pathname).not.toBe(nonceOf(first));
    }
    const first = await get(listPath, { cookie: "someone_else=1" });
    await first.arrayBuffer();
    const again = await get(listPath, { cookie: "someone_else=1" });
    expect(nonceOf(again)).not.toBe(nonceOf(first));
  });

  it("shows a change made through this server on the very next page", async () => {
    const title = `Bankjes aan de Leie ${Date.now()}`;
    const before = await get(listPath);
    expect(await before.text()).not.toContain(title);
    expect(nonceOf(await get(listPath))).toBe(nonceOf(before));

    const resident = new Visitor(server.baseUrl, { address: "10.40.0.2" });
    await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const category = await db.category.findFirstOrThrow({ where: { roundId } });
    const posted = await resident.post(`/rounds/${roundId}/proposals/new`, {
      intent: "submit",
      originalLocale: "nl",
      title,
      summary: "Drie bankjes langs het water",
      description: "Bankjes om even te rusten.",
      locationText: "Leiekaai",
      categoryId: category.id,
      "costLines.0.label": "Bankjes",
      "costLines.0.amount": "900",
    });
    expect(posted.status).toBe(302);

    const after = await get(listPath);
    expect(nonceOf(after)).not.toBe(nonceOf(before));
    expect(await after.text()).toContain(title);
  });
});
