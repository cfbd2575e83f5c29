import type { SessionUser } from "~/auth/session.server";
import { recordAudit } from "~/audit/audit.server";
import type { Db } from "~/db.server";
import { PHOTO_TYPES } from "~/uploads/sniff";
import { uploadStore } from "~/uploads/store.server";
import { namedOrDeleted } from "~/uploads/upload";
import { factsOf } from "./proposals.server";
import { decide } from "./policy";
import { MAX_PHOTOS } from "./schema";
import { isUniqueViolation } from "~/kernel/db-errors";
import { fieldRefused, refused, type Result } from "~/kernel/result";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** The proposal with its photos, when this user may change it now. */
async function editableProposal(db: Db, user: SessionUser, proposalId: string) {
  const proposal = await db.proposal.findUnique({
    where: { id: proposalId },
    include: { members: true, round: { select: { phase: true, teamsMayCreateEvents: true } }, photos: true },
  });
  if (!proposal) return refused(404, "proposals:errors.unknown");
  const decision = decide(user, factsOf(proposal), "edit", new Date());
  return decision.ok ? ({ ok: true, proposal } as const) : decision;
}

/** Adds a photo (JPEG, PNG or WebP, at most 5 MB, recognised by content) with its required alt text. */
export async function addPhoto(db: Db, user: SessionUser, proposalId: string, bytes: Uint8Array<ArrayBuffer>, altText: string): Promise<Result> {
  const found = await editableProposal(db, user, proposalId);
  if (!found.ok) return found;
  const tooMany = fieldRefused("photo", "proposals:photos.tooMany", 409);
  if (found.proposal.photos.length >= MAX_PHOTOS) return tooMany;
  const uploads = uploadStore(db);
  const saved = await uploads.save(bytes, { allowed: PHOTO_TYPES, maxBytes: MAX_PHOTO_BYTES });
  if (!saved.ok) return fieldRefused("photo", `proposals:photos.${saved.reason}`);
  return namedOrDeleted(uploads, saved.name, async () => {
    // Positions 0..3 are unique per proposal: simultaneous uploads cannot take the same slot, so
    // there are never more than four photos. A lost race tries the next free slot.
    for (let attempt = 0; attempt < MAX_PHOTOS; attempt++) {
      const taken = new Set((await db.proposalPhoto.findMany({ where: { proposalId }, select: { position: true } })).map((photo) => photo.position));
      const position = [...Array(MAX_PHOTOS).keys()].find((slot) => !taken.has(slot));
      if (position === undefined) break;
      try {
        await db.$transaction(async (tx) => {
          const photo = await tx.proposalPhoto.create({ data: { proposalId, fileName: saved.name, altText, position } });
          await recordAudit(tx, { actorId: user.id, action: "proposal.photo-add", entityId: proposalId, details: { photoId: photo.id } });
        });
        return { ok: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return tooMany;
  });
}

export async function removePhoto(db: Db, user: SessionUser, proposalId: string, photoId: string): Promise<Result> {
  const found = await editableProposal(db, user, proposalId);
  if (!found.ok) return found;
  const photo = found.proposal.photos.find((candidate) => candidate.id === photoId);
  if (!photo) return refused(404, "proposals:errors.unknown");
  await db.$transaction(async (tx) => {
    await tx.proposalPhoto.delete({ where: { id: photo.id } });
    await recordAudit(tx, { actorId: user.id, action: "proposal.photo-remove", entityId: proposalId, details: { photoId: photo.id } });
  });
  await uploadStore(db).delete(photo.fileName);
  return { ok: true };
}
