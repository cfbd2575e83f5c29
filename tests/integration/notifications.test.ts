// Notifications (issue #23): followers of a proposal hear of the panel's decision once, in their
// language, greeted by name, with a link to it; an email's unsubscribe link stops that kind without
// logging in; commenters follow; whoever stopped following hears nothing more.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { postComment } from "~/comments/comments.server";
import { cancelEvent, cancelRsvp, rsvp } from "~/events/events.server";
import { createPrismaClient, type Db } from "~/db.server";
import { dateToCityWallTime } from "~/kernel/city-time";
import { readOutbox, type OutboxEntry } from "~/mail/mailer.server";
import { setProposalFollow, setRoundFollow } from "~/notifications/follows.server";
import { announceVotingOpened } from "~/notifications/tasks.server";
import { deliverDueMail } from "~/mail/outbox.server";
import { latestNotifications, markAllRead, preferencesOf, unsubscribe, unsubscribeLink } from "~/notifications/preferences.server";
import { recordDecision, savePanelSettings } from "~/panel/panel.server";
import { aNeighbourhood, anEvent, aProposal, aRound, usersNamed } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { translated } from "../support/locales";
import { deliverQueuedMail } from "../support/mail";

const BASE = "http://wijk.example";

/** Another instance's delivery worker (tests/support/deliver-mail.ts in its own process): `go()` starts one pass. */
function otherInstance(env: Record<string, string>) {
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["tests/support/deliver-mail.ts"], {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.startsWith("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`deliver-mail exited with ${code}: ${output}`)));
  });
  const done = new Promise<{ sent: number }>((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(output.slice("ready\n".length))) : reject(new Error(`deliver-mail exited with ${code}: ${output}`)),
    ),
  );
  return { ready, done, go: () => child.stdin.write("go\n") };
}

