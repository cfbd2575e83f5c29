// "My data" (issue #24 item 3): the file holds everything kept about one account — every table that
// references an account or an email address is in it (read from prisma/schema.prisma, so a new table
// cannot be forgotten) — and nothing about anyone else, no secret and no ballot.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { generateToken, hashToken } from "~/kernel/tokens";
import { myParticipation } from "~/account/participation.server";
import { myData, MY_DATA_SOURCES } from "~/privacy/my-data.server";
import { aNeighbourhood, anEvent, aProposal, aRound, aUser, someBallots } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

/** The models of the schema that hold an account (a relation to User) or an email address. */
function modelsAboutPeople(): string[] {
  const schema = readFileSync("prisma/schema.prisma", "utf8");
  return [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)]
    .filter(([, , body]) =>
      body!.split("\n").some((line) => {
        const [field, type] = line.trim().split(/\s+/);
        return !!field && !!type && !field.startsWith("//") && !field.startsWith("@@") && (type.replace(/[?[\]]/g, "") === "User" || /email|^to$/i.test(field));
      }),
    )
    .map(([, name]) => name!);
}

describe("the tables my data covers", () => {
  it("names every table that holds an account or an email address, and no other", () => {
    const models = modelsAboutPeople();
    expect(models.length).toBeGreaterThanOrEqual(19);
    expect(Object.keys(MY_DATA_SOURCES).sort()).toEqual(models.sort());
  });
});

