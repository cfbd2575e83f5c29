// The accessibility statement (issue #19, EU model statement): /accessibility answers in all six
// languages with the standard, how the site is tested, its limits, the date of the last review, the
// feedback address from CONTACT_EMAIL and the Flemish Ombudsman; without CONTACT_EMAIL it says no
// address was given, a malformed one stops the server. The privacy page (issue #24) answers likewise with who
// is responsible (CONTROLLER_NAME), the retention table of app/privacy/retention.ts and the rights; and
// every page's footer links to both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OMBUDSMAN, STATEMENT_REVIEWED_ON } from "~/accessibility/statement";
import { LOCALES } from "~/i18n/config";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { formatDay, formatPeriod } from "~/i18n/format";
import { RETENTION } from "~/privacy/retention";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const CONTACT = "toegankelijkheid@stad.example";
const CONTROLLER = "Stad Mechelen";

let server: TestServer;
let withoutContact: TestServer;

beforeAll(async () => {
  [server, withoutContact] = await Promise.all([
    startTestServer({ CONTACT_EMAIL: CONTACT, CONTROLLER_NAME: CONTROLLER }),
    startTestServer({ CONTACT_EMAIL: "", CONTROLLER_NAME: "" }),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.stop(), withoutContact?.stop()]);
});

describe("the accessibility statement", () => {
  it.each(LOCALES)("answers in %s with the standard, the tests, the limits, the review date, the contact and the ombudsman", async (lng) => {
    const response = await new Visitor(server.baseUrl, { acceptLanguage: lng }).get("/accessibility");
    expect(response.status).toBe(200);
    const html = await shownHtml(response);
    expect(html).toContain(`<html lang="${lng}"`);
    for (const key of ["title", "status.body", "tested.automated", "tested.keyboard", "tested.manual", "limits.map", "feedback.body", "enforcement.body"]) {
      expect(html, key).toContain(asHtml(translation(lng, `accessibility:${key}`)));
    }
    expect(html).toContain(asHtml(translated(lng, "accessibility:review.body", { date: formatDay(STATEMENT_REVIEWED_ON, lng) })));
    expect(html).toContain(`href="mailto:${CONTACT}"`);
    expect(html).not.toContain(asHtml(translation(lng, "accessibility:feedback.noAddress")));
    for (const fact of Object.values(OMBUDSMAN)) expect(html).toContain(fact);
  });

  it("says that no address was given when CONTACT_EMAIL is not set, and still names the ombudsman", async () => {
    const html = await shownHtml(await new Visitor(withoutContact.baseUrl, { acceptLanguage: "tr" }).get("/accessibility"));
    expect(html).toContain(asHtml(translation("tr", "accessibility:feedback.noAddress")));
    expect(html).not.toContain("mailto:");
    expect(html).toContain(OMBUDSMAN.website);
    expect(withoutContact.log()).toMatch(/CONTACT_EMAIL is not set/);
  });

  it("keeps the server from starting with a CONTACT_EMAIL that is no email address", async () => {
    await expect(startTestServer({ CONTACT_EMAIL: "toegankelijkheid at stad" })).rejects.toThrow(/CONTACT_EMAIL is not an email address/);
  });
});

describe("the privacy page", () => {
  it.each(LOCALES)("answers in %s with who is responsible, what is kept and why, for how long, who sees it, and the rights", async (lng) => {
    const response = await new Visitor(server.baseUrl, { acceptLanguage: lng }).get("/privacy");
    expect(response.status).toBe(200);
    const html = await shownHtml(response);
    expect(html).toContain(`<html lang="${lng}"`);
    expect(html).toContain(asHtml(translated(lng, "privacy:controller.named", { controller: CONTROLLER })));
    for (const key of ["kept.account", "kept.voting", "kept.audit", "retention.account", "seen.public", "seen.nobody", "rights.body", "rights.complaint"]) {
      expect(html, key).toContain(asHtml(translation(lng, `privacy:${key}`)));
    }
    for (const { key, days } of RETENTION) {
      expect(html, key).toContain(asHtml(translation(lng, `privacy:retention.rows.${key}.what`)));
      expect(html, key).toContain(asHtml(translated(lng, `privacy:retention.rows.${key}.howLong`, { period: formatPeriod(days, lng) })));
    }
    expect(html).toContain(`href="mailto:${CONTACT}"`);
  });

  it("says the city has not named itself, and gives no address, when the settings are missing; the server warns", async () => {
    const html = await shownHtml(await new Visitor(withoutContact.baseUrl, { acceptLanguage: "bg" }).get("/privacy"));
    expect(html).toContain(asHtml(translation("bg", "privacy:controller.unnamed")));
    expect(html).toContain(asHtml(translation("bg", "privacy:rights.noAddress")));
    expect(html).not.toContain("mailto:");
    expect(withoutContact.log()).toMatch(/CONTROLLER_NAME is not set/);
  });
});

describe("the footer of every page", () => {
  /** The page's <footer>, where the link must be (not merely somewhere on the page). */
  const footerOf = (html: string) => /<footer\b[\s\S]*?<\/footer>/.exec(html)?.[0] ?? "";

  it.each([
    ["anyone", "/"],
    ["anyone", "/events"],
    ["anyone", "/parklets"],
    ["anyone", "/login"],
    ["anyone", "/accessibility"],
    ["anyone", "/privacy"],
    ["anyone", "/no-such-page"],
    ["staff@wijkbudget.demo", "/staff"],
    ["elif@wijkbudget.demo", "/account"],
  ])("links the accessibility statement and the privacy page (%s, %s)", async (who, path) => {
    const visitor = new Visitor(server.baseUrl, { acceptLanguage: "ar", address: `10.19.0.${path.length}` });
    if (who !== "anyone") await visitor.logIn(who, DEMO_PASSWORD);
    const response = await visitor.get(path);
    expect(response.status).toBeLessThan(500);
    const footer = footerOf(await shownHtml(response));
    // A visitor gets the Arabic the browser asks for; an account its saved language.
    const lng = { anyone: "ar", "staff@wijkbudget.demo": "nl", "elif@wijkbudget.demo": "tr" }[who]!;
    expect(footer).toMatch(new RegExp(`<a [^>]*href="/accessibility"[^>]*>${asHtml(translation(lng, "layout.accessibility"))}</a>`));
    expect(footer).toMatch(new RegExp(`<a [^>]*href="/privacy"[^>]*>${asHtml(translation(lng, "layout.privacy"))}</a>`));
  });
});
