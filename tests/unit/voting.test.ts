import { describe, expect, it } from "vitest";
import { ballotProblem, rulesFor, summarise, type BallotRules } from "~/voting/ballot";
import { CODE_ALPHABET, formatCode, generateCode, generateReceipt, hashCode, looksLikeCode, normaliseCode } from "~/voting/codes";
import { ballotSchema, choicesOf, votingSettingsSchema } from "~/voting/schema";

const projects = [
  { id: "a", costCents: 30_000_00 },
  { id: "b", costCents: 15_000_00 },
  { id: "c", costCents: 10_000_00 },
];
const budget: BallotRules = { method: "APPROVAL_BUDGET", budgetCents: 40_000_00, approvalLimit: null, points: null, maxPerProject: null, projects };
const choose = (...ids: string[]) => new Map(ids.map((id) => [id, 1]));

describe("a knapsack ballot (APPROVAL_BUDGET)", () => {
  it("accepts choices within the budget, exactly at it, and a blank ballot", () => {
    expect(ballotProblem(budget, choose("a", "c"))).toBeNull(); // 40,000 = the budget
    expect(ballotProblem(budget, new Map())).toBeNull();
    expect(summarise(budget, choose("a", "c"))).toEqual({ costCents: 40_000_00, count: 2, pointsUsed: 2 });
  });

  it("refuses choices over the budget, unknown projects and more than one point", () => {
    expect(ballotProblem(budget, choose("a", "b"))).toBe("overBudget");
    expect(ballotProblem(budget, choose("zz"))).toBe("unknownProject");
    expect(ballotProblem(budget, new Map([["a", 2]]))).toBe("badPoints");
  });
});

describe("an up-to-k ballot (APPROVAL_K)", () => {
  const rules: BallotRules = { ...budget, method: "APPROVAL_K", approvalLimit: 2 };
  it("allows up to k projects whatever they cost", () => {
    expect(ballotProblem(rules, choose("a", "b"))).toBeNull();
    expect(ballotProblem(rules, choose("a", "b", "c"))).toBe("tooMany");
  });
});

describe("a points ballot (CUMULATIVE)", () => {
  const rules: BallotRules = { ...budget, method: "CUMULATIVE", points: 10, maxPerProject: 6 };
  it("spreads at most N points, at most M on one", () => {
    expect(
      ballotProblem(
        rules,
        new Map([
          ["a", 6],
          ["b", 4],
        ]),
      ),
    ).toBeNull();
    expect(
      ballotProblem(
        rules,
        new Map([
          ["a", 6],
          ["b", 5],
        ]),
      ),
    ).toBe("tooManyPoints");
    expect(ballotProblem(rules, new Map([["a", 7]]))).toBe("tooManyOnOne");
    expect(ballotProblem(rules, new Map([["a", 1.5]]))).toBe("badPoints");
  });

  it("is counted greedily only", () => {
    expect(rulesFor("CUMULATIVE")).toEqual(["greedy"]);
    expect(rulesFor("APPROVAL_BUDGET")).toContain("mes-add1");
  });
});

describe("voting codes", () => {
  it("are 12 unambiguous characters in groups of four, and random", () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const code of codes.slice(0, 50)) {
      expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(looksLikeCode(normaliseCode(code))).toBe(true);
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(CODE_ALPHABET).not.toMatch(/[01258IOLSZ]/);
    expect(new Set(codes.join("").replace(/-/g, "")).size).toBe(CODE_ALPHABET.length);
  });

  it("are read forgivingly: case, spaces and dashes do not matter, and hash the same", () => {
    const code = generateCode();
    const typed = ` ${code.toLowerCase().replace(/-/g, " ")} `;
    expect(normaliseCode(typed)).toBe(code.replace(/-/g, ""));
    expect(hashCode(typed)).toBe(hashCode(code));
    expect(formatCode(normaliseCode(typed))).toBe(code);
    expect(looksLikeCode(normaliseCode("ABCD"))).toBe(false);
  });

  it("and receipts are different in kind (10 characters)", () => {
    expect(normaliseCode(generateReceipt())).toHaveLength(10);
  });
});

describe("the ballot form", () => {
  it("reads ticked boxes as approvals and ignores unticked ones", () => {
    const schema = ballotSchema(["a", "b", "c"], "APPROVAL_BUDGET", 1);
    const parsed = schema.parse({ step: "review", choice: { a: "on", c: "on" } });
    expect(choicesOf(parsed)).toEqual(
      new Map([
        ["a", 1],
        ["c", 1],
      ]),
    );
  });

  it("reads points, treats empty as 0 and refuses points above the maximum", () => {
    const schema = ballotSchema(["a", "b"], "CUMULATIVE", 6);
    expect(choicesOf(schema.parse({ step: "cast", points: { a: "6", b: "" } }))).toEqual(new Map([["a", 6]]));
    const refused = schema.safeParse({ step: "cast", points: { a: "7" } });
    expect(refused.error?.issues[0]).toMatchObject({ path: ["points", "a"], message: "voting:validation.points" });
  });
});

describe("voting settings", () => {
  const base = { intent: "voting-settings", tallyRule: "greedy", eligibility: "CODES", minimumAge: "16" };
  it("need k for APPROVAL_K and points for CUMULATIVE, counted greedily", () => {
    expect(votingSettingsSchema.safeParse({ ...base, ballotMethod: "APPROVAL_K" }).error?.issues[0].path).toEqual(["approvalLimit"]);
    const cumulative = votingSettingsSchema.safeParse({
      ...base,
      ballotMethod: "CUMULATIVE",
      cumulativePoints: "10",
      cumulativeMaxPerProject: "12",
      tallyRule: "mes",
    });
    expect(cumulative.error?.issues.map((issue) => issue.path[0])).toEqual(["cumulativeMaxPerProject", "tallyRule"]);
    expect(votingSettingsSchema.safeParse({ ...base, ballotMethod: "APPROVAL_BUDGET", tallyRule: "mes-add1" }).success).toBe(true);
  });
});
