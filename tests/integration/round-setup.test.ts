// The round set-up wizard's Create: one transaction writes the round, its rules, themes, panel,
// criteria and voting settings, each audited; a refusal at the last write leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { readSetup, type RoundSetup } from "~/workspace/setup";
import { createRoundWithSetup } from "~/workspace/setup.server";
import { aNeighbourhood, aUser } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const wizardValues = (neighbourhoodId: string) => ({
  neighbourhoodId,
  originalLocale: "fr",
  translations: { fr: { title: "Budget de quartier Arsenal", description: "Des idées pour le quartier." } },
  budget: "40 000",
  minAmount: "500",
  maxAmount: "",
  maxSharePercent: "75",
  organisationsMaySubmit: "on",
  themes: "Rencontre\n\nNature  \n",
  hasReview: "on",
  dates: { submissionStartsAt: "2027-01-10T09:00", submissionEndsAt: "2027-02-10T23:59" },
  panelMode: "WEIGHTED",
  weightPercent: "30",
  scaleMin: "1",
  scaleMax: "5",
  criteria: [
    { name: "Faisabilité", weight: "2" },
    { name: "", weight: "" },
    { name: "Impact", weight: "1" },
  ],
  ballotMethod: "APPROVAL_K",
  tallyRule: "greedy",
  approvalLimit: "3",
  eligibility: "CODES",
  minimumAge: "16",
});

