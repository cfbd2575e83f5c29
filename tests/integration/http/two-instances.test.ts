// Two app instances on one PostgreSQL database, each with its own disk (upload directory, outbox), as behind a
// load balancer (issue #17, decisions 0025–0027): they must behave as one site.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { queueMail } from "~/mail/outbox.server";
import { readOutbox } from "~/mail/mailer.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { testProviders } from "../../support/databases";
import { ONE_PIXEL_PNG, startTestServer, Visitor, type TestServer } from "../../support/server";

describe.skipIf(!testProviders().includes("postgresql"))("two instances on one PostgreSQL database", () => {
  let first: TestServer;
  let second: TestServer;
  let db: Db;

  beforeAll(async () => {
    // Both look for mail often, so that they race for every message.
    first = await startTestServer({ MAIL_POLL_MS: "50" }, "postgresql");
    // The same database; its own upload directory and outbox (another machine).
    second = await startTestServer({ DATABASE_URL: first.databaseUrl, MAIL_POLL_MS: "50" });
    db = createPrismaClient(first.databaseUrl);
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    await second?.stop();
    await first?.stop();
  });

  it("keeps a session made on one instance on the other", async () => {
    const marie = new Visitor(first.baseUrl, { address: "10.21.0.1" });
    await marie.logIn("marie@wijkbudget.demo", DEMO_PASSWORD);
    // The load balancer sends her next request to the other instance.
    const elsewhere = new Visitor(second.baseUrl, { address: "10.21.0.1" });
    elsewhere.setCookie("wb_session", marie.cookie("wb_session")!);
    expect((await elsewhere.get("/account")).status).toBe(200);
    expect((await new Visitor(second.baseUrl, { address: "10.21.0.2" }).get("/account")).status).toBe(302);
  });

  it("serves a photo uploaded through one instance from the other", async () => {
    const staff = new Visitor(first.baseUrl, { address: "10.21.1.1" });
    await staff.logIn("staff@wijkbudget.demo", DEMO_PASSWORD);
    const saved = await staff.postMultipart(
      "/staff/parklets/edit",
      { intent: "save", originalLocale: "nl", name: "Parklet Twee Servers", builtBy: "VTI", photoAlt: "Houten terras" },
      { photo: new File([ONE_PIXEL_PNG], "parklet.png", { type: "image/png" }) },
    );
    expect(saved.status).toBe(302);
    const name = (await db.parklet.findFirstOrThrow({ where: { name: "Parklet Twee Servers" } })).photoFileName!;
    const served = await fetch(`${second.baseUrl}/uploads/${name}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(ONE_PIXEL_PNG);
  });

  it("counts a rate limit across both instances", async () => {
    // Five wrong passwords per account and address: three on one instance and two on the other use them up.
    const attempt = (baseUrl: string) =>
      new Visitor(baseUrl, { address: "10.21.2.1" }).post("/login", { email: "ivan@wijkbudget.demo", password: "wrong password" });
    const statuses: number[] = [];
    for (const baseUrl of [first.baseUrl, second.baseUrl, first.baseUrl, second.baseUrl, first.baseUrl, second.baseUrl, first.baseUrl]) {
      statuses.push((await attempt(baseUrl)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it("sends a mail queued by one instance once, while both look for mail", async () => {
    const sent = async () => [...(await readOutbox({ OUTBOX_DIR: first.outboxDir })), ...(await readOutbox({ OUTBOX_DIR: second.outboxDir }))];
    // A reset link asked on the first instance, and twenty more messages due at once.
    expect((await new Visitor(first.baseUrl, { address: "10.21.3.1" }).post("/forgot-password", { email: "elif@wijkbudget.demo" })).status).toBe(200);
    for (let n = 0; n < 20; n++) await queueMail(db, { to: `bewoner${n}@example.org`, subject: `Bericht ${n}`, text: "Hallo", locale: "nl" });
    const deadline = Date.now() + 20_000;
    while ((await db.outboxMessage.count({ where: { sentAt: null } })) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    // A few more polls of both: a second sending would show now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const messages = await sent();
    const rows = await db.outboxMessage.findMany({ select: { messageId: true, to: true, sentAt: true, attempts: true } });
    expect(rows.every((row) => row.sentAt !== null && row.attempts === 1)).toBe(true);
    // Every message once, under its own Message-ID.
    expect(messages.map((message) => message.messageId).sort()).toEqual(rows.map((row) => row.messageId).sort());
    expect(messages.filter((message) => message.to === "elif@wijkbudget.demo")).toHaveLength(1);
  });
});