describe.each(testProviders())("my data on %s", (provider) => {
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

  /** An account with a row in every table about people, and the same for `other` (who must not show). */
  async function someoneWithEverything(email: string, name: string, round: { id: string }, staff: { id: string }) {
    const me = await aUser(db, { email, name, password: "een lange zin als wachtwoord" });
    await db.user.update({ where: { id: me.id }, data: { totpKey: "ab".repeat(20) } });
    await createSession(db, me.id);
    await db.knownDevice.create({ data: { id: hashToken(generateToken()), userId: me.id } });
    await db.recoveryCode.create({ data: { id: hashToken(generateToken()), userId: me.id } });
    await db.emailToken.create({
      data: { id: hashToken(generateToken()), userId: me.id, purpose: "VERIFY_EMAIL", expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const mine = await aProposal(db, { round, author: me, title: `Voorstel van ${name}` });
    const theirs = await aProposal(db, { round, author: staff, title: `Samen met ${name}` });
    await db.proposalMember.create({ data: { proposalId: theirs.id, userId: me.id } });
    await db.proposal.update({ where: { id: theirs.id }, data: { coachId: me.id } });
    await db.coachNote.create({ data: { proposalId: theirs.id, authorId: me.id, body: `Notitie van ${name}` } });
    await db.proposalInvite.create({ data: { id: hashToken(generateToken()), proposalId: mine.id, email } });
    const neighbourhood = await aNeighbourhood(db);
    const [event, other] = [await anEvent(db, { neighbourhood, createdBy: staff }), await anEvent(db, { neighbourhood, createdBy: staff })];
    await db.rsvp.create({ data: { eventId: event.id, userId: me.id, name, email, locale: "nl", status: "CONFIRMED" } });
    await db.rsvp.create({ data: { eventId: other.id, name, email, locale: "tr", status: "WAITING" } });
    await db.parkletRequest.create({
      data: {
        neighbourhoodId: neighbourhood.id,
        userId: me.id,
        street: "Kerkstraat",
        wishedFrom: "2027-05-01",
        wishedUntil: "2027-05-31",
        reason: "Meer groen",
      },
    });
    await db.panelMember.create({ data: { roundId: round.id, userId: me.id, namePublic: true } });
    await db.panelInvite.create({ data: { id: hashToken(generateToken()), roundId: round.id, email } });
    await db.panelConflict.create({ data: { proposalId: mine.id, userId: me.id, reason: "Eigen voorstel" } });
    await db.panelReview.create({ data: { proposalId: theirs.id, userId: me.id, comment: `Oordeel van ${name}` } });
    await db.participation.create({ data: { id: generateToken(), roundId: round.id, userId: me.id } });
    await db.roundVoter.create({ data: { roundId: round.id, userId: me.id, birthYear: 1980 } });
    await db.outboxMessage.create({
      data: { id: generateToken(), to: email, locale: "nl", subject: `Welkom ${name}`, text: "Hallo", messageId: `<${generateToken()}@test>` },
    });
    const comment = await db.comment.create({ data: { proposalId: theirs.id, authorId: me.id, body: `Reactie van ${name}`, locale: "nl" } });
    await db.report.create({ data: { reporterId: me.id, commentId: comment.id, reason: "SPAM" } });
    await db.auditLog.create({ data: { actorId: me.id, action: "proposal.edit", entityType: "Proposal", entityId: mine.id, details: "{}" } });
    await db.auditLog.create({ data: { actorId: staff.id, action: "user.second-factor-reset", entityType: "User", entityId: me.id, details: "{}" } });
    return me;
  }

  it("holds a row of every kind kept about the account, and nothing about anyone else, no secret and no ballot", async () => {
    const staff = await aUser(db, { role: "STAFF" });
    const round = await aRound(db, { phase: "VOTING" });
    const me = await someoneWithEverything("an@example.org", "An Peeters", round, staff);
    await someoneWithEverything("bo@example.org", "Bo Janssens", round, staff);
    const [proposal] = await db.proposal.findMany({ where: { roundId: round.id }, take: 1 });
    await someBallots(db, 3, { round, choices: [proposal!] });

    const data = (await myData(db, me.id))!;
    expect(data).toMatchObject({ format: "wijkbudget-my-data", version: 1, account: { email: "an@example.org", name: "An Peeters", secondFactorOn: false } });
    const counts = {
      sessions: data.security.sessions.length,
      rememberedBrowsers: data.security.rememberedBrowsers.length,
      recoveryCodesLeft: data.security.recoveryCodesLeft,
      emailedLinks: data.security.emailedLinks.length,
      authored: data.proposals.authored.length,
      coProposed: data.proposals.coProposed.length,
      coached: data.proposals.coached.length,
      coachNotes: data.proposals.coachNotes.length,
      proposalInvites: data.proposals.invitationsToMyAddress.length,
      answers: data.events.answers.length,
      comments: data.comments.written.length,
      reportsMade: data.comments.reportsMade.length,
      parkletRequests: data.parklets.requests.length,
      seats: data.panel.seats.length,
      panelInvites: data.panel.invitationsToMyAddress.length,
      conflicts: data.panel.conflicts.length,
      reviews: data.panel.reviews.length,
      roundsVotedIn: data.voting.roundsVotedIn.length,
      voterLists: data.voting.voterLists.length,
      mail: data.mail.length,
      byMe: data.audit.byMe.length,
      aboutMe: data.audit.aboutMe.length,
    };
    expect(counts).toEqual({
      sessions: 1,
      rememberedBrowsers: 1,
      recoveryCodesLeft: 1,
      emailedLinks: 1,
      authored: 1,
      coProposed: 1,
      coached: 1,
      coachNotes: 1,
      proposalInvites: 1,
      answers: 2, // one as the account, one given with the address only
      comments: 1,
      reportsMade: 1,
      parkletRequests: 1,
      seats: 1,
      panelInvites: 1,
      conflicts: 1,
      reviews: 1,
      roundsVotedIn: 1,
      voterLists: 1,
      mail: 1,
      byMe: 1,
      aboutMe: 1,
    });

    const text = JSON.stringify(data);
    expect(text).not.toMatch(/Bo Janssens|bo@example\.org/);
    const stored = await db.user.findUniqueOrThrow({ where: { id: me.id } });
    expect(text).not.toContain(stored.passwordHash);
    expect(text).not.toContain(stored.totpKey!);
    for (const session of await db.session.findMany({ where: { userId: me.id } })) expect(text).not.toContain(session.id);
    for (const ballot of await db.ballot.findMany()) {
      expect(text).not.toContain(ballot.id);
      expect(text).not.toContain(ballot.receiptHash);
    }
    expect(await myData(db, "no-such-account")).toBeNull();
  });

  it("shows on the account page what the account took part in, and whether it voted, never how", async () => {
    const staff = await aUser(db, { role: "STAFF" });
    const round = await aRound(db, { phase: "VOTING", eligibility: "ACCOUNTS" });
    const me = await someoneWithEverything("cas@example.org", "Cas Claes", round, staff);
    // Follows a round and one proposal, and stopped following another.
    const [followed, dropped] = await db.proposal.findMany({ where: { roundId: round.id }, take: 2, orderBy: { id: "asc" } });
    await db.roundFollow.create({ data: { userId: me.id, roundId: round.id } });
    await db.proposalFollow.create({ data: { userId: me.id, proposalId: followed!.id } });
    await db.proposalFollow.create({ data: { userId: me.id, proposalId: dropped!.id, following: false } });
    const taken = await myParticipation(db, me.id);
    expect({
      proposals: taken.proposals.count,
      comments: taken.comments.count,
      answers: taken.answers.map((answer) => answer.status),
      follows: [taken.follows.rounds.length, taken.follows.proposals.map((proposal) => proposal.id)],
      seats: taken.panel.seats.length,
      reviews: taken.panel.reviews,
      voting: taken.voting.map((entry) => [entry.round.id, entry.voted]),
    }).toEqual({ proposals: 2, comments: 1, answers: ["CONFIRMED"], follows: [1, [followed.id]], seats: 1, reviews: 1, voting: [[round.id, true]] });
    expect(JSON.stringify(taken)).not.toMatch(/ballot|choice/i);

    const newcomer = await aUser(db);
    expect(await myParticipation(db, newcomer.id)).toEqual({
      proposals: { count: 0, latest: [] },
      comments: { count: 0, latest: [] },
      follows: { proposals: [], rounds: [] },
      answers: [],
      panel: { seats: [], reviews: 0 },
      voting: [],
    });
  });
});
