import { recordAudit } from "~/audit/audit.server";
import { can, type Permission } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import type { Db, Tx } from "~/db.server";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { notify } from "~/notifications/notify.server";
import { parsePolygon, pointInPolygon } from "~/kernel/geo";
import { cityToday } from "~/kernel/city-time";
import { isPlausibleId } from "~/kernel/ids";
import { fieldRefused, refused, refusedOnRollBack, rollBack, type Refused, type Result } from "~/kernel/result";
import { formatDay } from "~/i18n/format";
import { PHOTO_TYPES } from "~/uploads/sniff";
import { uploadStore } from "~/uploads/store.server";
import { namedOrDeleted, type UploadStore } from "~/uploads/upload";
import { parseFeatures, serializeFeatures } from "./features";
import { findClash, nextPlacement, spanProblem, upcoming, whereNow, type DaySpan } from "./schedule";
import type { ParkletInput, PlacementInput, RequestInput } from "./schema";
import { streetMatches } from "./streets";

export const MAX_PARKLET_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Who may run the catalogue, the schedule and the requests queue. Routes check it first; every
 * staff function here checks it again. (A dedicated "parklet:manage" permission can replace it.)
 */
export const MANAGE_PARKLETS: Permission = "parklet:manage";

function notStaff(user: SessionUser): Refused | null {
  return can(user, MANAGE_PARKLETS) ? null : refused(403, "parklets:errors.forbidden");
}

/**
 * Planning and request transactions wait for each other on the parklet's row lock: give a queue of
 * simultaneous plans time to get a connection and their turn instead of Prisma's 2 s / 5 s defaults.
 */
const PLANNING_TRANSACTION = { maxWait: 20_000, timeout: 20_000 };

// ---------------------------------------------------------------------------------------------
// The catalogue

export async function listParklets(db: Db) {
  const parklets = await db.parklet.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], include: { _count: { select: { placements: true } } } });
  return parklets.map(({ _count, ...parklet }) => ({ ...parklet, features: parseFeatures(parklet.features), placementCount: _count.placements }));
}

export async function parkletById(db: Db, id: string) {
  const parklet = isPlausibleId(id) ? await db.parklet.findUnique({ where: { id } }) : null;
  return parklet ? { ...parklet, features: parseFeatures(parklet.features) } : null;
}

function catalogueData(input: ParkletInput) {
  return {
    originalLocale: input.originalLocale,
    name: input.name,
    description: input.description,
    builtBy: input.builtBy,
    features: serializeFeatures(input.features),
  };
}

/** Stores a new photo (JPEG, PNG or WebP by content, at most 5 MB), or says why not. */
async function storePhoto(uploads: UploadStore, photo: Uint8Array<ArrayBuffer> | null): Promise<Result<{ name: string | null }>> {
  if (!photo || photo.byteLength === 0) return { ok: true, name: null };
  const saved = await uploads.save(photo, { allowed: PHOTO_TYPES, maxBytes: MAX_PARKLET_PHOTO_BYTES });
  return saved.ok ? { ok: true, name: saved.name } : fieldRefused("photo", `parklets:photo.${saved.reason}`);
}

/** A new parklet in the catalogue; a photo needs its alt text. Audit-logged. */
export async function createParklet(db: Db, staff: SessionUser, input: ParkletInput, photo: Uint8Array<ArrayBuffer> | null): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const hasPhoto = !!photo && photo.byteLength > 0;
  if (hasPhoto && !input.photoAlt) return fieldRefused("photoAlt", "parklets:validation.altRequired");
  const uploads = uploadStore(db);
  const stored = await storePhoto(uploads, photo);
  if (!stored.ok) return stored;
  return namedOrDeleted(uploads, stored.name, async () => {
    const parklet = await db.$transaction(async (tx) => {
      const created = await tx.parklet.create({
        data: { ...catalogueData(input), photoFileName: stored.name, photoAlt: stored.name ? input.photoAlt : "" },
      });
      await recordAudit(tx, {
        actorId: staff.id,
        action: "parklet.create",
        entityId: created.id,
        details: { ...catalogueData(input), photo: !!stored.name },
      });
      return created;
    });
    return { ok: true, id: parklet.id };
  });
}

