// The People pages in Chromium, with JavaScript: staff find a resident, block her with a reason, and
// her open page is refused the next post at once, in her language, with the reason; unblocking
// gives her posting back. The reason is checked in the browser as it is on the server.
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { browserTests } from "../support/browser";
import { translation } from "../support/locales";

const app = browserTests();

describe("people", () => {
  it("staff block a resident from her person page; her open session is refused the next post, then unblocked", async () => {
    const db = createPrismaClient(app.server.databaseUrl);
    const round = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
    await db.$disconnect();
    const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    const elif = await app.loggedIn("elif@wijkbudget.demo", { locale: "tr" });
    await elif.page.goto(`/rounds/${round}/proposals/new`);
    await elif.page.getByRole("heading", { level: 1 }).waitFor();

    const t = (key: string) => translation("nl", key);
    await staff.page.goto("/staff");
    await staff.page
      .getByRole("navigation", { name: t("rounds:staff.navigation") })
      .getByRole("link", { name: t("people:list.title") })
      .click();
    await staff.page.getByLabel(t("people:list.query")).fill("YILMAZ");
    await staff.page.getByRole("button", { name: t("people:list.searchButton") }).click();
    await staff.page.getByRole("link", { name: "Elif Yılmaz" }).click();
    await staff.page.getByRole("heading", { name: t("people:block.title") }).waitFor();
    // Too short a reason is refused in the browser, next to the field.
    await staff.page.getByLabel(t("people:block.reason")).fill("x");
    await staff.page.getByRole("button", { name: t("people:block.submit") }).click();
    await staff.page.getByText(t("people:validation.reason")).waitFor();
    const reason = "Herhaaldelijk beledigende reacties";
    await staff.page.getByLabel(t("people:block.reason")).fill(reason);
    await staff.page.getByRole("button", { name: t("people:block.submit") }).click();
    await staff.page
      .getByRole("status")
      .filter({ hasText: t("people:done.block") })
      .waitFor();

    // Her page, open since before the block, posts: refused at once, in Turkish, with the reason.
    await elif.page.goto(`/rounds/${round}/proposals/new`);
    const main = elif.page.getByRole("main");
    await main.getByText(reason, { exact: false }).waitFor();
    await expect(main.textContent()).resolves.toContain(translation("tr", "errors:forbidden.title"));

    await staff.page.getByRole("button", { name: t("people:unblock.submit") }).click();
    await staff.page
      .getByRole("status")
      .filter({ hasText: t("people:done.unblock") })
      .waitFor();
    await elif.page.goto(`/rounds/${round}/proposals/new`);
    await expect(elif.page.getByRole("main").textContent()).resolves.not.toContain(reason);
    expect([...staff.errors, ...elif.errors]).toEqual([]);
  });
});
