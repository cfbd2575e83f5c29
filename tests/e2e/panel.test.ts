// Kroonmolen's wijkpanel in Chromium: two members score (the chair has a conflict with his own
// Samentuin), the chair and staff decide, voting opens, and the public report shows the aggregates.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserTests } from "../support/browser";
import { translated } from "../support/locales";

const app = browserTests();

const t = (lng: string, key: string, values: Record<string, string | number> = {}) => translated(lng, key, values);

async function openWorkspace(page: Page, lng: string) {
  await page.getByRole("link", { name: "Kroonmolen", exact: true }).click();
  await page.getByRole("link", { name: "Kroonmolen aan Zet" }).click();
  await page.getByRole("link", { name: t(lng, "panel:board.title") }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/panel/"));
}

/** Scores the three seeded criteria (value for the neighbourhood ×2, feasibility, involvement). */
async function score(page: Page, lng: string, criteria: Record<string, number>) {
  for (const [name, value] of Object.entries(criteria)) {
    await page
      .getByRole("group", { name: new RegExp(name) })
      .getByLabel(String(value), { exact: true })
      .check();
  }
  await page.getByLabel(t(lng, "panel:sheet.recommendation")).selectOption("SHORTLIST");
  await page.getByRole("button", { name: t(lng, "panel:sheet.save") }).click();
  await page.getByText(t(lng, "panel:sheet.savedComplete")).waitFor();
}

describe("a wijkpanel review", () => {
  it("runs from scores to the public report", async () => {
    // Elif, in Turkish with JavaScript: #1 → (2·3 + 4 + 2) / 4 = 3; #2 → 4 everywhere = 4.
    const elif = await app.loggedIn("elif@wijkbudget.demo", { locale: "tr" });
    await openWorkspace(elif.page, "tr");
    await elif.page.waitForLoadState("networkidle");
    const review = (number: number) => elif.page.getByRole("link", { name: `${t("tr", "panel:board.review")} #${number}` });
    await review(1).click();
    await score(elif.page, "tr", { "Mahalle için değeri": 3, Uygulanabilirlik: 4, "Sakinlerin katılımı": 2 });
    await review(2).click();
    // Others' scores stay hidden until her own review of #2 is done.
    await elif.page.getByText(t("tr", "panel:sheet.othersHidden")).waitFor();
    await score(elif.page, "tr", { "Mahalle için değeri": 4, Uygulanabilirlik: 4, "Sakinlerin katılımı": 4 });
    expect(elif.errors).toEqual([]);

    // Pieter chairs, without JavaScript: his own Samentuin shows as a conflict with no review link.
    const pieter = await app.loggedIn("panel@wijkbudget.demo", { locale: "nl", javaScriptEnabled: false });
    await openWorkspace(pieter.page, "nl");
    await expect(pieter.page.getByRole("link", { name: `${t("nl", "panel:board.review")} #1` }).count()).resolves.toBe(0);
    await pieter.page.getByRole("link", { name: `${t("nl", "panel:board.review")} #2` }).click();
    // #2 → 5 everywhere = 5; the panel score of #2 becomes (4 + 5) / 2 = 4,5.
    await score(pieter.page, "nl", { "Meerwaarde voor de wijk": 5, Haalbaarheid: 5, "Betrokkenheid van bewoners": 5 });
    await pieter.page.getByRole("link", { name: `${t("nl", "panel:board.decide")} #2` }).click();
    await pieter.page.getByLabel(t("nl", "panel:decision.SHORTLISTED")).check();
    await pieter.page.getByLabel(t("nl", "panel:decision.rationale")).fill("Veel buren willen meespelen.");
    await pieter.page.getByRole("button", { name: t("nl", "panel:decision.save") }).click();
    await pieter.page.getByText(t("nl", "panel:decision.saved")).waitFor();

    // Staff decide on the Samentuin (the chair may not) and open voting.
    const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await openWorkspace(staff.page, "nl");
    await staff.page.waitForLoadState("networkidle");
    await staff.page.getByRole("link", { name: `${t("nl", "panel:board.decide")} #1` }).click();
    await staff.page.getByLabel(t("nl", "panel:decision.SHORTLISTED")).check();
    await staff.page.getByLabel(t("nl", "panel:decision.rationale")).fill("Een tuin voor de hele straat.");
    await staff.page.getByRole("button", { name: t("nl", "panel:decision.save") }).click();
    await staff.page.getByText(t("nl", "panel:decision.saved")).waitFor();
    await staff.page.goto("/staff");
    await staff.page.getByRole("link", { name: "Kroonmolen aan Zet" }).click();
    const to = t("nl", "rounds:phases.VOTING.name");
    await staff.page.getByLabel(t("nl", "rounds:advance.confirm", { to })).check();
    await staff.page.getByRole("button", { name: t("nl", "rounds:advance.submit", { to }) }).click();
    await staff.page.getByText(t("nl", "rounds:advance.done", { to })).waitFor();
    expect(staff.errors).toEqual([]);

    // The public report: aggregates only, ranked.
    const { page: visitor } = await app.page({ locale: "nl" });
    await visitor.goto(staff.page.url().replace(/\/staff\/rounds\/([^/?]+).*/, "/rounds/$1/panel"));
    const rows = visitor.locator("table tbody tr");
    await expect(rows.count()).resolves.toBe(2);
    const first = await rows.nth(0).innerText();
    const second = await rows.nth(1).innerText();
    expect(first).toContain("Coffre à jeux pour la rue");
    expect(first).toContain(t("nl", "panel:report.scoreValue_other", { score: "4,5", count: 2 }));
    expect(first).toContain("Veel buren willen meespelen.");
    expect(second).toContain("Samentuin Rolliersstraat");
    // One counting review (Elif's): publishing it would publish her own score.
    expect(second).toContain(t("nl", "panel:report.withheld"));
    expect(second).not.toContain("3,0");
    const page = await visitor.content();
    expect(page).toContain("Pieter Panel");
    expect(page).not.toContain("Elif");
  });
});