describe.each(testProviders())("notifications on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let roundId: string;
  let proposalId: string;
  const people: Record<"staff" | "author" | "follower" | "bystander" | "commenter", SessionUser> = {} as never;

  const decide = (decision: "SHORTLISTED" | "REJECTED") =>
    recordDecision(db, people.staff, roundId, { proposalId, decision, rationale: "Goed onderbouwd.", textLocale: "nl" }, BASE);
  /** The mail delivered since the last call, to `user`. */
  let seen = 0;
  async function newMail(): Promise<OutboxEntry[]> {
    await deliverQueuedMail(db);
    const all = await readOutbox();
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  }
  const to = (mail: OutboxEntry[], user: SessionUser) => mail.filter((entry) => entry.to === user.email);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-notify-"));
    process.env.OUTBOX_DIR = outbox;
    Object.assign(
      people,
      await usersNamed(db, {
        staff: { role: "STAFF" },
        author: { locale: "fr" },
        follower: { locale: "tr", name: "Elif Yılmaz" },
        bystander: { locale: "bg" },
        commenter: { locale: "ar" },
      }),
    );
    roundId = (await aRound(db, { neighbourhood: await aNeighbourhood(db) })).id;
    expect(await savePanelSettings(db, people.staff.id, roundId, { mode: "SHORTLIST", weightPercent: 0, scaleMin: 1, scaleMax: 5 })).toEqual({ ok: true });
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "REVIEW" } });
    proposalId = (await aProposal(db, { round: roundId, author: people.author, status: "ADMISSIBLE", number: 7, title: "Bankjes" })).id;
  });

  beforeEach(async () => {
    await newMail();
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("mails a follower exactly once, in their language, by name, with the link and a one-click unsubscribe", async () => {
    await setProposalFollow(db, people.follower.id, proposalId, true);
    expect(await decide("SHORTLISTED")).toEqual({ ok: true });
    const mail = await newMail();
    const followerMail = to(mail, people.follower);
    expect(followerMail).toHaveLength(1);
    const [message] = followerMail;
    expect(message).toMatchObject({ locale: "tr", subject: translated("tr", "panel:email.decision.SHORTLISTED.subject", { number: 7 }) });
    expect(message!.text).toContain(
      translated("tr", "panel:email.decision.SHORTLISTED.body", {
        name: "Elif Yılmaz",
        title: "Bankjes",
        rationale: "Goed onderbouwd.",
        link: `${BASE}/proposals/${proposalId}`,
      }),
    );
    const unsubscribeUrl = message!.headers?.["List-Unsubscribe"]?.slice(1, -1) ?? "";
    expect(unsubscribeUrl).toMatch(new RegExp(`^${BASE}/unsubscribe/[a-z2-7]{32}$`));
    expect(message!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(message!.text).toContain(unsubscribeUrl);
    // The author, who never followed by hand, is told too (in French); the bystander is not.
    expect(to(mail, people.author)).toMatchObject([{ locale: "fr" }]);
    expect(to(mail, people.bystander)).toEqual([]);
    // The token is stored hashed only, naming the recipient and the kind, for 90 days.
    const token = unsubscribeUrl.split("/").pop()!;
    const row = await db.unsubscribeToken.findFirstOrThrow({ where: { userId: people.follower.id } });
    expect(row.id).not.toBe(token);
    expect(row.kind).toBe("panel-decision");
    expect(Math.round((row.expiresAt.getTime() - row.createdAt.getTime()) / 86_400_000)).toBe(90);
    expect(await unsubscribeLink(db, token)).toEqual({ kind: "panel-decision" });
    // The in-app list has it, and the header's count.
    expect(await latestNotifications(db, people.follower.id)).toMatchObject([{ kind: "panel-decision", path: `/proposals/${proposalId}` }]);
    expect((await db.user.findUniqueOrThrow({ where: { id: people.follower.id } })).unreadNotifications).toBe(1);
    await markAllRead(db, people.follower.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: people.follower.id } })).unreadNotifications).toBe(0);

    // Unsubscribed through the link (no login): a changed decision mails the author, not the follower.
    expect(await unsubscribe(db, token)).toEqual({ kind: "panel-decision" });
    expect((await preferencesOf(db, people.follower.id))["panel-decision"]).toBe("NONE");
    expect(await decide("REJECTED")).toEqual({ ok: true });
    const after = await newMail();
    expect(to(after, people.follower)).toEqual([]);
    expect(to(after, people.author)).toHaveLength(1);
    // Every email has its own token: the author's two differ.
    expect(await db.unsubscribeToken.count({ where: { userId: people.author.id } })).toBe(2);
  });

  it("refuses an unknown or expired unsubscribe link", async () => {
    expect(await unsubscribe(db, "a".repeat(32))).toBeNull();
    expect(await unsubscribeLink(db, "x".repeat(500))).toBeNull();
    await setProposalFollow(db, people.bystander.id, proposalId, true);
    await decide("SHORTLISTED");
    const [message] = to(await newMail(), people.bystander);
    const token = message!.headers!["List-Unsubscribe"]!.slice(1, -1).split("/").pop()!;
    const later = new Date(Date.now() + 91 * 86_400_000);
    expect(await unsubscribe(db, token, later)).toBeNull();
    expect((await preferencesOf(db, people.bystander.id))["panel-decision"]).toBe("EMAIL");
    await setProposalFollow(db, people.bystander.id, proposalId, false);
  });

  it("makes a commenter follow, tells the followers (not the writer) as they chose, and nobody who stopped", async () => {
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "SUBMISSION" } });
    await db.proposal.update({ where: { id: proposalId }, data: { status: "ADMISSIBLE" } });
    await db.notificationPreference.create({ data: { userId: people.author.id, kind: "comment", channel: "EMAIL" } });
    const posted = await postComment(db, people.commenter, proposalId, { intent: "comment", body: "Goed idee!", locale: "nl", asPanelMember: false }, BASE);
    expect(posted.ok).toBe(true);
    expect(await db.proposalFollow.findUnique({ where: { userId_proposalId: { userId: people.commenter.id, proposalId } } })).toMatchObject({
      following: true,
    });
    const mail = await newMail();
    expect(to(mail, people.commenter)).toEqual([]);
    // The author asked for comments at once; the follower has comments in the daily digest (the default).
    expect(to(mail, people.author)).toMatchObject([{ locale: "fr", subject: translated("fr", "notifications:email.comment.subject", { title: "Bankjes" }) }]);
    expect(to(mail, people.follower)).toEqual([]);
    expect(await db.notification.count({ where: { userId: people.follower.id, kind: "comment", inDigest: true } })).toBe(1);
    // The author stops following: the next comment is not theirs to hear of.
    await setProposalFollow(db, people.author.id, proposalId, false);
    await postComment(db, people.commenter, proposalId, { intent: "comment", body: "Nog iets.", locale: "nl", asPanelMember: false }, BASE);
    expect(to(await newMail(), people.author)).toEqual([]);
  });

  it("tells residents who answered a cancelled event as they chose, by name, in their language", async () => {
    const event = await anEvent(db, {
      neighbourhood: await aNeighbourhood(db),
      createdBy: people.staff,
      texts: { nl: { title: "Buurtfeest", description: "Voor iedereen." } },
    });
    for (const person of [people.follower, people.bystander]) {
      const answer = { userId: person.id, name: person.name, email: person.email, locale: person.locale as "tr" | "bg" };
      expect(await rsvp(db, event.id, answer, BASE)).toMatchObject({ ok: true });
    }
    await db.notificationPreference.create({ data: { userId: people.bystander.id, kind: "event-changed", channel: "NONE" } });
    await newMail();
    expect(await cancelEvent(db, people.staff, event.id, "Storm.", BASE)).toEqual({ ok: true, id: event.id });
    const mail = await newMail();
    expect(to(mail, people.follower)).toMatchObject([
      { locale: "tr", subject: translated("tr", "notifications:email.eventCancelled.subject", { title: "Buurtfeest" }) },
    ]);
    expect(to(mail, people.follower)[0]!.text).toContain("Elif Yılmaz");
    expect(to(mail, people.follower)[0]!.text).toContain(`${BASE}/events/${event.id}`);
    // Not by email, yet in the list.
    expect(to(mail, people.bystander)).toEqual([]);
    expect(await db.notification.count({ where: { userId: people.bystander.id, kind: "event-changed" } })).toBe(1);
  });

  it("tells a resident who moved up from the waiting list through their notifications, by name", async () => {
    const event = await anEvent(db, {
      neighbourhood: await aNeighbourhood(db),
      createdBy: people.staff,
      capacity: 1,
      texts: { nl: { title: "Zaaidag", description: "Zaden ruilen." } },
    });
    for (const person of [people.follower, people.author]) {
      const answer = { userId: person.id, name: person.name, email: person.email, locale: person.locale as "tr" | "fr" };
      expect(await rsvp(db, event.id, answer, BASE)).toMatchObject({ ok: true });
    }
    await newMail();
    expect(await cancelRsvp(db, { eventId: event.id, email: people.follower.email }, BASE)).toEqual({ ok: true, eventId: event.id });
    const mail = to(await newMail(), people.author);
    expect(mail).toMatchObject([{ locale: "fr", subject: translated("fr", "notifications:email.eventPromoted.subject", { title: "Zaaidag" }) }]);
    expect(mail[0]!.text).toContain(`${BASE}/events/${event.id}`);
    expect(mail[0]!.headers?.["List-Unsubscribe"]).toMatch(/^<.+>$/);
  });

  it("gathers a day's digest notifications into one email the next morning, queued once per recipient and day", async () => {
    // The comments above reached the follower's digest (comments go there by default).
    const waiting = await db.notification.findMany({ where: { userId: people.follower.id, inDigest: true, digestedAt: null } });
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const rows = await db.outboxMessage.findMany({ where: { task: "digest", userId: people.follower.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dueAt.getTime()).toBeGreaterThan(Date.now());
    // At six in the morning in Brussels, whether that is 05:00 or 04:00 UTC.
    expect(dateToCityWallTime(rows[0]!.dueAt)).toMatch(/T06:00$/);
    expect(to(await newMail(), people.follower)).toEqual([]);
    // The next morning comes.
    await db.outboxMessage.update({ where: { id: rows[0]!.id }, data: { dueAt: new Date() } });
    const mail = to(await newMail(), people.follower);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.locale).toBe("tr");
    expect(mail[0]!.text).toContain("Elif Yılmaz");
    for (const row of waiting) {
      expect(mail[0]!.text).toContain(row.title);
      expect(mail[0]!.text).toContain(`${BASE}${row.path}`);
    }
    expect(mail[0]!.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(await db.notification.count({ where: { userId: people.follower.id, inDigest: true, digestedAt: null } })).toBe(0);
    expect(to(await newMail(), people.follower)).toEqual([]);
    // The digest's link takes every kind out of the digest.
    const token = mail[0]!.headers!["List-Unsubscribe"]!.slice(1, -1).split("/").pop()!;
    expect(await unsubscribe(db, token)).toEqual({ kind: "digest" });
    expect((await preferencesOf(db, people.follower.id)).comment).toBe("NONE");
  });

  it("reminds each opted-in follower who has not voted once, three days before voting closes, with two instances delivering", async () => {
    const closes = new Date(Date.now() + 5 * 86_400_000);
    const round = await aRound(db, { neighbourhood: await aNeighbourhood(db), phase: "VOTING", votingEndsAt: closes, title: "Rabot stemt" });
    const [eager, voted, muted] = [people.author, people.commenter, people.bystander];
    for (const person of [eager, voted, muted]) await setRoundFollow(db, person.id, round.id, true);
    await db.participation.create({ data: { id: crypto.randomUUID(), roundId: round.id, userId: voted.id } });
    await db.notificationPreference.upsert({
      where: { userId_kind: { userId: muted.id, kind: "voting-closes" } },
      create: { userId: muted.id, kind: "voting-closes", channel: "NONE" },
      update: { channel: "NONE" },
    });
    // Opened (and, say, the hook run again): one reminder row, due three days before the close.
    await db.$transaction((tx) => announceVotingOpened(tx, round.id, BASE));
    const opened = await newMail();
    expect(to(opened, eager)).toMatchObject([{ subject: translated("fr", "notifications:email.votingOpens.subject", { round: "Rabot stemt" }) }]);
    await db.$transaction((tx) => announceVotingOpened(tx, round.id, BASE));
    await newMail();
    const reminders = await db.outboxMessage.findMany({ where: { task: "voting-closes", to: round.id } });
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.dueAt.getTime()).toBe(closes.getTime() - 3 * 86_400_000);
    // The moment comes; two instances deliver at once.
    await db.outboxMessage.update({ where: { id: reminders[0]!.id }, data: { dueAt: new Date() } });
    const other = otherInstance({ DATABASE_URL: database.url, OUTBOX_DIR: outbox });
    await other.ready;
    other.go();
    const [here, there] = await Promise.all([deliverDueMail(db), other.done]);
    // One of them ran the reminder (and, having queued its mail, maybe sent some of it).
    expect(here.sent + there.sent).toBeGreaterThanOrEqual(1);
    const mail = await newMail();
    const subject = translated("fr", "notifications:email.votingCloses.subject", { round: "Rabot stemt" });
    expect(to(mail, eager)).toMatchObject([{ locale: "fr", subject }]);
    expect(to(mail, eager)[0]!.text).toContain(`${BASE}/vote/${round.id}`);
    expect(to(mail, voted)).toEqual([]);
    expect(to(mail, muted)).toEqual([]);
    expect(await db.notification.count({ where: { kind: "voting-closes", userId: eager.id } })).toBe(1);
  });
});
