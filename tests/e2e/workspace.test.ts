// The staff workspace in French, in Chromium: an admin creates a neighbourhood from a GeoJSON file,
// staff set up a round in it with the wizard and open submissions, and the dashboard shows the round
// with its counts and names the proposal awaiting a feasibility check, whose link opens it.
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { aProposal, aRound } from "../support/builders";
import { browserTests } from "../support/browser";
import { translated, translation } from "../support/locales";

const app = browserTests();
const FR = { locale: "fr-BE", consoleErrors: true } as const;
const t = (key: string) => translation("fr", key);

const NEKKERSPOEL = JSON.stringify({
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { name: "Nekkerspoel" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [4.49, 51.03],
            [4.5, 51.03],
            [4.5, 51.04],
            [4.49, 51.04],
            [4.49, 51.03],
          ],
        ],
      },
    },
  ],
});

/** The test server has no map tiles: the neighbourhood form's map gets a blank one, so the console stays free of errors. */
const BLANK_TILE = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
async function withBlankTiles(page: Page) {
  await page.route("**/test-tiles/**", (route) => route.fulfill({ status: 200, contentType: "image/png", body: BLANK_TILE }));
}

/** Switches a logged-in page to French with the language buttons (the demo admin and staff read Dutch). */
async function inFrench(page: Page) {
  await page.getByRole("button", { name: "Français" }).click();
  await page.locator("html[lang=fr]").waitFor();
}

/** What became of the page's requests for Leaflet's chunk, from now on. */
function leafletRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on("requestfailed", (request) => void (/leaflet/.test(request.url()) && requests.push(`${request.url()}: ${request.failure()?.errorText}`)));
  page.on("requestfinished", (request) => void (/leaflet/.test(request.url()) && requests.push(`${request.url()}: finished`)));
  return requests;
}

/** What a map says in its place when Leaflet cannot load. */
const mapUnavailable = (page: Page) => page.getByRole("status").filter({ hasText: t("common:map.unavailable") });

/**
 * Waits for a lazily loaded Leaflet map to be drawn in `map`. This test once timed out here in a full run and
 * passed alone: a timeout now says what became of Leaflet's chunk and what the page reported.
 */
async function mapShown(page: Page, map: Locator, leaflet: string[], errors: string[]) {
  const unavailable = mapUnavailable(page);
  try {
    await map.locator(".leaflet-tile-pane").or(unavailable).waitFor({ state: "attached" });
  } catch (error) {
    throw new Error(`The map was not drawn. Leaflet's chunk: ${JSON.stringify(leaflet)}; page errors: ${JSON.stringify(errors)}`, { cause: error });
  }
  expect(await unavailable.count(), `Leaflet did not load: ${JSON.stringify(leaflet)}`).toBe(0);
}

