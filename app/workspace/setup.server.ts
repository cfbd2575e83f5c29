// Creating a round from the set-up wizard: the round, its rules and themes, its panel and criteria and
// its voting settings, written by the capabilities' own functions inside one transaction. Any refusal
// rolls everything back: there is never a half-made round. The round starts in DRAFT, like any other;
// each capability's page changes it later.
import type { Db } from "~/db.server";
import { refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { addCriterion, savePanelSettings } from "~/panel/panel.server";
import { createRound } from "~/rounds/rounds.server";
import { addCategory, updateRoundRules } from "~/rounds/rules.server";
import { saveVotingSettings } from "~/voting/voting.server";
import type { RoundSetup } from "./setup";

/** Each step's answer: on, or the whole set-up rolls back with this refusal. */
function orRollBack<T extends Result>(result: T): Extract<T, { ok: true }> {
  if (!result.ok) rollBack(result);
  return result as Extract<T, { ok: true }>;
}

export async function createRoundWithSetup(db: Db, actorId: string, setup: RoundSetup): Promise<Result<{ id: string }>> {
  return refusedOnRollBack(() =>
    db.$transaction(async (tx): Promise<Result<{ id: string }>> => {
      const { id } = orRollBack(await createRound(tx, actorId, setup.round));
      orRollBack(await updateRoundRules(tx, actorId, id, setup.rules));
      for (const names of setup.themes) orRollBack(await addCategory(tx, actorId, id, names));
      if (setup.panel) {
        orRollBack(await savePanelSettings(tx, actorId, id, setup.panel.settings));
        for (const criterion of setup.panel.criteria) orRollBack(await addCriterion(tx, actorId, id, criterion));
      }
      orRollBack(await saveVotingSettings(tx, actorId, id, setup.voting));
      return { ok: true, id };
    }),
  );
}
