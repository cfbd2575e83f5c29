// A first journey through the built app in Chromium: register, confirm, log in, switch to
// Bulgarian and Arabic, log out; staff advance a round's phase (with and without JavaScript).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { launchBrowser } from "../support/browser";
import { translation } from "../support/locales";
import { startTestServer, type TestServer } from "../support/server";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: "nl-BE", baseURL: server.baseUrl, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return { page, errors };
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(translation("nl", "auth:fields.email")).fill(email);
  await page.getByLabel(translation("nl", "auth:fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: translation("nl", "auth:login.submit") }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

async function switchLanguage(page: Page, locale: string, buttonLabel: string) {
  await page.locator("#language-select").selectOption(locale);
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: buttonLabel, exact: true }).click()]);
  await page.waitForFunction((lng) => document.documentElement.lang === lng, locale);
}

describe("a resident", () => {
  it("registers, confirms by email, logs in, reads Bulgarian and Arabic, and logs out", async () => {
    const { page, errors } = await newPage();
    const email = "nadia@example.org";

    await page.goto("/register");
    await page.waitForLoadState("networkidle");
    // JavaScript validates while typing, in the page's language
    await page.getByLabel(translation("nl", "auth:fields.email")).fill("nadia@");
    await page.getByLabel(translation("nl", "auth:fields.name")).focus();
    await expect.poll(() => page.getByText(translation("nl", "validation.email")).count()).toBe(1);

    await page.getByLabel(translation("nl", "auth:fields.name")).fill("Nadia El Amrani");
    await page.getByLabel(translation("nl", "auth:fields.email")).fill(email);
    await page.getByLabel(translation("nl", "auth:fields.newPassword")).fill("mijn lang wachtwoord");
    await page.getByRole("button", { name: translation("nl", "auth:register.submit") }).click();
    await page.getByRole("heading", { name: translation("nl", "auth:register.checkEmailTitle") }).waitFor();

    const [mail] = await server.mailTo(email);
    const link = mail!.text.match(/https?:\/\/\S+\/verify-email\/[a-z2-7]+/)![0];
    await page.goto(new URL(link).pathname);
    await page.getByRole("button", { name: translation("nl", "auth:verify.confirmSubmit") }).click();
    await page.getByText(translation("nl", "auth:verify.done")).waitFor();

    await page.getByRole("button", { name: translation("nl", "layout.nav.logout") }).click();
    await page.getByRole("link", { name: translation("nl", "layout.nav.login") }).waitFor();

    await logIn(page, email, "mijn lang wachtwoord");
    await page.getByRole("link", { name: translation("nl", "layout.nav.account") }).waitFor();

    await switchLanguage(page, "bg", translation("nl", "language.submit"));
    expect(await page.getAttribute("html", "lang")).toBe("bg");
    await page.getByRole("heading", { level: 1, name: translation("bg", "home.title") }).waitFor();

    await switchLanguage(page, "ar", translation("bg", "language.submit"));
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    await page.getByRole("heading", { level: 1, name: translation("ar", "home.title") }).waitFor();

    // The choice is saved on the account: it follows the resident to a fresh browser.
    const { page: elsewhere } = await newPage();
    await logIn(elsewhere, email, "mijn lang wachtwoord");
    await elsewhere.waitForFunction(() => document.documentElement.lang === "ar" && document.documentElement.dir === "rtl");

    await page.getByRole("button", { name: translation("ar", "layout.nav.logout") }).click();
    await page.getByRole("link", { name: translation("ar", "layout.nav.login") }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("staff", () => {
  it("advance a round's phase after confirming", async () => {
    const { page, errors } = await newPage();
    await logIn(page, "staff@wijkbudget.demo", DEMO_PASSWORD);
    await page.getByRole("link", { name: translation("nl", "layout.nav.staff") }).click();
    await page.waitForURL((url) => url.pathname === "/staff");
    await page.getByRole("link", { name: "PRO-Arsenaal: wijkbudget 2026" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/staff/rounds/"));
    await page.waitForLoadState("networkidle");

    const to = translation("nl", "rounds:phases.REVIEW.name");
    const submit = page.getByRole("button", { name: translation("nl", "rounds:advance.submit").replace("{{to}}", to) });
    await submit.click();
    await page.getByText(translation("nl", "rounds:advance.confirmRequired")).waitFor();

    await page.getByLabel(translation("nl", "rounds:advance.confirm").replace("{{to}}", to)).check();
    await submit.click();
    await page.getByText(translation("nl", "rounds:advance.done").replace("{{to}}", to)).waitFor();
    await page.getByRole("link", { name: translation("nl", "rounds:staff.publicPage") }).click();
    await page.locator(".facts .phase-badge", { hasText: to }).waitFor();
    expect(errors).toEqual([]);
  });

  it("advance a phase without JavaScript too, and are told why a round cannot move on", async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    await logIn(page, "staff@wijkbudget.demo", DEMO_PASSWORD);
    const advance = async (round: string, phase: string) => {
      await page.goto("/staff");
      await page.getByRole("link", { name: round }).click();
      const to = translation("nl", `rounds:phases.${phase}.name`);
      const submit = page.getByRole("button", { name: translation("nl", "rounds:advance.submit").replace("{{to}}", to) });
      await submit.click();
      await page.getByText(translation("nl", "rounds:advance.confirmRequired")).waitFor();
      await page.getByLabel(translation("nl", "rounds:advance.confirm").replace("{{to}}", to)).check();
      await page.getByRole("button", { name: translation("nl", "rounds:advance.submit").replace("{{to}}", to) }).click();
      return to;
    };
    const to = await advance("Beter in mijn straat", "SUBMISSION");
    await page.getByText(translation("nl", "rounds:advance.done").replace("{{to}}", to)).waitFor();
    // Arsenaal (now in review) has no admissible proposal: voting cannot open on an empty ballot.
    await advance("PRO-Arsenaal: wijkbudget 2026", "VOTING");
    await page.getByText(translation("nl", "rounds:errors.ballot-empty")).waitFor();
  });
});
