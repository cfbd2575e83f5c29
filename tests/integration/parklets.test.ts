// Parklets on SQLite and PostgreSQL: the catalogue, planning with the overlap rule (also under
// concurrent plans), requests turned into placements or declined with an email in the requester's
// language, what the public page shows, and the iCal feed read back by ical.js.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { readOutbox } from "~/mail/mailer.server";
import { parkletCalendar } from "~/parklets/calendar.server";
import { DEMO_PARKLET_NAMES, seedParklets } from "~/parklets/demo.server";
import { findClash } from "~/parklets/schedule";
import {
  cancelPlacement,
  createParklet,
  declineRequest,
  fileRequest,
  listOpenRequests,
  markPlacementDone,
  parkletOverview,
  placementsInStreet,
  planFromRequest,
  planPlacement,
  removeParklet,
  updateParklet,
} from "~/parklets/parklets.server";
import { parkletSchema, type PlacementInput } from "~/parklets/schema";
import { addDays, cityToday } from "~/kernel/city-time";
import { formatDay } from "~/i18n/format";
import { aNeighbourhood, usersNamed } from "../support/builders";
import { isolate } from "~/kernel/text";
import { interpolated, translation } from "../support/locales";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { deliverQueuedMail } from "../support/mail";

// Oostende Westerkwartier, roughly ([longitude, latitude]).
const BOUNDARY = JSON.stringify({
  type: "Polygon",
  coordinates: [
    [
      [2.8985, 51.2305],
      [2.9105, 51.229],
      [2.912, 51.2225],
      [2.901, 51.2215],
      [2.896, 51.226],
      [2.8985, 51.2305],
    ],
  ],
});
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const BASE_URL = "https://wijkbudget.test";

const fill = interpolated;

