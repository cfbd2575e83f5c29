// WCAG 2.1 A/AA in Chromium (issue #19): axe-core checks every main page — public, resident, panel
// and staff pages, each step of a ballot, forms showing their errors — in Dutch, Bulgarian, Turkish
// and Arabic (right to left), and finds no serious or critical violation. No rule is disabled and no
// element excluded: an exclusion would have to be listed, with its reason, in decision 0032.
//
// One browser, one logged-in page per role reused for every page and language; each language is one
// test so a failure names it. Only the ballot needs fresh state: a voting code per language.
import { createRequire } from "node:module";
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { previewJob, runJobHere } from "~/results/jobs.server";
import { publishResults } from "~/results/publish.server";
import { generateCodes, takeBatchCodes } from "~/voting/voting.server";
import { browserTests, type OpenedPage } from "../support/browser";
import { aProposal, aRound, someBallots } from "../support/builders";
import { translation } from "../support/locales";

const app = browserTests();

/** WCAG 2.0 and 2.1, levels A and AA: what Flemish public bodies must meet (EN 301 549). */
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const LANGUAGES = ["nl", "bg", "tr", "ar"] as const;
type Language = (typeof LANGUAGES)[number];

/**
 * axe-core's source, as the builder itself loads it. Given to each browser context once as an init
 * script, so every page has axe before it is checked: the builder would otherwise send and compile
 * the 600 KB twice per check, three times the time of the check itself (decision 0032).
 */
const builderPath = createRequire(import.meta.url).resolve("@axe-core/playwright");
const AXE_SOURCE: string = createRequire(builderPath)("axe-core").source;
/** What the builder injects then: a no-op, axe being there already. */
const ALREADY_IN_PAGE = ";";

/** One violation on one page, in the words a fix needs: rule, impact, page and the elements' selectors. */
type Finding = { page: string; rule: string; impact: string; help: string; targets: string[] };

