import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { translation } from "./locales";
import { startTestServer, type TestServer } from "./server";

/** Debian's Chromium, headless, with the flags that work as root on these machines. */
function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

export type PageOptions = {
  /** The browser's language, e.g. "nl-BE"; the page's texts are looked up in its first part. */
  locale: string;
  javaScriptEnabled?: boolean;
  /** Also count what the page logs to its console as an error, leaving out what `ignore` matches. */
  consoleErrors?: boolean | { ignore: RegExp };
};

/** A page in a fresh browser context, and the errors it raised (collected while the test goes on). */
export type OpenedPage = { page: Page; errors: string[] };

async function openPage(browser: Browser, baseURL: string, options: PageOptions): Promise<OpenedPage> {
  const context = await browser.newContext({ locale: options.locale, baseURL, javaScriptEnabled: options.javaScriptEnabled ?? true, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const { consoleErrors } = options;
  if (consoleErrors) {
    page.on("console", (message) => {
      if (message.type() === "error" && !(consoleErrors !== true && consoleErrors.ignore.test(message.text()))) errors.push(message.text());
    });
  }
  return { page, errors };
}

/** Logs in through the login form as a resident does, in the page's language (`locale` as in PageOptions). */
export async function logInAs(page: Page, email: string, locale: string, password = DEMO_PASSWORD): Promise<void> {
  const lng = locale.split("-")[0]!;
  await page.goto("/login");
  // A session still alive would be sent on from /login: say so at once instead of waiting for a field.
  expect(new URL(page.url()).pathname).toBe("/login");
  await page.getByLabel(translation(lng, "auth:fields.email")).fill(email);
  await page.getByLabel(translation(lng, "auth:fields.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: translation(lng, "auth:login.submit") }).click();
  await page.waitForURL((url) => url.pathname === "/");
}

export interface BrowserTests {
  /** The built app with the demo data, on a database of its own. */
  readonly server: TestServer;
  readonly browser: Browser;
  /** A page of the app in a fresh browser context (a visitor). */
  page(options: PageOptions): Promise<OpenedPage>;
  /** page(), logged in as `email` (with the demo password unless given). */
  loggedIn(email: string, options: PageOptions & { password?: string }): Promise<OpenedPage>;
}

/**
 * The set-up of a browser test file, called once at its top: before its tests the built app starts
 * on a fresh database with the demo data and Chromium is launched; after them both stop.
 */
export function browserTests(): BrowserTests {
  let server: TestServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("browserTests(): the app and the browser are there once the file's beforeAll hooks ran");
    return value;
  };
  const tests: BrowserTests = {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    page: (options) => openPage(tests.browser, tests.server.baseUrl, options),
    async loggedIn(email, { password, ...options }) {
      const opened = await tests.page(options);
      await logInAs(opened.page, email, options.locale, password);
      return opened;
    },
  };
  return tests;
}
