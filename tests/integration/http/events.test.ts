// RSVPs through the built server: an answer without logging in, with somebody else's address, takes
// no place until the address's owner presses the button on the emailed link's page (opening the link
// changes nothing); a logged-in resident is signed up at once and mailed in their language.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { anEvent } from "../../support/builders";
import { testProviders } from "../../support/databases";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

/** The path of the RSVP link in a mail (its origin is the server's business, not this test's). */
const LINK_PATH = /\/events\/rsvp\/[a-z0-9]+/;

describe.each(testProviders())("events over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let eventId: string;
  let address = 0;

  const visitor = (locale = "nl") => new Visitor(server.baseUrl, { address: `10.8.0.${++address}`, acceptLanguage: locale });

  async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
    const person = visitor(locale);
    await person.logIn(email, DEMO_PASSWORD);
    return person;
  }

  async function attendeesCsv(staff: Visitor): Promise<string> {
    const response = await staff.get(`/staff/events/${eventId}/attendees.csv`);
    expect(response.status).toBe(200);
    return response.text();
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } });
    const staff = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const texts = { nl: { title: "Soepavond", description: "Soep voor de buren." }, tr: { title: "Çorba akşamı", description: "Komşulara çorba." } };
    eventId = (await anEvent(db, { neighbourhood, createdBy: staff, capacity: 5, texts })).id;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("gives an anonymous answer with a resident's address no place until the owner confirms with the button on the emailed link's page", async () => {
    const stranger = visitor();
    const answer = await stranger.post(`/events/${eventId}`, { intent: "rsvp", name: "Niet Elif", email: "elif@wijkbudget.demo" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/events/${eventId}?checkMail=1`);
    // The same answer for an address nobody uses: the page tells nothing about the address.
    const unknown = await stranger.post(`/events/${eventId}`, { intent: "rsvp", name: "Niemand", email: "niemand@example.org" });
    expect(unknown.headers.get("Location")).toBe(answer.headers.get("Location"));
    const shown = await shownHtml(await stranger.get(answer.headers.get("Location")!));
    expect(shown).toContain(asHtml(translation("nl", "events:notices.checkMail")));

    // Nobody is listed for staff, and Elif's own page still offers her the button.
    const staff = await loggedIn("staff@wijkbudget.demo");
    expect(await attendeesCsv(staff)).not.toContain("elif@wijkbudget.demo");
    expect(await shownHtml(await staff.get(`/staff/events/${eventId}`))).not.toContain("elif@wijkbudget.demo");
    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    const elifsPage = await shownHtml(await elif.get(`/events/${eventId}`));
    expect(elifsPage).toContain(asHtml(translation("tr", "events:rsvp.submit")));
    expect(elifsPage).not.toContain(asHtml(translation("tr", "events:rsvp.youAreComing")));

    // The mail goes to the address's owner, in the language of her account, with the link.
    const mails = await server.mailTo("elif@wijkbudget.demo", (mail) => LINK_PATH.test(mail.text));
    const mail = mails.find((message) => LINK_PATH.test(message.text))!;
    expect(mail).toMatchObject({ locale: "tr", subject: translated("tr", "events:email.confirm.subject", { title: "Çorba akşamı" }) });
    const link = mail.text.match(LINK_PATH)![0];

    // Opening the link (a mail scanner does too) confirms nothing.
    const scanner = visitor();
    const opened = await scanner.get(link);
    expect(opened.status).toBe(200);
    expect(await shownHtml(opened)).toContain(asHtml(translation("nl", "events:link.confirm")));
    expect(await attendeesCsv(staff)).not.toContain("elif@wijkbudget.demo");

    // The button does.
    const confirmed = await scanner.post(link, { intent: "confirm" });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(link);
    expect(await attendeesCsv(staff)).toMatch(/"Niet Elif","elif@wijkbudget\.demo","CONFIRMED"/);
    const after = await shownHtml(await scanner.get(link));
    expect(after).toContain(asHtml(translation("nl", "events:rsvp.cancel")));
    expect(after).not.toContain(asHtml(translation("nl", "events:link.confirm")));
    expect(await shownHtml(await elif.get(`/events/${eventId}`))).toContain(asHtml(translation("tr", "events:rsvp.youAreComing")));

    // A cancel link mailed before this change opens the same page; its button cancels.
    const token = link.split("/").at(-1)!;
    const old = await scanner.get(`/events/cancel/${token}`);
    expect(old.status).toBe(301);
    expect(old.headers.get("Location")).toBe(link);
    const cancelled = await scanner.post(link, { intent: "cancel" });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get("Location")).toBe(`/events/${eventId}?cancelledRsvp=1`);
    expect(await attendeesCsv(staff)).not.toContain("elif@wijkbudget.demo");
    const spent = await scanner.get(link);
    expect(spent.status).toBe(410);
    expect(await shownHtml(spent)).toContain(asHtml(translation("nl", "events:link.cancelled")));
  });

  it("signs a logged-in resident up at once and mails a confirmation in their language with a link to the event", async () => {
    const marie = await loggedIn("marie@wijkbudget.demo", "fr");
    const answer = await marie.post(`/events/${eventId}`, { intent: "rsvp" });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/events/${eventId}?confirmed=1`);
    const subject = translated("fr", "events:email.confirmed.subject", { title: "Soepavond" });
    const mails = await server.mailTo("marie@wijkbudget.demo", (mail) => mail.subject === subject);
    const mail = mails.find((message) => message.subject === subject);
    expect(mail?.locale).toBe("fr");
    expect(mail?.text).toMatch(new RegExp(`/events/${eventId}\\b`));
  });

  it("offers a visitor the waiting list of a full event, and after an answer shows what happens next instead of the form", async () => {
    const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } });
    const staffUser = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
    const full = await anEvent(db, {
      neighbourhood,
      createdBy: staffUser,
      capacity: 1,
      texts: { nl: { title: "Kleine rondleiding", description: "Eén plaats." } },
    });
    expect((await (await loggedIn("ivan@wijkbudget.demo")).post(`/events/${full.id}`, { intent: "rsvp" })).status).toBe(302);

    const stranger = visitor("en");
    const page = await shownHtml(await stranger.get(`/events/${full.id}`));
    expect(page).toContain(asHtml(translation("en", "events:rsvp.joinWaitingList")));
    expect(page).not.toContain(`>${asHtml(translation("en", "events:rsvp.submit"))}<`);

    const answer = await stranger.post(`/events/${full.id}`, { intent: "rsvp", name: "Jo Buur", email: "jo.waiting@example.org" });
    expect(answer.status).toBe(302);
    const after = await shownHtml(await stranger.get(answer.headers.get("Location")!));
    expect(after).toContain(asHtml(translation("en", "events:notices.checkMail")));
    expect(after).not.toContain('name="email"');
  });

  it("refuses an event whose start or end is missing with the field's message, not an error page", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const neighbourhood = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-arsenaal" } });
    const event = {
      intent: "save",
      neighbourhoodId: neighbourhood.id,
      originalLocale: "nl",
      "translations.nl.title": "Zaaifeest",
      "translations.nl.description": "Samen zaaien.",
      place: "Rolliersstraat",
      organiser: "Buurt",
    };
    for (const times of [
      { startsAt: "2027-03-01T14:00", endsAt: "" },
      { startsAt: "", endsAt: "2027-03-01T16:00" },
    ]) {
      const response = await staff.post("/staff/events/new", { ...event, ...times });
      expect(response.status, JSON.stringify(times)).toBe(400);
      expect(await shownHtml(response)).toContain(asHtml(translation("nl", "validation.required")));
    }
  });

  it("answers an unknown or malformed link with a clear page, not an error", async () => {
    const someone = visitor("en");
    for (const path of ["/events/rsvp/doesnotexist", `/events/rsvp/${"x".repeat(300)}`]) {
      const response = await someone.get(path);
      expect(response.status, path).toBe(410);
      expect(await shownHtml(response)).toContain(asHtml(translation("en", "events:link.invalid")));
    }
    const post = await someone.post("/events/rsvp/doesnotexist", { intent: "confirm" });
    expect(post.status).toBe(410);
    expect(await shownHtml(post)).toContain(asHtml(translation("en", "events:link.invalid")));
  });
});