describe("the staff workspace", () => {
  it("goes from a new neighbourhood to a round on the dashboard with what needs attention", async () => {
    // An admin creates the neighbourhood, uploading its boundary.
    const admin = await app.loggedIn("admin@wijkbudget.demo", FR);
    await withBlankTiles(admin.page);
    await admin.page.goto("/staff/neighbourhoods");
    await inFrench(admin.page);
    await admin.page.getByRole("link", { name: t("workspace:neighbourhoods.new") }).click();
    await admin.page.waitForLoadState("networkidle");
    await admin.page.getByLabel(t("workspace:neighbourhoods.form.name"), { exact: true }).fill("Nekkerspoel");
    await admin.page.getByLabel(t("workspace:neighbourhoods.form.city")).fill("Malines");
    await admin.page.getByLabel(t("workspace:neighbourhoods.form.slug")).fill("mechelen-nekkerspoel");
    await admin.page.getByLabel("Français").fill("Nekkerspoel");
    await admin.page
      .getByLabel(t("workspace:neighbourhoods.form.boundaryFile"))
      .setInputFiles({ name: "nekkerspoel.geojson", mimeType: "application/geo+json", buffer: Buffer.from(NEKKERSPOEL) });
    // With JavaScript the file lands in the text field, checked before sending.
    await expect.poll(() => admin.page.getByLabel(t("workspace:neighbourhoods.form.boundaryText")).inputValue()).toContain("FeatureCollection");
    await admin.page.getByRole("button", { name: t("workspace:neighbourhoods.create") }).click();
    await admin.page.getByText(t("workspace:neighbourhoods.saved")).waitFor();
    expect(admin.errors).toEqual([]);

    // Staff set up a round there with the wizard.
    const staff = await app.loggedIn("staff@wijkbudget.demo", FR);
    const { page } = staff;
    await page.goto("/staff");
    await inFrench(page);
    await page.getByRole("link", { name: t("rounds:staff.newRound") }).click();
    await page.waitForLoadState("networkidle");
    const next = async (step: string) => {
      await page.getByRole("button", { name: t("workspace:setup.next") }).click();
      await page.getByRole("heading", { name: new RegExp(t(`workspace:setup.steps.${step}`)) }).waitFor();
    };
    await page.getByLabel(t("rounds:form.neighbourhood"), { exact: true }).selectOption({ label: "Nekkerspoel (Malines)" });
    await next("texts");
    await page.getByLabel(t("rounds:form.title")).first().fill("Budget de quartier Nekkerspoel");
    await page.getByLabel(t("rounds:form.description")).first().fill("Vos idées pour le quartier.");
    await next("budget");
    await page.getByLabel(t("rounds:form.budget")).fill("30 000");
    await page.getByLabel(t("proposals:rulesPage.minAmount")).fill("50 000");
    // A minimum above the budget is explained on this step.
    await page.getByRole("button", { name: t("workspace:setup.next") }).click();
    await page.getByText(t("proposal-form:validation.aboveBudget")).waitFor();
    await page.getByLabel(t("proposals:rulesPage.minAmount")).fill("500");
    await next("themes");
    await page.getByLabel(t("workspace:setup.themes")).fill("Rencontre\nNature");
    await next("dates");
    await next("panel");
    await next("voting");
    await next("summary");
    await page.getByText("Budget de quartier Nekkerspoel").waitFor();
    await page.getByText("Rencontre · Nature").waitFor();
    await page.getByRole("button", { name: t("workspace:setup.create") }).click();
    await page.getByText(t("rounds:staff.saved")).waitFor();
    const roundId = new URL(page.url()).pathname.split("/").pop()!;

    // Staff open submissions.
    const to = t("rounds:phases.SUBMISSION.name");
    await page.getByLabel(translated("fr", "rounds:advance.confirm", { to })).check();
    await page.getByRole("button", { name: translated("fr", "rounds:advance.submit", { to }) }).click();
    await page.getByText(translated("fr", "rounds:advance.done", { to })).waitFor();

    // A resident submits a proposal (written directly: the proposal form has tests of its own).
    const db = createPrismaClient(app.server.databaseUrl);
    const ivan = await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } });
    const proposal = await aProposal(db, { round: roundId, author: ivan, originalLocale: "fr", title: "Des bancs au Nekkerspoel", submittedAt: new Date() });
    // And a round whose results are out: it folds away.
    await aRound(db, { phase: "PUBLISHED", originalLocale: "fr", title: "Budget 2025 terminé" });
    await db.$disconnect();

    // The dashboard: the round with its counts, and the proposal awaiting a check.
    await page.goto("/staff");
    const card = page.getByRole("article", { name: "Budget de quartier Nekkerspoel" });
    await card.getByText(`${t("proposals:status.SUBMITTED")}: 1`).waitFor();
    await card.getByText(t("rounds:phases.SUBMISSION.name")).first().waitFor();
    const awaiting = page.getByRole("region", { name: t("workspace:dashboard.attention.feasibility.title") });
    await awaiting.getByRole("link", { name: "#1 Des bancs au Nekkerspoel" }).click();
    await page.waitForURL((url) => url.pathname === `/proposals/${proposal.id}`);
    await page.getByRole("heading", { name: "Des bancs au Nekkerspoel" }).waitFor();

    // Finished rounds are folded away (a <details>, which opens without JavaScript too), not among the running ones.
    await page.goto("/staff");
    const finished = page.locator("details").filter({ hasText: "Budget 2025 terminé" });
    const finishedLink = finished.getByRole("link", { name: "Budget 2025 terminé" });
    expect(await finishedLink.isVisible()).toBe(false);
    expect(await page.getByRole("article", { name: "Budget 2025 terminé" }).count()).toBe(0);
    await finished.locator("summary").click();
    await finishedLink.waitFor();
    await finishedLink.click();
    await page.waitForURL((url) => url.pathname.startsWith("/staff/rounds/"));
    expect(staff.errors).toEqual([]);
  });

  it("sets up a round without JavaScript, explaining each conflict on the step where it arises", async () => {
    const staff = await app.loggedIn("staff@wijkbudget.demo", { locale: "fr-BE", javaScriptEnabled: false });
    const { page } = staff;
    await page.goto("/staff/rounds/new");
    await inFrench(page);
    const stepHeading = (step: string) => page.getByRole("heading", { name: new RegExp(t(`workspace:setup.steps.${step}`)) });
    const next = async (step: string) => {
      await page.getByRole("button", { name: t("workspace:setup.next") }).click();
      await stepHeading(step).waitFor();
    };
    await page.getByLabel(t("rounds:form.neighbourhood"), { exact: true }).selectOption({ index: 1 });
    await next("texts");
    await page.getByLabel(t("rounds:form.title")).first().fill("Budget sans JavaScript");
    await page.getByLabel(t("rounds:form.description")).first().fill("Un quartier, des idées.");
    await next("budget");
    await page.getByLabel(t("rounds:form.budget")).fill("20 000");
    await next("themes");
    await next("dates");
    // Voting planned before the panel's review ends: explained here, on the dates step, which stays.
    await page.getByLabel(t("rounds:dates.reviewEndsAt")).fill("2027-03-10T18:00");
    await page.getByLabel(t("rounds:dates.votingStartsAt")).fill("2027-03-01T09:00");
    await page.getByRole("button", { name: t("workspace:setup.next") }).click();
    await page.getByText(t("workspace:setup.validation.votingBeforeReviewEnds")).waitFor();
    await stepHeading("dates").waitFor();
    // No review, so no panel.
    await page.getByLabel(t("rounds:form.hasReview")).uncheck();
    await next("panel");
    // A weight without a panel: explained on the panel step.
    await page.getByLabel(t("panel:setup.weightPercent")).fill("30");
    await page.getByRole("button", { name: t("workspace:setup.next") }).click();
    await page.getByText(t("workspace:setup.validation.noReviewNoWeight")).waitFor();
    await stepHeading("panel").waitFor();
    await page.getByLabel(t("panel:setup.weightPercent")).fill("0");
    await next("voting");
    await next("summary");
    // Every step's answer travelled in hidden fields to the summary.
    await page.getByText("Budget sans JavaScript").waitFor();
    await page.getByRole("button", { name: t("workspace:setup.create") }).click();
    await page.getByText(t("rounds:staff.saved")).waitFor();

    const roundId = new URL(page.url()).pathname.split("/").pop()!;
    const db = createPrismaClient(app.server.databaseUrl);
    const round = await db.budgetRound.findUniqueOrThrow({ where: { id: roundId }, include: { panel: true } });
    await db.$disconnect();
    expect(round).toMatchObject({ phase: "DRAFT", hasReview: false, budgetCents: 2_000_000, panel: null, votingStartsAt: expect.any(Date) });
    expect(staff.errors).toEqual([]);
  });

  it("says so when the map cannot load, and takes the boundary as text all the same", async () => {
    // Leaflet does not arrive (a dropped mobile connection, a filtering proxy): the browser reports the failed
    // request and the failed import, nothing else.
    const admin = await app.loggedIn("admin@wijkbudget.demo", { ...FR, consoleErrors: { ignore: /Failed to load resource|dynamically imported module/ } });
    const { page } = admin;
    await page.route(/\/build\/_shared\/leaflet-src-[^/]*\.js$/, (route) => route.abort());
    await page.goto("/staff/neighbourhoods/new");
    await inFrench(page);
    await mapUnavailable(page).waitFor();
    await page.getByLabel(t("workspace:neighbourhoods.form.name"), { exact: true }).fill("Geen kaart");
    await page.getByLabel(t("workspace:neighbourhoods.form.city")).fill("Malines");
    await page.getByLabel(t("workspace:neighbourhoods.form.slug")).fill("mechelen-geen-kaart");
    await page.getByLabel(t("workspace:neighbourhoods.form.boundaryText")).fill(NEKKERSPOEL);
    await page.getByRole("button", { name: t("workspace:neighbourhoods.create") }).click();
    await page.getByText(t("workspace:neighbourhoods.saved")).waitFor();
    expect(admin.errors).toEqual([]);
  });

  it("lets an admin draw a neighbourhood's boundary on the map, corner by corner", async () => {
    const admin = await app.loggedIn("admin@wijkbudget.demo", FR);
    const { page } = admin;
    await withBlankTiles(page);
    const leaflet = leafletRequests(page);
    await page.goto("/staff/neighbourhoods/new");
    await inFrench(page);
    await page.getByLabel(t("workspace:neighbourhoods.form.name"), { exact: true }).fill("Tivoli");
    await page.getByLabel(t("workspace:neighbourhoods.form.city")).fill("La Louvière");
    await page.getByLabel(t("workspace:neighbourhoods.form.slug")).fill("la-louviere-tivoli");
    const map = page.getByRole("region", { name: t("workspace:neighbourhoods.form.drawMap") });
    await mapShown(page, map, leaflet, admin.errors);
    // The map opens on all of Belgium: zoom in to a neighbourhood's scale first.
    for (let i = 0; i < 6; i++) {
      await map.locator(".leaflet-control-zoom-in").click();
      await page.waitForTimeout(350);
    }
    const box = (await map.boundingBox())!;
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const boundaryText = page.getByLabel(t("workspace:neighbourhoods.form.boundaryText"));
    for (const [dx, dy] of [
      [-60, -60],
      [60, -60],
      [60, 60],
      [-60, 60],
      [0, 90],
    ]) {
      await page.mouse.click(x + dx!, y + dy!);
    }
    // Undo takes the last corner away again.
    await page.getByRole("button", { name: t("workspace:neighbourhoods.form.drawUndo") }).click();
    const drawn = JSON.parse(await boundaryText.inputValue()) as { type: string; coordinates: number[][][] };
    expect(drawn.type).toBe("Polygon");
    expect(drawn.coordinates[0]).toHaveLength(5);
    expect(drawn.coordinates[0]![4]).toEqual(drawn.coordinates[0]![0]);
    await page.getByRole("button", { name: t("workspace:neighbourhoods.create") }).click();
    await page.getByText(t("workspace:neighbourhoods.saved")).waitFor();

    const db = createPrismaClient(app.server.databaseUrl);
    const created = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "la-louviere-tivoli" } });
    await db.$disconnect();
    expect(JSON.parse(created.boundary)).toEqual(drawn);
    expect(admin.errors).toEqual([]);
  });
});
