// Neighbourhoods over HTTP, the way a browser without JavaScript sends them: admins create (pasting or
// uploading the boundary), edit, archive and delete; staff read, and every write of theirs is refused
// with 403 before anything changes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { testProviders } from "../../support/databases";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const NEKKERSPOEL = JSON.stringify({
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
});

const form = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  name: "Nekkerspoel",
  city: "Mechelen",
  slug: "mechelen-nekkerspoel",
  "names.fr": "Nekkerspoel (FR)",
  boundary: NEKKERSPOEL,
  ...overrides,
});

describe.each(testProviders())("neighbourhoods over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let admin: Visitor;
  let staff: Visitor;

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    // The admin reads French (a saved choice wins over the browser's languages).
    await db.user.update({ where: { email: "admin@wijkbudget.demo" }, data: { locale: "fr" } });
    admin = new Visitor(server.baseUrl, { address: "10.0.1.1", acceptLanguage: "fr" });
    await admin.logIn("admin@wijkbudget.demo", DEMO_PASSWORD);
    staff = new Visitor(server.baseUrl, { address: "10.0.1.2", acceptLanguage: "fr" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it("staff (not admin) get 403 on every neighbourhood write, and nothing changes", async () => {
    const existing = await db.neighbourhood.findFirstOrThrow({ where: { rounds: { none: {} } } });
    const before = { neighbourhoods: await db.neighbourhood.findMany({ orderBy: { id: "asc" } }), audit: await db.auditLog.count() };
    const writes: [string, Record<string, string>][] = [
      ["/staff/neighbourhoods/new", form({ slug: "door-staff" })],
      [`/staff/neighbourhoods/${existing.id}`, form({ slug: existing.slug, name: "Door staff" })],
      [`/staff/neighbourhoods/${existing.id}`, { intent: "archive" }],
      [`/staff/neighbourhoods/${existing.id}`, { intent: "restore" }],
      [`/staff/neighbourhoods/${existing.id}`, { intent: "delete" }],
    ];
    // The boundary upload: a GeoJSON file with the form, as a browser without JavaScript sends it.
    const boundaryFile = () => new File([NEKKERSPOEL], "nekkerspoel.geojson", { type: "application/geo+json" });
    for (const [path, fields] of writes) {
      expect((await staff.post(path, fields)).status, `POST ${path} (${fields.intent})`).toBe(403);
      expect((await staff.postMultipart(path, fields, {})).status, `POST multipart ${path} (${fields.intent})`).toBe(403);
      expect(
        (await staff.postMultipart(path, { ...fields, boundary: "" }, { boundaryFile: boundaryFile() })).status,
        `upload to ${path} (${fields.intent})`,
      ).toBe(403);
    }
    expect((await staff.get("/staff/neighbourhoods/new")).status).toBe(403);
    // Staff may read.
    expect((await staff.get("/staff/neighbourhoods")).status).toBe(200);
    expect((await staff.get(`/staff/neighbourhoods/${existing.id}`)).status).toBe(200);
    expect(await db.neighbourhood.findMany({ orderBy: { id: "asc" } })).toEqual(before.neighbourhoods);
    expect(await db.auditLog.count()).toBe(before.audit);
  });

  it("an admin creates a neighbourhood from an uploaded GeoJSON file, audited", async () => {
    const { boundary, ...fields } = form();
    const response = await admin.postMultipart(
      "/staff/neighbourhoods/new",
      { ...fields, boundary: "" },
      {
        boundaryFile: new File([boundary], "nekkerspoel.geojson", { type: "application/geo+json" }),
      },
    );
    expect(response.status).toBe(302);
    const created = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-nekkerspoel" } });
    expect(response.headers.get("Location")).toBe(`/staff/neighbourhoods/${created.id}?saved=1`);
    expect(created).toMatchObject({ name: "Nekkerspoel", city: "Mechelen", names: JSON.stringify({ fr: "Nekkerspoel (FR)" }), archivedAt: null });
    // Stored as the bare polygon every page reads.
    expect(JSON.parse(created.boundary)).toEqual({ type: "Polygon", coordinates: [JSON.parse(boundary).geometry.coordinates[0]] });
    expect(await db.auditLog.findMany({ where: { entityId: created.id } })).toEqual([
      expect.objectContaining({ action: "neighbourhood.create", entityType: "Neighbourhood" }),
    ]);
  });

  it("an admin edits a neighbourhood's names and uploads a new boundary, audited with what changed", async () => {
    const created = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-nekkerspoel" } });
    const moved = JSON.stringify({
      type: "Polygon",
      coordinates: [
        [
          [4.49, 51.03],
          [4.51, 51.03],
          [4.51, 51.04],
          [4.49, 51.04],
          [4.49, 51.03],
        ],
      ],
    });
    const response = await admin.postMultipart(
      `/staff/neighbourhoods/${created.id}`,
      { ...form({ name: "Nekkerspoel-Oost", "names.tr": "Nekkerspoel Doğu" }), boundary: "" },
      { boundaryFile: new File([moved], "oost.geojson", { type: "application/geo+json" }) },
    );
    expect(response.status).toBe(302);
    const edited = await db.neighbourhood.findUniqueOrThrow({ where: { id: created.id } });
    expect(edited).toMatchObject({ name: "Nekkerspoel-Oost", names: JSON.stringify({ fr: "Nekkerspoel (FR)", tr: "Nekkerspoel Doğu" }), boundary: moved });
    const [update] = await db.auditLog.findMany({ where: { entityId: created.id, action: "neighbourhood.update" } });
    expect(JSON.parse(update!.details)).toMatchObject({ name: { before: "Nekkerspoel", after: "Nekkerspoel-Oost" }, boundary: true });
  });

  it("refuses a boundary that is not closed or lies outside Belgium with a message in the reader's language, and a slug in use", async () => {
    const open = JSON.stringify({
      type: "Polygon",
      coordinates: [
        [
          [4.49, 51.03],
          [4.5, 51.03],
          [4.5, 51.04],
          [4.49, 51.04],
        ],
      ],
    });
    const notClosed = await admin.post("/staff/neighbourhoods/new", form({ slug: "open-ring", boundary: open }));
    expect(notClosed.status).toBe(400);
    expect(await notClosed.text()).toContain("Le polygone n&#x27;est pas fermé");
    const paris = JSON.stringify({
      type: "Polygon",
      coordinates: [
        [
          [2.35, 48.85],
          [2.36, 48.85],
          [2.36, 48.86],
          [2.35, 48.85],
        ],
      ],
    });
    const outside = await admin.post("/staff/neighbourhoods/new", form({ slug: "paris", boundary: paris }));
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain("hors de Belgique");
    const taken = await admin.post("/staff/neighbourhoods/new", form());
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Un autre quartier a déjà cette adresse.");
    expect(await db.neighbourhood.count({ where: { slug: { in: ["open-ring", "paris"] } } })).toBe(0);
  });

  it("a neighbourhood with rounds cannot be deleted, only archived; archived, it is offered for no new round", async () => {
    const withRounds = await db.neighbourhood.findFirstOrThrow({ where: { rounds: { some: {} } } });
    const refused = await admin.post(`/staff/neighbourhoods/${withRounds.id}`, { intent: "delete" });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("archivez-le au lieu de le supprimer");
    expect(await db.neighbourhood.findUnique({ where: { id: withRounds.id } })).not.toBeNull();

    expect((await admin.post(`/staff/neighbourhoods/${withRounds.id}`, { intent: "archive" })).status).toBe(302);
    expect((await db.neighbourhood.findUniqueOrThrow({ where: { id: withRounds.id } })).archivedAt).not.toBeNull();
    const newRound = await (await staff.get("/staff/rounds/new")).text();
    expect(newRound).not.toContain(`value="${withRounds.id}"`);
    expect((await admin.post(`/staff/neighbourhoods/${withRounds.id}`, { intent: "restore" })).status).toBe(302);
    expect(await (await staff.get("/staff/rounds/new")).text()).toContain(`value="${withRounds.id}"`);

    const empty = await db.neighbourhood.findUniqueOrThrow({ where: { slug: "mechelen-nekkerspoel" } });
    expect((await admin.post(`/staff/neighbourhoods/${empty.id}`, { intent: "delete" })).status).toBe(302);
    expect(await db.neighbourhood.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(await db.auditLog.findMany({ where: { entityId: { in: [withRounds.id, empty.id] } }, orderBy: { at: "asc" }, select: { action: true } })).toEqual(
      ["neighbourhood.create", "neighbourhood.update", "neighbourhood.archive", "neighbourhood.restore", "neighbourhood.delete"].map((action) => ({ action })),
    );
  });
});
