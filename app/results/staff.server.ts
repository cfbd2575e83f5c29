// The staff results page read from the database. Routes check permissions.
import type { Db } from "~/db.server";
import { resultsArePublished, resultsInPreview } from "~/rounds/phases";
import { activeRecount, previewJob } from "./jobs.server";
import { eligibleVoters, idsOf, importSource, projectTexts, publishedVersions } from "./stored.server";

/**
 * The staff page: the round; in TALLY the job counting it (started here when none counts its present state),
 * after publishing the published versions and a recount under way; the funded projects staff may withdraw, and
 * for an imported round what the file itself selected.
 */
export async function staffResults(db: Db, roundId: string) {
  const round = await db.budgetRound.findUnique({
    where: { id: roundId },
    include: { translations: true, panel: { select: { mode: true, weightPercent: true } } },
  });
  if (!round) return null;
  const [job, recount, versions, source, codes] = await Promise.all([
    resultsInPreview(round.phase) ? previewJob(db, roundId) : Promise.resolve(null),
    resultsArePublished(round.phase) ? activeRecount(db, roundId) : Promise.resolve(null),
    publishedVersions(db, roundId),
    importSource(db, roundId),
    eligibleVoters(db, roundId),
  ]);
  const current = versions[0]?.outcome;
  const texts = await projectTexts(db, idsOf(job?.outcome ?? undefined, current));
  return { round, job, recount, versions, source, eligible: codes, texts };
}
