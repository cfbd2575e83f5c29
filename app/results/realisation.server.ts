// Realisation of funded projects: staff post dated updates (text, optionally a photo) that move a project
// forward (FUNDED → IN_PROGRESS → REALISED); its page shows them as a timeline.
import { moveProposal } from "~/proposals/status.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db, Prisma } from "~/db.server";
import { storedLocale, type Locale } from "~/i18n/config";
import { fieldRefused, refused, refusedOnRollBack, rollBack, type Result } from "~/kernel/result";
import { PHOTO_TYPES } from "~/uploads/sniff";
import { uploadStore } from "~/uploads/store.server";
import { namedOrDeleted } from "~/uploads/upload";
import { isRealisable, mayMoveTo } from "./realisation";
import type { UpdateInput } from "./schema";

/** A funded project as staff see it before posting an update; null when unknown. */
export async function realisationTarget(db: Db, proposalId: string) {
  const target = await db.proposal.findUnique({
    where: { id: proposalId },
    select: {
      id: true,
      number: true,
      status: true,
      roundId: true,
      originalLocale: true,
      texts: { select: { locale: true, title: true } },
      updates: { orderBy: UPDATE_ORDER, select: UPDATE_FIELDS },
    },
  });
  return target && { ...target, updates: target.updates.map(updateView) };
}

// Oldest first: the order of the proposal's history.
const UPDATE_ORDER = [{ day: "asc" }, { createdAt: "asc" }] satisfies Prisma.RealisationUpdateOrderByWithRelationInput[];
const UPDATE_FIELDS = { id: true, status: true, text: true, textLocale: true, photo: true, photoAlt: true, day: true } as const;

function updateView(row: Prisma.RealisationUpdateGetPayload<{ select: typeof UPDATE_FIELDS }>) {
  return { ...row, textLocale: storedLocale(row.textLocale) };
}

/** A project's realisation updates, oldest first. */
export async function realisationUpdates(db: Db, proposalId: string) {
  return (await db.realisationUpdate.findMany({ where: { proposalId }, orderBy: UPDATE_ORDER, select: UPDATE_FIELDS })).map(updateView);
}

export const MAX_UPDATE_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Staff post progress on a funded project: text, day, and optionally a photo with its alt text. The
 * project moves to the update's status, forward only (FUNDED → IN_PROGRESS → REALISED).
 */
export async function postRealisationUpdate(
  db: Db,
  actorId: string,
  proposalId: string,
  input: UpdateInput & { textLocale: Locale },
  photo: Uint8Array<ArrayBuffer> | null,
): Promise<Result> {
  const proposal = await db.proposal.findUnique({ where: { id: proposalId }, select: { id: true, status: true, roundId: true } });
  if (!proposal) return refused(404, "results:errors.unknownProject");
  if (!isRealisable(proposal.status)) return refused(409, "results:errors.notRealisable");
  if (!mayMoveTo(proposal.status, input.status)) return fieldRefused("status", "results:errors.backwards", 409);
  if (photo && !input.photoAlt) return fieldRefused("photoAlt", "results:validation.altRequired");
  const uploads = uploadStore(db);
  let photoName: string | null = null;
  if (photo) {
    const saved = await uploads.save(photo, { allowed: PHOTO_TYPES, maxBytes: MAX_UPDATE_PHOTO_BYTES });
    if (!saved.ok) return fieldRefused("photo", `results:updates.photoErrors.${saved.reason}`);
    photoName = saved.name;
  }
  return namedOrDeleted(uploads, photoName, () =>
    refusedOnRollBack(() =>
      db.$transaction(async (tx) => {
        if (input.status !== proposal.status) {
          if (!(await moveProposal(tx, proposalId, { from: proposal.status, to: input.status }))) rollBack(refused(409, "results:errors.stale"));
        }
        const update = await tx.realisationUpdate.create({
          data: {
            proposalId,
            status: input.status,
            text: input.text,
            textLocale: input.textLocale,
            day: input.day,
            photo: photoName,
            photoAlt: photoName ? input.photoAlt : "",
            authorId: actorId,
          },
        });
        await recordAudit(tx, {
          actorId,
          action: "results.realisation-update",
          entityId: proposalId,
          details: { updateId: update.id, from: proposal.status, status: input.status, day: input.day, photo: !!photoName },
        });
        return { ok: true } as const;
      }),
    ),
  );
}
