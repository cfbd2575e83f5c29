// Walks every staff route of the build: a resident gets 403 from each loader and each action, a
// visitor is sent to the login page, and staff get in. New staff routes are covered automatically.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

/** Staff pages that need the admin role (user:manage, neighbourhood:manage). */
const ADMIN_ONLY = ["/staff/two-factor", "/staff/neighbourhoods/new"];

describe.each(testProviders())("staff routes on %s", (provider) => {
  let server: TestServer;
  let staffPaths: string[];
  let staffActionPaths: string[];

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    const build = await import(/* @vite-ignore */ `${process.cwd()}/build/index.js`);
    const db = createPrismaClient(server.databaseUrl);
    const round = await db.budgetRound.findFirstOrThrow();
    const event = await db.event.findFirstOrThrow();
    const batch = await db.codeBatch.findFirstOrThrow();
    const neighbourhood = await db.neighbourhood.findFirstOrThrow();
    const person = await db.user.findUniqueOrThrow({ where: { email: "marie@wijkbudget.demo" } });
    // Realisation updates are for funded projects: give the walk one.
    const funded = await db.proposal.update({
      where: { id: (await db.proposal.findFirstOrThrow({ where: { status: "ON_BALLOT" } })).id },
      data: { status: "FUNDED" },
    });
    await db.$disconnect();
    const routes = Object.values(build.routes) as { id: string; path?: string; parentId?: string; module: Record<string, unknown> }[];
    const byId = new Map(routes.map((route) => [route.id, route]));
    const fullPath = (route: { path?: string; parentId?: string }): string => {
      const parent = route.parentId ? byId.get(route.parentId) : undefined;
      const own = route.path ?? "";
      return parent ? `${fullPath(parent).replace(/\/$/, "")}/${own}` : `/${own}`;
    };
    const staff = routes.filter((route) => route.id.startsWith("routes/staff"));
    const toUrl = (route: (typeof routes)[number]) =>
      fullPath(route)
        .replace(/\/$/, "")
        .replace(":roundId", round.id)
        .replace(":eventId", event.id)
        .replace(":proposalId", funded.id)
        .replace(":batchId", batch.id)
        .replace(":neighbourhoodId", neighbourhood.id)
        .replace(":userId", person.id) || "/";
    // A route without a loader has no page to GET (e.g. a file only handed out by a POST).
    staffPaths = staff.filter((route) => typeof route.module.loader === "function").map(toUrl);
    staffActionPaths = staff.filter((route) => typeof route.module.action === "function").map(toUrl);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  describe("staff routes", () => {
    it("are found in the build (the walk covers something)", () => {
      expect(staffPaths).toEqual(expect.arrayContaining(["/staff", "/staff/audit", "/staff/audit.csv", "/staff/rounds/new", "/staff/people"]));
      expect(staffPaths.some((path) => /^\/staff\/rounds\/c[a-z0-9]+$/.test(path))).toBe(true);
      expect(staffActionPaths.length).toBeGreaterThanOrEqual(2);
    });

    it("answer 403 to a resident, for every loader and every action", async () => {
      const resident = new Visitor(server.baseUrl, { address: "10.0.0.1" });
      await resident.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
      for (const path of staffPaths) {
        const response = await resident.get(path);
        expect(response.status, `GET ${path}`).toBe(403);
        // and the same through Remix's data requests (client-side navigation)
        const data = await resident.get(`${path === "/" ? "/_root" : path}.data`);
        expect(data.status, `GET ${path}.data`).toBe(403);
      }
      for (const path of staffActionPaths) {
        for (const intent of ["save", "advance", ""]) {
          const response = await resident.post(path, { intent, from: "SUBMISSION", to: "REVIEW", confirm: "yes" });
          expect(response.status, `POST ${path} (${intent})`).toBe(403);
        }
      }
    });

    it("send a visitor to the login page", async () => {
      const visitor = new Visitor(server.baseUrl, { address: "10.0.0.2" });
      for (const path of staffPaths) {
        const response = await visitor.get(path);
        expect(response.status, `GET ${path}`).toBe(302);
        expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
      }
    });

    it("open for staff, and the admins' pages for admins only", async () => {
      const staff = new Visitor(server.baseUrl, { address: "10.0.0.3" });
      await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
      const admin = new Visitor(server.baseUrl, { address: "10.0.0.4" });
      await admin.logIn("admin@wijkbudget.demo", DEMO_PASSWORD);
      for (const path of ADMIN_ONLY) {
        expect(staffPaths).toContain(path);
        expect((await staff.get(path)).status, `GET ${path} as staff`).toBe(403);
        expect((await admin.get(path)).status, `GET ${path} as admin`).toBe(200);
      }
      for (const path of staffPaths.filter((path) => !ADMIN_ONLY.includes(path))) {
        const response = await staff.get(path);
        // A reopened codes download sends staff back to the round's voting page.
        const location = response.status === 302 ? response.headers.get("Location")! : null;
        if (location) expect(location, `GET ${path}`).toMatch(/^\/staff\//);
        expect((location ? await staff.get(location) : response).status, `GET ${path}`).toBe(200);
      }
    });
  });
});
