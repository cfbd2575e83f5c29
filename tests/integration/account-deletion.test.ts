// Deleting one's own account (issue #24 item 4), on both databases: the person's data goes at once —
// sessions, name, address, password, answers to events (a waiting neighbour moves up), rows naming the
// address — while what they did stays counted under a tombstone; an address that voted in an open
// account round cannot vote there again with a new account, until voting closed; staff cannot delete
// themselves, and a wrong password changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteOwnAccount, tombstoneAddress } from "~/account/deletion.server";
import { createSession } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import { checkCredential, pruneDeletedVoters } from "~/voting/voting.server";
import { aNeighbourhood, anEvent, aProposal, aRound, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const BASE = "https://wijkbudget.test";
const PASSWORD = "een lange zin als wachtwoord";

describe.each(testProviders())("deleting one's own account on %s", (provider) => {
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

  it("erases the person at once and keeps what they did counted, a waiting neighbour taking their place", async () => {
    const an = await aUser(db, { email: "an@example.org", name: "An Peeters", password: PASSWORD });
    const staff = await aUser(db, { role: "STAFF" });
    await createSession(db, an.id);
    const round = await aRound(db, { phase: "VOTING", eligibility: "ACCOUNTS" });
    const proposal = await aProposal(db, { round, author: an, title: "Bankjes" });
    await db.roundVoter.create({ data: { roundId: round.id, userId: an.id, birthYear: 1980 } });
    await db.participation.create({ data: { id: generateToken(), roundId: round.id, userId: an.id } });
    await db.panelMember.create({ data: { roundId: round.id, userId: an.id, namePublic: true } });
    await db.proposalInvite.create({ data: { id: hashToken(generateToken()), proposalId: proposal.id, email: "an@example.org" } });
    await db.outboxMessage.create({
      data: { id: generateToken(), to: "an@example.org", locale: "nl", subject: "Welkom", text: "Hallo", messageId: `<${generateToken()}@test>` },
    });
    const event = await anEvent(db, { neighbourhood: await aNeighbourhood(db), createdBy: staff, capacity: 1, confirmedCount: 1 });
    await db.rsvp.create({ data: { eventId: event.id, userId: an.id, name: an.name, email: an.email, locale: "nl", status: "CONFIRMED" } });
    const waiting = await db.rsvp.create({ data: { eventId: event.id, name: "Buur", email: "buur@example.org", locale: "tr", status: "WAITING" } });

    expect(await deleteOwnAccount(db, an, PASSWORD, BASE)).toEqual({ ok: true });

    const row = await db.user.findUniqueOrThrow({ where: { id: an.id } });
    expect(row).toMatchObject({ email: tombstoneAddress(an.id), name: "", passwordHash: "", locale: null, totpKey: null, emailVerifiedAt: null });
    expect(row.deletedAt).not.toBeNull();
    expect(await db.session.count({ where: { userId: an.id } })).toBe(0);
    expect(await db.rsvp.count({ where: { OR: [{ userId: an.id }, { email: "an@example.org" }] } })).toBe(0);
    expect((await db.rsvp.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe("CONFIRMED");
    expect(await db.proposalInvite.count({ where: { email: "an@example.org" } })).toBe(0);
    expect(await db.outboxMessage.count({ where: { to: "an@example.org" } })).toBe(0);
    expect(await db.roundVoter.count({ where: { userId: an.id } })).toBe(0);
    expect((await db.panelMember.findFirstOrThrow({ where: { userId: an.id } })).namePublic).toBe(false);
    // What they did stays counted.
    expect((await db.proposal.findUniqueOrThrow({ where: { id: proposal.id } })).authorId).toBe(an.id);
    expect(await db.participation.count({ where: { roundId: round.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "user.delete", entityId: an.id, actorId: an.id } })).toBe(1);
    // The address itself is nowhere.
    const trace = await db.deletedVoter.findFirstOrThrow({ where: { roundId: round.id } });
    expect(JSON.stringify(trace)).not.toContain("an@example.org");

    // A new account with the address cannot vote again in the open round; another address can.
    const again = await aUser(db, { email: "an@example.org", name: "An opnieuw" });
    const other = await aUser(db, { email: "bo@example.org" });
    for (const user of [again, other]) await db.roundVoter.create({ data: { roundId: round.id, userId: user.id } });
    expect(await checkCredential(db, round.id, { kind: "account", user: again })).toMatchObject({
      ok: false,
      status: 409,
      formError: "voting:errors.alreadyVoted",
    });
    expect(await checkCredential(db, round.id, { kind: "account", user: other })).toMatchObject({ ok: true });

    // Once voting closed the trace goes.
    await pruneDeletedVoters(db);
    expect(await db.deletedVoter.count({ where: { roundId: round.id } })).toBe(1);
    await db.budgetRound.update({ where: { id: round.id }, data: { phase: "TALLY" } });
    await pruneDeletedVoters(db);
    expect(await db.deletedVoter.count({ where: { roundId: round.id } })).toBe(0);
  });

  it("changes nothing with a wrong password, and leaves staff accounts to an admin", async () => {
    const bo = await aUser(db, { email: "bo.wrong@example.org", password: PASSWORD });
    expect(await deleteOwnAccount(db, bo, "niet het wachtwoord", BASE)).toMatchObject({
      ok: false,
      status: 400,
      errors: { password: "auth:account.wrongPassword" },
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: bo.id } })).deletedAt).toBeNull();

    const staff = await aUser(db, { role: "STAFF", password: PASSWORD });
    expect(await deleteOwnAccount(db, staff, PASSWORD, BASE)).toMatchObject({ ok: false, status: 403, formError: "auth:deleteAccount.staffRefused" });
    expect(await db.user.findUniqueOrThrow({ where: { id: staff.id } })).toMatchObject({ deletedAt: null, email: staff.email });
  });
});
