// ballotOf keeps a round's ballot between reads (decision 0042): what staff change — the round's
// texts, a proposal's translation, a proposal hidden by moderation, the phase — shows on the next read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { hideItem } from "~/moderation/moderation.server";
import { addTranslation } from "~/proposals/proposals.server";
import { roundSchemaFor } from "~/rounds/schema";
import { advancePhase, updateRound } from "~/rounds/rounds.server";
import { votingSettingsSchema } from "~/voting/schema";
import { ballotOf, ballotView, openBallot, saveVotingSettings } from "~/voting/voting.server";
import { aNeighbourhood, aProposal, aRound, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

describe.each(testProviders())("the ballot kept between reads on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let staff: SessionUser;
  let roundId: string;
  let neighbourhoodId: string;
  let proposalIds: string[];

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    staff = await aUser(db, { role: "STAFF" });
    const resident = await aUser(db);
    neighbourhoodId = (await aNeighbourhood(db)).id;
    const round = await aRound(db, { neighbourhood: neighbourhoodId, budgetCents: 40_000_00, phase: "SUBMISSION", hasReview: false });
    roundId = round.id;
    proposalIds = [];
    for (const euros of [1000, 2000])
      proposalIds.push((await aProposal(db, { round, author: resident, status: "ADMISSIBLE", requestedCents: euros * 100 })).id);
    const settings = votingSettingsSchema.parse({
      intent: "voting-settings",
      ballotMethod: "APPROVAL_BUDGET",
      tallyRule: "greedy",
      eligibility: "CODES",
      minimumAge: "16",
    });
    expect(await saveVotingSettings(db, staff.id, roundId, settings)).toEqual({ ok: true });
    expect(await advancePhase(db, staff.id, roundId, "SUBMISSION", "VOTING", { openVoting: openBallot })).toMatchObject({ ok: true });
  }, 60_000);

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  const shown = async (locale: "nl" | "tr" = "nl") => {
    const ballot = (await ballotOf(db, roundId))!;
    return { ballot, view: ballotView(ballot, locale) };
  };

  it("reads the ballot once while nothing changes", async () => {
    const first = await shown();
    expect(first.ballot.round.phase).toBe("VOTING");
    expect(first.view.projects.map((project) => project.costCents)).toEqual([1000_00, 2000_00]);
    expect((await shown()).ballot.proposals).toBe(first.ballot.proposals);
  });

  it("shows the round's new title", async () => {
    await shown();
    const input = roundSchemaFor("nl").parse({
      neighbourhoodId,
      originalLocale: "nl",
      translations: { nl: { title: "Wijkbudget Nieuw", description: "Ideeën voor de wijk." } },
      budget: "40000",
      dates: {},
    });
    expect(await updateRound(db, staff.id, roundId, input)).toMatchObject({ ok: true });
    expect((await shown()).ballot.round.translations).toEqual([{ locale: "nl", title: "Wijkbudget Nieuw" }]);
  });

  it("shows a proposal's new translation", async () => {
    expect((await shown("tr")).view.projects[0].textLocale).not.toBe("tr");
    const text = { locale: "tr" as const, title: "Banklar", summary: "Dört bank", description: "Ağacın etrafında dört bank." };
    expect(await addTranslation(db, staff, proposalIds[0], text)).toMatchObject({ ok: true });
    expect((await shown("tr")).view.projects[0]).toMatchObject({ title: "Banklar", summary: "Dört bank", textLocale: "tr" });
  });

  it("shows a proposal hidden by moderation as hidden", async () => {
    expect((await shown()).view.projects[1].hidden).toBe(false);
    const hidden = await hideItem(db, staff, { kind: "proposal", itemId: proposalIds[1] }, { text: "Scheldwoorden", locale: "nl" }, "https://wijkbudget.test");
    expect(hidden).toMatchObject({ ok: true });
    expect((await shown()).view.projects[1]).toMatchObject({ hidden: true, title: "" });
  });

  it("shows the round's new phase", async () => {
    await shown();
    // The round's row is read on every call, whatever the version says.
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "TALLY" } });
    expect((await shown()).ballot.round.phase).toBe("TALLY");
  });
});
