// Compression and static files (docs/decisions/0020): pages, loader data and scripts go out compressed
// when the client asks and decompress to exactly what an uncompressed answer carries; nothing is
// compressed for a client that does not ask, nor an upload; a missing asset is a short plain 404.
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { ONE_PIXEL_PNG, startTestServer, Visitor, type TestServer } from "../../support/server";

type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One request with node:http, which (unlike fetch) leaves the body as it came: no Accept-Encoding unless given. */
function request(baseUrl: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const sent = http.request(new URL(path, baseUrl), { method: options.method ?? "GET", headers: options.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => resolve({ status: answer.statusCode!, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on("error", reject);
    });
    sent.on("error", reject);
    sent.end(options.body);
  });
}

/** The body as the client reads it, whatever its Content-Encoding. */
function decoded(answer: RawAnswer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body);
  if (encoding === "gzip") return gunzipSync(answer.body);
  expect(encoding).toBeUndefined();
  return answer.body;
}

/** A page's text with its per-request CSP nonce (from the header) taken out, so two answers compare. */
function withoutNonce(answer: RawAnswer, text: string): string {
  const nonce = /'nonce-([^']+)'/.exec(String(answer.headers["content-security-policy"]))?.[1];
  expect(nonce).toBeTruthy();
  return text.replaceAll(nonce!, "NONCE");
}

