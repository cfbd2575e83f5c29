import type { Db, SqlStatements } from "~/db.server";
import { generateToken } from "~/kernel/tokens";
import { keptSince } from "~/privacy/retention";
import { fixedT } from "~/i18n/i18n.server";
import { pickLocalized, pickName } from "~/i18n/content";
import type { Locale } from "~/i18n/config";
import { addDays, cityWallTimeToDate } from "~/kernel/city-time";
import type { AuditFilter } from "./filter-links";
import { AUDITED, peopleFieldsOf, undeclaredFields, type AuditAction, type AuditDetails } from "./actions";
import { AuditReader, idsNamedBy, NAME_KINDS, type FieldRow, type NameKind, type Names, type ResolvedName, type Translate } from "./sentences";

type Client = Pick<Db, "auditLog">;

export interface AuditEntry<A extends AuditAction> {
  actorId: string | null;
  action: A;
  /** The record the action is about; its kind comes from the action's declaration (actions.ts). */
  entityId: string;
  details?: AuditDetails<A>;
}

/** The row of one audit entry. Only the detail fields the action declares may be recorded: anything else is a bug. */
function auditRow<A extends AuditAction>(entry: AuditEntry<A>) {
  const details = (entry.details ?? {}) as Record<string, unknown>;
  const undeclared = undeclaredFields(entry.action, details);
  if (undeclared.length) throw new Error(`The audit action ${entry.action} does not declare ${undeclared.join(", ")}`);
  return {
    actorId: entry.actorId,
    action: entry.action,
    entityType: AUDITED[entry.action].entity,
    entityId: entry.entityId,
    details: JSON.stringify(details),
  };
}

/** Writes one audit entry; pass the transaction client so the entry commits with the change it records. */
export async function recordAudit<A extends AuditAction>(client: Client, entry: AuditEntry<A>): Promise<void> {
  await client.auditLog.create({ data: auditRow(entry) });
}