const ids = {} as {
  arsenaal: string;
  kroonmolen: string;
  arsenaalNeighbourhood: string;
  rabot: string;
  published: string;
  kroonmolenProposal: string;
  /** A Kroonmolen proposal awaiting the panel's decision (its decision page). */
  undecidedProposal: string;
  fundedProposal: string;
  event: string;
  /** Elif's own proposal, still open for changes, in a round whose teams may organise events. */
  ownProposal: string;
  /** A resident's and a staff member's person pages (each shows other forms). */
  marie: string;
  staffMember: string;
};
/** Plain voting codes of Rabot, one per language (a ballot is cast with each). */
const codes: string[] = [];
/** Rabot's code batches not yet taken, one per language: their letters are shown once. */
const letterBatches: string[] = [];

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  const roundOf = async (slug: string) => (await db.budgetRound.findFirstOrThrow({ where: { neighbourhood: { slug } }, select: { id: true } })).id;
  ids.arsenaal = await roundOf("mechelen-arsenaal");
  ids.arsenaalNeighbourhood = (await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } })).id;
  ids.kroonmolen = await roundOf("sint-niklaas-kroonmolen");
  ids.rabot = await roundOf("gent-rabot");
  ids.kroonmolenProposal = (await db.proposal.findFirstOrThrow({ where: { roundId: ids.kroonmolen, author: { email: { not: "elif@wijkbudget.demo" } } } })).id;
  ids.undecidedProposal = (await db.proposal.findFirstOrThrow({ where: { roundId: ids.kroonmolen, status: "ADMISSIBLE" } })).id;
  ids.event = (await db.event.findFirstOrThrow({ select: { id: true } })).id;
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
  const elif = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
  ids.marie = (await db.user.findUniqueOrThrow({ where: { email: "marie@wijkbudget.demo" } })).id;
  ids.staffMember = staff.id;
  const openRound = await aRound(db, { teamsMayCreateEvents: true, title: "Ideeën voor het Arsenaal" });
  ids.ownProposal = (await aProposal(db, { round: openRound, author: elif.id, title: "Bankjes aan de Dijle" })).id;
  // A discussion under Kroonmolen's proposal (issue #22): staff's comment with Elif's reply (hers to
  // edit), one hidden by moderation, and a report waiting on the moderation page.
  const question = await db.comment.create({ data: { proposalId: ids.kroonmolenProposal, authorId: staff.id, body: "Wie onderhoudt de tuin?", locale: "nl" } });
  await db.comment.create({ data: { proposalId: ids.kroonmolenProposal, authorId: elif.id, parentId: question.id, body: "Komşular birlikte.", locale: "tr" } });
  await db.comment.create({
    data: {
      proposalId: ids.kroonmolenProposal,
      authorId: elif.id,
      body: "Reclame",
      locale: "nl",
      hiddenAt: new Date(),
      hiddenReason: "Spam",
      hiddenReasonLocale: "nl",
    },
  });
  await db.report.create({ data: { reporterId: elif.id, commentId: question.id, reason: "OTHER", text: "Dubbel gepost" } });

  const batch = await generateCodes(db, staff.id, ids.rabot, LANGUAGES.length);
  if (!batch.ok) throw new Error("Rabot gives no voting codes");
  codes.push(...(await takeBatchCodes(db, staff.id, ids.rabot, batch.batchId, "csv"))!.map((entry) => entry.code));
  while (letterBatches.length < LANGUAGES.length) {
    const letters = await generateCodes(db, staff.id, ids.rabot, 2);
    if (!letters.ok) throw new Error("Rabot gives no voting codes");
    letterBatches.push(letters.batchId);
  }

  // A published round, for the results pages and a funded project's realisation updates.
  const published = await aRound(db, { phase: "TALLY", budgetCents: 1_000_000, title: "Gedeelde resultaten" });
  const onBallot = (title: string, requestedCents: number) => aProposal(db, { round: published, author: staff.id, status: "ON_BALLOT", title, requestedCents });
  const garden = await onBallot("Samentuin aan het station", 600_000);
  const benches = await onBallot("Banken langs de Dijle", 300_000);
  const lights = await onBallot("Verlichting in het park", 500_000);
  await someBallots(db, 5, { round: published, choices: [garden, benches] });
  await someBallots(db, 2, { round: published, choices: [lights] });
  const job = await runJobHere(db, (await previewJob(db, published.id))!.id);
  const publishing = await publishResults(db, staff.id, published.id, job.id);
  if (!publishing.ok) throw new Error(`Publishing failed: ${publishing.formError}`);
  ids.published = published.id;
  ids.fundedProposal = garden.id;
  await db.$disconnect();
}, 120_000);

/** Switches the page's browser (and its account, when logged in) to `lng` with the language switcher's post. */
async function speak(page: Page, lng: Language) {
  const answer = await page.request.post("/language", { form: { locale: lng, redirectTo: "/" }, headers: { Origin: app.server.baseUrl } });
  expect(answer.ok(), `switching to ${lng}`).toBe(true);
}

/** axe's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
async function check(page: Page, name: string): Promise<Finding[]> {
  // Legacy mode runs axe.run() in the page itself instead of axe.runPartial() per frame and
  // finishRun() in a new blank page: half the time, and the app has no cross-origin frames it would miss.
  const { violations } = await new AxeBuilder({ page, axeSource: ALREADY_IN_PAGE }).withTags(WCAG_21_AA).setLegacyMode().analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact!,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}

/** A path that is no page: the "not found" page is checked too. */
const NOT_FOUND = "/no-such-page";

/** Opens each path, makes sure it is that page (not a redirect or an error), and checks it. */
async function checkPages(page: Page, paths: string[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), `${path} answers`).toBe(path === NOT_FOUND ? 404 : 200);
    expect(new URL(page.url()).pathname, `${path} is shown, not another page`).toBe(new URL(path, app.server.baseUrl).pathname);
    findings.push(...(await check(page, path)));
  }
  return findings;
}

/** A form sent empty, checked with its refusal shown: field errors, their links and the summary. */
async function checkRefused(page: Page, path: string, submit: string): Promise<Finding[]> {
  await page.goto(path);
  await page.getByRole("main").getByRole("button", { name: submit, exact: true }).click();
  await page.locator(".field-error").first().waitFor();
  return check(page, `${path} (sent empty)`);
}