describe.each(testProviders())("creating a round from the set-up on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let staffId: string;
  let neighbourhoodId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    staffId = (await aUser(db, { role: "STAFF" })).id;
    neighbourhoodId = (await aNeighbourhood(db)).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
  });

  const setupOf = (values: Record<string, unknown>): RoundSetup => {
    const read = readSetup(values, "fr");
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    return read.setup;
  };

  it("writes the round in DRAFT with its rules, themes, panel, criteria and voting settings, each audited", async () => {
    const result = await createRoundWithSetup(db, staffId, setupOf(wizardValues(neighbourhoodId)));
    expect(result.ok).toBe(true);
    const id = result.ok ? result.id : "";
    const round = await db.budgetRound.findUniqueOrThrow({
      where: { id },
      include: { translations: true, categories: { orderBy: { position: "asc" } }, panel: true, criteria: { orderBy: { position: "asc" } } },
    });
    expect(round).toMatchObject({
      phase: "DRAFT",
      originalLocale: "fr",
      budgetCents: 4_000_000,
      minAmountCents: 50_000,
      maxAmountCents: null,
      maxSharePercent: 75,
      organisationsMaySubmit: true,
      ballotMethod: "APPROVAL_K",
      approvalLimit: 3,
      eligibility: "CODES",
      panel: { mode: "WEIGHTED", weightPercent: 30, scaleMin: 1, scaleMax: 5 },
    });
    expect(round.translations.map((row) => [row.locale, row.title])).toEqual([["fr", "Budget de quartier Arsenal"]]);
    expect(round.categories.map((row) => JSON.parse(row.names))).toEqual([{ fr: "Rencontre" }, { fr: "Nature" }]);
    expect(round.criteria.map((row) => [JSON.parse(row.names), row.weight])).toEqual([
      [{ fr: "Faisabilité" }, 2],
      [{ fr: "Impact" }, 1],
    ]);
    const audit = await db.auditLog.findMany({ where: { entityId: id }, orderBy: { at: "asc" }, select: { action: true, actorId: true } });
    expect(audit.map((row) => row.action).sort()).toEqual(
      [
        "round.create",
        "round.rules",
        "round.category-add",
        "round.category-add",
        "panel.settings",
        "panel.criterion-add",
        "panel.criterion-add",
        "round.voting-settings",
      ].sort(),
    );
    expect(new Set(audit.map((row) => row.actorId))).toEqual(new Set([staffId]));
  });

  it("leaves no half-made round when the last write is refused", async () => {
    const counts = async () =>
      Promise.all([db.budgetRound.count(), db.roundTranslation.count(), db.category.count(), db.panel.count(), db.panelCriterion.count(), db.auditLog.count()]);
    const before = await counts();
    // The voting step's own check would stop this; here the last capability (voting's) refuses it inside the transaction.
    const setup = setupOf(wizardValues(neighbourhoodId));
    const refused = await createRoundWithSetup(db, staffId, {
      ...setup,
      voting: { ...setup.voting, ballotMethod: "CUMULATIVE", cumulativePoints: 5, tallyRule: "mes" },
    });
    expect(refused).toMatchObject({ ok: false, status: 400, errors: { tallyRule: "voting:validation.ruleForMethod" } });
    expect(await counts()).toEqual(before);
  });

  // A failure the capabilities do not answer (the database refusing a write), injected into the
  // transaction's own client: mid-way, and at the very last write (the voting settings' audit entry,
  // after the round's voting columns are updated).
  const failures = [
    {
      at: "the second criterion",
      fails: (model: string, operation: string, args: { data?: { position?: number } }) =>
        model === "PanelCriterion" && operation === "create" && args.data?.position === 1,
    },
    {
      at: "the voting settings' audit entry, the last write",
      fails: (model: string, operation: string, args: { data?: { action?: string } }) =>
        model === "AuditLog" && operation === "create" && args.data?.action === "round.voting-settings",
    },
  ];
  it.each(failures)("leaves no round, rules, themes, panel, criteria or voting settings when the database fails at $at", async ({ fails }) => {
    const counts = async () =>
      Promise.all([db.budgetRound.count(), db.roundTranslation.count(), db.category.count(), db.panel.count(), db.panelCriterion.count(), db.auditLog.count()]);
    const before = await counts();
    const writes: string[] = [];
    const failing = db.$extends({
      query: {
        $allModels: {
          $allOperations({ model, operation, args, query }) {
            if (["create", "update", "createMany", "upsert", "deleteMany"].includes(operation)) writes.push(`${model}.${operation}`);
            if (fails(model, operation, args as never)) throw new Error("injected: the disk is full");
            return query(args);
          },
        },
      },
    }) as unknown as Db;
    await expect(createRoundWithSetup(failing, staffId, setupOf(wizardValues(neighbourhoodId)))).rejects.toThrow("injected: the disk is full");
    // The failure came after the round and its panel were written in the same transaction…
    expect(writes).toEqual(expect.arrayContaining(["BudgetRound.create", "Panel.upsert", "PanelCriterion.create"]));
    // …and none of it remains.
    expect(await counts()).toEqual(before);
  });

  it("explains a conflict at the step where it arises", async () => {
    const { stepErrors } = await import("~/workspace/setup");
    // A weighted panel, or criteria, in a round without a review phase: said on the panel step.
    const noReview = { ...wizardValues(neighbourhoodId), hasReview: undefined };
    expect(stepErrors("panel", noReview, "fr")).toEqual({
      panelMode: "workspace:setup.validation.noReviewNoPanel",
      weightPercent: "workspace:setup.validation.noReviewNoWeight",
    });
    // A weight without a panel, even for a panel that would only select: said on the panel step, not dropped.
    const weightOnly = { ...noReview, panelMode: "SHORTLIST", criteria: [] };
    expect(stepErrors("panel", weightOnly, "fr")).toEqual({ weightPercent: "workspace:setup.validation.noReviewNoWeight" });
    expect(stepErrors("panel", { ...weightOnly, weightPercent: "0" }, "fr")).toEqual({});
    expect(stepErrors("dates", noReview, "fr")).toEqual({});
    // Voting planned before the review ends: said on the dates step.
    const votingTooEarly = {
      ...wizardValues(neighbourhoodId),
      dates: { reviewStartsAt: "2027-02-11T09:00", reviewEndsAt: "2027-03-10T18:00", votingStartsAt: "2027-03-01T09:00" },
    };
    expect(stepErrors("dates", votingTooEarly, "fr")).toEqual({ "dates.votingStartsAt": "workspace:setup.validation.votingBeforeReviewEnds" });
    expect(stepErrors("panel", votingTooEarly, "fr")).toEqual({});
    // Another order problem keeps the rounds' own words.
    const votingBeforeSubmissionEnds = {
      ...wizardValues(neighbourhoodId),
      hasReview: undefined,
      panelMode: "SHORTLIST",
      weightPercent: "0",
      criteria: [],
      dates: { submissionStartsAt: "2027-01-10T09:00", submissionEndsAt: "2027-02-10T23:59", votingStartsAt: "2027-02-01T09:00" },
    };
    expect(stepErrors("dates", votingBeforeSubmissionEnds, "fr")).toEqual({ "dates.votingStartsAt": "validation.dateOrder" });
    // A minimum above the budget: said on the budget step.
    expect(stepErrors("budget", { ...wizardValues(neighbourhoodId), minAmount: "50 000" }, "fr")).toEqual({
      minAmount: "proposal-form:validation.aboveBudget",
    });
  });
});