/** Changes a parklet's details; a new photo replaces the old one, `removePhoto` drops it. Audit-logged. */
export async function updateParklet(
  db: Db,
  staff: SessionUser,
  id: string,
  input: ParkletInput,
  photo: Uint8Array<ArrayBuffer> | null,
): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const existing = await parkletById(db, id);
  if (!existing) return refused(404, "parklets:errors.parkletUnknown");
  const hasNewPhoto = !!photo && photo.byteLength > 0;
  const keepsPhoto = hasNewPhoto || (!!existing.photoFileName && !input.removePhoto);
  if (keepsPhoto && !input.photoAlt) return fieldRefused("photoAlt", "parklets:validation.altRequired");
  const uploads = uploadStore(db);
  const stored = await storePhoto(uploads, photo);
  if (!stored.ok) return stored;
  const photoFileName = stored.name ?? (keepsPhoto ? existing.photoFileName : null);
  await namedOrDeleted(uploads, stored.name, async () => {
    await db.$transaction(async (tx) => {
      await tx.parklet.update({
        where: { id },
        data: { ...catalogueData(input), photoFileName, photoAlt: photoFileName ? input.photoAlt : "" },
      });
      await recordAudit(tx, {
        actorId: staff.id,
        action: "parklet.update",
        entityId: id,
        details: { ...catalogueData(input), photo: stored.name ? "replaced" : photoFileName ? "kept" : existing.photoFileName ? "removed" : "none" },
      });
    });
    return { ok: true };
  });
  if (existing.photoFileName && existing.photoFileName !== photoFileName) await uploads.delete(existing.photoFileName);
  return { ok: true, id };
}

/** Takes a parklet out of the catalogue; one that was ever placed stays (its history is public). */
export async function removeParklet(db: Db, staff: SessionUser, id: string): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const existing = await parkletById(db, id);
  if (!existing) return refused(404, "parklets:errors.parkletUnknown");
  const removed = await db.$transaction(async (tx) => {
    if ((await tx.parkletPlacement.count({ where: { parkletId: id } })) > 0) return false;
    await tx.parklet.delete({ where: { id } });
    await recordAudit(tx, { actorId: staff.id, action: "parklet.remove", entityId: id, details: { name: existing.name } });
    return true;
  });
  if (!removed) return refused(409, "parklets:errors.parkletInUse");
  if (existing.photoFileName) await uploadStore(db).delete(existing.photoFileName);
  return { ok: true, id };
}

// ---------------------------------------------------------------------------------------------
// Placements

/**
 * Inserts a placement when no PLANNED placement of the parklet overlaps it, inside the caller's
 * transaction; otherwise rolls that back, refusing with the clashing placement (dates in `locale`).
 * Bumping the parklet's scheduleVersion first takes its row lock (PostgreSQL), so a concurrent
 * planning transaction for the same parklet waits here until this one commits and then reads the
 * placement this one made; SQLite runs one writing transaction at a time anyway.
 */
async function placeParklet(tx: Tx, input: PlacementInput, parkletName: string, locale: Locale) {
  await tx.parklet.update({ where: { id: input.parkletId }, data: { scheduleVersion: { increment: 1 } } });
  const planned = await tx.parkletPlacement.findMany({
    where: { parkletId: input.parkletId, status: "PLANNED", firstDay: { lte: input.lastDay }, lastDay: { gte: input.firstDay } },
  });
  const clash = findClash(input, planned);
  if (clash) rollBack(clashRefusal(parkletName, clash, locale));
  return tx.parkletPlacement.create({
    data: {
      parkletId: input.parkletId,
      neighbourhoodId: input.neighbourhoodId,
      street: input.street,
      latitude: input.latitude,
      longitude: input.longitude,
      firstDay: input.firstDay,
      lastDay: input.lastDay,
    },
  });
}

/** The refusal naming the placement that holds the days: parklet, street and dates in `locale`. */
function clashRefusal(parkletName: string, clash: DaySpan & { street: string }, locale: Locale): Refused {
  return refused(409, "parklets:errors.clash", {
    parklet: parkletName,
    street: clash.street,
    firstDay: formatDay(clash.firstDay, locale),
    lastDay: formatDay(clash.lastDay, locale),
  });
}

