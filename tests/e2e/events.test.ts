// RSVP and the waiting list in Chromium: a resident reading Bulgarian takes the last place, another
// joins the waiting list, the first cancels and the second moves up; a visitor's answer counts only
// once confirmed through the emailed link.
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { browserTests } from "../support/browser";
import { anEvent } from "../support/builders";
import { translated, translation } from "../support/locales";

const app = browserTests();
let eventId: string;

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } });
  const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
  const texts = { nl: { title: "Soepavond", description: "Soep voor de buren." }, bg: { title: "Вечер на супата", description: "Супа за съседите." } };
  eventId = (await anEvent(db, { neighbourhood, createdBy: staff, capacity: 1, texts })).id;
  await db.$disconnect();
});

describe("RSVP with a waiting list", () => {
  it("confirms, fills up, queues, cancels and moves the next one up", async () => {
    const { page: ivan, errors } = await app.loggedIn("ivan@wijkbudget.demo", { locale: "bg" });
    await ivan.goto(`/events/${eventId}`);
    await ivan.waitForFunction(() => document.documentElement.lang === "bg");
    await ivan.getByRole("heading", { level: 1, name: "Вечер на супата" }).waitFor();
    await ivan.getByRole("button", { name: translation("bg", "events:rsvp.submit") }).click();
    await ivan.getByText(translation("bg", "events:notices.confirmed"), { exact: true }).waitFor();
    await ivan.getByText(translation("bg", "events:full")).waitFor();

    const { page: marie } = await app.loggedIn("marie@wijkbudget.demo", { locale: "fr" });
    await marie.goto(`/events/${eventId}`);
    await marie.getByRole("button", { name: translation("fr", "events:rsvp.joinWaitingList") }).click();
    await marie.getByText(translation("fr", "events:notices.waiting"), { exact: true }).waitFor();
    await marie.getByText(translated("fr", "events:rsvp.youAreWaiting", { position: "1" })).waitFor();

    await ivan.getByRole("button", { name: translation("bg", "events:rsvp.cancel") }).click();
    await ivan.getByText(translation("bg", "events:notices.cancelledRsvp"), { exact: true }).waitFor();

    await marie.reload();
    await marie.getByText(translation("fr", "events:rsvp.youAreComing")).waitFor();
    const promoted = translated("fr", "notifications:email.eventPromoted.subject", { title: "Soepavond" });
    const mails = await app.server.mailTo("marie@wijkbudget.demo", (mail) => mail.subject === promoted);
    // First the waiting-list mail of her own answer, then the notification saying she moved up (decision 0038).
    expect(mails.map((mail) => mail.subject)).toEqual([translated("fr", "events:email.waiting.subject", { title: "Soepavond" }), promoted]);
    expect(errors).toEqual([]);
  });

  it("takes a visitor's answer only once confirmed through the emailed link, and then on the waiting list", async () => {
    const { page, errors } = await app.page({ locale: "en" });
    await page.goto(`/events/${eventId}`);
    await page.getByLabel(translation("en", "events:rsvp.name")).fill("Jo Buur");
    await page.getByLabel(translation("en", "events:rsvp.email")).fill("jo@example.org");
    // Marie holds the only place: the visitor is offered the waiting list, as a resident is.
    await page.getByRole("button", { name: translation("en", "events:rsvp.joinWaitingList") }).click();
    await page.getByText(translation("en", "events:notices.checkMail"), { exact: true }).waitFor();
    // What happens next replaces the form.
    await expect(page.getByLabel(translation("en", "events:rsvp.email")).count()).resolves.toBe(0);

    const mails = await app.server.mailTo("jo@example.org", (mail) => /\/events\/rsvp\//.test(mail.text));
    const link = mails.map((mail) => mail.text.match(/\/events\/rsvp\/[a-z0-9]+/)?.[0]).find(Boolean)!;
    await page.goto(link);
    await page.getByRole("button", { name: translation("en", "events:link.confirm") }).click();
    // Marie holds the only place: the visitor waits, first in line.
    // The title, the date and the place number are interpolated values, each isolated (FSI…PDI).
    await page.getByText(/“\u2068Soepavond\u2069” on \u2068.*\u2069 is full: you are on the waiting list, in place \u20681\u2069\./).waitFor();
    await page.getByRole("button", { name: translation("en", "events:rsvp.cancel") }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
