import { describe, expect, it } from "vitest";
import { rational } from "~/kernel/rational";
import { ruleAllowed, tally, TALLY_RULES, weightedTally, type Election, type TallyBallot } from "~/results/tally";

/** An approval election; amounts are plain minor units, ballots list project ids. */
function approval(budget: number, costs: Record<string, number>, ballots: string[][], unit = 1): Election {
  return {
    budget: BigInt(budget),
    unit: BigInt(unit),
    kind: "approval",
    projects: Object.entries(costs).map(([id, cost]) => ({ id, cost: BigInt(cost) })),
    ballots: ballots.map((choices): TallyBallot => ({ choices })),
  };
}

describe("greedy", () => {
  it("breaks ties by support, then lower cost, then id in plain string order", () => {
    // Support: A 4, B 2, C 2, D 2. C and D tie on support and cost (20): id "C" < "D". B ties with them on
    // support but costs more (30), so it comes after both. Order A, C, D, B. Budget 80: A (50) leaves 30,
    // C (20) leaves 10, D (20) and B (30) do not fit. B would have fitted had it come before C.
    const election = approval(80, { A: 50, B: 30, C: 20, D: 20 }, [["A", "B", "C", "D"], ["A", "B", "C", "D"], ["A"], ["A"]]);
    expect(tally(election, "greedy").funded).toEqual(["A", "C"]);
    // Plain code-unit order: "10" < "9".
    expect(tally(approval(10, { "9": 10, "10": 10 }, [["9", "10"]]), "greedy").funded).toEqual(["10"]);
  });

  it("skips a project that does not fit and goes on", () => {
    // A (3 votes, 80) leaves 20; B (2 votes, 30) does not fit; C (1 vote, 20) does.
    const election = approval(100, { A: 80, B: 30, C: 20 }, [["A", "B", "C"], ["A", "B"], ["A"]]);
    const outcome = tally(election, "greedy");
    expect(outcome.funded).toEqual(["A", "C"]);
    expect(outcome.spent).toBe(100n);
  });

  it("funds a project costing the whole budget, and nothing after it", () => {
    const outcome = tally(approval(100, { A: 100, B: 10 }, [["A"], ["A", "B"], ["A"]]), "greedy");
    expect(outcome.funded).toEqual(["A"]);
    expect(outcome.spent).toBe(100n);
  });

  it("never funds an unsupported project, even a free one; a supported free one is funded", () => {
    const outcome = tally(approval(100, { A: 60, Free: 0, Unwanted: 0, Fits: 10 }, [["A", "Free"], ["A"]]), "greedy");
    expect(outcome.funded).toEqual(["A", "Free"]);
    expect(outcome.support.get("Unwanted")).toBe(0n);
  });

  it("counts a project listed twice on one ballot once", () => {
    const outcome = tally(approval(100, { A: 60, B: 50 }, [["A", "A", "A"], ["B"], ["B", "B"]]), "greedy");
    expect(outcome.support).toEqual(
      new Map([
        ["A", 1n],
        ["B", 2n],
      ]),
    );
    expect(outcome.funded).toEqual(["B"]);
  });

  it("ranks cumulative ballots by points", () => {
    // Points: A 5 + 3 = 8, B 5 + 10 = 15, C 7. Budget 100: B (50) leaves 50; A (60) does not fit; C (40) does.
    const election: Election = {
      budget: 100n,
      unit: 1n,
      kind: "cumulative",
      projects: [
        { id: "A", cost: 60n },
        { id: "B", cost: 50n },
        { id: "C", cost: 40n },
      ],
      ballots: [{ choices: { A: 5, B: 5 } }, { choices: new Map([["B", 10]]) }, { choices: { A: 3, C: 7 } }, { choices: {} }],
    };
    const outcome = tally(election, "greedy");
    expect(outcome.support).toEqual(
      new Map([
        ["B", 15n],
        ["A", 8n],
        ["C", 7n],
      ]),
    );
    expect(outcome.funded).toEqual(["B", "C"]);
    expect(outcome.voters).toBe(4);
  });
});

