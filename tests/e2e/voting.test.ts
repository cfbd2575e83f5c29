// Gent Rabot votes in Chromium: staff take the letter codes, a resident votes in Turkish without
// JavaScript (through the letter's QR link), another in Arabic with JavaScript (reloading halfway),
// staff close the vote, preview and publish, and the public results show the winners.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { browserTests } from "../support/browser";
import { translated } from "../support/locales";

const app = browserTests();

const t = (lng: string, key: string, values: Record<string, string | number> = {}) => translated(lng, key, values);

describe("a vote with letter codes", () => {
  it("runs from codes to published results", async () => {
    const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await staff.page.goto("/staff");
    await staff.page.getByRole("link", { name: "Rabot beslist" }).click();
    await staff.page.getByRole("link", { name: t("nl", "voting:staff.title") }).click();
    await staff.page.waitForURL((url) => url.pathname.endsWith("/voting"));
    const roundId = new URL(staff.page.url()).pathname.split("/")[3]!;
    const [download] = await Promise.all([
      staff.page.waitForEvent("download"),
      staff.page.getByRole("button", { name: t("nl", "voting:staff.downloadCsv") }).click(),
    ]);
    const csv = await readFile((await download.path())!, "utf8");
    const links = csv
      .trim()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(";")[2]!);
    expect(links).toHaveLength(20);

    // Elif, in Turkish without JavaScript, scans the QR code: the ballot opens with her code filled in.
    const elif = await app.page({ locale: "tr", javaScriptEnabled: false });
    // The letters point at the site's public address (http://localhost:<port> without APP_URL).
    const letterLink = new URL(links[0]!);
    expect(letterLink.origin).toBe(`http://localhost:${new URL(app.server.baseUrl).port}`);
    await elif.page.goto(letterLink.pathname + letterLink.search);
    await elif.page.getByRole("button", { name: t("tr", "voting:code.continue") }).click();
    await elif.page.getByLabel("Rabot savağında oyun parkı").check();
    await elif.page.getByLabel(/Gasmeterlaan/).check();
    await elif.page.getByRole("button", { name: t("tr", "voting:ballot.toReview") }).click();
    await elif.page.getByRole("heading", { name: t("tr", "voting:review.title") }).waitFor();
    await elif.page.getByRole("button", { name: t("tr", "voting:review.cast") }).click();
    await elif.page.getByRole("heading", { name: t("tr", "voting:done.title") }).waitFor();
    const receipt = await elif.page.locator(".receipt .code").innerText();

    // A neighbour in Arabic with JavaScript types the code, starts choosing, reloads, and goes on.
    const amal = await app.page({ locale: "ar" });
    const code = new URL(links[1]!).searchParams.get("code")!;
    await amal.page.goto(`/vote/${roundId}`);
    await amal.page.waitForLoadState("networkidle");
    expect(await amal.page.locator("html").getAttribute("dir")).toBe("rtl");
    await amal.page.getByLabel(t("ar", "voting:code.label")).fill(code.toLowerCase().replace(/-/g, " "));
    await amal.page.getByRole("button", { name: t("ar", "voting:code.continue") }).click();
    await amal.page.getByLabel("مطبخ الحي في المركز").check();
    // The budget bar follows the choices: €9,000 of €25,000 chosen.
    await amal.page
      .locator(".ballot-bar")
      .getByText(/9[.,\s\u00a0\u202f٬]?000|٩٬٠٠٠/)
      .waitFor();
    await amal.page.reload();
    await amal.page.waitForLoadState("networkidle");
    // The code comes back as the server read it: upper case, in groups.
    await expect(amal.page.getByLabel(t("ar", "voting:code.label")).inputValue()).resolves.toBe(code);
    await amal.page.getByRole("button", { name: t("ar", "voting:code.continue") }).click();
    await expect(amal.page.getByLabel("مطبخ الحي في المركز").isChecked()).resolves.toBe(true);
    // Choosing the playground too would go over the budget: the bar says so, the server refuses it too.
    await amal.page.getByLabel("Speeltuin aan de Rabotsluis").check();
    await amal.page.getByLabel(/Wondelgemstraat/).check();
    await amal.page.locator(".ballot-bar-over").waitFor();
    await amal.page.getByLabel(/Wondelgemstraat/).uncheck();
    await amal.page.getByLabel("Speeltuin aan de Rabotsluis").uncheck();
    await amal.page.getByLabel(/Gasmeterlaan/).check();
    await amal.page.getByRole("button", { name: t("ar", "voting:ballot.toReview") }).click();
    // Going back keeps the choices.
    await amal.page.getByRole("button", { name: t("ar", "voting:review.edit") }).click();
    await expect(amal.page.getByLabel("مطبخ الحي في المركز").isChecked()).resolves.toBe(true);
    await amal.page.getByRole("button", { name: t("ar", "voting:ballot.toReview") }).click();
    await amal.page.getByRole("button", { name: t("ar", "voting:review.cast") }).click();
    await amal.page.getByRole("heading", { name: t("ar", "voting:done.title") }).waitFor();
    expect(amal.errors).toEqual([]);

    // Elif's receipt is counted.
    await elif.page.goto(`/receipts?receipt=${encodeURIComponent(receipt)}`);
    await elif.page.getByText(t("tr", "voting:receipt.counted")).waitFor();

    // Staff close the vote, preview and publish.
    await staff.page.goto(`/staff/rounds/${roundId}`);
    const to = t("nl", "rounds:phases.TALLY.name");
    await staff.page.getByLabel(t("nl", "rounds:advance.confirm", { to })).check();
    // The demo round's voting is announced until a fixed day: before it, closing asks for a second
    // confirmation (tests/integration/http/staff-pages.test.ts checks that step on its own).
    const closeEarly = staff.page.getByRole("checkbox", { name: t("nl", "rounds:advance.closeEarly").split("{{date}}")[0] });
    if (await closeEarly.count()) await closeEarly.check();
    await staff.page.getByRole("button", { name: t("nl", "rounds:advance.submit", { to }) }).click();
    await staff.page.getByText(t("nl", "rounds:advance.done", { to })).waitFor();
    // The count runs as a job: the page shows its progress and updates itself until the preview is there.
    await staff.page.goto(`/staff/rounds/${roundId}/results`);
    await staff.page.getByText(t("nl", "results:staff.previewNote").split("{{date}}")[0]).waitFor();
    await staff.page.getByLabel(t("nl", "results:staff.publishConfirm")).check();
    await staff.page.getByRole("button", { name: t("nl", "results:staff.publish") }).click();
    await staff.page.getByText(t("nl", "results:staff.notices.published")).waitFor();
    expect(staff.errors).toEqual([]);

    // The public results: the kitchen (#2), the flower boxes (#4, both voters) and the playground
    // (#1) fit €25,000 exactly; the bicycle shed (#3) had no support.
    const visitor = await app.page({ locale: "nl" });
    await visitor.page.goto(`/rounds/${roundId}/results`);
    const row = (name: RegExp) => visitor.page.locator("table tbody tr", { hasText: name });
    // Funding order: the flower boxes first (both voters share it), then the cheaper of the two tied ones.
    for (const [name, order] of [
      [/Bloembakken/, 1],
      [/Buurtkeuken/, 2],
      [/Speeltuin/, 3],
    ] as const) {
      await expect(row(name).innerText()).resolves.toContain(t("nl", "results:table.fundedOrder", { order }));
    }
    await expect(row(/Fietsenstalling/).innerText()).resolves.toContain(t("nl", "results:table.notFunded"));
  });
});
