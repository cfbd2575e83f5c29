// Parklets through the built server: staff pages closed to residents, a crafted clashing plan
// refused with a readable message, a photo upload, the public page, the iCal feed and requests.
import { existsSync } from "node:fs";
import path from "node:path";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { addDays, cityToday } from "~/kernel/city-time";
import { formatDay } from "~/i18n/format";
import { asHtml, interpolated, shownHtml, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

const fill = interpolated;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

describe.each(testProviders())("parklets over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let neighbourhoodId: string;
  let address = 0;
  const today = cityToday();

  async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.6.0.${++address}`, acceptLanguage: locale });
    await visitor.logIn(email, DEMO_PASSWORD);
    return visitor;
  }

  /** Creates a parklet through the staff form (no photo) and returns its id. */
  async function createParklet(staff: Visitor, name: string): Promise<string> {
    const response = await staff.post("/staff/parklets/edit", {
      intent: "save",
      originalLocale: "nl",
      name,
      builtBy: "Leerlingen VTI Oostende",
      description: "Houten terras",
      "features.benches": "on",
      "features.plants": "on",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/staff/parklets?saved=1");
    return (await db.parklet.findFirstOrThrow({ where: { name } })).id;
  }

  const planFields = (parkletId: string, street: string, firstDay: string, lastDay: string) => ({
    intent: "plan",
    parkletId,
    neighbourhoodId,
    street,
    firstDay,
    lastDay,
  });

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    neighbourhoodId = (await db.neighbourhood.findUniqueOrThrow({ where: { slug: "oostende-westerkwartier" } })).id;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("closes every staff parklet page and form to residents, and sends visitors to log in", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const parkletId = await createParklet(staff, "Parklet Verboden");
    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    for (const path of [
      "/staff/parklets",
      "/staff/parklets/edit",
      `/staff/parklets/edit?id=${parkletId}`,
      "/staff/parklets/placements",
      "/staff/parklets/requests",
    ]) {
      expect((await elif.get(path)).status, `GET ${path}`).toBe(403);
    }
    const posts: [string, Record<string, string>][] = [
      ["/staff/parklets/edit", { intent: "save", originalLocale: "tr", name: "Benim parkletim", builtBy: "Ben" }],
      [`/staff/parklets/edit?id=${parkletId}`, { intent: "remove" }],
      ["/staff/parklets/placements", planFields(parkletId, "Gelijkheidstraat", addDays(today, 400), addDays(today, 401))],
      ["/staff/parklets/requests", { intent: "decline", requestId: "x", reason: "Hayır" }],
    ];
    for (const [path, fields] of posts) {
      expect((await elif.post(path, fields)).status, `POST ${path}`).toBe(403);
    }
    expect(await db.parkletPlacement.count({ where: { parkletId } })).toBe(0);
    expect(await db.parklet.count({ where: { name: "Benim parkletim" } })).toBe(0);

    const visitor = new Visitor(server.baseUrl, { address: "10.6.1.1" });
    const response = await visitor.get("/staff/parklets/placements");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/staff/parklets/placements")}`);
    expect((await visitor.get("/parklets/request")).headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/parklets/request")}`);
  });

  it("refuses a crafted clashing plan with a message naming the placement, in the staff member's language", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const parkletId = await createParklet(staff, "Parklet Botsing");
    const [first, last] = [addDays(today, 30), addDays(today, 40)];
    const planned = await staff.post("/staff/parklets/placements", planFields(parkletId, "Gelijkheidstraat", first, last));
    expect(planned.status).toBe(302);
    expect(planned.headers.get("Location")).toBe("/staff/parklets/placements?planned=1");

    // Starts on the day the first one ends: moving takes that day.
    const clash = await staff.post("/staff/parklets/placements", planFields(parkletId, "Duivenhokstraat", last, addDays(last, 5)));
    expect(clash.status).toBe(409);
    const message = fill(translation("nl", "parklets:errors.clash"), {
      parklet: "Parklet Botsing",
      street: "Gelijkheidstraat",
      firstDay: formatDay(first, "nl"),
      lastDay: formatDay(last, "nl"),
    });
    expect(await shownHtml(clash)).toContain(asHtml(message));
    expect(await db.parkletPlacement.count({ where: { parkletId } })).toBe(1);

    // A last day before the first is refused before it gets that far.
    const backwards = await staff.post("/staff/parklets/placements", planFields(parkletId, "Duivenhokstraat", addDays(last, 9), addDays(last, 3)));
    expect(backwards.status).toBe(400);
    expect(await shownHtml(backwards)).toContain(asHtml(translation("nl", "parklets:validation.dayOrder")));
    // The day after is fine.
    expect((await staff.post("/staff/parklets/placements", planFields(parkletId, "Duivenhokstraat", addDays(last, 1), addDays(last, 5)))).status).toBe(302);
  });

  it("edits a parklet through ?id=, and removes one that was never planned", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const parkletId = await createParklet(staff, "Parklet Oud");
    const form = await shownHtml(await staff.get(`/staff/parklets/edit?id=${parkletId}`));
    expect(form).toContain('value="Parklet Oud"');
    expect(form).toMatch(/id="field-feature-benches"[^>]*checked/);
    const edited = await staff.post(`/staff/parklets/edit?id=${parkletId}`, {
      intent: "save",
      originalLocale: "fr",
      name: "Parklet Nieuw",
      builtBy: "VTI",
      "features.table": "on",
    });
    expect(edited.status).toBe(302);
    expect(await db.parklet.findUniqueOrThrow({ where: { id: parkletId } })).toMatchObject({
      name: "Parklet Nieuw",
      originalLocale: "fr",
      features: '["table"]',
    });
    expect((await staff.get("/staff/parklets/edit?id=unknown")).status).toBe(404);
    expect((await staff.post(`/staff/parklets/edit?id=${parkletId}`, { intent: "remove" })).headers.get("Location")).toBe("/staff/parklets?removed=1");
    expect(await db.parklet.count({ where: { id: parkletId } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: parkletId } })).toBe(3);
  });

  it("takes a parklet photo checked by its content, with alt text", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const upload = (bytes: Uint8Array<ArrayBuffer>, photoAlt: string) =>
      staff.postMultipart(
        "/staff/parklets/edit",
        { intent: "save", originalLocale: "nl", name: "Parklet Foto", builtBy: "VTI", photoAlt },
        { photo: new File([bytes], "parklet.png", { type: "image/png" }) },
      );
    const noAlt = await upload(PNG, "");
    expect(noAlt.status).toBe(400);
    expect(await shownHtml(noAlt)).toContain(asHtml(translation("nl", "parklets:validation.altRequired")));
    const fake = await upload(new TextEncoder().encode("<html>geen foto</html>"), "Terras");
    expect(fake.status).toBe(400);
    expect(await shownHtml(fake)).toContain(asHtml(translation("nl", "parklets:photo.type-not-allowed")));
    expect((await upload(PNG, "Houten terras met banken")).status).toBe(302);
    const parklet = await db.parklet.findFirstOrThrow({ where: { name: "Parklet Foto" } });
    expect(parklet.photoAlt).toBe("Houten terras met banken");
    const name = parklet.photoFileName!;
    const served = await fetch(`${server.baseUrl}/uploads/${name}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    expect((await fetch(`${server.baseUrl}/uploads/${name}`, { method: "HEAD" })).status).toBe(200);
    // On PostgreSQL the photo lives in the database (every instance serves it), on SQLite in UPLOAD_DIR.
    const uploadDir = path.join(path.dirname(server.outboxDir), "uploads");
    const row = await db.upload.findUnique({ where: { name }, select: { contentType: true, size: true } });
    expect(row).toEqual(provider === "postgresql" ? { contentType: "image/png", size: PNG.byteLength } : null);
    expect(existsSync(path.join(uploadDir, name))).toBe(provider === "sqlite");
    // Removing the photo deletes the upload; an unknown name is a 404 to GET and HEAD alike.
    const removal = await staff.post(`/staff/parklets/edit?id=${parklet.id}`, {
      intent: "save",
      originalLocale: "nl",
      name: "Parklet Foto",
      builtBy: "VTI",
      removePhoto: "on",
    });
    expect(removal.status).toBe(302);
    for (const method of ["GET", "HEAD"]) expect((await fetch(`${server.baseUrl}/uploads/${name}`, { method })).status).toBe(404);
    expect(await db.upload.count({ where: { name } })).toBe(0);
    expect(existsSync(path.join(uploadDir, name))).toBe(false);
  });

  it("shows the public where-and-when page, a street search and an iCal feed", async () => {
    const staff = await loggedIn("staff@wijkbudget.demo");
    const parkletId = await createParklet(staff, "Parklet Publiek");
    const [first, last] = [addDays(today, 60), addDays(today, 64)];
    expect((await staff.post("/staff/parklets/placements", planFields(parkletId, "Prof. Jozef Vercoulliestraat", first, last))).status).toBe(302);

    const reader = new Visitor(server.baseUrl, { address: "10.6.2.1", acceptLanguage: "fr" });
    const page = await shownHtml(await reader.get("/parklets"));
    expect(page).toContain("Parklet Publiek");
    expect(page).toContain(
      asHtml(
        fill(translation("fr", "parklets:overview.nextAt"), {
          street: "Prof. Jozef Vercoulliestraat",
          neighbourhood: "Westerkwartier",
          firstDay: formatDay(first, "fr"),
          lastDay: formatDay(last, "fr"),
        }),
      ),
    );

    const search = await shownHtml(await reader.get(`/parklets?street=${encodeURIComponent("vercoulliéstraat")}`));
    expect(search).toContain(asHtml(fill(translation("fr", "parklets:street.results"), { street: "vercoulliéstraat" })));
    expect(await shownHtml(await reader.get("/parklets?street=Nergensstraat"))).toContain(
      asHtml(fill(translation("fr", "parklets:street.none"), { street: "Nergensstraat" })),
    );

    const feed = await reader.get("/parklets/calendar.ics");
    expect(feed.status).toBe(200);
    expect(feed.headers.get("Content-Type")).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await shownHtml(feed)));
    const event = calendar
      .getAllSubcomponents("vevent")
      .map((component) => new ICAL.Event(component))
      .find((candidate) => candidate.summary.includes("Parklet Publiek"))!;
    expect(event.summary).toBe(fill(translation("fr", "parklets:calendar.summary"), { parklet: "Parklet Publiek", street: "Prof. Jozef Vercoulliestraat" }));
    expect(event.startDate.toString()).toBe(first);
    expect(event.endDate.toString()).toBe(addDays(last, 1));
  });

  it("lets a resident ask for a parklet, and staff decline it with an email in the resident's language", async () => {
    const elif = await loggedIn("elif@wijkbudget.demo", "tr");
    const request = {
      neighbourhoodId,
      street: "Duivenhokstraat",
      wishedFrom: addDays(today, 20),
      wishedUntil: addDays(today, 27),
      reason: "Çocuklar için",
      supporters: "12",
    };
    const tooMany = await elif.post("/parklets/request", { ...request, supporters: "9999" });
    expect(tooMany.status).toBe(400);
    expect(await shownHtml(tooMany)).toContain(asHtml(translation("tr", "parklets:validation.supporters")));
    const sent = await elif.post("/parklets/request", request);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe("/parklets/request?sent=1");
    expect(await shownHtml(await elif.get("/parklets/request?sent=1"))).toContain(asHtml(translation("tr", "parklets:request.sent")));
    const stored = await db.parkletRequest.findFirstOrThrow({ where: { street: "Duivenhokstraat", reason: "Çocuklar için" } });
    expect(stored.supporters).toBe(12);

    const staff = await loggedIn("staff@wijkbudget.demo");
    expect(await shownHtml(await staff.get("/staff/parklets/requests"))).toContain("Çocuklar için");
    const declined = await staff.post("/staff/parklets/requests", { intent: "decline", requestId: stored.id, reason: "Geen plaats op het voetpad." });
    expect(declined.status).toBe(302);
    const [mail] = await server.mailTo("elif@wijkbudget.demo");
    expect(mail?.locale).toBe("tr");
    expect(mail?.subject).toBe(fill(translation("tr", "parklets:email.declined.subject"), { street: "Duivenhokstraat" }));
    expect(mail?.text).toContain("Geen plaats op het voetpad.");
  });
});
