// Retention as docs/privacy.md and /privacy promise it, row by row of app/privacy/retention.ts: data
// planted at the moment its period counts from is still there well within the period, and gone after
// the hourly clean-up ran once the period is over. A row without a scenario here does not compile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { eraseAfter } from "~/comments/rules";
import { createPrismaClient, type Db } from "~/db.server";
import { generateToken } from "~/kernel/tokens";
import { pruneDueRows } from "~/maintenance.server";
import { DAY_MS, RETENTION, type RetentionKey } from "~/privacy/retention";
import { eligibleVoters } from "~/results/stored.server";
import { aNeighbourhood, anEvent, aProposal, aRound, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const HOUR = 3_600_000;
/** Far from the clock of the machine, so nothing else the clean-up does interferes. */
const START = new Date("2031-03-01T10:00:00Z");

/** Plants data as it stands at `start`, the moment its period counts from; answers whether it is still held. */
type Scenario = (db: Db, start: Date) => Promise<() => Promise<boolean>>;

const SCENARIOS: Record<RetentionKey, Scenario> = {
  // Last used at `start`: a session's expiry is 30 days after its last use.
  async sessions(db, start) {
    const user = await aUser(db);
    await createSession(db, user.id, start);
    return async () => (await db.session.count({ where: { userId: user.id } })) > 0;
  },
  async emailLinks(db, start) {
    const user = await aUser(db);
    const id = generateToken();
    await db.emailToken.create({ data: { id, userId: user.id, purpose: "RESET_PASSWORD", expiresAt: start } });
    return async () => (await db.emailToken.count({ where: { id } })) > 0;
  },
  async rateLimits(db, start) {
    const key = `login:${generateToken()}`;
    await db.rateLimit.create({ data: { key, windowStart: start, count: 3 } });
    return async () => (await db.rateLimit.count({ where: { key } })) > 0;
  },
  // First remembered at `start`: its cookie lives a year from then, and the login never renews it.
  async knownDevices(db, start) {
    const user = await aUser(db);
    const id = generateToken();
    await db.knownDevice.create({ data: { id, userId: user.id, createdAt: start } });
    return async () => (await db.knownDevice.count({ where: { id } })) > 0;
  },
  async unconfirmedRsvps(db, start) {
    const event = await anEvent(db, {
      neighbourhood: await aNeighbourhood(db),
      createdBy: await aUser(db, { role: "STAFF" }),
      startsAt: new Date(start.getTime() + 90 * DAY_MS),
    });
    const rsvp = await db.rsvp.create({
      data: { eventId: event.id, name: "Buur", email: `${generateToken()}@example.org`, locale: "nl", status: "PENDING", pendingUntil: start },
    });
    return async () => (await db.rsvp.count({ where: { id: rsvp.id } })) > 0;
  },
  async pastRsvps(db, start) {
    const event = await anEvent(db, {
      neighbourhood: await aNeighbourhood(db),
      createdBy: await aUser(db, { role: "STAFF" }),
      startsAt: new Date(start.getTime() - 2 * HOUR),
      endsAt: start,
    });
    const resident = await aUser(db);
    await db.rsvp.createMany({
      data: [
        { eventId: event.id, userId: resident.id, name: resident.name, email: resident.email, locale: "nl", status: "CONFIRMED" },
        { eventId: event.id, name: "Buur", email: `${generateToken()}@example.org`, locale: "tr", status: "WAITING" },
      ],
    });
    return async () => (await db.rsvp.count({ where: { eventId: event.id } })) > 0;
  },
  async invitations(db, start) {
    const round = await aRound(db);
    const proposal = await aProposal(db, { round, author: await aUser(db) });
    const accepted = await db.proposalInvite.create({
      data: { id: generateToken(), proposalId: proposal.id, email: "co@example.org", createdAt: start, acceptedAt: start },
    });
    const open = await db.panelInvite.create({ data: { id: generateToken(), roundId: round.id, email: "panel@example.org", createdAt: start } });
    return async () => (await db.proposalInvite.count({ where: { id: accepted.id } })) + (await db.panelInvite.count({ where: { id: open.id } })) > 0;
  },
  async plainCodes(db, start) {
    const round = await aRound(db, { phase: "VOTING" });
    const batch = await db.codeBatch.create({
      data: { roundId: round.id, count: 1, plainCodes: JSON.stringify([{ serial: 1, code: "ABCD-EFGH" }]), createdAt: start },
    });
    return async () => (await db.codeBatch.findUniqueOrThrow({ where: { id: batch.id } })).plainCodes !== null;
  },
  async voterLists(db, start) {
    const round = await aRound(db, { phase: "PUBLISHED", phaseChangedAt: start, eligibility: "ACCOUNTS" });
    for (const birthYear of [1950, 1990]) await db.roundVoter.create({ data: { roundId: round.id, userId: (await aUser(db)).id, birthYear } });
    return async () => (await db.roundVoter.count({ where: { roundId: round.id } })) > 0;
  },
  async mailText(db, start) {
    const id = generateToken();
    await db.outboxMessage.create({
      data: { id, to: "buur@example.org", locale: "nl", subject: "Uw voorstel", text: "Beste buur", messageId: `<${id}@test>`, sentAt: start },
    });
    return async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).text !== "";
  },
  async mailAddresses(db, start) {
    const id = generateToken();
    await db.outboxMessage.create({ data: { id, to: "buur@example.org", locale: "nl", subject: "", text: "", messageId: `<${id}@test>`, failedAt: start } });
    return async () => (await db.outboxMessage.count({ where: { id } })) > 0;
  },
  // Hidden by moderation at `start` (as hideComment does it: the erasure date set from the retention list).
  async hiddenContent(db, start) {
    const round = await aRound(db);
    const proposal = await aProposal(db, { round, author: await aUser(db) });
    const comment = await db.comment.create({
      data: {
        proposalId: proposal.id,
        authorId: (await aUser(db)).id,
        body: "Mijn telefoonnummer is 0470 00 00 00",
        locale: "nl",
        hiddenAt: start,
        hiddenReason: "Persoonsgegevens",
        eraseAfter: eraseAfter(start),
      },
    });
    return async () => (await db.comment.findUniqueOrThrow({ where: { id: comment.id } })).body !== "";
  },
  // The email went at `start`: its link was made then, working 90 days.
  async unsubscribeLinks(db, start) {
    const user = await aUser(db);
    const id = generateToken();
    await db.unsubscribeToken.create({ data: { id, userId: user.id, kind: "comment", createdAt: start, expiresAt: new Date(start.getTime() + 90 * DAY_MS) } });
    return async () => (await db.unsubscribeToken.count({ where: { id } })) > 0;
  },
  async notifications(db, start) {
    const user = await aUser(db);
    const row = await db.notification.create({ data: { userId: user.id, kind: "comment", title: "Nieuwe reactie", path: "/proposals/x", createdAt: start } });
    return async () => (await db.notification.count({ where: { id: row.id } })) > 0;
  },
  async auditDetails(db, start) {
    const entry = await db.auditLog.create({
      data: { action: "event.cancel", entityType: "Event", entityId: "e1", details: JSON.stringify({ reason: "Ziek" }), at: start },
    });
    return async () => (await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).details !== "{}";
  },
};

