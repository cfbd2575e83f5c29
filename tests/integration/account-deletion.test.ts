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
import { aNeighbourhood, anEvent, aProposal, aRound, aUser, someBallots } from "../support/builders";
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

  /** Every text column of every table (the schema's own, not Prisma's), read from the database itself. */
  async function textColumns(): Promise<[string, string][]> {
    if (provider === "sqlite") {
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'",
      );
      const columns: [string, string][] = [];
      for (const { name } of tables) {
        const info = await db.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name}")`);
        for (const column of info) if (column.type === "TEXT") columns.push([name, column.name]);
      }
      return columns;
    }
    const rows = await db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') AND table_name NOT LIKE '\\_prisma%'",
    );
    return rows.map((row) => [row.table_name, row.column_name]);
  }

  /** Where `needle` still appears: "Table.column" for each text column holding it. */
  async function whereFound(needle: string): Promise<string[]> {
    const found: string[] = [];
    const placeholder = provider === "sqlite" ? "?" : "$1";
    for (const [table, column] of await textColumns()) {
      const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
        `SELECT COUNT(*) AS n FROM "${table}" WHERE "${column}" LIKE ${placeholder}`,
        `%${needle}%`,
      );
      if (Number(row!.n) > 0) found.push(`${table}.${column}`);
    }
    return found;
  }

  it("leaves neither the address nor the name in any text column, and the round's ballots and result as they were", async () => {
    const email = "xandria.vermeulen@example.org";
    const name = "Xandria Vermeulen";
    const xandria = await aUser(db, { email, name, password: PASSWORD });
    const other = await aUser(db, { email: "buurman.kees@example.org", name: "Kees" });
    const round = await aRound(db, { phase: "VOTING", eligibility: "ACCOUNTS" });
    const proposal = await aProposal(db, { round, author: xandria, title: "Een moestuin" });
    await db.roundVoter.create({ data: { roundId: round.id, userId: xandria.id, birthYear: 1975 } });
    await db.participation.create({ data: { id: generateToken(), roundId: round.id, userId: xandria.id } });
    await someBallots(db, 3, { round, choices: [proposal] });
    await db.roundResult.create({ data: { roundId: round.id, version: 1, rule: "greedy", outcome: JSON.stringify({ funded: [proposal.id] }) } });
    // Failed logins and a reset asked for: counters keyed by the address.
    for (const key of [`login:account:${email}`, `login:account-address:${email}|203.0.113.9`, `reset:account:${email}`, `password:account:${xandria.id}`]) {
      await db.rateLimit.create({ data: { key, windowStart: new Date(), count: 2 } });
    }
    await createSession(db, xandria.id);
    await db.comment.create({ data: { proposalId: proposal.id, authorId: xandria.id, body: "Ik help graag mee.", locale: "nl" } });
    await db.outboxMessage.create({
      data: {
        id: generateToken(),
        to: email,
        userId: xandria.id,
        locale: "nl",
        subject: "Welkom",
        text: `Beste ${name}`,
        messageId: `<${generateToken()}@test>`,
      },
    });
    // Mail to a neighbour naming her: one sent already, one waiting.
    await db.outboxMessage.create({
      data: {
        id: generateToken(),
        to: other.email,
        locale: "nl",
        subject: `${name} nodigt u uit`,
        text: `${name} (${email}) nodigt u uit.`,
        messageId: `<${generateToken()}@test>`,
        sentAt: new Date(),
      },
    });
    await db.outboxMessage.create({
      data: {
        id: generateToken(),
        to: other.email,
        locale: "nl",
        subject: "Een antwoord",
        text: `${name} antwoordde u.`,
        messageId: `<${generateToken()}@test>`,
      },
    });
    const untouched = await db.outboxMessage.create({
      data: { id: generateToken(), to: other.email, locale: "nl", subject: "Antwerpen", text: "Niets over haar.", messageId: `<${generateToken()}@test>` },
    });
    await db.auditLog.create({
      data: { actorId: xandria.id, action: "proposal.edit", entityType: "Proposal", entityId: proposal.id, details: '{"submitted":true}' },
    });

    const counted = async () => ({
      ballots: await db.ballot.findMany({ where: { roundId: round.id }, include: { choices: true }, orderBy: { id: "asc" } }),
      participations: await db.participation.count({ where: { roundId: round.id } }),
      results: await db.roundResult.findMany({ where: { roundId: round.id } }),
    });
    const before = await counted();
    expect((await whereFound(email)).length).toBeGreaterThan(3);
    expect(await whereFound(name)).toEqual(expect.arrayContaining(["User.name", "OutboxMessage.text"]));

    expect(await deleteOwnAccount(db, xandria, PASSWORD, BASE)).toEqual({ ok: true });

    expect(await whereFound(email)).toEqual([]);
    expect(await whereFound(name)).toEqual([]);
    expect(await whereFound("Xandria")).toEqual([]);
    expect(await counted()).toEqual(before);
    expect(await db.outboxMessage.count({ where: { id: untouched.id } })).toBe(1);
  });
});