describe("which rules apply", () => {
  it("allows every rule on approval ballots and only greedy on cumulative ones", () => {
    for (const rule of TALLY_RULES) expect(ruleAllowed("approval", rule)).toBe(true);
    expect(TALLY_RULES.filter((rule) => ruleAllowed("cumulative", rule))).toEqual(["greedy"]);
    const cumulative: Election = { ...approval(10, { A: 5 }, [["A"]]), kind: "cumulative" };
    expect(() => tally(cumulative, "mes")).toThrow(/only be tallied with greedy/);
  });

  it("refuses ballots naming unknown projects and bad points", () => {
    expect(() => tally(approval(10, { A: 5 }, [["B"]]), "greedy")).toThrow(/unknown project B/);
    const cumulative: Election = { ...approval(10, { A: 5 }, []), kind: "cumulative", ballots: [{ choices: { A: 1.5 } }] };
    expect(() => tally(cumulative, "greedy")).toThrow(/points must be whole/);
  });
});

describe("Method of Equal Shares", () => {
  it("funds the project with the smallest ρ/C and stops when nothing is affordable", () => {
    // Budget 300, n = 3: 100 each. C (all three, 100): ρ = 100/3, ρ/C = 1/3. A (v1, v2, 200): ρ = 100, ρ/C = 1/2.
    // B (v3, 150): v3 has 100 < 150, out. C is funded; v1 and v2 keep 200/3 each, 400/3 < 200, so A is out.
    const election = approval(300, { A: 200, B: 150, C: 100 }, [
      ["A", "C"],
      ["A", "C"],
      ["B", "C"],
    ]);
    expect(tally(election, "mes").funded).toEqual(["C"]);
    expect(tally(election, "greedy").funded).toEqual(["C", "A"]);
  });

  it("lets voters short of ρ pay what they have", () => {
    // Budget 400, n = 4: 100 each. Round 1: P (v1–v3, 150) ρ = 50, ρ/C = 1/3; Q (v1, v4, 120) 1/2; S (v4, 40) 1.
    // P is funded: v1–v3 keep 50. Round 2: Q: min(50, ρ) + min(100, ρ) = 120 gives ρ = 70, ρ/C = 7/12 < 1 (S).
    // Q is funded: v1 pays her last 50, v4 pays 70 and keeps 30 < 40, so S is out.
    const election = approval(400, { P: 150, Q: 120, S: 40 }, [["P", "Q"], ["P"], ["P"], ["Q", "S"]]);
    const outcome = tally(election, "mes");
    expect(outcome.funded).toEqual(["P", "Q"]);
    expect(outcome.spent).toBe(270n);
  });

  it("breaks equal ρ/C by support, then lower cost, then id", () => {
    // Support. Budget 800, n = 8: 100 each. Round 1: X (v1–v4, 400) 1/4; p2 (v1, v5, v6, 200) 1/3; p1 (v7, v8, 200) 1/2.
    // X is funded and empties v1–v4. Round 2: p2 has ρ = 100 (v1 has nothing), ρ/C = 1/2, the same as p1; p2 has
    // 3 supporters to p1's 2, so p2 goes first although "p1" < "p2". Both are funded.
    const bySupport = approval(800, { X: 400, p1: 200, p2: 200 }, [["X", "p2"], ["X"], ["X"], ["X"], ["p2"], ["p2"], ["p1"], ["p1"]]);
    expect(tally(bySupport, "mes").funded).toEqual(["X", "p2", "p1"]);
    // Cost. Budget 400, n = 4: z (v1, v2, 100) and a (v3, v4, 200) both have ρ/C = 1/2 and 2 supporters: z is cheaper.
    const byCost = approval(400, { a: 200, z: 100 }, [["z"], ["z"], ["a"], ["a"]]);
    expect(tally(byCost, "mes").funded).toEqual(["z", "a"]);
    // Id. Same ρ/C, support and cost: "a" < "b".
    const byId = approval(400, { b: 100, a: 100 }, [["b"], ["b"], ["a"], ["a"]]);
    expect(tally(byId, "mes").funded).toEqual(["a", "b"]);
  });

  it("funds a project costing the whole budget when everyone supports it", () => {
    // n = 3, 100 each: A (all, 300) has ρ = 100, exactly everyone's money. B (v1, 10) is then out.
    expect(tally(approval(300, { A: 300, B: 10 }, [["A", "B"], ["A"], ["A"]]), "mes").funded).toEqual(["A"]);
    // Supported by two of three, A is out (200 < 300) and B (ρ/C = 1) is funded.
    expect(tally(approval(300, { A: 300, B: 10 }, [["A", "B"], ["A"], []]), "mes").funded).toEqual(["B"]);
  });

  it("funds supported free projects first and never unsupported ones", () => {
    const outcome = tally(approval(100, { A: 50, Free: 0, Unwanted: 0 }, [["A"], ["A", "Free"]]), "mes");
    expect(outcome.funded).toEqual(["Free", "A"]);
  });

  it("counts empty ballots in n, which lowers everyone's share", () => {
    // Budget 300 with an empty ballot: n = 3, 100 each, and A's supporters hold 200 < 250: nothing is funded.
    // Without it, n = 2 and they would hold 300.
    const withEmpty = approval(300, { A: 250 }, [["A"], ["A"], []]);
    const outcome = tally(withEmpty, "mes");
    expect(outcome.voters).toBe(3);
    expect(outcome.funded).toEqual([]);
    expect(tally(approval(300, { A: 250 }, [["A"], ["A"]]), "mes").funded).toEqual(["A"]);
  });

  it("decides affordability exactly when the shares only add up in exact arithmetic", () => {
    // Budget 1, n = 10: 1/10 each. A costs 1 and everyone approves it, on ten different ballots. In doubles
    // 0.1 added ten times is 0.9999999999999999 < 1; exactly it is 1, so A is funded.
    const ballots = Array.from({ length: 10 }, (_, i) => ["A", `x${i}`]);
    const costs = Object.fromEntries([["A", 1], ...ballots.map(([, x]) => [x, 5])]);
    expect(tally(approval(1, costs, ballots), "mes").funded).toEqual(["A"]);
  });

  it("treats a duplicated approval as one", () => {
    // v1 lists A twice; she still pays one share. n = 2, 50 each: A (100) is exactly affordable.
    expect(tally(approval(100, { A: 100 }, [["A", "A"], ["A"]]), "mes").funded).toEqual(["A"]);
  });
});