/** A batch's voting letters, as staff print them (shown once, after a press). */
async function checkLetters(page: Page, lng: Language, batchId: string): Promise<Finding[]> {
  const path = `/staff/rounds/${ids.rabot}/codes/${batchId}/letters`;
  const findings = await checkPages(page, [path]);
  await page.getByRole("button", { name: translation(lng, "voting:letters.show") }).click();
  await page.locator(".letter").first().waitFor();
  return [...findings, ...(await check(page, `${path} (printed)`))];
}

/** A ballot from the code to the receipt, checking each step; then the receipt check with that receipt. */
async function checkBallot(page: Page, lng: Language, code: string): Promise<Finding[]> {
  const t = (key: string) => translation(lng, key);
  const findings: Finding[] = [];
  const step = async (name: string) => findings.push(...(await check(page, `/vote/${ids.rabot} (${name})`)));
  await page.goto(`/vote/${ids.rabot}`);
  await step("code");
  await page.getByLabel(t("voting:code.label")).fill("WRONG-CODE");
  await page.getByRole("button", { name: t("voting:code.continue") }).click();
  await page.locator(".field-error, [role=alert]").first().waitFor();
  await step("wrong code");
  await page.goto(`/vote/${ids.rabot}?code=${encodeURIComponent(code)}`);
  await page.getByRole("button", { name: t("voting:code.continue") }).click();
  const projects = page.locator("main input[type=checkbox]");
  await projects.first().waitFor();
  await step("choose");
  // Every project at once costs more than the budget: the server refuses the ballot and says why
  // (waiting for its alert, not for the bar, which turns red before the answer comes back).
  for (const project of await projects.all()) await project.check();
  await page.getByRole("button", { name: t("voting:ballot.toReview") }).click();
  await page.getByRole("alert").first().waitFor();
  await step("over budget");
  for (const project of (await projects.all()).slice(1)) await project.uncheck();
  await page.getByRole("button", { name: t("voting:ballot.toReview") }).click();
  await page.getByRole("heading", { name: t("voting:review.title") }).waitFor();
  await step("review");
  await page.getByRole("button", { name: t("voting:review.cast") }).click();
  await page.getByRole("heading", { name: t("voting:done.title") }).waitFor();
  await step("receipt");
  const receipt = await page.locator(".receipt .code").innerText();
  findings.push(...(await checkPages(page, [`/receipts?receipt=${encodeURIComponent(receipt)}`])));
  return findings;
}

/** Findings as lines a developer can act on: page, rule (impact), what it asks, and where. */
function report(findings: Finding[]): string {
  return findings.map((finding) => `${finding.page}: ${finding.rule} (${finding.impact}) ${finding.help}\n    ${finding.targets.join("\n    ")}`).join("\n");
}

let visitor: OpenedPage;
let resident: OpenedPage;
let admin: OpenedPage;