async function checkPlace(db: Db, input: Pick<PlacementInput, "neighbourhoodId" | "latitude" | "longitude">): Promise<Refused | null> {
  const neighbourhood = isPlausibleId(input.neighbourhoodId) ? await db.neighbourhood.findUnique({ where: { id: input.neighbourhoodId } }) : null;
  if (!neighbourhood) return fieldRefused("neighbourhoodId", "validation.choice");
  if (input.latitude !== null && input.longitude !== null) {
    const boundary = parsePolygon(neighbourhood.boundary);
    if (boundary && !pointInPolygon({ latitude: input.latitude, longitude: input.longitude }, boundary)) {
      return fieldRefused("latitude", "parklets:validation.pointOutside");
    }
  }
  return null;
}

function spanRefusal(span: DaySpan, field: string): Refused | null {
  const problem = spanProblem(span);
  if (!problem) return null;
  return fieldRefused(
    field,
    problem === "order" ? "parklets:validation.dayOrder" : problem === "tooLong" ? "parklets:validation.tooLong" : "parklets:validation.day",
  );
}

/**
 * Plans a parklet in a street from its first to its last day. Refused (409, naming the clashing
 * placement with its dates in `locale`) when a PLANNED placement of that parklet holds any of these
 * days, the day it leaves included. Concurrent plans cannot both pass: see placeParklet. Audit-logged.
 */
export async function planPlacement(db: Db, staff: SessionUser, input: PlacementInput, locale: Locale = DEFAULT_LOCALE): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const invalid = spanRefusal(input, "lastDay") ?? (await checkPlace(db, input));
  if (invalid) return invalid;
  const parklet = await parkletById(db, input.parkletId);
  if (!parklet) return fieldRefused("parkletId", "validation.choice");
  return refusedOnRollBack(() =>
    db.$transaction(async (tx) => {
      const created = await placeParklet(tx, input, parklet.name, locale);
      await recordAudit(tx, {
        actorId: staff.id,
        action: "parklet.plan",
        entityId: created.id,
        details: { parkletId: input.parkletId, neighbourhoodId: input.neighbourhoodId, street: input.street, firstDay: input.firstDay, lastDay: input.lastDay },
      });
      return { ok: true as const, id: created.id };
    }, PLANNING_TRANSACTION),
  );
}

/** PLANNED → DONE (the parklet has left the street). Audit-logged. */
export async function markPlacementDone(db: Db, staff: SessionUser, placementId: string): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const done = await db.$transaction(async (tx) => {
    const moved = await tx.parkletPlacement.updateMany({ where: { id: placementId, status: "PLANNED" }, data: { status: "DONE" } });
    if (moved.count !== 1) return false;
    await recordAudit(tx, { actorId: staff.id, action: "parklet.done", entityId: placementId });
    return true;
  });
  if (done) return { ok: true, id: placementId };
  const exists = isPlausibleId(placementId) && (await db.parkletPlacement.count({ where: { id: placementId } })) > 0;
  return exists ? refused(409, "parklets:errors.notPlanned") : refused(404, "parklets:errors.placementUnknown");
}

/**
 * PLANNED → CANCELLED with a reason; its days are free again. A resident's request that the
 * placement came from goes back to the open requests, for staff to plan again or decline. Audit-logged.
 */
export async function cancelPlacement(db: Db, staff: SessionUser, placementId: string, reason: string): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  if (!reason.trim()) return fieldRefused("reason", "parklets:validation.reasonRequired");
  const cancelled = await db.$transaction(async (tx) => {
    const moved = await tx.parkletPlacement.updateMany({ where: { id: placementId, status: "PLANNED" }, data: { status: "CANCELLED", cancelReason: reason } });
    if (moved.count !== 1) return false;
    const reopened = await tx.parkletRequest.updateMany({ where: { placementId, status: "PLANNED" }, data: { status: "OPEN", placementId: null } });
    await recordAudit(tx, {
      actorId: staff.id,
      action: "parklet.cancel",
      entityId: placementId,
      details: { reason, requestReopened: reopened.count > 0 },
    });
    return true;
  });
  if (cancelled) return { ok: true, id: placementId };
  const exists = isPlausibleId(placementId) && (await db.parkletPlacement.count({ where: { id: placementId } })) > 0;
  return exists ? refused(409, "parklets:errors.notPlanned") : refused(404, "parklets:errors.placementUnknown");
}

const placementInclude = {
  parklet: { select: { id: true, name: true } },
  neighbourhood: { select: { id: true, name: true, city: true } },
  request: { select: { id: true } },
} as const;

