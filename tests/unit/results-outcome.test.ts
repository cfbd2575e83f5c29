import { describe, expect, it } from "vitest";
import { centsToDecimal, formatAmount } from "~/results/amounts";
import { csvCell, resultsCsv } from "~/results/csv";
import { importPlan } from "~/results/import-plan";
import { computeRoundOutcome, outcomeChanges, parseOutcome, rankedProjects, rationalToFixed, tieBreakIds, type OutcomeInput } from "~/results/outcome";
import { resultsPabulibFile, ruleFromPabulib } from "~/results/pabulib-mapping";
import { mayMoveTo } from "~/results/realisation";
import { updateSchema, withdrawSchema } from "~/results/schema";
import { pabulibElection, parsePabulib, writePabulib } from "~/results/pabulib";
import { rational } from "~/kernel/rational";
import { tally } from "~/results/tally";

// Four projects, budget €12,000, twelve ballots (one blank):
//   5 × {A}, 1 × {A, B}, 4 × {B, C}, 1 × {D}, 1 × {}  →  support A 6, B 5, C 4, D 1
// greedy: A (6000, left 6000), B (5000, left 1000), C does not fit, D (1000, left 0) → A, B, D
// mes: everyone starts with 1000; ρ/C is 1/6 for A, 1/5 for B, 1/4 for C, 1 for D → A first (its six
// supporters pay 1000 each); B's supporters now hold 4000 < 5000 → out; C (1/4) then D (1) → A, C, D
const projects = [
  { proposalId: "a", number: 1, costCents: 600_000 },
  { proposalId: "b", number: 2, costCents: 500_000 },
  { proposalId: "c", number: 3, costCents: 400_000 },
  { proposalId: "d", number: 4, costCents: 100_000 },
];
const ballots: OutcomeInput["ballotGroups"] = [
  { count: 5, choices: [["a", 1]] },
  {
    count: 1,
    choices: [
      ["a", 1],
      ["b", 1],
    ],
  },
  {
    count: 4,
    choices: [
      ["b", 1],
      ["c", 1],
    ],
  },
  { count: 1, choices: [["d", 1]] },
  { count: 1, choices: [] },
];
const input = (rule: OutcomeInput["rule"], extra: Partial<OutcomeInput> = {}): OutcomeInput => ({
  budgetCents: 1_200_000,
  kind: "approval",
  rule,
  projects,
  ballotGroups: ballots,
  online: 10,
  paper: 2,
  ...extra,
});

describe("computeRoundOutcome", () => {
  it("counts every ballot, blank ones too, and matches the hand derivation for greedy", () => {
    const outcome = computeRoundOutcome(input("greedy"));
    expect(outcome.voters).toBe(12);
    expect(outcome.funded).toEqual(["a", "b", "d"]);
    expect(outcome.spentCents).toBe(1_200_000);
    expect(outcome.projects.map((project) => [project.number, project.support, project.funded, project.fundedOrder])).toEqual([
      [1, 6, true, 1],
      [2, 5, true, 2],
      [3, 4, false, undefined],
      [4, 1, true, 3],
    ]);
    expect(JSON.parse(JSON.stringify(outcome))).toEqual(outcome);
  });

  it("matches the hand derivation for the Method of Equal Shares", () => {
    const outcome = computeRoundOutcome(input("mes"));
    expect(outcome.funded).toEqual(["a", "c", "d"]);
    expect(outcome.spentCents).toBe(1_100_000);
  });

  it("leaves out a withdrawn project while the rest of its ballots count", () => {
    const outcome = computeRoundOutcome(input("greedy", { projects: projects.filter((project) => project.proposalId !== "b") }));
    expect(outcome.voters).toBe(12);
    expect(outcome.funded).toEqual(["a", "c", "d"]);
    expect(outcome.projects.find((project) => project.proposalId === "c")?.support).toBe(4);
  });

  it("breaks ties on the zero-padded public number, so #2 beats #10", () => {
    const tied = computeRoundOutcome({
      budgetCents: 100_000,
      kind: "approval",
      rule: "greedy",
      projects: [
        { proposalId: "ten", number: 10, costCents: 100_000 },
        { proposalId: "two", number: 2, costCents: 100_000 },
      ],
      ballotGroups: [
        {
          count: 1,
          choices: [
            ["ten", 1],
            ["two", 1],
          ],
        },
      ],
      online: 1,
      paper: 0,
    });
    expect(tied.funded).toEqual(["two"]);
    expect(tieBreakIds([2, 10, 100])(2)).toBe("002");
  });

  it("adds points on cumulative ballots", () => {
    const outcome = computeRoundOutcome({
      budgetCents: 500_000,
      kind: "cumulative",
      rule: "greedy",
      projects: projects.slice(0, 2),
      ballotGroups: [
        {
          count: 2,
          choices: [
            ["a", 3],
            ["b", 7],
          ],
        },
        { count: 1, choices: [["a", 10]] },
      ],
      online: 3,
      paper: 0,
    });
    expect(outcome.projects.map((project) => project.support)).toEqual([16, 14]);
    expect(outcome.funded).toEqual(["b"]);
  });

  it("ranks a WEIGHTED round by the combined score and shows it out of 100", () => {
    // support 4, 2, 2 (highest 4); panel 1, 5, 3 of 5; half and half → 0.6, 0.75, 0.55
    const outcome = computeRoundOutcome({
      budgetCents: 1_000_000,
      kind: "approval",
      rule: "greedy",
      projects: projects.slice(0, 3),
      ballotGroups: [
        { count: 4, choices: [["a", 1]] },
        { count: 2, choices: [["b", 1]] },
        { count: 2, choices: [["c", 1]] },
      ],
      online: 8,
      paper: 0,
      weighted: {
        scores: new Map([
          ["a", rational(1)],
          ["b", rational(5)],
          ["c", rational(3)],
        ]),
        weightPercent: 50,
        scaleMax: 5,
      },
    });
    expect(outcome.rule).toBe("weighted");
    expect(outcome.funded).toEqual(["b", "c"]);
    expect(outcome.projects.map((project) => project.weightedScore)).toEqual(["60.0", "75.0", "55.0"]);
    expect(rankedProjects(outcome).map((project) => project.proposalId)).toEqual(["b", "c", "a"]);
  });
});

