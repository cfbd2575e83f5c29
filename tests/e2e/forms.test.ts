// The proposal form and the staff event form in Chromium, as issue #19 found them: every field a
// submission needs is marked and checked at once in the browser, a press of "add a cost item" is
// never lost to an error appearing, the event form checks its dates live, and a resident submits a
// proposal with the keyboard alone, the focus visible at every stop.
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { formatMoney } from "~/i18n/format";
import { browserTests } from "../support/browser";
import { expectVisibleFocus, fieldError, focused, tabTo } from "../support/keyboard";
import { translated, translation } from "../support/locales";

const app = browserTests();
let arsenaalRoundId: string;

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  arsenaalRoundId = (await db.budgetRound.findFirstOrThrow({ where: { neighbourhood: { slug: "mechelen-arsenaal" } } })).id;
  await db.$disconnect();
});

const form = (lng: string, key: string, values: Record<string, string | number> = {}) => translated(lng, `proposal-form:form.${key}`, values);
/** What submitting needs besides the title: the fields the page must mark and check before it posts. */
const NEEDED = ["#field-summary", "#field-description", "#field-categoryId", "#field-costLines-0-label", "#field-costLines-0-amount", "#field-locationText"];

describe("the proposal form, with JavaScript", () => {
  it("marks every field a submission needs, and names all that are missing at once without asking the server", async () => {
    const { page, errors } = await app.loggedIn("panel@wijkbudget.demo", { locale: "nl-BE" });
    await page.goto(`/rounds/${arsenaalRoundId}/proposals/new`);
    await page.waitForLoadState("networkidle");
    await page.getByText(form("nl", "requiredNote")).waitFor();
    for (const selector of ["#field-title", ...NEEDED]) {
      const field = page.locator(selector);
      expect(await field.evaluate((element) => (element as HTMLInputElement).required), selector).toBe(true);
      const label = page.locator(".field", { has: page.locator(selector) }).locator(".field-label");
      expect(await label.innerText(), selector).toContain(translation("nl", "validation.requiredMark"));
    }

    let posts = 0;
    page.on("request", (request) => {
      if (request.method() === "POST") posts++;
    });
    await page.getByLabel(form("nl", "title"), { exact: true }).fill("Bankjes op het plein");
    await page.getByRole("button", { name: form("nl", "submit") }).click();
    const summary = page.locator(".alert-error", { hasText: translation("nl", "validation.summary") });
    await summary.waitFor();
    for (const selector of NEEDED.filter((selector) => !selector.startsWith("#field-costLines"))) {
      expect(await fieldError(page, selector), selector).toEqual({ invalid: true, message: translation("nl", "validation.required") });
    }
    await page.getByText(translation("nl", "proposal-form:validation.amountMissing")).waitFor();
    // The costs' error describes their group.
    const costs = page.locator("fieldset", { has: page.locator("#cost-rules") });
    expect(await costs.getAttribute("aria-describedby")).toBe("cost-rules field-total-error");
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(posts).toBe(0);

    // Saving a draft still needs only the title.
    await page.getByRole("button", { name: form("nl", "saveDraft") }).click();
    await page.getByText(translation("nl", "proposals:notices.saved")).waitFor();
    expect(errors).toEqual([]);
  });

  it("lands a press on “add a cost item” while the field just left shows its error, and keeps the line's fields in place", async () => {
    // Marie reads French (her account's language).
    const { page, errors } = await app.loggedIn("marie@wijkbudget.demo", { locale: "fr" });
    await page.goto(`/rounds/${arsenaalRoundId}/proposals/new`);
    await page.waitForLoadState("networkidle");
    const lineLabel = page.getByLabel(form("fr", "lineLabel", { number: 1 }), { exact: true });
    await lineLabel.fill("Bancs");
    await page.getByLabel(form("fr", "lineAmount", { number: 1 })).fill("beaucoup");

    // A resident's press takes a moment: the amount field loses the focus when the button goes down.
    const addButton = page.getByRole("button", { name: form("fr", "addLine") });
    await addButton.scrollIntoViewIfNeeded();
    const before = (await lineLabel.boundingBox())!;
    const add = (await addButton.boundingBox())!;
    await page.mouse.move(add.x + add.width / 2, add.y + add.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(300);
    await page.mouse.up();
    await page.getByLabel(form("fr", "lineLabel", { number: 2 }), { exact: true }).waitFor();
    await page.getByText(translation("fr", "validation.amount")).waitFor();
    // The new line's first field has the focus, ready for typing.
    expect((await focused(page)).name).toContain("#field-costLines-1-label");
    // The error under the amount moved neither the line's other field nor its label.
    expect((await lineLabel.boundingBox())!.y).toBe(before.y);
    expect(errors).toEqual([]);
  });
});

describe("a form used before the page's JavaScript ran", () => {
  it("keeps what the resident typed and chose, and the form goes on with it", async () => {
    const { page, errors } = await app.loggedIn("panel@wijkbudget.demo", { locale: "nl-BE" });
    // A slow connection: the page is there and usable, its scripts still on their way.
    let letScriptsIn!: () => void;
    const scriptsMayLoad = new Promise<void>((resolve) => (letScriptsIn = resolve));
    await page.route("**/build/**", async (route) => {
      await scriptsMayLoad;
      await route.continue();
    });
    await page.goto(`/rounds/${arsenaalRoundId}/proposals/new`, { waitUntil: "commit" });
    const title = page.getByLabel(form("nl", "title"), { exact: true });
    const summary = page.getByLabel(form("nl", "summary"), { exact: true });
    const amount = page.getByLabel(form("nl", "lineAmount", { number: 1 }));
    const theme = page.locator("#field-categoryId");
    await title.fill("Bankjes op het plein");
    await summary.fill("Drie bankjes in de schaduw.");
    await amount.fill("1.800");
    await theme.selectOption({ index: 2 });
    const chosenTheme = await theme.inputValue();
    expect(chosenTheme).not.toBe("");

    letScriptsIn();
    // The map is drawn only once the page has hydrated, after the form registered its fields.
    await page.locator(".map-picker").waitFor();
    expect(await title.inputValue()).toBe("Bankjes op het plein");
    expect(await summary.inputValue()).toBe("Drie bankjes in de schaduw.");
    expect(await amount.inputValue()).toBe("1.800");
    expect(await theme.inputValue()).toBe(chosenTheme);
    // The form itself holds them: its live total counts the amount typed before it ran.
    expect(await page.locator("output[for=cost-rules]").innerText()).toBe(formatMoney(180_000, "nl"));
    expect(errors).toEqual([]);
  });
});

describe("the staff event form", () => {
  it("checks that the end comes after the start while the dates are typed, without an error in the page", async () => {
    const { page, errors } = await app.loggedIn("staff@wijkbudget.demo", { locale: "nl" });
    await page.goto("/staff/events/new");
    await page.waitForLoadState("networkidle");
    const startsAt = page.getByLabel(translation("nl", "events:form.startsAt"));
    const endsAt = page.getByLabel(translation("nl", "events:form.endsAt"));
    await startsAt.fill("2027-03-01T14:00");
    await startsAt.blur();
    await endsAt.fill("2027-03-01T13:00");
    await endsAt.blur();
    await page.getByText(translation("nl", "validation.dateOrder")).waitFor();
    await endsAt.fill("2027-03-01T16:00");
    await page.getByText(translation("nl", "validation.dateOrder")).waitFor({ state: "detached" });
    expect(errors).toEqual([]);
  });
});

describe("a resident with the keyboard alone", () => {
  it("submits a proposal: the focus shows at every stop, lands on the summary of what is missing, and each field names its error", async () => {
    const { page, errors } = await app.loggedIn("ivan@wijkbudget.demo", { locale: "bg" });
    const lng = "bg";
    await page.goto(`/rounds/${arsenaalRoundId}/proposals/new`);
    await page.waitForLoadState("networkidle");

    // Straight to "submit" with nothing filled in: the summary takes the focus, each field names its error.
    await tabTo(page, `button[value="submit"]`);
    await page.keyboard.press("Enter");
    await page.locator(".alert-error", { hasText: translation(lng, "validation.summary") }).waitFor();
    await expect.poll(async () => (await focused(page)).name).toContain(translation(lng, "validation.summary").slice(0, 30));
    await expectVisibleFocus(page);
    for (const selector of ["#field-title", "#field-summary", "#field-locationText"]) {
      expect(await fieldError(page, selector), selector).toEqual({ invalid: true, message: translation(lng, "validation.required") });
    }

    // From the summary on, the keyboard fills the fields in.
    await tabTo(page, "#field-title");
    await page.keyboard.type("Пейки на площада");
    await tabTo(page, "#field-summary");
    await page.keyboard.type("Три пейки за съседите.");
    await tabTo(page, "#field-description");
    await page.keyboard.type("Пейки на площада, за да могат хората да си почиват.");
    await tabTo(page, "#field-categoryId");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "#field-costLines-0-label");
    await page.keyboard.type("Пейки");
    await tabTo(page, "#field-costLines-0-amount");
    await page.keyboard.type("1200");
    await tabTo(page, "#field-locationText");
    await page.keyboard.type("Arsenaalplein");
    await tabTo(page, `button[value="submit"]`);
    await page.keyboard.press("Enter");
    await page.getByText(translation(lng, "proposals:notices.submitted")).waitFor();
    expect(errors).toEqual([]);
  });
});
