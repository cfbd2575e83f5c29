/** The amount rules of a round, as staff set them (null = no such rule). */
export interface AmountRules {
  budgetCents: number;
  minAmountCents: number | null;
  maxAmountCents: number | null;
  /** Largest share of the budget one proposal may ask, in percent. */
  maxSharePercent: number | null;
}

export type AmountProblem = "amountMissing" | "amountBelowMinimum" | "amountAboveMaximum" | "amountAboveShare" | "amountAboveBudget";

/** The requested amount is always the sum of the cost lines, in cents. */
export function totalOf(lines: { amountCents: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amountCents, 0);
}

/** The most a proposal may ask under the share rule: the share of the budget, rounded down to the cent. */
export function shareLimitCents(rules: AmountRules): number | null {
  return rules.maxSharePercent === null ? null : Math.floor((rules.budgetCents * rules.maxSharePercent) / 100);
}

/** Every amount rule the total breaks, with the limit it breaks (for the message). */
export function amountProblems(totalCents: number, rules: AmountRules): { problem: AmountProblem; limitCents: number }[] {
  const problems: { problem: AmountProblem; limitCents: number }[] = [];
  if (totalCents <= 0) return [{ problem: "amountMissing", limitCents: 0 }];
  if (rules.minAmountCents !== null && totalCents < rules.minAmountCents) {
    problems.push({ problem: "amountBelowMinimum", limitCents: rules.minAmountCents });
  }
  if (rules.maxAmountCents !== null && totalCents > rules.maxAmountCents) {
    problems.push({ problem: "amountAboveMaximum", limitCents: rules.maxAmountCents });
  }
  const share = shareLimitCents(rules);
  if (share !== null && totalCents > share) problems.push({ problem: "amountAboveShare", limitCents: share });
  if (totalCents > rules.budgetCents) problems.push({ problem: "amountAboveBudget", limitCents: rules.budgetCents });
  return problems;
}
