// The wijkpanel's arithmetic, exact (see app/kernel/rational.ts): a member's score for a proposal is
// the weighted average of their criterion scores, the proposal's panel score is the mean of the
// counting members' scores. A review counts only when complete and when the member has no conflict.
import { numberFormat } from "~/kernel/intl";
import { add, compare, divide, rational, type Rational } from "~/kernel/rational";

export interface Criterion {
  id: string;
  weight: number;
}

export interface MemberReview {
  userId: string;
  /** criterion id → score on the panel's scale */
  scores: ReadonlyMap<string, number>;
}

/** Complete when every criterion has a score; scores of criteria that no longer exist are ignored. */
export function isComplete(criteria: readonly Criterion[], scores: ReadonlyMap<string, number>): boolean {
  return criteria.length > 0 && criteria.every((criterion) => scores.has(criterion.id));
}

/** Σ w·s / Σ w over the criteria, or null while the review is incomplete. */
export function memberScore(criteria: readonly Criterion[], scores: ReadonlyMap<string, number>): Rational | null {
  if (!isComplete(criteria, scores)) return null;
  let weighted = 0n;
  let weights = 0n;
  for (const criterion of criteria) {
    weighted += BigInt(criterion.weight) * BigInt(scores.get(criterion.id)!);
    weights += BigInt(criterion.weight);
  }
  return rational(weighted, weights);
}

export interface ProposalPanelScore {
  /** null: no counting review ("no score", never 0) */
  score: Rational | null;
  counted: number;
}

/** The mean of the counting members' scores; conflicted members never count, nor do incomplete reviews. */
export function panelScore(criteria: readonly Criterion[], reviews: readonly MemberReview[], conflicted: ReadonlySet<string>): ProposalPanelScore {
  let sum = rational(0);
  let counted = 0;
  for (const review of reviews) {
    if (conflicted.has(review.userId)) continue;
    const score = memberScore(criteria, review.scores);
    if (!score) continue;
    sum = add(sum, score);
    counted += 1;
  }
  return { score: counted ? divide(sum, rational(counted)) : null, counted };
}

/**
 * Highest score first, "no score" last; equal scores share a rank (1, 1, 3). Within a tie the input
 * order is kept (callers pass proposals by public number).
 */
export function rankByPanelScore<T extends { score: Rational | null }>(items: readonly T[]): Array<T & { rank: number | null }> {
  const scored = items.filter((item) => item.score).sort((a, b) => compare(b.score!, a.score!));
  const ranked = scored.map((item, index) => ({ ...item, rank: index + 1 }));
  for (let index = 1; index < ranked.length; index++) {
    if (compare(ranked[index].score!, ranked[index - 1].score!) === 0) ranked[index].rank = ranked[index - 1].rank;
  }
  return [...ranked, ...items.filter((item) => !item.score).map((item) => ({ ...item, rank: null }))];
}

/** A score for display: one decimal in the reader's locale, e.g. "3,7" in Dutch. */
export function formatPanelScore(score: Rational, locale: string): string {
  return numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Number(score.numerator) / Number(score.denominator));
}