/** Staff's list: PLANNED placements earliest first, then the latest done or cancelled ones. */
export async function listPlacements(db: Db) {
  const [planned, closed] = await Promise.all([
    db.parkletPlacement.findMany({ where: { status: "PLANNED" }, orderBy: [{ firstDay: "asc" }, { id: "asc" }], include: placementInclude, take: 500 }),
    db.parkletPlacement.findMany({
      where: { status: { not: "PLANNED" } },
      orderBy: [{ lastDay: "desc" }, { id: "asc" }],
      include: placementInclude,
      take: 100,
    }),
  ]);
  return { planned, closed };
}

// ---------------------------------------------------------------------------------------------
// What the public sees

/** For each parklet: where it stands on `today` and where it goes next. */
export async function parkletOverview(db: Db, today = cityToday()) {
  const parklets = await db.parklet.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: {
      placements: {
        where: { status: "PLANNED", lastDay: { gte: today } },
        include: { neighbourhood: { select: { name: true, city: true } } },
      },
    },
  });
  return parklets.map(({ placements, scheduleVersion: _version, ...parklet }) => ({
    ...parklet,
    features: parseFeatures(parklet.features),
    now: whereNow(placements, today),
    next: nextPlacement(placements, today),
  }));
}

/**
 * "When is a parklet in my street?": current and coming placements whose street matches the
 * search, ignoring case and accents (compared here rather than in SQL, the same on both databases).
 */
export async function placementsInStreet(db: Db, query: string, today = cityToday()) {
  const placements = await db.parkletPlacement.findMany({
    where: { status: "PLANNED", lastDay: { gte: today } },
    include: { parklet: { select: { name: true } }, neighbourhood: { select: { name: true, city: true } } },
  });
  return upcoming(
    placements.filter((placement) => streetMatches(placement.street, query)),
    today,
  );
}

/** Placements for the iCal feed: planned and done (cancelled ones are left out). */
export async function calendarPlacements(db: Db) {
  return db.parkletPlacement.findMany({
    where: { status: { in: ["PLANNED", "DONE"] } },
    orderBy: [{ firstDay: "asc" }, { id: "asc" }],
    include: { parklet: { select: { name: true } }, neighbourhood: { select: { name: true, city: true } } },
    take: 5000,
  });
}

// ---------------------------------------------------------------------------------------------
// Requests from residents

/** A resident asks for a parklet in their street. A request never holds a parklet's days. */
export async function fileRequest(db: Db, user: SessionUser, input: RequestInput, today = cityToday()): Promise<Result<{ id: string }>> {
  const invalid = spanRefusal({ firstDay: input.wishedFrom, lastDay: input.wishedUntil }, "wishedUntil");
  if (invalid) return invalid;
  if (input.wishedFrom < today) return fieldRefused("wishedFrom", "parklets:validation.dayPast");
  const place = await checkPlace(db, { neighbourhoodId: input.neighbourhoodId, latitude: null, longitude: null });
  if (place) return place;
  const request = await db.parkletRequest.create({
    data: {
      neighbourhoodId: input.neighbourhoodId,
      userId: user.id,
      street: input.street,
      wishedFrom: input.wishedFrom,
      wishedUntil: input.wishedUntil,
      reason: input.reason,
      supporters: input.supporters,
    },
  });
  return { ok: true, id: request.id };
}

/** The requests a resident filed, newest first, with what became of them. */
export async function myRequests(db: Db, userId: string) {
  return db.parkletRequest.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: {
      neighbourhood: { select: { name: true, city: true } },
      placement: { select: { firstDay: true, lastDay: true, status: true, parklet: { select: { name: true } } } },
    },
    take: 50,
  });
}