describe("helpers", () => {
  it("rounds fractions half up", () => {
    expect(rationalToFixed(rational(2, 3), 2)).toBe("0.67");
    expect(rationalToFixed(rational(1, 8), 2)).toBe("0.13");
    expect(rationalToFixed(rational(7), 1)).toBe("7.0");
    expect(rationalToFixed(rational(1, 3), 0)).toBe("0");
  });

  it("lists funded projects first, in funding order", () => {
    const outcome = computeRoundOutcome(input("greedy"));
    expect(rankedProjects(outcome).map((project) => project.number)).toEqual([1, 2, 4, 3]);
  });

  it("tells what a recount changed", () => {
    const before = computeRoundOutcome(input("greedy"));
    const after = computeRoundOutcome(
      input("greedy", {
        projects: projects.filter((project) => project.proposalId !== "b"),
        withdrawn: [{ proposalId: "b", number: 2, costCents: 500_000, reason: "Geen vergunning" }],
      }),
    );
    expect(outcomeChanges(before, after)).toEqual({
      withdrawn: [{ proposalId: "b", number: 2, costCents: 500_000, reason: "Geen vergunning" }],
      newlyFunded: ["c"],
      noLongerFunded: [],
    });
  });

  it("reads back only real outcomes", () => {
    const outcome = computeRoundOutcome(input("greedy"));
    expect(parseOutcome(JSON.stringify(outcome))).toEqual(outcome);
    expect(parseOutcome('{"kind":"import"}')).toBeNull();
    expect(parseOutcome("not json")).toBeNull();
  });

  it("moves a project forward only", () => {
    expect(mayMoveTo("FUNDED", "IN_PROGRESS")).toBe(true);
    expect(mayMoveTo("FUNDED", "REALISED")).toBe(true);
    expect(mayMoveTo("REALISED", "REALISED")).toBe(true);
    expect(mayMoveTo("REALISED", "IN_PROGRESS")).toBe(false);
    expect(mayMoveTo("NOT_FUNDED", "IN_PROGRESS")).toBe(false);
  });

  it("formats amounts in other currencies for imported rounds", () => {
    expect(formatAmount(5_119_500, "en", "PLN")).toContain("51,195");
    expect(formatAmount(5_119_500, "en", "PLN")).toMatch(/PLN|zł/);
    expect(centsToDecimal(10_253_336)).toBe("102533.36");
    expect(centsToDecimal(100, 2)).toBe("1.00");
  });

  it("maps Pabulib rule names", () => {
    expect(ruleFromPabulib("greedy")).toBe("greedy");
    expect(ruleFromPabulib(" equalshares/add1 ")).toBe("mes-add1");
    expect(ruleFromPabulib("equalshares")).toBe("mes");
    expect(ruleFromPabulib("phragmen")).toBeNull();
    expect(ruleFromPabulib(undefined)).toBeNull();
  });
});

describe("the CSV download", () => {
  it("keeps spreadsheet formulas from running and quotes what needs it", () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+32 3 123")).toBe("'+32 3 123");
    expect(csvCell("-5")).toBe("'-5");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("Bankjes; speeltuin")).toBe('"Bankjes; speeltuin"');
    expect(csvCell("Twee\nregels")).toBe('"Twee\nregels"');
    expect(csvCell("Samentuin")).toBe("Samentuin");
  });

  it("has a fixed header and one row per project", () => {
    const csv = resultsCsv([
      { number: 1, title: "=cmd", costCents: 600_050, support: 6, funded: true },
      { number: 2, title: "Banken", costCents: 500_000, support: 5, funded: false },
    ]);
    expect(csv).toBe("number;title;cost;support;funded\r\n1;'=cmd;6000.50;6;1\r\n2;Banken;5000.00;5;0\r\n");
  });
});

