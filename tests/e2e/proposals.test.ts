// Residents write, save, edit, submit and withdraw a proposal in Chromium: in Turkish with
// JavaScript, in Dutch without it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { browserTests } from "../support/browser";
import { aProposal, aRound, aUser } from "../support/builders";
import { translated, translation } from "../support/locales";

const app = browserTests();

/** From the home page to the proposal form of Mechelen Arsenaal's round, as a resident clicks. */
async function openProposalForm(page: Page, lng: string) {
  await page.getByRole("link", { name: "Arsenaal", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/n/mechelen-arsenaal");
  await page.getByRole("link", { name: "PRO-Arsenaal: wijkbudget 2026" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/rounds/"));
  await page.getByRole("link", { name: translation(lng, "proposals:roundLinks.submit") }).click();
  await page.waitForURL((url) => url.pathname.endsWith("/proposals/new"));
}

const label = (lng: string, key: string, values: Record<string, string | number> = {}) => translated(lng, key.includes(":") ? key : `proposals:${key}`, values);

describe("a resident in Turkish, with JavaScript", () => {
  it("creates, saves, edits, submits and withdraws a proposal", async () => {
    const { page, errors } = await app.loggedIn("elif@wijkbudget.demo", { locale: "tr-TR" });
    const lng = "tr";
    await openProposalForm(page, lng);
    await page.waitForLoadState("networkidle");

    await page.getByLabel(label(lng, "proposal-form:form.title"), { exact: true }).fill("Parka çöp kutuları");
    await page.getByLabel(label(lng, "proposal-form:form.summary")).fill("Parkın yanına dört yeni çöp kutusu.");
    await page.getByLabel(label(lng, "proposal-form:form.description")).fill("Parkta çok çöp var. Dört çöp kutusu istiyoruz.");
    await page.getByLabel(label(lng, "proposal-form:form.category")).selectOption({ index: 3 });
    await page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 1 }), { exact: true }).fill("Çöp kutuları");
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 1 })).fill("1200");
    await page.getByRole("button", { name: label(lng, "proposal-form:form.addLine") }).click();
    await page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 2 }), { exact: true }).fill("Montaj");
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 2 })).fill("350,50");
    // The total adds up while typing, formatted in Turkish.
    await expect.poll(() => page.locator("output").textContent()).toMatch(/1\.550,50/);
    // An invalid amount is flagged as soon as the field is left.
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 2 })).fill("üç yüz");
    await page.getByLabel(label(lng, "proposal-form:form.locationText")).focus();
    await page.getByText(translation(lng, "validation.amount")).waitFor();
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 2 })).fill("350,50");
    await page.getByLabel(label(lng, "proposal-form:form.locationText")).fill("Arsenaalstraat, park");
    // The optional map fills in the point: its middle lies inside the neighbourhood.
    const map = page.getByRole("region", { name: label(lng, "proposal-form:form.mapLabel") });
    await map.locator(".leaflet-interactive").first().waitFor();
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByLabel(label(lng, "proposal-form:form.latitude")).inputValue()).toMatch(/^51\.01\d+$/);
    expect(Number(await page.getByLabel(label(lng, "proposal-form:form.longitude")).inputValue())).toBeCloseTo(4.486, 2);

    await page.getByRole("button", { name: label(lng, "proposal-form:form.saveDraft") }).click();
    await page.getByText(label(lng, "notices.saved")).waitFor();
    await page.getByText(label(lng, "detail.draftNote")).waitFor();

    await page.getByRole("link", { name: label(lng, "detail.editAndSubmit") }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/edit"));
    await page.waitForLoadState("networkidle");
    await expect.poll(() => page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 2 }), { exact: true }).inputValue()).toBe("Montaj");
    await page.getByLabel(label(lng, "proposal-form:form.title"), { exact: true }).fill("Parka yeni çöp kutuları");
    await page.getByRole("button", { name: label(lng, "proposal-form:form.submit") }).click();
    await page.getByText(label(lng, "notices.submitted")).waitFor();
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    expect(heading).toMatch(/^#\d+ Parka yeni çöp kutuları$/);
    await page
      .locator(".phase-badge", { hasText: label(lng, "status.SUBMITTED") })
      .first()
      .waitFor();

    await page.getByLabel(label(lng, "withdraw.confirm")).check();
    await page.getByRole("button", { name: label(lng, "withdraw.submit") }).click();
    await page.getByText(label(lng, "notices.withdrawn")).waitFor();
    await page
      .locator(".phase-badge", { hasText: label(lng, "status.WITHDRAWN") })
      .first()
      .waitFor();
    expect(errors).toEqual([]);
  });
});