describe("Equal Shares with add1", () => {
  // Budget 300, n = 3, unit 10. C (everyone, 100) is always funded first (1/3), each paying 100/3.
  const costs = { A: 200, B: 150, C: 100 };

  it("stops at the first run that funds every supported project", () => {
    // Only A and C are supported. A needs v1 and v2 to keep 200 after C: 2·(m − 100/3) ≥ 200, m ≥ 133 1/3.
    // m = 100, 110, 120, 130 fund C only; m = 140 (4 units added) funds C then A (ρ = 100), 300 in all: stop.
    const election = approval(300, costs, [["A", "C"], ["A", "C"], ["C"]], 10);
    const outcome = tally(election, "mes-add1");
    expect(outcome.funded).toEqual(["C", "A"]);
    expect(outcome.unitsAdded).toBe(4);
    expect(outcome.spent).toBe(300n);
  });

  it("keeps the run before the first one that overspends", () => {
    // B (v3, 150) is supported too. From m = 140 the runs fund C and A (300). B needs v3 to keep 150 after C:
    // m ≥ 183 1/3, first reached at m = 190 (9 units), whose run funds C, A (ρ/C 1/2), then B (1): 450 > 300.
    // So the answer is the run with 8 units added: C and A.
    const election = approval(
      300,
      costs,
      [
        ["A", "C"],
        ["A", "C"],
        ["B", "C"],
      ],
      10,
    );
    const outcome = tally(election, "mes-add1");
    expect(outcome.funded).toEqual(["C", "A"]);
    expect(outcome.unitsAdded).toBe(8);
  });

  it("reports its progress after each run it goes on from: the share of the budget that run spends", () => {
    const election = approval(
      300,
      costs,
      [
        ["A", "C"],
        ["A", "C"],
        ["B", "C"],
      ],
      10,
    );
    const reports: number[] = [];
    const outcome = tally(election, "mes-add1", (done) => reports.push(done));
    // The first run (C, 100 of 300) is not reported; each later run that did not overspend is; the last one overspent.
    expect(reports).toHaveLength(outcome.equalSharesRuns! - 2);
    expect(reports.at(-1)).toBe(1);
    for (const done of reports) expect(done === 1 / 3 || done === 1).toBe(true);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
    // Rules without a search report nothing.
    tally(election, "mes", (done) => reports.push(done));
    expect(reports).toHaveLength(outcome.equalSharesRuns! - 2);
  });

  it("mes-add1u fills what is left greedily", () => {
    // Budget 300, n = 3, unit 100. C (everyone, 90), A (v1, v2, 250), B (v3, 200).
    // m = 100: C is funded (ρ = 30); A (140 left) and B (70) are out: C only, 90.
    // m = 200: C, then A (v1 and v2 hold 170 each, ρ = 125): 340 > 300, so the m = 100 run is kept.
    // Greedy completion by support: A (2 votes, 250 > 210 left) does not fit, B (1 vote, 200) does.
    const election = approval(
      300,
      { A: 250, B: 200, C: 90 },
      [
        ["A", "C"],
        ["A", "C"],
        ["B", "C"],
      ],
      100,
    );
    expect(tally(election, "mes-add1").funded).toEqual(["C"]);
    const completed = tally(election, "mes-add1u");
    expect(completed.funded).toEqual(["C", "B"]);
    expect(completed.spent).toBe(290n);
  });

  it("handles an election without ballots", () => {
    for (const rule of TALLY_RULES) expect(tally(approval(100, { A: 10 }, []), rule).funded).toEqual([]);
  });
});

