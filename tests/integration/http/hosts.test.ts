// Hosts, links, proxies, bodies, caching and timeouts (docs/decisions/0014-hosts-and-links.md):
// nobody can make the server mail a link to an address they chose, refusals reach every client,
// signed-in pages stay out of caches, and slow clients cannot hold connections open.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translation } from "../../support/locales";
import { ONE_PIXEL_PNG, startTestServer, Visitor, type TestServer } from "../../support/server";

type RawAnswer = { status: number; head: string; body: string };

/**
 * One HTTP/1.1 exchange on a raw socket that sends the whole request, body included, before it
 * reads anything — as most HTTP libraries and browsers on slow links do — then reads the answer.
 */
function exchange(baseUrl: string, request: { method?: string; path?: string; headers: Record<string, string>; body?: Buffer }): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body ?? Buffer.alloc(0);
  const headers = { Connection: "close", ...(body.length || request.method === "POST" ? { "Content-Length": String(body.length) } : {}), ...request.headers };
  const head = `${request.method ?? "GET"} ${request.path ?? "/"} HTTP/1.1\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.once("error", reject);
    socket.write(head);
    socket.write(body, (error) => {
      if (error) return reject(error);
      // Only now start reading.
      socket.on("data", (chunk: Buffer) => chunks.push(chunk));
      socket.once("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const [rawHead = "", ...rest] = text.split("\r\n\r\n");
        resolve({ status: Number(rawHead.split(" ")[1]), head: rawHead, body: rest.join("\r\n\r\n") });
      });
    });
  });
}

const headerOf = (answer: RawAnswer, name: string) =>
  answer.head
    .split("\r\n")
    .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    ?.slice(name.length + 1)
    .trim();

describe("without APP_URL (a developer's machine)", () => {
  let server: TestServer;
  let host: string;
  let port: string;
  beforeAll(async () => {
    server = await startTestServer();
    ({ host, port } = new URL(server.baseUrl));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a password reset sent to an attacker's Host, and mails links only to this site", async () => {
    const attack = await exchange(server.baseUrl, {
      method: "POST",
      path: "/forgot-password",
      headers: {
        Host: "attacker.example",
        Origin: "http://attacker.example",
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": "bg",
        "X-Forwarded-For": "10.9.0.1",
      },
      body: Buffer.from("email=staff%40wijkbudget.demo"),
    });
    expect(attack.status).toBe(400);
    expect(attack.body).toContain('lang="bg"');
    expect(attack.body).toContain(translation("bg", "errors:plainError.badHost.title"));

    const forwarded = await exchange(server.baseUrl, {
      method: "POST",
      path: "/forgot-password",
      headers: {
        Host: host,
        "X-Forwarded-Host": "attacker.example",
        Origin: "http://attacker.example",
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": "10.9.0.1",
      },
      body: Buffer.from("email=staff%40wijkbudget.demo"),
    });
    expect(forwarded.status).toBe(400);

    // The owner's own request is answered, and its link points at this machine's own address.
    expect((await new Visitor(server.baseUrl, { address: "10.9.0.2" }).post("/forgot-password", { email: "staff@wijkbudget.demo" })).status).toBe(200);
    const mails = await server.mailTo("staff@wijkbudget.demo", (mail) => mail.text.includes("/reset-password/"));
    expect(mails).toHaveLength(1);
    const links = mails[0]!.text.match(/https?:\/\/[^\s/]+\/reset-password\//g);
    expect(links).toEqual([`http://localhost:${port}/reset-password/`]);
  });

  it("builds the confirmation link of a registration from its own address, not the request's", async () => {
    const visitor = new Visitor(server.baseUrl, { address: "10.9.0.3" });
    expect((await visitor.post("/register", { name: "Sanne", email: "sanne@example.org", password: "een lang wachtwoord" })).status).toBe(200);
    const [mail] = await server.mailTo("sanne@example.org");
    expect(mail!.text).toContain(`http://localhost:${port}/verify-email/`);
  });

  it("answers a POST whose X-Forwarded-Host differs from its Origin with a 400 page in the visitor's language, not an empty 500", async () => {
    const answer = await exchange(server.baseUrl, {
      method: "POST",
      path: "/login",
      headers: {
        Host: host,
        "X-Forwarded-Host": "other.example",
        Origin: server.baseUrl,
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept-Language": "ar",
      },
      body: Buffer.from("email=a%40example.org&password=x"),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('lang="ar" dir="rtl"');
    expect(answer.body).toContain(translation("ar", "errors:plainError.badHost.title"));
  });

  it("serves only its loopback hosts on its port, and /healthz to load balancers whatever the host", async () => {
    expect((await exchange(server.baseUrl, { headers: { Host: "attacker.example" } })).status).toBe(400);
    expect((await exchange(server.baseUrl, { headers: { Host: `localhost:${Number(port) + 1}` } })).status).toBe(400);
    expect((await exchange(server.baseUrl, { path: "/favicon.svg", headers: { Host: "attacker.example" } })).status).toBe(400);
    expect((await exchange(server.baseUrl, { headers: { Host: `localhost:${port}` } })).status).toBe(200);
    expect((await exchange(server.baseUrl, { headers: { Host: `[::1]:${port}` } })).status).toBe(200);
    expect((await exchange(server.baseUrl, { path: "/healthz", headers: { Host: "10.0.0.7" } })).status).toBe(200);
  });

  it("reads a too-large form to its end before answering 413, so a client that sends it all first sees the page", async () => {
    const answer = await exchange(server.baseUrl, {
      method: "POST",
      path: "/login",
      headers: { Host: host, Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "tr" },
      body: Buffer.from(`email=${"x".repeat(12 * 1024 * 1024)}`),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain(translation("tr", "errors:plainError.tooLarge.title"));
  });

  it("reads the rest of a form with a 9.5 MB photo (over the 5 MB part limit) before answering 413 with the field's message", async () => {
    const staff = new Visitor(server.baseUrl, { address: "10.9.0.4", acceptLanguage: "nl" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const boundary = "----wijkbudget-test-boundary";
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(field("intent", "save") + field("originalLocale", "nl") + field("name", "Te groot") + field("builtBy", "VTI") + field("photoAlt", "Terras")),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="groot.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.alloc(9.5 * 1024 * 1024, 7),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await exchange(server.baseUrl, {
      method: "POST",
      path: "/staff/parklets/edit",
      headers: {
        Host: host,
        Origin: server.baseUrl,
        Cookie: `wb_session=${staff.cookie("wb_session")}`,
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Accept-Language": "nl",
      },
      body,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain(asHtml(translation("nl", "parklets:photo.too-large")));
  });

  it("keeps pages and data for a signed-in browser out of every cache, and assets, public files and uploads cached", async () => {
    const resident = new Visitor(server.baseUrl, { address: "10.9.0.5" });
    await resident.logIn("ivan@wijkbudget.demo", DEMO_PASSWORD);
    const page = await resident.get("/account");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const data = await resident.get("/account.data");
    expect(data.status).toBe(200);
    expect(data.headers.get("Cache-Control")).toBe("private, no-store");
    const home = await resident.get("/");
    expect(home.headers.get("Cache-Control")).toBe("private, no-store");

    const asset = (await home.text()).match(/\/build\/[^"]+\.js/)![0];
    expect((await resident.get(asset)).headers.get("Cache-Control")).toContain("immutable");
    expect((await resident.get("/favicon.svg")).headers.get("Cache-Control")).toBe("public, max-age=3600");

    const staff = new Visitor(server.baseUrl, { address: "10.9.0.6" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const saved = await staff.postMultipart(
      "/staff/parklets/edit",
      { intent: "save", originalLocale: "nl", name: "Parklet Cache", builtBy: "VTI", photoAlt: "Terras" },
      { photo: new File([ONE_PIXEL_PNG], "parklet.png", { type: "image/png" }) },
    );
    expect(saved.status).toBe(302);
    const db = createPrismaClient(server.databaseUrl);
    try {
      const { photoFileName } = await db.parklet.findFirstOrThrow({ where: { name: "Parklet Cache" } });
      expect((await staff.get(`/uploads/${photoFileName}`)).headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    } finally {
      await db.$disconnect();
    }

    // Without a session nothing is private.
    expect((await new Visitor(server.baseUrl).get("/")).headers.get("Cache-Control") ?? "").not.toContain("no-store");
  });

  it("answers a reopened voting-codes download with the voting page saying what staff can do, in their language", async () => {
    const db = createPrismaClient(server.databaseUrl);
    let path: string;
    try {
      const batch = await db.codeBatch.findFirstOrThrow();
      path = `/staff/rounds/${batch.roundId}/codes/${batch.id}.csv`;
    } finally {
      await db.$disconnect();
    }
    expect((await new Visitor(server.baseUrl).get(path)).headers.get("Location")).toMatch(/^\/login\?/);
    const staff = new Visitor(server.baseUrl, { address: "10.9.0.7" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    // Staff's saved language is Dutch; Arabic here shows the page follows it.
    expect((await staff.post("/language", { locale: "ar", redirectTo: "/" })).status).toBe(302);
    const reopened = await staff.get(path);
    expect(reopened.status).toBe(302);
    const page = await staff.get(reopened.headers.get("Location")!);
    expect(page.status).toBe(200);
    const html = await shownHtml(page);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl"/);
    expect(html).toContain(asHtml(translation("ar", "voting:staff.downloadOpened")));
  });
});

describe("with APP_URL behind a reverse proxy", () => {
  const APP_URL = "https://wijkbudget.example.be";
  let server: TestServer;
  let host: string;
  beforeAll(async () => {
    server = await startTestServer({ APP_URL, ALLOWED_HOSTS: "www.wijkbudget.example.be", HEADERS_TIMEOUT_MS: "1000" });
    host = new URL(server.baseUrl).host;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const proxied = (forwardedHost: string, extra: Record<string, string> = {}) => ({
    Host: host,
    "X-Forwarded-Host": forwardedHost,
    "X-Forwarded-Proto": "https",
    "X-Forwarded-For": "10.9.1.1",
    ...extra,
  });

  it("serves the public host (and the extra allowed ones) and refuses its own address and others", async () => {
    expect((await exchange(server.baseUrl, { headers: proxied("wijkbudget.example.be") })).status).toBe(200);
    expect((await exchange(server.baseUrl, { headers: proxied("www.wijkbudget.example.be") })).status).toBe(200);
    expect((await exchange(server.baseUrl, { headers: { Host: host } })).status).toBe(400);
    expect((await exchange(server.baseUrl, { headers: proxied("attacker.example") })).status).toBe(400);
    expect((await exchange(server.baseUrl, { path: "/healthz", headers: { Host: host } })).status).toBe(200);
  });

  it("mails links to APP_URL whichever allowed host the form was posted to", async () => {
    for (const [forwardedHost, email] of [
      ["wijkbudget.example.be", "staff@wijkbudget.demo"],
      ["www.wijkbudget.example.be", "elif@wijkbudget.demo"],
    ] as const) {
      const answer = await exchange(server.baseUrl, {
        method: "POST",
        path: "/forgot-password",
        headers: proxied(forwardedHost, { Origin: `https://${forwardedHost}`, "Content-Type": "application/x-www-form-urlencoded" }),
        body: Buffer.from(`email=${encodeURIComponent(email)}`),
      });
      expect(answer.status).toBe(200);
      const [mail] = await server.mailTo(email, (message) => message.text.includes("/reset-password/"));
      expect(mail!.text.match(/https?:\/\/[^\s/]+\/reset-password\//g)).toEqual([`${APP_URL}/reset-password/`]);
    }
  });

  it("refuses a form posted from one allowed host to another", async () => {
    const answer = await exchange(server.baseUrl, {
      method: "POST",
      path: "/login",
      headers: proxied("wijkbudget.example.be", { Origin: "https://www.wijkbudget.example.be", "Content-Type": "application/x-www-form-urlencoded" }),
      body: Buffer.from("email=a%40example.org&password=x"),
    });
    expect(answer.status).toBe(403);
    expect(headerOf(answer, "Content-Type")).toContain("text/html");
  });

  it("closes a connection whose headers do not arrive within HEADERS_TIMEOUT_MS", async () => {
    const { hostname, port } = new URL(server.baseUrl);
    const socket = net.connect(Number(port), hostname);
    const started = Date.now();
    socket.write(`GET / HTTP/1.1\r\nHost: ${host}\r\n`);
    const answer = await new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.once("close", () => resolve(text));
      socket.once("error", () => resolve(text));
      setTimeout(() => socket.destroy(), 10_000);
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });
});
