// A page's translations come with the root route's data (decision 0018): a client-side navigation
// brings the next page's namespaces along, so the page is translated from its first render, and the
// browser never fetches a translation file.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { NAMESPACES } from "~/i18n/config";
import { browserTests } from "../support/browser";
import { translation } from "../support/locales";

const app = browserTests();

/** A key as it would show untranslated: a namespace or one of its top-level groups, then ":" or "." and a name. */
function rawKeyPattern(): string {
  const groups = NAMESPACES.flatMap((namespace) => Object.keys(JSON.parse(readFileSync(`locales/tr/${namespace}.json`, "utf8"))));
  return `\\b(${[...NAMESPACES, ...new Set(groups)].join("|")})[.:][A-Za-z]`;
}

describe("a visitor reading Turkish, with JavaScript", () => {
  it("goes from the home page to a round's proposal list without loading a page, and never sees a key", async () => {
    const db = createPrismaClient(app.server.databaseUrl);
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } });
    await db.$disconnect();
    const { page, errors } = await app.page({ locale: "tr-TR", consoleErrors: true });
    const requested: URL[] = [];
    page.on("request", (request) => requested.push(new URL(request.url())));

    await page.goto("/");
    await page.waitForLoadState("networkidle");
    // Every text the page ever shows from here on is checked for raw keys as it is inserted (a flash
    // would be gone by the time the test looks); a mark on the window survives only client-side navigations.
    await page.evaluate((pattern) => {
      const rawKey = new RegExp(pattern);
      const seen: string[] = [];
      Object.assign(window, { rawKeysSeen: seen, sameDocument: true });
      new MutationObserver((records) => {
        for (const record of records) {
          const nodes = record.type === "characterData" ? [record.target] : [...record.addedNodes];
          for (const node of nodes) if (rawKey.test(node.textContent ?? "")) seen.push(node.textContent!.slice(0, 120));
        }
      }).observe(document, { childList: true, subtree: true, characterData: true });
    }, rawKeyPattern());

    await page.locator(`a[href="/rounds/${round.id}"]`).first().click();
    await page.waitForURL((url) => url.pathname === `/rounds/${round.id}`);
    await page.getByRole("link", { name: translation("tr", "proposals:roundLinks.proposals") }).click();
    await page.waitForURL((url) => url.pathname === `/rounds/${round.id}/proposals`);

    await page.getByRole("heading", { level: 1, name: translation("tr", "proposals:list.title") }).waitFor();
    await page.locator(".card-list").getByText(translation("tr", "proposals:status.ON_BALLOT")).first().waitFor();
    await page.getByRole("button", { name: translation("tr", "proposals:list.apply") }).waitFor();
    expect(await page.title()).toBe(`${translation("tr", "proposals:list.title")} · Wijkbudget`);

    // Filtering the same page asks for the list's data only: its translations are there already.
    await page.getByLabel(translation("tr", "proposals:list.status")).selectOption("ON_BALLOT");
    await page.getByRole("button", { name: translation("tr", "proposals:list.apply") }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "ON_BALLOT");
    await page.getByRole("heading", { level: 1, name: translation("tr", "proposals:list.title") }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { rawKeysSeen: string[] }).rawKeysSeen)).toEqual([]);
    expect(await page.locator("body").innerText()).not.toMatch(new RegExp(rawKeyPattern()));

    // The pages' data came as single-fetch data, the root's (with the translations) with each new
    // page but not with the filtered list; nothing that looks like a translation file was asked for.
    const data = requested.filter((url) => url.pathname.endsWith(".data"));
    const rootLoaded = (url: URL) => !url.searchParams.has("_routes") || url.searchParams.get("_routes")!.split(",").includes("root");
    expect(data.map((url) => [url.pathname, url.searchParams.get("status"), rootLoaded(url)])).toEqual([
      [`/rounds/${round.id}.data`, null, true],
      [`/rounds/${round.id}/proposals.data`, null, true],
      [`/rounds/${round.id}/proposals.data`, "ON_BALLOT", false],
    ]);
    expect(requested.filter((url) => /locales|i18n|\.json$/.test(url.pathname))).toEqual([]);
    expect(errors).toEqual([]);
  });
});
