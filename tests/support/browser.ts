import { chromium, type Browser, type Page } from "playwright-core";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { translation } from "./locales";

/** Debian's Chromium, headless, with the flags that work as root on these machines. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A fresh browser context in a language (with or without JavaScript), collecting page errors. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: { locale: string; javaScriptEnabled?: boolean },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: options.locale, baseURL, javaScriptEnabled: options.javaScriptEnabled ?? true, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors };
}

/** Logs in through the login form as a resident does, in the page's language. */
export async function logInAs(page: Page, email: string, lng: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(translation(lng, "auth:fields.email")).fill(email);
  await page.getByLabel(translation(lng, "auth:fields.password"), { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: translation(lng, "auth:login.submit") }).click();
  await page.waitForURL((url) => url.pathname === "/");
}
