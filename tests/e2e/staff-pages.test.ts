// What issue #19 found in Chromium on staff pages and the layout: locked settings that looked
// editable, a codes section in account mode, the staff menu on printed letters, forms using half
// the desktop, and a phone header taking a third of the screen.
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { generateCodes } from "~/voting/voting.server";
import { browserTests } from "../support/browser";
import { translation } from "../support/locales";

const app = browserTests();
const ids = {} as { rabot: string; arsenaal: string; letters: string };

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  const roundOf = async (slug: string) => (await db.budgetRound.findFirstOrThrow({ where: { neighbourhood: { slug } }, select: { id: true } })).id;
  ids.rabot = await roundOf("gent-rabot");
  ids.arsenaal = await roundOf("mechelen-arsenaal");
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
  const batch = await generateCodes(db, staff.id, ids.rabot, 2);
  if (!batch.ok) throw new Error("Rabot gives no voting codes");
  ids.letters = batch.batchId;
  await db.$disconnect();
});

/** The staff page of a demo round, found as staff find it: by its title on /staff. */
async function staffRoundPage(page: import("playwright-core").Page, title: string, subPage: string): Promise<void> {
  await page.goto("/staff");
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL((url) => /^\/staff\/rounds\/[^/]+$/.test(url.pathname));
  await page.goto(`${new URL(page.url()).pathname}/${subPage}`);
  await page.waitForLoadState("networkidle");
}

describe("voting settings", () => {
  it("look fixed once voting opened: greyed fields, the reason, no Save", async () => {
    const { page, errors } = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await staffRoundPage(page, "Rabot beslist", "voting");
    const method = page.getByLabel(translation("nl", "voting:staff.method"));
    await expect(method.isDisabled()).resolves.toBe(true);
    const background = await method.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await page.getByText(translation("nl", "voting:staff.locked")).waitFor();
    await expect(page.getByRole("button", { name: translation("nl", "voting:staff.saveSettings") }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("in account mode drop the codes, as soon as account mode is chosen", async () => {
    const { page, errors } = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await staffRoundPage(page, "PRO-Arsenaal: wijkbudget 2026", "voting");
    const codes = page.getByRole("heading", { name: translation("nl", "voting:staff.codes") });
    await codes.waitFor();
    await page.getByText(translation("nl", "voting:staff.minimumAgeHint")).waitFor();
    await page.getByLabel(translation("nl", "voting:staff.eligibility")).selectOption("ACCOUNTS");
    await codes.waitFor({ state: "detached" });
    await page.getByText(translation("nl", "voting:staff.minimumAgeHintAccounts")).waitFor();
    await expect(page.getByText(translation("nl", "voting:staff.minimumAgeHint"), { exact: true }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("layout", () => {
  it("prints voting letters with the first letter first: no staff menu, header or hint above it", async () => {
    const { page, errors } = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await page.goto(`/staff/rounds/${ids.rabot}/codes/${ids.letters}/letters`);
    await page.getByRole("button", { name: translation("nl", "voting:letters.show") }).click();
    await page.locator(".letter").first().waitFor();
    const menu = page.getByRole("navigation", { name: translation("nl", "rounds:staff.navigation") });
    await expect(menu.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: "print" });
    await expect(menu.isVisible()).resolves.toBe(false);
    // The first element that prints, in the page's order, is part of the first letter.
    const printedFirst = await page.evaluate(() => {
      const letter = document.querySelector(".letter")!;
      const first = [...document.body.querySelectorAll("*")].find(
        (element) => !element.contains(letter) && element.checkVisibility() && element.getBoundingClientRect().height > 0,
      );
      return { inLetter: letter.contains(first ?? null), what: first?.outerHTML.slice(0, 120) };
    });
    expect(printedFirst.inLetter, printedFirst.what).toBe(true);
    expect(errors).toEqual([]);
  });

  it("gives form fields more than half of a desktop screen, on staff and resident forms", async () => {
    const { page } = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await page.setViewportSize({ width: 1280, height: 800 });
    await staffRoundPage(page, "PRO-Arsenaal: wijkbudget 2026", "voting");
    const field = await page.getByLabel(translation("nl", "voting:staff.minimumAge")).boundingBox();
    expect(field!.width).toBeGreaterThan(1280 / 2);

    const { page: resident } = await app.loggedIn("elif@wijkbudget.demo", { locale: "tr" });
    await resident.setViewportSize({ width: 1280, height: 800 });
    await resident.goto(`/rounds/${ids.arsenaal}/proposals/new`);
    for (const selector of ["#field-title", "#field-summary", "#field-locationText"]) {
      expect((await resident.locator(selector).boundingBox())!.width, selector).toBeGreaterThan(1280 / 2);
    }
  });

  it("keeps the header of a phone to a band at the top, for visitors and for signed-in residents and staff", async () => {
    const readers = [
      ...["nl", "bg", "ar"].map((locale) => ({ who: `visitor (${locale})`, open: () => app.page({ locale }) })),
      // Signed in, the menu has more entries (my ideas, account, notifications, log out; staff's pages).
      { who: "Ivan (bg)", open: () => app.loggedIn("ivan@wijkbudget.demo", { locale: "bg" }) },
      { who: "Elif (tr)", open: () => app.loggedIn("elif@wijkbudget.demo", { locale: "tr" }) },
      { who: "admin (nl)", open: () => app.loggedIn("admin@wijkbudget.demo", { locale: "nl" }) },
    ];
    for (const { who, open } of readers) {
      const { page } = await open();
      await page.setViewportSize({ width: 375, height: 667 });
      await page.goto("/");
      const header = await page.locator(".site-header").boundingBox();
      expect(header!.height, who).toBeLessThanOrEqual(667 / 5);
      // Nothing is cut off or scrolled away: every menu entry and language stays on the screen.
      for (const item of await page.locator(".site-header a, .site-header button").all()) {
        const box = (await item.boundingBox())!;
        expect(box.x, who).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, who).toBeLessThanOrEqual(375);
      }
    }
  });
});