describe.each(testProviders())("retention on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  it.each(RETENTION.map(({ key, days }) => [key, days] as const))("keeps %s no longer than %i days, and not much shorter", async (key, days) => {
    const held = await SCENARIOS[key](db, START);
    await pruneDueRows(db, new Date(START.getTime() + 0.9 * days * DAY_MS));
    expect(await held()).toBe(true);
    await pruneDueRows(db, new Date(START.getTime() + days * DAY_MS));
    expect(await held()).toBe(false);
  });

  it("keeps an account round's turnout when its voter list goes, and who did what in the audit when its details go", async () => {
    const round = await aRound(db, { phase: "CLOSED", phaseChangedAt: START, eligibility: "ACCOUNTS" });
    for (let i = 0; i < 3; i++) await db.roundVoter.create({ data: { roundId: round.id, userId: (await aUser(db)).id } });
    const staff = await aUser(db, { role: "STAFF" });
    const entry = await db.auditLog.create({
      data: {
        actorId: staff.id,
        action: "round.phase",
        entityType: "BudgetRound",
        entityId: round.id,
        details: '{"from":"PUBLISHED","to":"CLOSED"}',
        at: START,
      },
    });
    expect(await eligibleVoters(db, round.id)).toEqual({ count: 3, kind: "voters" });

    await pruneDueRows(db, new Date(START.getTime() + 800 * DAY_MS));
    expect(await db.roundVoter.count({ where: { roundId: round.id } })).toBe(0);
    expect(await eligibleVoters(db, round.id)).toEqual({ count: 3, kind: "voters" });
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({
      actorId: staff.id,
      action: "round.phase",
      entityId: round.id,
      details: "{}",
    });
  });
});
