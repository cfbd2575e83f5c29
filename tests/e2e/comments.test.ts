// Residents' voice in Chromium, in Turkish (issue #22): Elif comments on an idea, Marie reports the
// comment (without JavaScript), staff hide it with a reason on the moderation page; the idea's page
// then says "hidden by moderation" with the reason and not the text, and Elif is told in Turkish.
// Visitors are asked to log in, and an idea of a closed round takes no comments.
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { browserTests } from "../support/browser";
import { aProposal, aRound } from "../support/builders";
import { translated, translation } from "../support/locales";

const app = browserTests();
const t = (key: string, values?: Record<string, string | number>) => (values ? translated("tr", key, values) : translation("tr", key));

describe("comments and moderation in Turkish", () => {
  it("runs from a comment to a report to 'hidden by moderation'", async () => {
    const db = createPrismaClient(app.server.databaseUrl);
    try {
      const rabot = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "gent-rabot" } });
      const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
      const open = await aProposal(db, { round: (await aRound(db, { neighbourhood: rabot.id, phase: "SUBMISSION" })).id, author: ivan, title: "Oyun sokağı" });
      const closed = await aProposal(db, { round: (await aRound(db, { neighbourhood: rabot.id, phase: "CLOSED" })).id, author: ivan, title: "Eski fikir" });
      const text = "Oyun sokağı çocuklar için çok iyi olur!";
      // Everyone reads Turkish here: a signed-in person's saved language decides the page's.
      await db.user.updateMany({ where: { email: { in: ["marie@wijkbudget.demo", "staff@wijkbudget.demo"] } }, data: { locale: "tr" } });

      // Visitors read the thread and are asked to log in; no form is offered.
      const visitor = await app.page({ locale: "tr-TR" });
      await visitor.page.goto(`/proposals/${open.id}`);
      await visitor.page.getByRole("link", { name: t("comments:logInToComment") }).waitFor();
      await expect(visitor.page.getByLabel(t("comments:form.comment")).count()).resolves.toBe(0);

      // Elif comments, with JavaScript.
      const elif = await app.loggedIn("elif@wijkbudget.demo", { locale: "tr-TR" });
      await elif.page.goto(`/proposals/${open.id}`);
      await elif.page.waitForLoadState("networkidle");
      await elif.page.getByLabel(t("comments:form.comment")).fill(text);
      await elif.page.getByRole("button", { name: t("comments:form.post") }).click();
      await elif.page.getByText(t("comments:notices.commented")).waitFor();
      await elif.page.getByRole("article", { name: "Elif Yılmaz" }).locator(".prose").getByText(text).waitFor();
      // A closed round's idea takes none.
      await elif.page.goto(`/proposals/${closed.id}`);
      await elif.page.getByText(t("comments:notOpen")).waitFor();
      await expect(elif.page.getByLabel(t("comments:form.comment")).count()).resolves.toBe(0);
      expect(elif.errors).toEqual([]);

      // Marie reports it, without JavaScript; a second report is refused.
      const marie = await app.loggedIn("marie@wijkbudget.demo", { locale: "tr-TR", javaScriptEnabled: false });
      await marie.page.goto(`/proposals/${open.id}`);
      const comment = marie.page.getByRole("article", { name: "Elif Yılmaz" });
      await comment.getByText(t("comments:report.summary"), { exact: true }).click();
      await comment.getByLabel(t("comments:report.reason")).selectOption("OFFENSIVE");
      await comment.getByRole("button", { name: t("comments:report.send") }).click();
      await marie.page.getByText(t("comments:notices.reported")).waitFor();

      // Staff hide it with a reason, in Turkish.
      const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "tr-TR" });
      await staff.page.goto("/staff/moderation");
      await staff.page.waitForLoadState("networkidle");
      const item = staff.page.getByRole("article").filter({ hasText: text });
      await item.getByText(t("comments:report.reasons.OFFENSIVE")).waitFor();
      await item.getByLabel(t("comments:moderation.reason")).fill("Hakaret içeriyor");
      await item.getByRole("button", { name: t("comments:moderation.hide") }).click();
      await staff.page.getByText(t("comments:moderation.notices.hidden")).waitFor();
      expect(staff.errors).toEqual([]);

      // Everyone now reads the reason, not the text.
      await visitor.page.goto(`/proposals/${open.id}`);
      const hidden = visitor.page.getByRole("article", { name: t("comments:hiddenLabel") });
      await expect(hidden.innerText()).resolves.toContain(`${t("comments:hidden")} Hakaret içeriyor`);
      await expect(visitor.page.getByText(text).count()).resolves.toBe(0);

      // Elif is told by email, in Turkish.
      const [mail] = await app.server.mailTo("elif@wijkbudget.demo", (message) => message.subject === t("comments:email.hiddenComment.subject"));
      expect(mail!.locale).toBe("tr");
      expect(mail!.text).toContain("Hakaret içeriyor");
      expect(mail!.text).toContain("Merhaba");
    } finally {
      await db.$disconnect();
    }
  });
});