describe.each(testProviders())("parklets on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let uploads: string;
  let neighbourhoodId: string;
  let people: Record<"staff" | "elif" | "ivan" | "noLocale", SessionUser>;

  async function newParklet(name: string) {
    const result = await createParklet(
      db,
      people.staff,
      parkletSchema.parse({ intent: "save", originalLocale: "nl", name, builtBy: "Leerlingen VTI Oostende", features: { benches: "on", plants: "on" } }),
      null,
    );
    if (!result.ok) throw new Error("parklet not created");
    return result.id;
  }

  const plan = (parkletId: string, firstDay: string, lastDay: string, street = "Gelijkheidstraat"): PlacementInput => ({
    parkletId,
    neighbourhoodId,
    street,
    latitude: null,
    longitude: null,
    firstDay,
    lastDay,
  });

  async function mailsTo(email: string) {
    await deliverQueuedMail(db);
    return (await readOutbox()).filter((message) => message.to === email);
  }

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    uploads = await mkdtemp(path.join(os.tmpdir(), "wb-uploads-"));
    process.env.OUTBOX_DIR = outbox;
    process.env.UPLOAD_DIR = uploads;
    people = await usersNamed(db, { staff: { role: "STAFF" }, elif: { locale: "tr" }, ivan: { locale: "bg" }, noLocale: { locale: null } });
    neighbourhoodId = (await aNeighbourhood(db, { name: "Westerkwartier", city: "Oostende", boundary: BOUNDARY })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
    await rm(uploads, { recursive: true, force: true });
  });

  describe("the catalogue", () => {
    it("keeps name, builder, features and a photo with its alt text, audit-logged", async () => {
      const input = parkletSchema.parse({
        intent: "save",
        originalLocale: "nl",
        name: "De Zeemeeuw",
        description: "Houten terras met twee banken.",
        builtBy: "Leerlingen VTI Oostende",
        features: { benches: "on", "bike-rack": "on" },
        photoAlt: "",
      });
      expect(await createParklet(db, people.staff, input, PNG)).toMatchObject({
        ok: false,
        status: 400,
        errors: { photoAlt: "parklets:validation.altRequired" },
      });
      const fake = new TextEncoder().encode("<html>not a photo</html>");
      expect(await createParklet(db, people.staff, { ...input, photoAlt: "Terras" }, fake)).toMatchObject({
        ok: false,
        errors: { photo: "parklets:photo.type-not-allowed" },
      });
      const created = await createParklet(db, people.staff, { ...input, photoAlt: "Houten terras met banken" }, PNG);
      expect(created.ok).toBe(true);
      const id = created.ok ? created.id : "";
      const row = await db.parklet.findUniqueOrThrow({ where: { id } });
      expect(JSON.parse(row.features)).toEqual(["benches", "bike-rack"]);
      expect(row.photoFileName).toMatch(/\.png$/);
      expect(row.photoAlt).toBe("Houten terras met banken");

      // Keeping the photo still needs its alt text; removing it clears both.
      expect(await updateParklet(db, people.staff, id, { ...input, photoAlt: "" }, null)).toMatchObject({
        ok: false,
        errors: { photoAlt: "parklets:validation.altRequired" },
      });
      expect(await updateParklet(db, people.staff, id, { ...input, name: "De Meeuw", removePhoto: true }, null)).toMatchObject({ ok: true });
      const updated = await db.parklet.findUniqueOrThrow({ where: { id } });
      expect([updated.name, updated.photoFileName, updated.photoAlt]).toEqual(["De Meeuw", null, ""]);

      const actions = (await db.auditLog.findMany({ where: { entityType: "Parklet", entityId: id }, orderBy: { at: "asc" } })).map((entry) => entry.action);
      expect(actions).toEqual(["parklet.create", "parklet.update"]);
      expect(await removeParklet(db, people.staff, id)).toMatchObject({ ok: true });
    });

    it("keeps a parklet that was ever placed", async () => {
      const id = await newParklet("Blijft");
      expect(await planPlacement(db, people.staff, plan(id, "2030-01-01", "2030-01-02"))).toMatchObject({ ok: true });
      expect(await removeParklet(db, people.staff, id)).toMatchObject({ ok: false, status: 409, formError: "parklets:errors.parkletInUse" });
    });
  });

  describe("planning", () => {
    let parkletId: string;

    beforeAll(async () => {
      parkletId = await newParklet("Parklet Noord");
    });

    it("refuses overlapping days with a message naming the placement, its street and dates", async () => {
      const first = await planPlacement(db, people.staff, plan(parkletId, "2031-07-01", "2031-07-10", "Gelijkheidstraat"));
      expect(first).toMatchObject({ ok: true });
      const clash = await planPlacement(db, people.staff, plan(parkletId, "2031-07-10", "2031-07-20", "Duivenhokstraat"), "fr");
      expect(clash).toEqual({
        ok: false,
        status: 409,
        formError: "parklets:errors.clash",
        formErrorValues: {
          parklet: "Parklet Noord",
          street: "Gelijkheidstraat",
          firstDay: formatDay("2031-07-01", "fr"),
          lastDay: formatDay("2031-07-10", "fr"),
        },
      });
      // The message reads as a sentence in the staff member's language.
      const message = fill(translation("fr", "parklets:errors.clash"), clash.ok ? {} : clash.formErrorValues!);
      expect(message).toContain("Gelijkheidstraat");
      expect(message).toContain("10 juillet 2031");
      // The day after is fine: moving takes that day.
      expect(await planPlacement(db, people.staff, plan(parkletId, "2031-07-11", "2031-07-20", "Duivenhokstraat"))).toMatchObject({ ok: true });
      expect(await db.parkletPlacement.count({ where: { parkletId, status: "PLANNED" } })).toBe(2);
      expect(await db.auditLog.count({ where: { action: "parklet.plan", actorId: people.staff.id } })).toBeGreaterThanOrEqual(2);
    });

    it("is for staff only, also when called directly", async () => {
      expect(await planPlacement(db, people.elif, plan(parkletId, "2031-08-01", "2031-08-02"))).toMatchObject({
        ok: false,
        status: 403,
        formError: "parklets:errors.forbidden",
      });
      expect(await removeParklet(db, people.ivan, parkletId)).toMatchObject({ ok: false, status: 403 });
      expect(await db.parkletPlacement.count({ where: { parkletId, firstDay: "2031-08-01" } })).toBe(0);
    });

    it("refuses a last day before the first, an unknown parklet, and a point outside the neighbourhood", async () => {
      expect(await planPlacement(db, people.staff, plan(parkletId, "2031-09-10", "2031-09-01"))).toMatchObject({
        ok: false,
        errors: { lastDay: "parklets:validation.dayOrder" },
      });
      expect(await planPlacement(db, people.staff, plan("nope", "2031-09-01", "2031-09-02"))).toMatchObject({
        ok: false,
        errors: { parkletId: "validation.choice" },
      });
      expect(await planPlacement(db, people.staff, { ...plan(parkletId, "2031-09-01", "2031-09-02"), latitude: 51.0, longitude: 4.4 })).toMatchObject({
        ok: false,
        errors: { latitude: "parklets:validation.pointOutside" },
      });
      expect(await planPlacement(db, people.staff, { ...plan(parkletId, "2031-09-01", "2031-09-02"), latitude: 51.226, longitude: 2.905 })).toMatchObject({
        ok: true,
      });
    });

    it("frees the days of a cancelled or done placement; cancelling needs a reason", async () => {
      const planned = await planPlacement(db, people.staff, plan(parkletId, "2031-10-01", "2031-10-05"));
      const id = planned.ok ? planned.id : "";
      expect(await cancelPlacement(db, people.staff, id, "  ")).toMatchObject({ ok: false, errors: { reason: "parklets:validation.reasonRequired" } });
      expect(await cancelPlacement(db, people.staff, id, "Wegenwerken in de straat")).toMatchObject({ ok: true });
      expect(await cancelPlacement(db, people.staff, id, "nog eens")).toMatchObject({ ok: false, status: 409, formError: "parklets:errors.notPlanned" });
      expect(await markPlacementDone(db, people.staff, id)).toMatchObject({ ok: false, status: 409 });
      const again = await planPlacement(db, people.staff, plan(parkletId, "2031-10-03", "2031-10-04"));
      expect(again).toMatchObject({ ok: true });
      expect(await markPlacementDone(db, people.staff, again.ok ? again.id : "")).toMatchObject({ ok: true });
      expect(await planPlacement(db, people.staff, plan(parkletId, "2031-10-04", "2031-10-06"))).toMatchObject({ ok: true });
      expect(await markPlacementDone(db, people.staff, "unknown")).toMatchObject({ ok: false, status: 404 });
      const audit = await db.auditLog.findMany({ where: { entityType: "ParkletPlacement", entityId: id } });
      expect(audit.map((entry) => entry.action).sort()).toEqual(["parklet.cancel", "parklet.plan"]);
      expect(JSON.parse(audit.find((entry) => entry.action === "parklet.cancel")!.details)).toMatchObject({ reason: "Wegenwerken in de straat" });
    });

    it("lets exactly one of 20 concurrent plans of overlapping days succeed", async () => {
      const id = await newParklet("Parklet Race");
      const before = (await db.parklet.findUniqueOrThrow({ where: { id } })).scheduleVersion;
      // Every span holds 2032-05-20, so any two of them overlap.
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          planPlacement(db, people.staff, plan(id, addDays("2032-05-20", -index), addDays("2032-05-20", index % 3), `Straat ${index}`)),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const refused = results.filter((result) => !result.ok);
      expect(refused).toHaveLength(19);
      expect(refused.every((result) => !result.ok && result.status === 409 && result.formError === "parklets:errors.clash")).toBe(true);
      expect(await db.parkletPlacement.count({ where: { parkletId: id } })).toBe(1);
      // Refused plans rolled back: only the winner bumped the version.
      expect((await db.parklet.findUniqueOrThrow({ where: { id } })).scheduleVersion).toBe(before + 1);
    });

    it("lets concurrent plans of separate days all succeed", async () => {
      const id = await newParklet("Parklet Reeks");
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, index) =>
          planPlacement(db, people.staff, plan(id, addDays("2033-01-01", index * 3), addDays("2033-01-01", index * 3 + 1))),
        ),
      );
      expect(results.every((result) => result.ok)).toBe(true);
      expect(await db.parkletPlacement.count({ where: { parkletId: id, status: "PLANNED" } })).toBe(10);
    });
  });

  describe("requests", () => {
    let parkletId: string;

    beforeAll(async () => {
      parkletId = await newParklet("Parklet Zuid");
    });

    const request = (overrides: Partial<Parameters<typeof fileRequest>[2]> = {}) => ({
      neighbourhoodId,
      street: "Prof. Jozef Vercoulliestraat",
      wishedFrom: "2034-06-01",
      wishedUntil: "2034-06-14",
      reason: "Veel kinderen en geen bank in de straat.",
      supporters: 23,
      ...overrides,
    });

    it("are refused for past days or an unknown neighbourhood", async () => {
      expect(await fileRequest(db, people.elif, request({ wishedFrom: "2020-01-01", wishedUntil: "2020-01-02" }))).toMatchObject({
        ok: false,
        errors: { wishedFrom: "parklets:validation.dayPast" },
      });
      expect(await fileRequest(db, people.elif, request({ neighbourhoodId: "nope" }))).toMatchObject({
        ok: false,
        errors: { neighbourhoodId: "validation.choice" },
      });
    });

    it("never block days, become placements, and the requester is told in Turkish", async () => {
      const filed = await fileRequest(db, people.elif, request());
      expect(filed.ok).toBe(true);
      const requestId = filed.ok ? filed.id : "";
      // Another request for the same days does not stand in the way of a placement.
      await fileRequest(db, people.ivan, request({ street: "Duivenhokstraat" }));
      expect(await planPlacement(db, people.staff, plan(parkletId, "2034-06-01", "2034-06-03", "Torhoutsesteenweg"))).toMatchObject({ ok: true });
      expect((await listOpenRequests(db)).map((open) => open.id)).toContain(requestId);

      // The wished days clash with that placement: refused, and the request stays open.
      const clash = await planFromRequest(db, people.staff, requestId, { parkletId, firstDay: "2034-06-01", lastDay: "2034-06-14" }, { baseUrl: BASE_URL });
      expect(clash).toMatchObject({ ok: false, status: 409, formError: "parklets:errors.clash", formErrorValues: { street: "Torhoutsesteenweg" } });
      expect((await db.parkletRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("OPEN");

      const planned = await planFromRequest(db, people.staff, requestId, { parkletId, firstDay: "2034-06-04", lastDay: "2034-06-14" }, { baseUrl: BASE_URL });
      expect(planned.ok).toBe(true);
      const stored = await db.parkletRequest.findUniqueOrThrow({ where: { id: requestId }, include: { placement: true } });
      expect(stored.status).toBe("PLANNED");
      expect(stored.placement).toMatchObject({
        parkletId,
        street: "Prof. Jozef Vercoulliestraat",
        firstDay: "2034-06-04",
        lastDay: "2034-06-14",
        status: "PLANNED",
        neighbourhoodId,
      });
      expect(
        await db.auditLog.count({ where: { entityType: "ParkletRequest", entityId: requestId, action: "parklet.request-plan", actorId: people.staff.id } }),
      ).toBe(1);

      const [mail] = await mailsTo("elif@example.org");
      expect(mail?.locale).toBe("tr");
      expect(mail?.subject).toBe(fill(translation("tr", "parklets:email.planned.subject"), { street: "Prof. Jozef Vercoulliestraat" }));
      expect(mail?.text).toContain("Parklet Zuid");
      expect(mail?.text).toContain(formatDay("2034-06-04", "tr"));
      expect(mail?.text).toContain(`${BASE_URL}/parklets?street=Prof.%20Jozef%20Vercoulliestraat`);

      // Answered once only.
      expect(
        await planFromRequest(db, people.staff, requestId, { parkletId, firstDay: "2034-07-01", lastDay: "2034-07-02" }, { baseUrl: BASE_URL }),
      ).toMatchObject({
        ok: false,
        status: 409,
        formError: "parklets:errors.requestAnswered",
      });
      expect(await declineRequest(db, people.staff, requestId, "Te laat", { baseUrl: BASE_URL })).toMatchObject({ ok: false, status: 409 });

      // Cancelling the placement puts the request back in the queue.
      expect(await cancelPlacement(db, people.staff, stored.placementId!, "Straat opgebroken")).toMatchObject({ ok: true });
      expect(await db.parkletRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "OPEN", placementId: null });
    });

    it("are declined with a reason the requester reads in Bulgarian, or in Dutch without a saved language", async () => {
      const filed = await fileRequest(db, people.ivan, request({ street: "Gelijkheidstraat" }));
      const requestId = filed.ok ? filed.id : "";
      expect(await declineRequest(db, people.staff, requestId, " ", { baseUrl: BASE_URL })).toMatchObject({
        ok: false,
        errors: { reason: "parklets:validation.reasonRequired" },
      });
      expect(await declineRequest(db, people.staff, requestId, "Deze zomer zijn alle parklets volgeboekt.", { baseUrl: BASE_URL })).toMatchObject({ ok: true });
      expect(await db.parkletRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
        status: "DECLINED",
        declineReason: "Deze zomer zijn alle parklets volgeboekt.",
      });
      expect(await db.auditLog.count({ where: { entityId: requestId, action: "parklet.request-decline" } })).toBe(1);
      const mail = (await mailsTo("ivan@example.org")).at(-1)!;
      expect(mail.locale).toBe("bg");
      expect(mail.subject).toBe(fill(translation("bg", "parklets:email.declined.subject"), { street: "Gelijkheidstraat" }));
      expect(mail.text).toContain("Deze zomer zijn alle parklets volgeboekt.");
      expect(mail.text).toMatch(/\p{Script=Cyrillic}/u);

      const other = await fileRequest(db, people.noLocale, request({ street: "Kaaistraat" }));
      await declineRequest(db, people.staff, other.ok ? other.id : "", "Geen plaats op het voetpad.", { baseUrl: BASE_URL });
      const dutch = (await mailsTo("noLocale@example.org")).at(-1);
      expect(dutch?.locale).toBe("nl");
      expect(dutch?.subject).toBe(fill(translation("nl", "parklets:email.declined.subject"), { street: "Kaaistraat" }));
    });
  });

  it("seeds Oostende's three demo parklets once, following the schedule rule", async () => {
    const today = cityToday();
    expect(await seedParklets(db, { neighbourhoodId, requesterId: people.ivan.id })).toBe(3);
    expect(await seedParklets(db, { neighbourhoodId, requesterId: people.ivan.id })).toBe(0);
    const parklets = await db.parklet.findMany({ where: { name: { in: DEMO_PARKLET_NAMES } }, include: { placements: true } });
    expect(parklets).toHaveLength(3);
    for (const parklet of parklets) {
      for (const placement of parklet.placements) {
        expect(
          findClash(
            placement,
            parklet.placements.filter((other) => other.id !== placement.id),
          ),
        ).toBeNull();
      }
    }
    const overview = (await parkletOverview(db, today)).filter((parklet) => DEMO_PARKLET_NAMES.includes(parklet.name));
    expect(overview.find((parklet) => parklet.name === "De Strandloper")?.now?.street).toBe("Prof. Jozef Vercoulliestraat");
    expect(overview.every((parklet) => parklet.next !== null)).toBe(true);
    expect(await db.parkletRequest.count({ where: { userId: people.ivan.id, street: "Duivenhokstraat", status: "OPEN" } })).toBeGreaterThanOrEqual(1);
  });

  describe("what the public sees", () => {
    let parkletId: string;
    let cancelledId: string;

    beforeAll(async () => {
      parkletId = await newParklet("Parklet Oost");
      await planPlacement(db, people.staff, plan(parkletId, "2035-04-01", "2035-04-10", "Gelijkheidstraat"));
      await planPlacement(db, people.staff, plan(parkletId, "2035-04-20", "2035-04-30", "Prof. Jozef Vercoulliestraat"));
      const cancelled = await planPlacement(db, people.staff, plan(parkletId, "2035-05-10", "2035-05-12", "Duivenhokstraat"));
      cancelledId = cancelled.ok ? cancelled.id : "";
      await cancelPlacement(db, people.staff, cancelledId, "Regen");
    });

    it("shows where each parklet is today and where it goes next", async () => {
      const onDay = async (today: string) => (await parkletOverview(db, today)).find((parklet) => parklet.id === parkletId)!;
      const during = await onDay("2035-04-10");
      expect(during.now?.street).toBe("Gelijkheidstraat");
      expect(during.next?.street).toBe("Prof. Jozef Vercoulliestraat");
      expect(during.features).toEqual(["benches", "plants"]);
      const between = await onDay("2035-04-11");
      expect(between.now).toBeNull();
      expect(between.next?.firstDay).toBe("2035-04-20");
      const after = await onDay("2035-05-01");
      expect([after.now, after.next]).toEqual([null, null]);
    });

    it("finds a street ignoring case and accents", async () => {
      const found = await placementsInStreet(db, "VERCOULLIESTRAAT", "2035-04-01");
      expect(found.map((placement) => [placement.parklet.name, placement.firstDay])).toEqual([["Parklet Oost", "2035-04-20"]]);
      expect(await placementsInStreet(db, "duivenhok", "2035-04-01")).toEqual([]);
    });

    it("publishes planned and done placements as all-day events in an iCal feed", async () => {
      const text = (await parkletCalendar(db, "nl")).toString();
      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents("vevent").map((component) => new ICAL.Event(component));
      const expected = await db.parkletPlacement.count({ where: { status: { in: ["PLANNED", "DONE"] } } });
      expect(events).toHaveLength(expected);
      expect(events.some((event) => event.uid.includes(cancelledId))).toBe(false);

      const april = events.find((event) => event.location.includes("Gelijkheidstraat") && event.summary.includes("Parklet Oost"))!;
      expect(april.summary).toBe(fill(translation("nl", "parklets:calendar.summary"), { parklet: "Parklet Oost", street: "Gelijkheidstraat" }));
      expect(april.startDate.isDate).toBe(true);
      expect(april.startDate.toString()).toBe("2035-04-01");
      // DTEND of an all-day event is the day after the last day.
      expect(april.endDate.isDate).toBe(true);
      expect(april.endDate.toString()).toBe("2035-04-11");
      // The names people typed are isolated (FSI…PDI), like the values t() interpolates.
      expect(april.location).toBe(`${isolate("Gelijkheidstraat")}, ${isolate("Westerkwartier")} (${isolate("Oostende")})`);
    });
  });
});