/** Staff's queue: open requests, oldest first. */
export async function listOpenRequests(db: Db) {
  return db.parkletRequest.findMany({
    where: { status: "OPEN" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { neighbourhood: { select: { id: true, name: true, city: true } }, user: { select: { name: true } } },
    take: 500,
  });
}

/** The latest requests staff answered, for the queue's history. */
export async function listAnsweredRequests(db: Db) {
  return db.parkletRequest.findMany({
    where: { status: { not: "OPEN" } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    include: {
      neighbourhood: { select: { name: true, city: true } },
      user: { select: { name: true } },
      placement: { select: { firstDay: true, lastDay: true, parklet: { select: { name: true } } } },
    },
    take: 50,
  });
}

export interface MailOptions {
  /** The site's address, for the link in the email. */
  baseUrl: string;
  /** The language of a refusal shown to staff (the email goes in the requester's language). */
  locale?: Locale;
}

/**
 * Turns an open request into a placement of the chosen parklet in the requested street (clashes
 * refused as in planPlacement), marks the request PLANNED and links the two, in one transaction.
 * Audit-logged; the requester is told by email in their saved language.
 */
export async function planFromRequest(
  db: Db,
  staff: SessionUser,
  requestId: string,
  input: { parkletId: string; firstDay: string; lastDay: string },
  options: MailOptions,
): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  const invalid = spanRefusal(input, "lastDay");
  if (invalid) return invalid;
  const request = isPlausibleId(requestId) ? await db.parkletRequest.findUnique({ where: { id: requestId }, include: { user: true } }) : null;
  if (!request) return refused(404, "parklets:errors.requestUnknown");
  if (request.status !== "OPEN") return refused(409, "parklets:errors.requestAnswered");
  const parklet = await parkletById(db, input.parkletId);
  if (!parklet) return fieldRefused("parkletId", "validation.choice");
  const placementInput: PlacementInput = {
    parkletId: parklet.id,
    neighbourhoodId: request.neighbourhoodId,
    street: request.street,
    latitude: null,
    longitude: null,
    firstDay: input.firstDay,
    lastDay: input.lastDay,
  };
  return refusedOnRollBack(() =>
    db.$transaction(async (tx) => {
      const placement = await placeParklet(tx, placementInput, parklet.name, options.locale ?? DEFAULT_LOCALE);
      const answered = await tx.parkletRequest.updateMany({ where: { id: requestId, status: "OPEN" }, data: { status: "PLANNED", placementId: placement.id } });
      // Answered by someone else meanwhile: the placement made above is rolled back with it.
      if (answered.count !== 1) rollBack(refused(409, "parklets:errors.requestAnswered"));
      await recordAudit(tx, {
        actorId: staff.id,
        action: "parklet.request-plan",
        entityId: requestId,
        details: { placementId: placement.id, parkletId: parklet.id, firstDay: input.firstDay, lastDay: input.lastDay },
      });
      await notify(tx, {
        kind: "parklet-answered",
        userIds: [request.userId],
        path: `/parklets?street=${encodeURIComponent(request.street)}`,
        baseUrl: options.baseUrl,
        namespace: "parklets",
        compose: (t, { name, locale, link }) => ({
          subject: t("email.planned.subject", { street: request.street }),
          text: t("email.planned.body", {
            name,
            parklet: parklet.name,
            street: request.street,
            firstDay: formatDay(input.firstDay, locale),
            lastDay: formatDay(input.lastDay, locale),
            link,
          }),
        }),
      });
      return { ok: true as const, id: placement.id };
    }, PLANNING_TRANSACTION),
  );
}

/** Declines an open request with a reason for the requester, who is told by email in their language. Audit-logged. */
export async function declineRequest(db: Db, staff: SessionUser, requestId: string, reason: string, options: MailOptions): Promise<Result<{ id: string }>> {
  const denied = notStaff(staff);
  if (denied) return denied;
  if (!reason.trim()) return fieldRefused("reason", "parklets:validation.reasonRequired");
  const request = isPlausibleId(requestId) ? await db.parkletRequest.findUnique({ where: { id: requestId }, include: { user: true } }) : null;
  if (!request) return refused(404, "parklets:errors.requestUnknown");
  const declined = await db.$transaction(async (tx) => {
    const answered = await tx.parkletRequest.updateMany({ where: { id: requestId, status: "OPEN" }, data: { status: "DECLINED", declineReason: reason } });
    if (answered.count !== 1) return false;
    await recordAudit(tx, { actorId: staff.id, action: "parklet.request-decline", entityId: requestId, details: { reason } });
    await notify(tx, {
      kind: "parklet-answered",
      userIds: [request.userId],
      path: "/parklets",
      baseUrl: options.baseUrl,
      namespace: "parklets",
      compose: (t, { name, locale, link }) => ({
        subject: t("email.declined.subject", { street: request.street }),
        text: t("email.declined.body", {
          name,
          street: request.street,
          firstDay: formatDay(request.wishedFrom, locale),
          lastDay: formatDay(request.wishedUntil, locale),
          reason,
          link,
        }),
      }),
    });
    return true;
  });
  if (!declined) return refused(409, "parklets:errors.requestAnswered");
  return { ok: true, id: requestId };
}
