// Staff add a parklet and plan it in Chromium; a clashing plan is refused with a message that names
// the placement in its way, with JavaScript and without. Residents read where it goes next in Bulgarian.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { addDays, cityToday } from "~/kernel/city-time";
import { formatDay } from "~/i18n/format";
import { browserTests } from "../support/browser";
import { translated } from "../support/locales";

const app = browserTests();

const t = (key: string, values: Record<string, string | number> = {}, locale = "nl") => translated(locale, `parklets:${key}`, values);

function staffPage(javaScriptEnabled: boolean) {
  // A refused form answers 4xx, which the browser logs as a failed load: that is expected here.
  return app.loggedIn("staff@wijkbudget.demo", { locale: "nl-BE", javaScriptEnabled, consoleErrors: { ignore: /^Failed to load resource/ } });
}

async function addParklet(page: Page, name: string) {
  await page.goto("/staff/parklets");
  await page.getByRole("link", { name: t("staff.new") }).click();
  await page.waitForURL((url) => url.pathname === "/staff/parklets/edit");
  await page.getByLabel(t("form.name"), { exact: true }).fill(name);
  await page.getByLabel(t("form.builtBy"), { exact: true }).fill("Leerlingen VTI Oostende");
  await page.getByLabel(t("features.benches")).check();
  await page.getByLabel(t("features.plants")).check();
  await page.getByRole("button", { name: t("form.save") }).click();
  await page.getByText(t("staff.notices.saved")).waitFor();
  await page.getByRole("link", { name }).waitFor();
}

async function plan(page: Page, parklet: string, street: string, firstDay: string, lastDay: string) {
  await page.getByLabel(t("plan.parklet"), { exact: true }).selectOption({ label: parklet });
  await page.getByLabel(t("plan.neighbourhood"), { exact: true }).selectOption({ label: "Westerkwartier (Oostende)" });
  await page.getByLabel(t("plan.street"), { exact: true }).fill(street);
  await page.getByLabel(t("plan.firstDay"), { exact: true }).fill(firstDay);
  await page.getByLabel(t("plan.lastDay"), { exact: true }).fill(lastDay);
  await page.getByRole("button", { name: t("plan.submit"), exact: true }).click();
}

const today = cityToday();

describe("a staff member", () => {
  it("adds a parklet, plans it, and gets a readable refusal for a clashing plan (with JavaScript)", async () => {
    const { page, errors } = await staffPage(true);
    await addParklet(page, "De Zeemeeuw");
    await page.getByRole("link", { name: t("staff.placements") }).click();
    await page.waitForURL((url) => url.pathname === "/staff/parklets/placements");
    await page.waitForLoadState("networkidle");

    // The form checks the order of the days while typing, before anything is sent.
    await page.getByLabel(t("plan.firstDay"), { exact: true }).fill(addDays(today, 20));
    await page.getByLabel(t("plan.lastDay"), { exact: true }).fill(addDays(today, 10));
    await page.getByLabel(t("plan.street"), { exact: true }).focus();
    await page.getByText(t("validation.dayOrder")).waitFor();

    const [first, last] = [addDays(today, 10), addDays(today, 20)];
    await plan(page, "De Zeemeeuw", "Gelijkheidstraat", first, last);
    await page.getByText(t("staff.notices.planned")).waitFor();
    await page.getByRole("heading", { name: "De Zeemeeuw · Gelijkheidstraat" }).waitFor();

    // Starting on the day it leaves Gelijkheidstraat: refused, naming that placement and its dates.
    await plan(page, "De Zeemeeuw", "Prof. Jozef Vercoulliestraat", last, addDays(last, 7));
    const message = t("errors.clash", { parklet: "De Zeemeeuw", street: "Gelijkheidstraat", firstDay: formatDay(first, "nl"), lastDay: formatDay(last, "nl") });
    await page.getByRole("alert").filter({ hasText: message }).waitFor();
    expect(await page.getByRole("heading", { name: "De Zeemeeuw · Prof. Jozef Vercoulliestraat" }).count()).toBe(0);

    // The day after is fine.
    await plan(page, "De Zeemeeuw", "Prof. Jozef Vercoulliestraat", addDays(last, 1), addDays(last, 7));
    await page.getByRole("heading", { name: "De Zeemeeuw · Prof. Jozef Vercoulliestraat" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("gets the same refusal without JavaScript", async () => {
    const { page } = await staffPage(false);
    await addParklet(page, "De Vuurtoren");
    await page.goto("/staff/parklets/placements");
    const [first, last] = [addDays(today, 30), addDays(today, 35)];
    await plan(page, "De Vuurtoren", "Duivenhokstraat", first, last);
    await page.getByText(t("staff.notices.planned")).waitFor();
    await plan(page, "De Vuurtoren", "Gelijkheidstraat", addDays(first, 2), addDays(first, 3));
    const message = t("errors.clash", { parklet: "De Vuurtoren", street: "Duivenhokstraat", firstDay: formatDay(first, "nl"), lastDay: formatDay(last, "nl") });
    await page.getByRole("alert").filter({ hasText: message }).waitFor();
    // What was typed is still there to correct.
    expect(await page.getByLabel(t("plan.street"), { exact: true }).inputValue()).toBe("Gelijkheidstraat");
  });
});

describe("a resident in Bulgarian", () => {
  it("reads where a parklet goes next, with dates in Bulgarian", async () => {
    const { page } = await app.page({ locale: "bg-BG" });
    await page.goto("/parklets");
    await page.getByRole("heading", { level: 1, name: t("overview.title", {}, "bg") }).waitFor();
    const card = page.locator(".card").filter({ has: page.getByRole("heading", { name: "De Vuurtoren" }) });
    const first = addDays(today, 30);
    const last = addDays(today, 35);
    await card
      .getByText(
        t(
          "overview.nextAt",
          { street: "Duivenhokstraat", neighbourhood: "Westerkwartier", firstDay: formatDay(first, "bg"), lastDay: formatDay(last, "bg") },
          "bg",
        ),
      )
      .waitFor();

    await page.getByLabel(t("street.label", {}, "bg")).fill("duivenhok");
    await page.getByRole("button", { name: t("street.submit", {}, "bg") }).click();
    await page.getByText(t("street.results", { street: "duivenhok" }, "bg")).waitFor();
  });
});
