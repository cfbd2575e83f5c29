// Kroonmolen's wijkpanel in Chromium: two members score (the chair has a conflict with his own
// Samentuin), staff appoint Elif vice-chair, the chair's workspace says she decides his Samentuin,
// staff cannot open voting while it is undecided (the refusal links it), Elif decides it, voting
// opens, and the public report shows the aggregates.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
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

    // Staff appoint Elif vice-chair on the panel's set-up page.
    const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await staff.page.goto("/staff");
    await staff.page.getByRole("link", { name: "Kroonmolen aan Zet" }).click();
    await staff.page.getByRole("link", { name: t("nl", "panel:setup.title") }).click();
    await staff.page.waitForLoadState("networkidle");
    await staff.page.getByLabel(t("nl", "panel:setup.viceChairMember"), { exact: true }).selectOption({ label: "Elif Yılmaz" });
    await staff.page.getByRole("button", { name: t("nl", "panel:setup.appointViceChair") }).click();
    await staff.page.getByText(t("nl", "panel:setup.notices.viceChairSet")).waitFor();
    const roundPage = staff.page.url().replace(/\/panel.*$/, "");

    // Pieter chairs, without JavaScript: his own Samentuin shows as a conflict with no review link,
    // and his workspace says who decides it instead of him: vice-chair Elif.
    const pieter = await app.loggedIn("panel@wijkbudget.demo", { locale: "nl", javaScriptEnabled: false });
    await openWorkspace(pieter.page, "nl");
    await expect(pieter.page.getByRole("link", { name: `${t("nl", "panel:board.review")} #1` }).count()).resolves.toBe(0);
    const ownRow = await pieter.page.getByRole("listitem").filter({ hasText: "Samentuin Rolliersstraat" }).innerText();
    expect(ownRow).toContain(t("nl", "panel:state.conflict"));
    expect(ownRow).toContain(t("nl", "panel:whoDecides.viceChair.chairConflicted", { name: "Elif Yılmaz" }).replace(/<\/?name>/g, ""));
    await expect(pieter.page.getByRole("link", { name: `${t("nl", "panel:board.decide")} #1` }).count()).resolves.toBe(0);
    await pieter.page.getByRole("link", { name: `${t("nl", "panel:board.review")} #2` }).click();
    // #2 → 5 everywhere = 5; the panel score of #2 becomes (4 + 5) / 2 = 4,5.
    await score(pieter.page, "nl", { "Meerwaarde voor de wijk": 5, Haalbaarheid: 5, "Betrokkenheid van bewoners": 5 });
    await pieter.page.getByRole("link", { name: `${t("nl", "panel:board.decide")} #2` }).click();
    await pieter.page.getByLabel(t("nl", "panel:decision.SHORTLISTED")).check();
    await pieter.page.getByLabel(t("nl", "panel:decision.rationale")).fill("Veel buren willen meespelen.");
    await pieter.page.getByRole("button", { name: t("nl", "panel:decision.save") }).click();
    await pieter.page.getByText(t("nl", "panel:decision.saved")).waitFor();

    // Staff try to open voting: refused, and the refusal links the undecided Samentuin.
    await staff.page.goto(roundPage);
    await staff.page.waitForLoadState("networkidle");
    const to = t("nl", "rounds:phases.VOTING.name");
    const openVoting = async () => {
      await staff.page.getByLabel(t("nl", "rounds:advance.confirm", { to })).check();
      await staff.page.getByRole("button", { name: t("nl", "rounds:advance.submit", { to }) }).click();
    };
    await openVoting();
    await staff.page.getByText(t("nl", "rounds:errors.panel-undecided")).waitFor();
    const undecided = staff.page.getByRole("list", { name: t("nl", "rounds:advance.undecided") }).getByRole("link");
    await expect(undecided.allInnerTexts()).resolves.toEqual(["#1 Samentuin Rolliersstraat"]);
    // The workspace says staff do not decide it: the vice-chair does.
    await undecided.first().click();
    await staff.page.waitForURL((url) => url.pathname.startsWith("/panel/"));
    const workspace = staff.page.url().replace(/#.*$/, "");
    await expect(staff.page.getByRole("link", { name: `${t("nl", "panel:board.decide")} #1` }).count()).resolves.toBe(0);

    // Elif, the vice-chair, decides the Samentuin.
    await elif.page.goto(new URL(workspace).pathname);
    await elif.page.waitForLoadState("networkidle");
    await elif.page.getByRole("link", { name: `${t("tr", "panel:board.decide")} #1` }).click();
    await elif.page.waitForURL((url) => url.pathname.includes("/decisions/"));
    // The decision page, not the workspace it replaces (whose rows say the same).
    await elif.page.getByRole("heading", { name: new RegExp(`^${t("tr", "panel:decision.title")}`) }).waitFor();
    await elif.page.getByText(t("tr", "panel:whoDecides.viceChair.chairConflicted", { name: "Elif Yılmaz" }).replace(/<\/?name>/g, "")).waitFor();
    await elif.page.getByLabel(t("tr", "panel:decision.SHORTLISTED")).check();
    await elif.page.getByLabel(t("tr", "panel:decision.rationale")).fill("Een tuin voor de hele straat.");
    await elif.page.getByRole("button", { name: t("tr", "panel:decision.save") }).click();
    await elif.page.getByText(t("tr", "panel:decision.saved")).waitFor();
    expect(elif.errors).toEqual([]);

    // Now voting opens.
    await staff.page.goto(roundPage);
    await staff.page.waitForLoadState("networkidle");
    await openVoting();
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
  it("lets staff translate a criterion with JavaScript: the browser refuses it without a name, then it is saved", async () => {
    const db = createPrismaClient(app.server.databaseUrl);
    try {
      const arsenaal = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
      const criterion = await db.panelCriterion.create({
        data: {
          roundId: arsenaal,
          position: 0,
          weight: 1,
          names: JSON.stringify({ nl: "Groen" }),
          explanations: JSON.stringify({ nl: "Maakt het de wijk groener?" }),
        },
      });
      const stored = async () => {
        const row = await db.panelCriterion.findUniqueOrThrow({ where: { id: criterion.id } });
        return { names: JSON.parse(row.names) as unknown, explanations: JSON.parse(row.explanations) as unknown };
      };
      const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
      await staff.page.goto(`/staff/rounds/${arsenaal}/panel`);
      await staff.page.waitForLoadState("networkidle");
      await staff.page.getByText(t("nl", "panel:setup.translationsOf", { name: "Groen" })).click();
      const form = staff.page.locator("form", { has: staff.page.locator(`input[name="criterionId"][value="${criterion.id}"]`) });
      const save = form.getByRole("button", { name: t("nl", "panel:setup.saveTranslations") });

      // Every name emptied: refused in the browser, next to the Dutch name; nothing reaches the server.
      const posts: string[] = [];
      staff.page.on("request", (request) => void (request.method() === "POST" && posts.push(request.url())));
      await form.locator('[name="names.nl"]').fill("");
      await save.click();
      await form.getByText(t("nl", "validation.required")).first().waitFor();
      expect(posts).toEqual([]);
      expect(await stored()).toEqual({ names: { nl: "Groen" }, explanations: { nl: "Maakt het de wijk groener?" } });

      await form.locator('[name="names.nl"]').fill("Groen");
      await form.locator('[name="names.tr"]').fill("Yeşillik");
      await form.locator('[name="explanations.tr"]').fill("Mahalleyi daha yeşil yapıyor mu?");
      await save.click();
      await staff.page.getByText(t("nl", "panel:setup.notices.translationsSaved")).waitFor();
      expect(await stored()).toEqual({
        names: { nl: "Groen", tr: "Yeşillik" },
        explanations: { nl: "Maakt het de wijk groener?", tr: "Mahalleyi daha yeşil yapıyor mu?" },
      });
      expect(staff.errors).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });
});
