// Issue #23's promise over HTTP: a resident follows a proposal on its page; when the panel decides
// it they get exactly one email in their language with a one-click unsubscribe link; a POST to that
// link without an Origin and without logging in (as mail providers send it) unsubscribes, and the
// next decision mails them nothing. Only a POST to exactly that path escapes the Origin check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { recordDecision } from "~/panel/panel.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

let server: TestServer;
let db: Db;

beforeAll(async () => {
  server = await startTestServer();
  db = createPrismaClient(server.databaseUrl);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

type Mail = { to: string; subject: string; text: string; locale: string; headers?: Record<string, string> };

describe("following and unsubscribing", () => {
  it("mails a follower once in their language, and not after they unsubscribed through the link, logged out", async () => {
    const chair = await db.user.findUniqueOrThrow({ where: { email: "panel@wijkbudget.demo" } });
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "REVIEW", panelMembers: { some: { userId: chair.id, isChair: true } } } });
    const proposal = await db.proposal.findFirstOrThrow({
      where: { roundId: round.id, status: "ADMISSIBLE", authorId: { not: chair.id }, panelConflicts: { none: {} } },
    });
    // Ivan (Bulgarian) follows the proposal with its page's button.
    const ivan = new Visitor(server.baseUrl, { address: "10.9.0.1", acceptLanguage: "bg" });
    await ivan.logIn("ivan@wijkbudget.demo", DEMO_PASSWORD);
    const followed = await ivan.post(`/proposals/${proposal.id}`, { intent: "follow" });
    expect(followed.status).toBe(302);
    const page = await shownHtml(await ivan.get(`/proposals/${proposal.id}`));
    expect(page).toContain(asHtml(translation("bg", "notifications:follow.stop")));

    const decider: SessionUser = { id: chair.id, email: chair.email, name: chair.name, role: chair.role, locale: chair.locale };
    const decide = (decision: "SHORTLISTED" | "REJECTED") =>
      recordDecision(db, decider, round.id, { proposalId: proposal.id, decision, rationale: "Goed plan.", textLocale: "nl" }, server.baseUrl);
    expect(await decide("SHORTLISTED")).toEqual({ ok: true });
    const subject = translated("bg", "panel:email.decision.SHORTLISTED.subject", { number: proposal.number ?? 0 });
    const first = (await server.mailTo("ivan@wijkbudget.demo", (mail) => mail.subject === subject)) as Mail[];
    expect(first.filter((mail) => mail.subject === subject)).toHaveLength(1);
    const mail = first.find((candidate) => candidate.subject === subject)!;
    expect(mail.locale).toBe("bg");
    expect(mail.text).toContain(`${server.baseUrl}/proposals/${proposal.id}`);
    const link = mail.headers?.["List-Unsubscribe"]?.slice(1, -1) ?? "";
    expect(link).toMatch(/\/unsubscribe\/[a-z2-7]{32}$/);
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const path = new URL(link).pathname;

    // Opening the link changes nothing; it asks.
    const visitor = new Visitor(server.baseUrl, { address: "10.9.0.2", acceptLanguage: "bg" });
    const confirm = await visitor.get(path);
    expect(confirm.status).toBe(200);
    expect(await shownHtml(confirm)).toContain(asHtml(translation("bg", "notifications:unsubscribe.confirm")));
    // No other path, nor that path with a query, escapes the Origin check.
    expect((await visitor.post(`${path}?index`, { "List-Unsubscribe": "One-Click" }, { origin: null })).status).toBe(403);
    expect((await visitor.post(`${path}x`, { "List-Unsubscribe": "One-Click" }, { origin: null })).status).toBe(403);
    expect((await visitor.post(`/account/notifications`, { intent: "mark-read" }, { origin: null })).status).toBe(403);
    expect(
      await db.notificationPreference.count({ where: { userId: (await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } })).id } }),
    ).toBe(0);
    // The mail provider's one-click POST: no Origin, no session.
    const done = await visitor.post(path, { "List-Unsubscribe": "One-Click" }, { origin: null });
    expect(done.status).toBe(200);
    expect(await shownHtml(done)).toContain(asHtml(translation("bg", "notifications:kinds.panel-decision")));

    expect(await decide("REJECTED")).toEqual({ ok: true });
    const author = await db.user.findUniqueOrThrow({ where: { id: proposal.authorId } });
    const rejected = (locale: string) => translated(locale, "panel:email.decision.REJECTED.subject", { number: proposal.number ?? 0 });
    // The author hears of the second decision; by then Ivan's would have been queued too.
    await server.mailTo(author.email, (entry) => entry.subject === rejected(author.locale ?? "nl"));
    expect((await server.mailTo("ivan@wijkbudget.demo")).filter((entry) => entry.subject === rejected("bg"))).toEqual([]);
  });

  it("shows a resident their notifications and unread count, saves their choices without JavaScript, and follows a round", async () => {
    const elif = new Visitor(server.baseUrl, { address: "10.9.0.3", acceptLanguage: "tr" });
    await elif.logIn("elif@wijkbudget.demo", DEMO_PASSWORD);
    const user = await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } });
    await db.notification.create({ data: { userId: user.id, kind: "comment", title: "Yeni yorum", path: "/events" } });
    await db.user.update({ where: { id: user.id }, data: { unreadNotifications: 1 } });
    const page = await shownHtml(await elif.get("/account/notifications"));
    expect(page).toContain(asHtml(translation("tr", "notifications:list.heading")));
    expect(page).toContain("Yeni yorum");
    expect(page).toContain(`${asHtml(translation("tr", "common:layout.nav.unread"))}`);
    // Every kind's choice, posted as a form without JavaScript.
    const choices = Object.fromEntries(
      [
        "feasibility-verdict",
        "changes-requested",
        "panel-decision",
        "voting-opens",
        "voting-closes",
        "results-published",
        "event-changed",
        "parklet-answered",
      ].map((kind) => [kind, "EMAIL"]),
    );
    expect((await elif.post("/account/notifications", { intent: "save-preferences", ...choices, comment: "NONE" })).status).toBe(302);
    expect(await db.notificationPreference.findUnique({ where: { userId_kind: { userId: user.id, kind: "comment" } } })).toMatchObject({ channel: "NONE" });
    const refused = await elif.post("/account/notifications", { intent: "save-preferences", ...choices, comment: "LOUDLY" });
    expect(refused.status).toBe(400);
    expect(await shownHtml(refused)).toContain(asHtml(translation("tr", "common:validation.choice")));
    expect((await elif.post("/account/notifications", { intent: "mark-read" })).status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).unreadNotifications).toBe(0);
    expect(await shownHtml(await elif.get("/account/notifications"))).not.toContain(asHtml(translation("tr", "common:layout.nav.unread")));
    // The round page's button.
    const round = await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } });
    expect((await elif.post(`/rounds/${round.id}`, { intent: "follow" })).status).toBe(302);
    expect(await db.roundFollow.findUnique({ where: { userId_roundId: { userId: user.id, roundId: round.id } } })).toMatchObject({ following: true });
    expect(await shownHtml(await elif.get(`/rounds/${round.id}`))).toContain(asHtml(translation("tr", "notifications:follow.followingRound")));
  });
});