describe("axe-core finds no serious or critical WCAG 2.1 AA violation", () => {
  beforeAll(async () => {
    [visitor, resident, admin] = await Promise.all([
      app.page({ locale: "nl" }),
      // Elif sits on Kroonmolen's wijkpanel: her account shows the panel workspace too.
      app.loggedIn("elif@wijkbudget.demo", { locale: "tr" }),
      app.loggedIn("admin@wijkbudget.demo", { locale: "nl" }),
    ]);
    await Promise.all([visitor, resident, admin].map(({ page }) => page.context().addInitScript(AXE_SOURCE)));
  }, 120_000);

  it.each(LANGUAGES)(
    "on every main page in %s",
    async (lng) => {
      const started = Date.now();
      const t = (key: string) => translation(lng, key);
      await Promise.all([speak(visitor.page, lng), speak(resident.page, lng), speak(admin.page, lng)]);
      // The three roles' pages side by side: much of a page's time is spent waiting for the server.
      const perRole = await Promise.all([
        (async () => [
          ...(await checkPages(visitor.page, [
            "/",
            "/n/mechelen-arsenaal",
            `/rounds/${ids.arsenaal}`,
            `/rounds/${ids.kroonmolen}/proposals`,
            `/rounds/${ids.arsenaal}/map`,
            `/proposals/${ids.kroonmolenProposal}`,
            `/rounds/${ids.published}`,
            `/rounds/${ids.published}/results`,
            `/rounds/${ids.kroonmolen}/panel`,
            "/receipts",
            "/events",
            `/events/${ids.event}`,
            "/n/mechelen-arsenaal/events",
            "/parklets",
            "/login",
            "/register",
            "/forgot-password",
            "/accessibility",
            "/privacy",
            NOT_FOUND,
          ])),
          ...(await checkBallot(visitor.page, lng, codes[LANGUAGES.indexOf(lng)]!)),
          ...(await checkRefused(visitor.page, "/login", t("auth:login.submit"))),
          ...(await checkRefused(visitor.page, "/register", t("auth:register.submit"))),
        ])(),
        checkPages(resident.page, [
          "/account",
          "/account/delete",
          "/account/notifications",
          "/account/two-factor",
          // Logged in, the round page has its follow button.
          `/rounds/${ids.arsenaal}`,
          "/my/proposals",
          // What the author sees: her proposal with its author panels, and its other forms.
          `/proposals/${ids.ownProposal}`,
          `/proposals/${ids.ownProposal}/edit`,
          `/proposals/${ids.ownProposal}/translate`,
          `/proposals/${ids.ownProposal}/events/new`,
          `/rounds/${ids.arsenaal}/proposals/new`,
          "/parklets/request",
          `/panel/${ids.kroonmolen}`,
          `/panel/${ids.kroonmolen}/proposals/${ids.kroonmolenProposal}`,
          `/proposals/${ids.kroonmolenProposal}`,
        ]).then(async (findings) => [
          ...findings,
          ...(await checkRefused(resident.page, `/rounds/${ids.arsenaal}/proposals/new`, t("proposal-form:form.submit"))),
        ]),
        checkPages(admin.page, [
          "/staff",
          "/staff/rounds/new",
          `/staff/rounds/${ids.kroonmolen}`,
          `/staff/rounds/${ids.kroonmolen}/panel`,
          // The chair's or staff's decision on a proposal the panel reviewed.
          `/panel/${ids.kroonmolen}/decisions/${ids.undecidedProposal}`,
          `/staff/rounds/${ids.kroonmolen}/rules`,
          `/staff/rounds/${ids.rabot}/voting`,
          `/staff/rounds/${ids.rabot}/paper`,
          `/staff/rounds/${ids.rabot}/stats`,
          `/staff/rounds/${ids.published}/results`,
          "/staff/proposals",
          `/staff/proposals/${ids.fundedProposal}/updates`,
          "/staff/events",
          "/staff/events/new",
          `/staff/events/${ids.event}`,
          "/staff/parklets",
          "/staff/parklets/edit",
          "/staff/parklets/placements",
          "/staff/parklets/requests",
          "/staff/results/import",
          "/staff/audit",
          `/staff/audit?round=${ids.rabot}`,
          "/staff/audit?from=2099-01-01",
          "/staff/moderation",
          "/staff/two-factor",
          "/staff/neighbourhoods",
          "/staff/neighbourhoods/new",
          `/staff/neighbourhoods/${ids.arsenaalNeighbourhood}`,
          "/staff/people",
          "/staff/people?q=niemand",
          `/staff/people/${ids.marie}`,
          `/staff/people/${ids.staffMember}`,
        ]).then(async (findings) => [
          ...findings,
          ...(await checkRefused(admin.page, "/staff/rounds/new", t("workspace:setup.next"))),
          ...(await checkRefused(admin.page, `/staff/people/${ids.marie}`, t("people:block.submit"))),
          ...(await checkLetters(admin.page, lng, letterBatches[LANGUAGES.indexOf(lng)]!)),
        ]),
      ]);
      const findings = perRole.flat();
      console.info(`axe, ${lng}: ${Math.round((Date.now() - started) / 1000)} s`);
      expect(findings, `Serious or critical axe violations in ${lng}:\n${report(findings)}`).toEqual([]);
      expect([...visitor.errors, ...resident.errors, ...admin.errors]).toEqual([]);
    },
    300_000,
  );
});