describe("compression and static files", () => {
  let server: TestServer;
  let listPath: string;
  let votePath: string;
  let scriptPath: string;
  let get: (path: string, headers?: Record<string, string>) => Promise<RawAnswer>;

  beforeAll(async () => {
    server = await startTestServer({ MAX_BODY_BYTES: String(64 * 1024) });
    get = (path, headers = {}) => request(server.baseUrl, path, { headers });
    const db = createPrismaClient(server.databaseUrl);
    try {
      const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "VOTING" } });
      listPath = `/rounds/${round.id}/proposals`;
      votePath = `/vote/${round.id}`;
    } finally {
      await db.$disconnect();
    }
    // The biggest script the page loads: React and Remix.
    const page = (await get(listPath)).body.toString("utf8");
    const scripts = [...new Set(page.match(/\/build\/[^"]+\.js/g))];
    const sizes = await Promise.all(scripts.map(async (path) => [path, (await get(path)).body.length] as const));
    scriptPath = sizes.sort((a, b) => b[1] - a[1])[0]![0];
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it.each(["br", "gzip"])("sends the proposal list, its loader data and a script compressed with %s, the same once decompressed", async (encoding) => {
    // A navigation's data with the root's (its translations): big enough to gain from compression.
    const dataPath = `${listPath}.data?_routes=${encodeURIComponent("root,routes/rounds.$roundId_.proposals")}`;
    for (const path of [listPath, dataPath, scriptPath]) {
      const plain = await get(path);
      const compressed = await get(path, { "Accept-Encoding": encoding });
      expect(plain.status, path).toBe(200);
      expect(compressed.status, path).toBe(200);
      expect(compressed.headers["content-encoding"], path).toBe(encoding);
      expect(compressed.headers.vary, path).toMatch(/Accept-Encoding/i);
      expect(compressed.headers["content-type"], path).toBe(plain.headers["content-type"]);
      expect(compressed.body.length, path).toBeLessThan(plain.body.length / 2);
      if (path === listPath) expect(withoutNonce(compressed, decoded(compressed).toString("utf8"))).toBe(withoutNonce(plain, plain.body.toString("utf8")));
      else expect(decoded(compressed).equals(plain.body), path).toBe(true);
    }
  });

  it("sends nothing compressed to a client that does not ask, or refuses every encoding but identity", async () => {
    for (const headers of [{}, { "Accept-Encoding": "identity" }, { "Accept-Encoding": "br;q=0, gzip;q=0" }] as Record<string, string>[]) {
      for (const path of [listPath, scriptPath, "/styles/app.css"]) {
        const answer = await get(path, headers);
        expect(answer.status, path).toBe(200);
        expect(answer.headers["content-encoding"], path).toBeUndefined();
        expect(answer.headers.vary, path).toMatch(/Accept-Encoding/i);
      }
    }
    // A page's text, readable as it is.
    expect((await get(listPath)).body.toString("utf8")).toContain("<!DOCTYPE html>");
    // A page rendered for its visitor (never one from the page cache) is sent in one piece with its
    // length (decision 0047), not in chunks.
    const page = await get(votePath);
    expect(page.body.toString("utf8")).toContain("<!DOCTYPE html>");
    expect(page.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(page.headers["content-length"])).toBe(page.body.length);
  });

  it("answers HEAD and a revalidation of a script without a body", async () => {
    const head = await request(server.baseUrl, listPath, { method: "HEAD", headers: { "Accept-Encoding": "br" } });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-encoding"]).toBeUndefined();

    const script = await get(scriptPath, { "Accept-Encoding": "br" });
    const again = await get(scriptPath, { "Accept-Encoding": "br", "If-None-Match": String(script.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(script.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("sends an upload as it was stored, and calendar and CSV downloads as files", async () => {
    const staff = new Visitor(server.baseUrl, { address: "10.7.0.1" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const saved = await staff.postMultipart(
      "/staff/parklets/edit",
      { intent: "save", originalLocale: "nl", name: "Parklet Zip", builtBy: "VTI", photoAlt: "Terras" },
      { photo: new File([ONE_PIXEL_PNG], "parklet.png", { type: "image/png" }) },
    );
    expect(saved.status).toBe(302);
    const db = createPrismaClient(server.databaseUrl);
    let eventId: string;
    try {
      const { photoFileName } = await db.parklet.findFirstOrThrow({ where: { name: "Parklet Zip" } });
      const photo = await get(`/uploads/${photoFileName}`, { "Accept-Encoding": "br, gzip" });
      expect(photo.status).toBe(200);
      expect(photo.headers["content-encoding"]).toBeUndefined();
      expect(photo.body.equals(ONE_PIXEL_PNG)).toBe(true);
      ({ id: eventId } = await db.event.findFirstOrThrow());
    } finally {
      await db.$disconnect();
    }

    const calendar = await get("/parklets/calendar.ics", { "Accept-Encoding": "br" });
    expect(calendar.status).toBe(200);
    expect(calendar.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(calendar.headers["content-disposition"]).toMatch(/^attachment; filename=/);
    // Each download is stamped with the second it was made (DTSTAMP); two downloads may straddle a second.
    const unstamped = (ics: string) => ics.replace(/^DTSTAMP:[^\r\n]*/gm, "DTSTAMP:");
    expect(unstamped(decoded(calendar).toString("utf8"))).toBe(unstamped((await get("/parklets/calendar.ics")).body.toString("utf8")));
    expect(decoded(calendar).toString("utf8")).toMatch(/^BEGIN:VCALENDAR/);

    const cookie = { Cookie: `wb_session=${staff.cookie("wb_session")}` };
    const csv = await get(`/staff/events/${eventId}/attendees.csv`, { ...cookie, "Accept-Encoding": "gzip" });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename=/);
    expect(decoded(csv).equals((await get(`/staff/events/${eventId}/attendees.csv`, cookie)).body)).toBe(true);
  });

  it("sends a compressed answer to a post it did not read only once the body has arrived", async () => {
    // The proposal list has no action: Remix answers 405 with a whole page without reading the body.
    const half = Buffer.alloc(30 * 1024, "a");
    const answer = new Promise<RawAnswer>((resolve, reject) => {
      const sent = http.request(
        new URL(listPath, server.baseUrl),
        {
          method: "POST",
          headers: {
            Origin: server.baseUrl,
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": String(2 * half.length),
            "Accept-Encoding": "br",
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        },
      );
      sent.on("error", reject);
      sent.write(half);
      setTimeout(() => sent.end(half), 500);
    });
    const sentAt = Date.now();
    const refused = await answer;
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(450);
    expect(refused.status).toBe(405);
    expect(refused.headers["content-encoding"]).toBe("br");
    expect(decoded(refused).toString("utf8")).toContain("<!DOCTYPE html>");
  });

  it("serves /favicon.ico as an icon", async () => {
    const icon = await get("/favicon.ico");
    expect(icon.status).toBe(200);
    expect(icon.headers["content-type"]).toBe("image/x-icon");
    // An ICO directory: reserved 0, type 1 (icon), then at least one image.
    expect(icon.body.readUInt16LE(0)).toBe(0);
    expect(icon.body.readUInt16LE(2)).toBe(1);
    expect(icon.body.readUInt16LE(4)).toBeGreaterThan(0);
  });

  it.each(["/build/_shared/chunk-MISSING.js", "/build/", "/styles/missing.css", "/favicon.png", "/favicon-32x32.png"])(
    "answers a missing asset %s with a short plain 404, not a page",
    async (path) => {
      for (const headers of [{}, { "Accept-Encoding": "br" }] as Record<string, string>[]) {
        const answer = await get(path, headers);
        expect(answer.status).toBe(404);
        expect(answer.headers["content-type"]).toBe("text/plain; charset=utf-8");
        expect(decoded(answer).toString("utf8")).toBe("Not Found");
      }
      const head = await request(server.baseUrl, path, { method: "HEAD" });
      expect(head.status).toBe(404);
      expect(head.body.length).toBe(0);
    },
  );

  it("still answers a missing page with the app's 404 page", async () => {
    const answer = await get("/no-such-page");
    expect(answer.status).toBe(404);
    expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(answer.body.toString("utf8")).toContain("<!DOCTYPE html>");
  });
});