describe("the Pabulib download", () => {
  const outcome = computeRoundOutcome(input("mes"));
  const ballotList = ballots.flatMap((group) => Array.from({ length: group.count }, () => group.choices));
  const file = resultsPabulibFile({
    description: "Wijkbudget Arsenaal",
    city: "Mechelen",
    neighbourhood: "Arsenaal",
    year: 2027,
    currency: "EUR",
    outcome,
    names: new Map([
      ["a", "Samentuin; met bakken"],
      ["b", "Banken"],
      ["c", "Speelbox"],
      ["d", "Boekenkast"],
    ]),
    ballots: ballotList,
  });

  it("writes META, projects and every ballot, and reads back to the same result", () => {
    const text = writePabulib(file);
    const back = parsePabulib(text);
    expect(back.meta.get("country")).toBe("Belgium");
    expect(back.meta.get("unit")).toBe("Mechelen");
    expect(back.meta.get("rule")).toBe("equalshares");
    expect(back.meta.get("num_votes")).toBe("12");
    expect(back.meta.get("budget")).toBe("12000");
    expect(back.projects.map((project) => [project.id, project.fields.name, project.fields.selected])).toEqual([
      ["1", "Samentuin; met bakken", "1"],
      ["2", "Banken", "0"],
      ["3", "Speelbox", "1"],
      ["4", "Boekenkast", "1"],
    ]);
    expect(back.votes).toHaveLength(12);
    expect(tally(pabulibElection(back), "mes").funded.sort()).toEqual(["1", "3", "4"]);
  });

  it("writes decimals only when an amount needs them", () => {
    const cents = computeRoundOutcome(input("greedy", { budgetCents: 1_200_050 }));
    const text = writePabulib(
      resultsPabulibFile({ description: "x", city: "c", neighbourhood: "n", year: 2027, currency: "EUR", outcome: cents, names: new Map(), ballots: [] }),
    );
    expect(text).toContain("budget;12000.50");
    expect(text).toContain("1;6000.00;");
  });
});

describe("importPlan", () => {
  const pb = (projectsRows: string, votes: string, meta = "budget;100.50\r\nvote_type;approval\r\nrule;greedy") =>
    parsePabulib(`META\r\nkey;value\r\n${meta}\r\nPROJECTS\r\nproject_id;cost;name;selected\r\n${projectsRows}VOTES\r\nvoter_id;vote\r\n${votes}`);

  it("numbers projects in ascending string order of their ids and converts amounts to cents", () => {
    const plan = importPlan(pb("427;15.5;Akademia;1\r\n1623;29;Życzliwość;0\r\n915;58.25;Plac;1\r\n", "1;427,915\r\n2;1623,1623\r\n3;\r\n"), "f.pb");
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.plan.budgetCents).toBe(10_050);
    expect(plan.plan.projects.map((project) => [project.number, project.pabulibId, project.costCents, project.selected])).toEqual([
      [1, "1623", 2900, false],
      [2, "427", 1550, true],
      [3, "915", 5825, true],
    ]);
    // A project named twice on one ballot counts once; a blank ballot stays a ballot.
    expect(plan.plan.ballots).toEqual([
      { projects: [1, 2], points: [1, 1] },
      { projects: [0], points: [1] },
      { projects: [], points: [] },
    ]);
    expect(plan.plan.locale).toBe("nl");
    expect(plan.plan.tallyRule).toBe("greedy");
  });

  it("refuses amounts finer than a cent and rounds that cannot be held", () => {
    expect(importPlan(pb("1;1.005;x;1\r\n", "1;1\r\n"), "f.pb")).toMatchObject({ ok: false, status: 400, formError: "results:import.errors.decimals" });
    expect(importPlan(pb("1;1.000;x;1\r\n", "1;1\r\n"), "f.pb")).toMatchObject({ ok: true });
    expect(importPlan(pb("1;1;x;1\r\n", "1;1\r\n", "budget;99999999999\r\nvote_type;approval"), "f.pb")).toMatchObject({
      ok: false,
      status: 400,
      formError: "results:import.errors.budgetTooLarge",
    });
  });

  it("uses greedy for a rule we do not implement, and says which", () => {
    const plan = importPlan(pb("1;1;x;1\r\n", "1;1\r\n", "budget;5\r\nvote_type;approval\r\nrule;phragmen\r\nlanguage;en"), "f.pb");
    expect(plan).toMatchObject({ ok: true, plan: { tallyRule: "greedy", unknownRule: "phragmen", locale: "en" } });
  });
});

describe("form schemas", () => {
  it("needs a reason and a confirmation to withdraw", () => {
    const result = withdrawSchema.safeParse({ intent: "withdraw", proposalId: "p", reason: " ", confirm: undefined });
    expect(result.success).toBe(false);
    expect(withdrawSchema.parse({ intent: "withdraw", proposalId: "p", reason: "Geen vergunning", confirm: "on" })).toMatchObject({ confirm: true });
  });

  it("takes a real calendar day for an update", () => {
    expect(updateSchema.safeParse({ status: "IN_PROGRESS", text: "Gestart", day: "2027-02-30" }).success).toBe(false);
    expect(updateSchema.parse({ status: "REALISED", text: "Klaar", day: "2027-05-14" })).toMatchObject({ photoAlt: "" });
  });
});
