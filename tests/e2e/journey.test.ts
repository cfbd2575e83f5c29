// A first journey through the built app in Chromium: register, confirm, log in, switch to
// Bulgarian and Arabic, log out; staff advance a round's phase (with and without JavaScript).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserTests, logInAs, type PageOptions } from "../support/browser";
import { LOCALE_NAMES, type Locale } from "~/i18n/config";
import { translated, translation } from "../support/locales";

const app = browserTests();
/** A Belgian Dutch browser; any error the page logs fails the test. */
const BELGIAN: PageOptions = { locale: "nl-BE", consoleErrors: true };

/** Presses the language's button in the switcher (named in its own language) from the keyboard; it shows where focus is. */
async function switchLanguage(page: Page, locale: Locale) {
  const button = page.getByRole("button", { name: LOCALE_NAMES[locale], exact: true });
  expect(await button.getAttribute("lang")).toBe(locale);
  await button.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  expect(await button.evaluate((element) => element === document.activeElement && getComputedStyle(element).outlineStyle)).toBe("solid");
  await Promise.all([page.waitForLoadState("load"), page.keyboard.press("Enter")]);
  await page.waitForFunction((lng) => document.documentElement.lang === lng, locale);
  expect(await page.getByRole("button", { name: LOCALE_NAMES[locale], exact: true }).getAttribute("aria-current")).toBe("true");
}

