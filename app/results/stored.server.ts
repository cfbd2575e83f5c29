// A round's stored results read back: its published versions (RoundResult 1, 2, …) and, for an imported
// round, what it keeps of its file (version 0); with what showing a result needs: the projects' titles and
// who could have voted. Read by the staff page, the public page and the downloads.
import type { Db, Tx } from "~/db.server";
import { storedLocale } from "~/i18n/config";
import { parseOutcome, type RoundOutcome } from "./outcome";

/** The version the round's next stored result gets. */
export async function nextVersion(tx: Tx, roundId: string): Promise<number> {
  const { _max } = await tx.roundResult.aggregate({ where: { roundId }, _max: { version: true } });
  return (_max.version ?? 0) + 1;
}

/** The published results of a round, newest first. */
export async function publishedVersions(db: Db | Tx, roundId: string) {
  const rows = await db.roundResult.findMany({ where: { roundId, publishedAt: { not: null } }, orderBy: { version: "desc" } });
  return rows.flatMap((row) => {
    const outcome = parseOutcome(row.outcome);
    return outcome ? [{ version: row.version, reason: row.reason, publishedAt: row.publishedAt!, outcome }] : [];
  });
}

/** Titles (every language) of the given proposals, for showing an outcome. */
export async function projectTexts(db: Db | Tx, proposalIds: string[]) {
  const rows = await db.proposal.findMany({
    where: { id: { in: proposalIds } },
    select: { id: true, status: true, originalLocale: true, withdrawnReasonLocale: true, hiddenAt: true, texts: { select: { locale: true, title: true } } },
  });
  return Object.fromEntries(
    rows.map((row) => [
      row.id,
      // Hidden by moderation (decision 0036): results, their files and spreadsheets show the number without the title.
      {
        status: row.status,
        originalLocale: row.originalLocale,
        withdrawnReasonLocale: storedLocale(row.withdrawnReasonLocale),
        texts: row.hiddenAt ? [] : row.texts,
        hidden: row.hiddenAt !== null,
      },
    ]),
  );
}

export type ProjectTexts = Awaited<ReturnType<typeof projectTexts>>;

/** Every proposal the outcomes name, withdrawn ones included. */
export function idsOf(...outcomes: (RoundOutcome | undefined)[]): string[] {
  const ids = new Set<string>();
  for (const outcome of outcomes) {
    for (const project of outcome?.projects ?? []) ids.add(project.proposalId);
    for (const project of outcome?.withdrawn ?? []) ids.add(project.proposalId);
  }
  return [...ids];
}

/**
 * Who could have voted, for turnout: the codes sent (CODES rounds) or the residents staff verified
 * (ACCOUNTS rounds). Self-declared voters register only as they vote, so such rounds have no
 * denominator (0: no percentage shown).
 */
export async function eligibleVoters(db: Db | Tx, roundId: string): Promise<{ count: number; kind: "codes" | "voters" }> {
  const round = await db.budgetRound.findUnique({ where: { id: roundId }, select: { eligibility: true, selfDeclaredVoters: true, eligibleVoterCount: true } });
  if (round?.eligibility === "ACCOUNTS") {
    if (round.selfDeclaredVoters) return { count: 0, kind: "voters" };
    // The list itself is deleted a while after the results (pruneVoterLists); its size stays.
    return { count: round.eligibleVoterCount ?? (await db.roundVoter.count({ where: { roundId } })), kind: "voters" };
  }
  return { count: await db.votingCode.count({ where: { roundId, voidedAt: null } }), kind: "codes" };
}

/** What an imported round remembers of its file (RoundResult version 0, never published). */
export interface ImportSource {
  kind: "import";
  fileName: string;
  currency: string;
  meta: [string, string][];
  /** Proposal id → the file's project id and its `selected` column (null: none). */
  projects: Record<string, { pabulibId: string; selected: boolean | null }>;
  unknownRule: string | null;
}

export async function importSource(db: Db | Tx, roundId: string): Promise<ImportSource | null> {
  const row = await db.roundResult.findUnique({ where: { roundId_version: { roundId, version: 0 } } });
  if (!row || row.rule !== "import") return null;
  try {
    const value = JSON.parse(row.outcome) as ImportSource;
    return value.kind === "import" ? value : null;
  } catch {
    return null;
  }
}