describe("weighted tally", () => {
  // Budget 100, highest support 10, panel scale 0–10, p = 0.3:
  //   A: support 10, panel 2:    0.7·10/10 + 0.3·2/10  = 0.76
  //   B: support 5,  panel 10:   0.7·5/10  + 0.3·10/10 = 0.65
  //   C: support 8,  no score:   0.7·8/10  + 0         = 0.56
  //   D: support 0,  panel 10:   0         + 0.3       = 0.30, but nobody supports D, so it is never funded.
  // A (50) leaves 50, B (40) leaves 10, C (30) does not fit, D (10) would fit. Plain greedy funds A and C instead.
  const ballots = [...Array.from({ length: 5 }, () => ["A", "B", "C"]), ...Array.from({ length: 3 }, () => ["A", "C"]), ["A"], ["A"]];
  const election = approval(100, { A: 50, B: 40, C: 30, D: 10 }, ballots);
  const panel = new Map([
    ["A", rational(2)],
    ["B", rational(10)],
    ["C", null],
    ["D", rational(10)],
  ]);

  it("combines support and panel scores with p = 0.3", () => {
    const outcome = weightedTally(election, panel, rational(3, 10), 10n);
    expect(outcome.scores.get("A")).toEqual(rational(76, 100));
    expect(outcome.scores.get("B")).toEqual(rational(65, 100));
    expect(outcome.scores.get("C")).toEqual(rational(56, 100));
    expect(outcome.scores.get("D")).toEqual(rational(3, 10));
    expect(outcome.funded).toEqual(["A", "B"]);
    expect(tally(election, "greedy").funded).toEqual(["A", "C"]);
  });

  it("breaks equal scores by support", () => {
    // p = 1/2: X (support 4 of 8, panel 6/10) 0.25 + 0.3 = 0.55; Y (support 8, panel 1/10) 0.5 + 0.05 = 0.55.
    // Y has more support; the budget fits one.
    const tie = approval(10, { X: 10, Y: 10 }, [...Array.from({ length: 4 }, () => ["X", "Y"]), ["Y"], ["Y"], ["Y"], ["Y"]]);
    const scores = new Map([
      ["X", rational(6)],
      ["Y", rational(1)],
    ]);
    const outcome = weightedTally(tie, scores, rational(1, 2), rational(10));
    expect(outcome.scores.get("X")).toEqual(outcome.scores.get("Y"));
    expect(outcome.funded).toEqual(["Y"]);
  });

  it("gives the support part 0 when nobody voted, and still funds nothing unsupported", () => {
    const outcome = weightedTally(approval(100, { A: 10 }, [[], []]), new Map([["A", rational(10)]]), rational(3, 10), 10n);
    expect(outcome.scores.get("A")).toEqual(rational(3, 10));
    expect(outcome.funded).toEqual([]);
  });

  it("refuses a panel weight outside [0, 1]", () => {
    expect(() => weightedTally(election, panel, rational(3, 2), 10n)).toThrow(/\[0, 1\]/);
  });
});
