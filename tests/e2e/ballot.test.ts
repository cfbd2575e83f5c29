// Casting a ballot in Chromium as issue #19 asks: with the keyboard alone (the focus visible at every
// stop, the error summary taking the focus, each field naming its error), a budget bar that says by
// how much a choice is over, and a receipt that can be printed, copied and saved, that stays in the
// tab after a reload, and that can be saved without JavaScript too.
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { formatMoney } from "~/i18n/format";
import type { BallotProject } from "~/voting/ballot";
import { ballotOf, ballotView, generateCodes, takeBatchCodes } from "~/voting/voting.server";
import { browserTests } from "../support/browser";
import { expectVisibleFocus, fieldError, focused, tabTo } from "../support/keyboard";
import { translated, translation } from "../support/locales";

const app = browserTests();
let roundId: string;
let budgetCents: number;
let projects: BallotProject[];
let codes: string[];

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  const round = await db.budgetRound.findFirstOrThrow({ where: { neighbourhood: { slug: "gent-rabot" } } });
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
  roundId = round.id;
  const view = ballotView((await ballotOf(db, roundId))!, "tr");
  budgetCents = view.settings.budgetCents;
  projects = view.projects;
  const made = await generateCodes(db, staff.id, roundId, 2);
  if (!made.ok) throw new Error("no codes");
  codes = (await takeBatchCodes(db, staff.id, roundId, made.batchId, "csv"))!.map((entry) => entry.code);
  await db.$disconnect();
});

describe("a voter with the keyboard alone, in Turkish", () => {
  it("opens the ballot, sees by how much a choice is over the budget, casts, and keeps the receipt", async () => {
    const lng = "tr";
    const { page, errors } = await app.page({ locale: "tr" });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(`/vote/${roundId}`);
    await page.waitForLoadState("networkidle");
    const dataRequests: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith(".data")) dataRequests.push(`${request.method()} ${url.pathname}`);
    });

    // "Continue" without a code: the summary takes the focus, the field names its error.
    await tabTo(page, "#field-code");
    await page.keyboard.press("Enter");
    await page.locator(".alert-error", { hasText: translation(lng, "validation.summary") }).waitFor();
    await expect.poll(async () => (await focused(page)).name).toContain(translation(lng, "validation.summary").slice(0, 20));
    await expectVisibleFocus(page);
    expect(await fieldError(page, "#field-code")).toEqual({ invalid: true, message: translation(lng, "validation.required") });
    await tabTo(page, "#field-code");
    await page.keyboard.type(codes[0]!);
    await page.keyboard.press("Enter");
    // The ballot replaces the code form and takes the focus.
    await page.locator("form.ballot").waitFor();
    await expect.poll(async () => (await focused(page)).name).toMatch(/^div/);
    await expectVisibleFocus(page);

    // Every project ticked: more than the budget, and the bar says by how much.
    for (const project of projects) {
      await tabTo(page, `#choice-${project.id}`);
      await page.keyboard.press("Space");
    }
    const allCents = projects.reduce((sum, project) => sum + project.costCents, 0);
    expect(allCents).toBeGreaterThan(budgetCents);
    const bar = page.locator(".ballot-bar p");
    const over = translated(lng, "voting:ballot.barOverBudget", { used: formatMoney(allCents, lng), over: formatMoney(allCents - budgetCents, lng) });
    await expect.poll(() => bar.textContent()).toContain(over);
    // The most expensive one taken away again, with Shift+Tab: within the budget.
    const dearest = projects.reduce((most, project) => (project.costCents > most.costCents ? project : most));
    const keptCents = allCents - dearest.costCents;
    expect(keptCents).toBeLessThanOrEqual(budgetCents);
    await tabTo(page, `#choice-${dearest.id}`, { backwards: projects.at(-1)!.id !== dearest.id });
    await page.keyboard.press("Space");
    const within = translated(lng, "voting:ballot.barBudget", { used: formatMoney(keptCents, lng), left: formatMoney(budgetCents - keptCents, lng) });
    await expect.poll(() => bar.textContent()).toContain(within);

    await tabTo(page, `button[value="review"]`);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: translation(lng, "voting:review.title") }).waitFor();
    await tabTo(page, `button[value="cast"]`);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: translation(lng, "voting:done.title") }).waitFor();
    const receipt = (await page.locator(".receipt .code").innerText()).trim();
    // One request per step: the code and the review store nothing, and the cast answers with the receipt,
    // so none is followed by a second request for the page's data.
    const data = `/vote/${roundId}.data`;
    expect(dataRequests).toEqual([`POST ${data}`, `POST ${data}`, `POST ${data}`]);

    // Print is offered; copy puts the receipt on the clipboard; the file holds it and where to check it.
    await page.getByRole("button", { name: translation(lng, "voting:done.print") }).waitFor();
    await tabTo(page, "button", { withText: translation(lng, "voting:done.copy") });
    await page.keyboard.press("Enter");
    await page.getByText(translation(lng, "voting:done.copied")).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(receipt);
    await tabTo(page, "a[download]");
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    const file = await readFile((await download.path())!, "utf8");
    expect(file).toContain(receipt);
    expect(file).toContain(`/receipts?receipt=${encodeURIComponent(receipt)}`);

    // A reload keeps the receipt in this tab.
    await page.reload();
    await page.waitForLoadState("networkidle");
    await page.getByRole("heading", { name: translation(lng, "voting:done.title") }).waitFor();
    expect((await page.locator(".receipt .code").innerText()).trim()).toBe(receipt);
    expect(errors).toEqual([]);
  });
});

describe("a voter without JavaScript", () => {
  it("saves the receipt as a file from the page right after casting", async () => {
    const lng = "nl";
    const { page } = await app.page({ locale: "nl", javaScriptEnabled: false });
    await page.goto(`/vote/${roundId}?code=${encodeURIComponent(codes[1]!)}`);
    await page.getByRole("button", { name: translation(lng, "voting:code.continue") }).click();
    await page.locator(`#choice-${projects[0]!.id}`).check();
    await page.getByRole("button", { name: translation(lng, "voting:ballot.toReview") }).click();
    await page.getByRole("button", { name: translation(lng, "voting:review.cast") }).click();
    await page.getByRole("heading", { name: translation(lng, "voting:done.title") }).waitFor();
    const receipt = (await page.locator(".receipt .code").innerText()).trim();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: translation(lng, "voting:done.download") }).click()]);
    expect(download.suggestedFilename()).toBe(`wijkbudget-${receipt}.txt`);
    expect(await readFile((await download.path())!, "utf8")).toContain(receipt);
  });
});