describe("a resident without JavaScript", () => {
  it("adds cost rows, sees server errors, submits, edits and withdraws", async () => {
    const { page } = await app.loggedIn("panel@wijkbudget.demo", { locale: "nl-BE", javaScriptEnabled: false });
    const lng = "nl";
    await openProposalForm(page, lng);

    await page.getByLabel(label(lng, "proposal-form:form.title"), { exact: true }).fill("Speelstraat in de zomer");
    await page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 1 }), { exact: true }).fill("Signalisatie");
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 1 })).fill("400");
    await page.getByRole("button", { name: label(lng, "proposal-form:form.addLine") }).click();
    await page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 2 }), { exact: true }).fill("Krijt en spelletjes");
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 2 })).fill("150");
    expect(await page.getByLabel(label(lng, "proposal-form:form.title"), { exact: true }).inputValue()).toBe("Speelstraat in de zomer");

    // Submitting without a summary: the server answers with the errors, and keeps what was typed.
    await page.getByRole("button", { name: label(lng, "proposal-form:form.submit") }).click();
    await page.getByText(translation(lng, "validation.summary")).waitFor();
    expect(await page.locator("#field-summary-error").textContent()).toBe(translation(lng, "validation.required"));
    expect(await page.getByLabel(label(lng, "proposal-form:form.lineLabel", { number: 2 }), { exact: true }).inputValue()).toBe("Krijt en spelletjes");

    await page.getByLabel(label(lng, "proposal-form:form.summary")).fill("Elke woensdag spelen op straat.");
    await page.getByLabel(label(lng, "proposal-form:form.description")).fill("De straat is dan autovrij, voor alle kinderen.");
    await page.getByLabel(label(lng, "proposal-form:form.category")).selectOption({ index: 1 });
    await page.getByLabel(label(lng, "proposal-form:form.locationText")).fill("Arsenaalstraat");
    await page.getByRole("button", { name: label(lng, "proposal-form:form.submit") }).click();
    await page.getByText(label(lng, "notices.submitted")).waitFor();
    await page.getByRole("cell", { name: /550/ }).first().waitFor();

    await page.getByRole("link", { name: label(lng, "detail.edit") }).click();
    await page.getByLabel(label(lng, "proposal-form:form.lineAmount", { number: 1 })).fill("450");
    await page.getByRole("button", { name: label(lng, "proposal-form:form.saveChanges") }).click();
    await page.getByText(label(lng, "notices.saved")).waitFor();
    await page.getByRole("cell", { name: /600/ }).first().waitFor();

    await page.getByRole("button", { name: label(lng, "withdraw.submit") }).click();
    await page.getByText(label(lng, "withdraw.confirmRequired")).waitFor();
    await page.getByLabel(label(lng, "withdraw.confirm")).check();
    await page.getByRole("button", { name: label(lng, "withdraw.submit") }).click();
    await page.getByText(label(lng, "notices.withdrawn")).waitFor();
  });
});

describe("a visitor in Turkish on the map of ideas", () => {
  it("sees a marker for each idea with a place, and opens one from its marker", async () => {
    const db = createPrismaClient(app.server.databaseUrl);
    const round = await aRound(db, { title: "Haritalı tur" });
    const author = await aUser(db);
    const located = await aProposal(db, { round, author, title: "Bankjes bij de kerk", latitude: 51.0257, longitude: 4.4776 });
    await aProposal(db, { round, author, title: "Twee bomen", latitude: 51.0262, longitude: 4.4781 });
    await aProposal(db, { round, author, title: "Een buurtkrant" });
    // Hidden by moderation: listed as hidden, never on the map.
    await aProposal(db, {
      round,
      author,
      title: "Verborgen plek",
      latitude: 51.0259,
      longitude: 4.4779,
      hiddenAt: new Date(),
      hiddenReason: "Persoonsgegevens",
    });
    await db.$disconnect();

    const { page, errors } = await app.page({ locale: "tr-TR" });
    await page.goto(`/rounds/${round.id}/map`);
    const markers = page.locator(".map path.proposal-marker");
    await markers.first().waitFor();
    expect(await markers.count()).toBe(2);
    // The list beside it holds all four, the one without a place said to be off the map.
    expect(await page.locator(".map-and-list li").count()).toBe(4);
    expect(await page.locator(".map-and-list").innerText()).not.toContain("Verborgen plek");

    await markers.nth(0).click({ force: true });
    const popupLink = page.locator(".leaflet-popup-content a");
    await popupLink.waitFor();
    const title = await popupLink.innerText();
    expect(["#1 Bankjes bij de kerk", "#2 Twee bomen"]).toContain(title);
    await popupLink.click();
    await page.waitForURL((url) => url.pathname.startsWith("/proposals/"));
    if (title.includes("Bankjes")) expect(new URL(page.url()).pathname).toBe(`/proposals/${located.id}`);
    // The proposal's own page shows its point on a small map. (Polled: the map of ideas, with its two markers,
    // can still be on screen when the address has changed, and the page's map is drawn after it hydrates.)
    await expect.poll(() => page.locator(".map path.proposal-marker").count(), { timeout: 15_000 }).toBe(1);
    expect(errors).toEqual([]);
  });
});