describe("a resident", () => {
  it("registers, confirms by email, logs in, reads Bulgarian and Arabic, and logs out", async () => {
    const { page, errors } = await app.page(BELGIAN);
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

    const [mail] = await app.server.mailTo(email);
    const link = mail!.text.match(/https?:\/\/\S+\/verify-email\/[a-z2-7]+/)![0];
    await page.goto(new URL(link).pathname);
    await page.getByRole("button", { name: translation("nl", "auth:verify.confirmSubmit") }).click();
    await page.getByText(translation("nl", "auth:verify.done")).waitFor();

    // Logged out once the header's logout button is gone: a login link elsewhere on the page (the
    // confirmation page has one) must not let the test go on while the logout is still under way.
    const logout = page.getByRole("button", { name: translation("nl", "layout.nav.logout") });
    await logout.click();
    await logout.waitFor({ state: "detached" });
    await page
      .getByRole("banner")
      .getByRole("link", { name: translation("nl", "layout.nav.login"), exact: true })
      .waitFor();

    await logInAs(page, email, "nl", "mijn lang wachtwoord");
    await page.getByRole("link", { name: translation("nl", "layout.nav.account") }).waitFor();

    await switchLanguage(page, "bg");
    expect(await page.getAttribute("html", "lang")).toBe("bg");
    await page.getByRole("heading", { level: 1, name: translation("bg", "home.title") }).waitFor();

    await switchLanguage(page, "ar");
    expect(await page.getAttribute("html", "dir")).toBe("rtl");
    // Right to left, the switcher starts at the right: Nederlands stands to the right of Français.
    const [dutch, french] = await Promise.all(["nl", "fr"].map((code) => page.locator(`button[name="locale"][value="${code}"]`).boundingBox()));
    expect(dutch!.x).toBeGreaterThan(french!.x);
    await page.getByRole("heading", { level: 1, name: translation("ar", "home.title") }).waitFor();

    // The choice is saved on the account: it follows the resident to a fresh browser.
    const { page: elsewhere } = await app.loggedIn(email, { ...BELGIAN, password: "mijn lang wachtwoord" });
    await elsewhere.waitForFunction(() => document.documentElement.lang === "ar" && document.documentElement.dir === "rtl");

    await page.getByRole("button", { name: translation("ar", "layout.nav.logout") }).click();
    await page.getByRole("link", { name: translation("ar", "layout.nav.login") }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe("staff", () => {
  it("advance a round's phase after confirming", async () => {
    const { page, errors } = await app.loggedIn("staff@wijkbudget.demo", BELGIAN);
    await page.getByRole("link", { name: translation("nl", "layout.nav.staff") }).click();
    await page.waitForURL((url) => url.pathname === "/staff");
    await page.getByRole("link", { name: "PRO-Arsenaal: wijkbudget 2026" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/staff/rounds/"));
    await page.waitForLoadState("networkidle");

    const to = translation("nl", "rounds:phases.REVIEW.name");
    const submit = page.getByRole("button", { name: translated("nl", "rounds:advance.submit", { to }) });
    await submit.click();
    await page.getByText(translation("nl", "rounds:advance.confirmRequired")).waitFor();

    await page.getByLabel(translated("nl", "rounds:advance.confirm", { to })).check();
    await submit.click();
    await page.getByText(translated("nl", "rounds:advance.done", { to })).waitFor();
    await page.getByRole("link", { name: translation("nl", "rounds:staff.publicPage") }).click();
    await page.locator(".facts .phase-badge", { hasText: to }).waitFor();
    expect(errors).toEqual([]);
  });

  it("advance a phase without JavaScript too, and are told why a round cannot move on", async () => {
    const { page } = await app.loggedIn("staff@wijkbudget.demo", { ...BELGIAN, javaScriptEnabled: false });
    const advance = async (round: string, phase: string) => {
      await page.goto("/staff");
      await page.getByRole("link", { name: round }).click();
      const to = translation("nl", `rounds:phases.${phase}.name`);
      const submit = page.getByRole("button", { name: translated("nl", "rounds:advance.submit", { to }) });
      await submit.click();
      await page.getByText(translation("nl", "rounds:advance.confirmRequired")).waitFor();
      await page.getByLabel(translated("nl", "rounds:advance.confirm", { to })).check();
      await page.getByRole("button", { name: translated("nl", "rounds:advance.submit", { to }) }).click();
      return to;
    };
    const to = await advance("Beter in mijn straat", "SUBMISSION");
    await page.getByText(translated("nl", "rounds:advance.done", { to })).waitFor();
    // Arsenaal (now in review) has no admissible proposal: voting cannot open on an empty ballot.
    await advance("PRO-Arsenaal: wijkbudget 2026", "VOTING");
    await page.getByText(translation("nl", "rounds:errors.ballot-empty")).waitFor();
  });
});

describe("a page", () => {
  it("still comes to life when the visitor clicks while it is being hydrated", async () => {
    const { page, errors } = await app.page(BELGIAN);
    // A click that lands after React was asked to hydrate the page and before its first render (on a slow
    // phone, or a loaded machine): the click makes React hydrate at once. Here it is sent at that moment,
    // when the scheduler first asks for a turn once the document is React's container.
    await page.addInitScript(() => {
      const postMessage = MessagePort.prototype.postMessage;
      let clicked = false;
      MessagePort.prototype.postMessage = function (this: MessagePort, ...args: Parameters<MessagePort["postMessage"]>) {
        // React asks before it marks the document as its own: look once the caller is done.
        queueMicrotask(() => {
          if (clicked || !Object.keys(document).some((key) => key.startsWith("__reactContainer$"))) return;
          clicked = true;
          (window as unknown as { clickedWhileHydrating: boolean }).clickedWhileHydrating = true;
          document.querySelector("main")?.dispatchEvent(new MouseEvent("click", { bubbles: true }));
        });
        return postMessage.apply(this, args);
      } as typeof postMessage;
    });
    await page.goto("/");
    // Hydrated: a link is followed in the page, without loading another document.
    await page
      .waitForFunction(() => Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__reactFiber$")), undefined, { timeout: 10_000 })
      .catch((error: unknown) => {
        throw new Error(`The page was not hydrated; it reported ${JSON.stringify(errors)}`, { cause: error });
      });
    expect(await page.evaluate(() => (window as unknown as { clickedWhileHydrating?: boolean }).clickedWhileHydrating)).toBe(true);
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
    await page
      .getByRole("navigation")
      .getByRole("link", { name: translation("nl", "common:layout.nav.events") })
      .click();
    await page.waitForURL((url) => url.pathname === "/events");
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
    expect(errors).toEqual([]);
  });
});