/** recordAudit inside a transaction of statements written in SQL (sqlTransaction). */
export async function recordAuditIn<A extends AuditAction>(sql: SqlStatements, entry: AuditEntry<A>): Promise<void> {
  const row = auditRow(entry);
  await sql.run(
    `INSERT INTO "AuditLog" ("id", "at", "actorId", "action", "entityType", "entityId", "details") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    generateToken(),
    new Date(),
    row.actorId,
    row.action,
    row.entityType,
    row.entityId,
    row.details,
  );
}

/** The detail fields of an entry with each person's account id replaced by their name. */
function withNames(action: string, details: string, names: Map<string, string>): string {
  const people = peopleFieldsOf(action);
  if (people.length === 0) return details;
  const parsed = JSON.parse(details) as Record<string, unknown>;
  for (const field of people) {
    const id = parsed[field];
    if (typeof id === "string") parsed[field] = names.get(id) ?? id;
  }
  return JSON.stringify(parsed);
}

/** Audit entries, newest first, with the people in their details shown by name. */
export async function auditTrail(db: Db, filter: { entityType?: string; entityId?: string; take?: number } = {}) {
  const entries = await db.auditLog.findMany({
    where: { entityType: filter.entityType, entityId: filter.entityId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: filter.take ?? 200,
    include: { actor: { select: { name: true, email: true } } },
  });
  const ids = new Set<string>();
  for (const entry of entries) {
    const people = peopleFieldsOf(entry.action);
    const details = people.length ? (JSON.parse(entry.details) as Record<string, unknown>) : {};
    for (const field of people) if (typeof details[field] === "string") ids.add(details[field]);
  }
  const names = new Map((await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]));
  return entries.map((entry) => ({ ...entry, details: withNames(entry.action, entry.details, names) }));
}

/**
 * Empties the details of entries two years old (values before and after, reasons, which may name or
 * describe people); who did what to which record, and when, stays (with the other expired rows).
 */
export async function pruneAuditDetails(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.auditLog.updateMany({ where: { at: { lte: keptSince("auditDetails", now) }, NOT: { details: "{}" } }, data: { details: "{}" } });
  return count;
}

/** An entry as the log shows it: when, who, the sentence and its changes. */
export interface ReadAuditEntry {
  id: string;
  at: Date;
  action: string;
  actor: string | null;
  sentence: string;
  rows: FieldRow[];
}

/**
 * The entries about a round: the round's own, and those about its proposals and its events (an
 * event belongs to the round directly or through one of its proposals).
 */
async function aboutRound(db: Db, roundId: string) {
  const proposals = await db.proposal.findMany({ where: { roundId }, select: { id: true } });
  const proposalIds = proposals.map((proposal) => proposal.id);
  const events = await db.event.findMany({ where: { OR: [{ roundId }, { proposalId: { in: proposalIds } }] }, select: { id: true } });
  return {
    OR: [
      { entityType: "BudgetRound", entityId: roundId },
      { entityType: "Proposal", entityId: { in: proposalIds } },
      { entityType: "Event", entityId: { in: events.map((event) => event.id) } },
    ],
  };
}

async function whereOf(db: Db, filter: AuditFilter) {
  const at = {
    ...(filter.from ? { gte: cityWallTimeToDate(`${filter.from}T00:00`) ?? undefined } : {}),
    ...(filter.to ? { lt: cityWallTimeToDate(`${addDays(filter.to, 1)}T00:00`) ?? undefined } : {}),
  };
  return {
    ...(filter.actor ? { actorId: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { at } : {}),
    ...(filter.round ? await aboutRound(db, filter.round) : {}),
  };
}

/** One page of the log, newest first, read in `locale`; `page` beyond the last shows the last. */
export async function auditLogPage(db: Db, filter: AuditFilter, page: number, locale: Locale, pageSize = 50) {
  const where = await whereOf(db, filter);
  const total = await db.auditLog.count({ where });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(page, pages);
  const entries = await db.auditLog.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (shown - 1) * pageSize,
    take: pageSize,
    include: { actor: { select: { name: true, deletedAt: true } } },
  });
  return { entries: await readEntries(db, entries, locale), total, page: shown, pages };
}

/** Every entry the filter matches, newest first (at most `limit`), read in `locale`: for the spreadsheet file. */
export async function auditLogEntries(db: Db, filter: AuditFilter, locale: Locale, limit = 20_000) {
  const entries = await db.auditLog.findMany({
    where: await whereOf(db, filter),
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    include: { actor: { select: { name: true, deletedAt: true } } },
  });
  return readEntries(db, entries, locale);
}

type StoredEntry = {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  details: string;
  actor: { name: string; deletedAt: Date | null } | null;
};

async function readEntries(db: Db, entries: StoredEntry[], locale: Locale): Promise<ReadAuditEntry[]> {
  const parsed = entries.map((entry) => ({ ...entry, parsedDetails: parseDetails(entry.details) }));
  const ids = new Map<NameKind, Set<string>>(NAME_KINDS.map((kind) => [kind, new Set()]));
  for (const entry of parsed) for (const [kind, id] of idsNamedBy({ ...entry, details: entry.parsedDetails })) ids.get(kind)!.add(id);
  const [names, t] = await Promise.all([namesOf(db, ids, locale), fixedT(locale)]);
  const reader = new AuditReader(t as unknown as Translate, locale, names);
  return parsed.map((entry) => {
    // A deleted account keeps its row, emptied: its actions are a former resident's.
    const actorName = entry.actor ? (entry.actor.deletedAt ? t("audit:gone.person") : entry.actor.name) : null;
    const read = reader.read({ action: entry.action, entityType: entry.entityType, entityId: entry.entityId, actorName, details: entry.parsedDetails });
    return { id: entry.id, at: entry.at, action: entry.action, actor: actorName, sentence: read.sentence, rows: read.rows };
  });
}

function parseDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The names of the records the entries name: one query per kind of record, in the reader's language. */
async function namesOf(db: Db, ids: Map<NameKind, Set<string>>, locale: Locale): Promise<Names> {
  const wanted = (kind: NameKind) => ({ in: [...(ids.get(kind) ?? [])] });
  const none = (kind: NameKind) => (ids.get(kind)?.size ?? 0) === 0;
  const named = <T extends { id: string }>(rows: T[], name: (row: T) => ResolvedName): ReadonlyMap<string, ResolvedName> =>
    new Map(rows.map((row) => [row.id, name(row)]));
  const [people, rounds, proposals, events, parklets, placements, requests, neighbourhoods, categories, criteria, comments] = await Promise.all([
    none("person") ? [] : db.user.findMany({ where: { id: wanted("person"), deletedAt: null }, select: { id: true, name: true } }),
    none("round")
      ? []
      : db.budgetRound.findMany({
          where: { id: wanted("round") },
          select: { id: true, originalLocale: true, translations: { select: { locale: true, title: true } } },
        }),
    none("proposal")
      ? []
      : db.proposal.findMany({
          where: { id: wanted("proposal") },
          select: { id: true, number: true, originalLocale: true, texts: { select: { locale: true, title: true } } },
        }),
    none("event")
      ? []
      : db.event.findMany({ where: { id: wanted("event") }, select: { id: true, originalLocale: true, texts: { select: { locale: true, title: true } } } }),
    none("parklet") ? [] : db.parklet.findMany({ where: { id: wanted("parklet") }, select: { id: true, name: true } }),
    none("placement")
      ? []
      : db.parkletPlacement.findMany({ where: { id: wanted("placement") }, select: { id: true, street: true, parklet: { select: { name: true } } } }),
    none("request") ? [] : db.parkletRequest.findMany({ where: { id: wanted("request") }, select: { id: true, street: true } }),
    none("neighbourhood") ? [] : db.neighbourhood.findMany({ where: { id: wanted("neighbourhood") }, select: { id: true, name: true, names: true } }),
    none("category") ? [] : db.category.findMany({ where: { id: wanted("category") }, select: { id: true, names: true } }),
    none("criterion") ? [] : db.panelCriterion.findMany({ where: { id: wanted("criterion") }, select: { id: true, names: true } }),
    none("comment")
      ? []
      : db.comment.findMany({
          where: { id: wanted("comment") },
          select: { id: true, proposal: { select: { number: true, originalLocale: true, texts: { select: { locale: true, title: true } } } } },
        }),
  ]);
  const title = (row: { originalLocale: string; translations?: { locale: string; title: string }[]; texts?: { locale: string; title: string }[] }) =>
    pickLocalized(row.translations ?? row.texts ?? [], locale, row.originalLocale)?.text.title ?? "";
  return {
    person: named(people, (user) => ({ name: user.name })),
    round: named(rounds, (round) => ({ name: title(round) })),
    proposal: named(proposals, (proposal) => ({ name: title(proposal), number: proposal.number })),
    event: named(events, (event) => ({ name: title(event) })),
    parklet: named(parklets, (parklet) => ({ name: parklet.name })),
    placement: named(placements, (placement) => ({ name: `${placement.parklet.name}, ${placement.street}` })),
    request: named(requests, (request) => ({ name: request.street })),
    neighbourhood: named(neighbourhoods, (neighbourhood) => ({ name: pickName(neighbourhood.names, locale)?.text ?? neighbourhood.name })),
    category: named(categories, (category) => ({ name: pickName(category.names, locale)?.text ?? "" })),
    criterion: named(criteria, (criterion) => ({ name: pickName(criterion.names, locale)?.text ?? "" })),
    comment: named(comments, (comment) => ({ name: title(comment.proposal), number: comment.proposal.number })),
  };
}

/** What the log's filters offer: every round by title, everyone who appears as an actor, every action recorded or declared. */
export async function auditFilterChoices(db: Db, locale: Locale, actor?: string) {
  const [rounds, actorRows, actionRows] = await Promise.all([
    db.budgetRound.findMany({
      orderBy: { createdAt: "desc" },
      select: { id: true, originalLocale: true, translations: { select: { locale: true, title: true } } },
    }),
    db.auditLog.groupBy({ by: ["actorId"], where: { actorId: { not: null } } }),
    db.auditLog.groupBy({ by: ["action"] }),
  ]);
  // A person linked to the log (?actor=) who did nothing yet is offered too, so the form shows who was asked for.
  const actorIds = [...new Set([...actorRows.flatMap((row) => (row.actorId ? [row.actorId] : [])), ...(actor ? [actor] : [])])];
  const people = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  const actions = [...new Set([...Object.keys(AUDITED), ...actionRows.map((row) => row.action)])];
  return {
    rounds: rounds.map((round) => ({ id: round.id, title: pickLocalized(round.translations, locale, round.originalLocale)?.text.title ?? "" })),
    actors: people,
    actions,
  };
}
