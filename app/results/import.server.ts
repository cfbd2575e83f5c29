// Pabulib import: a file becomes a new round in TALLY (importPabulib), which staff then preview and
// publish like any round. The round also keeps RoundResult version 0, never published: the file's META,
// its currency and its own ids and `selected` column (ImportSource, read back by stored.server.ts), which
// the staff preview compares and the .pb download reuses.
import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db.server";
import { fixedT } from "~/i18n/i18n.server";
import { fieldRefused, refused, type Result } from "~/kernel/result";
import { generateToken, hashToken } from "~/kernel/tokens";
import { importPlan } from "./import-plan";
import { PabulibError, parsePabulib } from "./pabulib";
import type { ImportSource } from "./stored.server";
import { LONG_TRANSACTION } from "./tally.server";

/** The largest .pb file staff may upload. */
export const MAX_PABULIB_BYTES = 5 * 1024 * 1024;

/**
 * A Pabulib file as a new round in TALLY, in the chosen neighbourhood: proposals numbered in ascending
 * order of the file's project ids (see importPlan), its ballots as secret ballots. Staff then preview
 * and publish it like any round. A malformed file is refused with the line and the parser's message.
 */
export async function importPabulib(
  db: Db,
  actorId: string,
  input: { neighbourhoodId: string; fileName: string; text: string },
): Promise<Result<{ roundId: string }>> {
  const neighbourhood = await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId }, select: { id: true } });
  if (!neighbourhood) return fieldRefused("neighbourhoodId", "validation.choice");
  let file;
  try {
    file = parsePabulib(input.text);
  } catch (error) {
    if (error instanceof PabulibError) return refused(400, "results:import.errors.malformed", { line: error.line, detail: error.detail });
    throw error;
  }
  const planned = importPlan(file, input.fileName);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const t = await fixedT(plan.locale, "results");
  // Stored as the round's own texts, exactly as written (no bidi isolates: the page isolates a text as a whole).
  const stored = { interpolation: { escapeValue: false } };

  const roundId = await db.$transaction(async (tx) => {
    const round = await tx.budgetRound.create({
      data: {
        neighbourhoodId: neighbourhood.id,
        originalLocale: plan.locale,
        budgetCents: plan.budgetCents,
        phase: "TALLY",
        hasReview: false,
        ballotMethod: plan.ballotMethod,
        tallyRule: plan.tallyRule,
        importedFrom: input.fileName,
        translations: { create: { locale: plan.locale, title: plan.title, description: t("import.roundDescription", { file: input.fileName, ...stored }) } },
      },
    });
    const proposalIds: string[] = [];
    for (const project of plan.projects) {
      const row = await tx.proposal.create({
        data: {
          roundId: round.id,
          number: project.number,
          status: "ON_BALLOT",
          authorId: actorId,
          originalLocale: plan.locale,
          requestedCents: project.costCents,
          submittedAt: new Date(),
          texts: {
            create: {
              locale: plan.locale,
              title: project.name,
              summary: t("import.projectSummary", { id: project.pabulibId, file: input.fileName, ...stored }),
              description: "",
            },
          },
        },
        select: { id: true },
      });
      proposalIds.push(row.id);
    }
    await tx.proposalEvent.createMany({ data: proposalIds.map((proposalId) => ({ proposalId, status: "ON_BALLOT" as const })) });

    const ballots = plan.ballots.map((ballot) => ({ id: generateToken(), choices: ballot }));
    for (let start = 0; start < ballots.length; start += 1000) {
      await tx.ballot.createMany({
        data: ballots
          .slice(start, start + 1000)
          .map((ballot) => ({ id: ballot.id, roundId: round.id, receiptHash: hashToken(generateToken()), channel: "ONLINE" as const })),
      });
    }
    const choices = ballots.flatMap((ballot) =>
      ballot.choices.projects.map((index, i) => ({ ballotId: ballot.id, proposalId: proposalIds[index], points: ballot.choices.points[i] })),
    );
    for (let start = 0; start < choices.length; start += 2000) {
      await tx.ballotChoice.createMany({ data: choices.slice(start, start + 2000) });
    }

    const source: ImportSource = {
      kind: "import",
      fileName: input.fileName,
      currency: plan.currency,
      meta: [...file.meta],
      projects: Object.fromEntries(plan.projects.map((project, index) => [proposalIds[index], { pabulibId: project.pabulibId, selected: project.selected }])),
      unknownRule: plan.unknownRule,
    };
    await tx.roundResult.create({ data: { roundId: round.id, version: 0, rule: "import", outcome: JSON.stringify(source) } });
    await recordAudit(tx, {
      actorId,
      action: "results.import",
      entityId: round.id,
      details: { fileName: input.fileName, projects: plan.projects.length, ballots: plan.ballots.length, rule: plan.tallyRule, budgetCents: plan.budgetCents },
    });
    return round.id;
  }, LONG_TRANSACTION);
  return { ok: true, roundId };
}
