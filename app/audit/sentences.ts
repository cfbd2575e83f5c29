// An audit entry as people read it: one sentence in the reader's language with names instead of ids,
// and the declared fields it recorded as readable before/after rows. Never JSON, never an id. Pure:
// the names come resolved (audit.server.ts), the words through `t` (locales/*/audit.json and the
// labels the rest of the app already has for phases, statuses, methods…).
import { AUDITED, isAuditAction } from "./actions";
import { INTL_LOCALES, type Locale } from "~/i18n/config";
import { formatDateTime, formatDay, formatMoney, formatNumber } from "~/i18n/format";

/** A translate function (i18next's, fixed to the reader's language and given every namespace). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The kinds of record an audit entry or one of its fields can name. */
export const NAME_KINDS = [
  "person",
  "round",
  "proposal",
  "event",
  "parklet",
  "placement",
  "request",
  "neighbourhood",
  "category",
  "criterion",
  "comment",
] as const;
export type NameKind = (typeof NAME_KINDS)[number];

/** A record's name in the reader's language; a proposal also has its public number (none while a draft), and so may what belongs to one. */
export interface ResolvedName {
  name: string;
  number?: number | null;
}
/** Names by kind and id, for the entries on one page (resolved in a batch by audit.server.ts). */
export type Names = Partial<Record<NameKind, ReadonlyMap<string, ResolvedName>>>;

/** What an entry is about, by the entity type it was recorded with. */
export const ENTITY_KINDS: Record<string, NameKind> = {
  User: "person",
  Neighbourhood: "neighbourhood",
  BudgetRound: "round",
  Proposal: "proposal",
  Event: "event",
  Parklet: "parklet",
  ParkletPlacement: "placement",
  ParkletRequest: "request",
  // A comment is named by the proposal it is on.
  Comment: "comment",
};

/**
 * How a declared field's value reads. "hidden" fields hold the id of something the sentence already
 * names (a photo, an invitation, a note): they are not shown at all.
 */
type FieldKind =
  | "text"
  | "number"
  | "numbers"
  | "percent"
  | "money"
  | "date"
  | "boolean"
  | "changed"
  | "capacity"
  | "names"
  | "language"
  | "languages"
  | "features"
  | "photo"
  | "hidden"
  | NameKind
  | `label:${string}`;

/**
 * The kind of every field that is not plain text, by field name ("action.field" where one action
 * uses a name differently). A field missing here reads as text.
 */
const FIELD_KINDS: Record<string, FieldKind> = {
  // Ids of records, shown by name.
  userId: "person",
  coachId: "person",
  neighbourhoodId: "neighbourhood",
  roundId: "round",
  proposalId: "proposal",
  parkletId: "parklet",
  categoryId: "category",
  criterionId: "criterion",
  // Ids of what the sentence already says (a photo, a note, an invitation…).
  noteId: "hidden",
  inviteId: "hidden",
  photoId: "hidden",
  updateId: "hidden",
  requestId: "hidden",
  placementId: "hidden",
  "results.withdraw.number": "hidden",
  // A removed theme or criterion is gone by definition: the sentence says one was removed.
  "round.category-remove.categoryId": "hidden",
  "panel.criterion-remove.criterionId": "hidden",
  reasonLocale: "language",
  reports: "number",
  // Amounts in cents, dates, numbers.
  budgetCents: "money",
  minAmountCents: "money",
  maxAmountCents: "money",
  cityCostCents: "money",
  spentCents: "money",
  submissionStartsAt: "date",
  submissionEndsAt: "date",
  reviewStartsAt: "date",
  reviewEndsAt: "date",
  votingStartsAt: "date",
  votingEndsAt: "date",
  resultsAt: "date",
  startsAt: "date",
  endsAt: "date",
  deadline: "date",
  day: "date",
  firstDay: "date",
  lastDay: "date",
  maxSharePercent: "percent",
  weightPercent: "percent",
  approvalLimit: "number",
  cumulativePoints: "number",
  cumulativeMaxPerProject: "number",
  minimumAge: "number",
  scaleMin: "number",
  scaleMax: "number",
  weight: "number",
  version: "number",
  voters: "number",
  projects: "number",
  ballots: "number",
  capacity: "capacity",
  funded: "numbers",
  newlyFunded: "numbers",
  noLongerFunded: "numbers",
  keptUnderWay: "numbers",
  // Yes or no.
  hasReview: "boolean",
  organisationsMaySubmit: "boolean",
  teamsMayCreateEvents: "boolean",
  selfDeclaredVoters: "boolean",
  codesPerHousehold: "boolean",
  submitted: "boolean",
  chair: "boolean",
  namePublic: "boolean",
  complete: "boolean",
  requestReopened: "boolean",
  boundary: "changed",
  // Names in several languages, languages, parklet features, a photo.
  names: "names",
  explanations: "names",
  originalLocale: "language",
  locale: "language",
  translations: "languages",
  features: "features",
  photo: "photo",
  // Values the app already has labels for (`label:<key>`, the value in place of %).
  verdict: "label:proposals:verdict.options.%",
  decision: "label:panel:decision.%",
  mode: "label:panel:modes.%",
  ballotMethod: "label:voting:methods.%",
  eligibility: "label:voting:eligibility.%",
  tallyRule: "label:results:ruleNames.%",
  rule: "label:results:ruleNames.%",
  role: "label:auth:roles.%",
  "round.phase.from": "label:rounds:phases.%.name",
  "round.phase.to": "label:rounds:phases.%.name",
  "results.publish.from": "label:rounds:phases.%.name",
  "results.publish.to": "label:rounds:phases.%.name",
  "proposal.withdraw.from": "label:proposals:status.%",
  "results.realisation-update.from": "label:proposals:status.%",
  "results.realisation-update.status": "label:results:updates.statuses.%",
};

function fieldKind(action: string, field: string): FieldKind {
  return FIELD_KINDS[`${action}.${field}`] ?? FIELD_KINDS[field] ?? "text";
}

/** The fields an action declares (none for an action no longer declared: its entry reads as a sentence alone). */
function declaredFields(action: string): readonly string[] {
  return isAuditAction(action) ? AUDITED[action].details : [];
}

interface Change {
  before: unknown;
  after: unknown;
}

function isChange(value: unknown): value is Change {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).sort().join() === "after,before";
}

/** One shown field: its label, and the value before (for a change) and after. */
export interface FieldRow {
  field: string;
  label: string;
  before?: string;
  after: string;
}

/** An entry as people read it. */
export interface ReadableEntry {
  sentence: string;
  rows: FieldRow[];
}

/** What an audit entry says, its detail fields parsed (audit.server.ts parses the stored JSON). */
export interface EntryToRead {
  action: string;
  entityType: string;
  entityId: string;
  actorName: string | null;
  details: Record<string, unknown>;
}

/** Reads audit entries in one language with one set of names. */
export class AuditReader {
  private languageNames?: Intl.DisplayNames;
  private listFormat?: Intl.ListFormat;

  constructor(
    private readonly t: Translate,
    private readonly locale: Locale,
    private readonly names: Names,
  ) {}

  read(entry: EntryToRead): ReadableEntry {
    const rows: FieldRow[] = [];
    const values: Record<string, string> = {
      actor: entry.actorName ?? this.t("audit:actor.system"),
      entity: this.entityPhrase(entry.entityType, entry.entityId),
    };
    for (const field of declaredFields(entry.action)) {
      const kind = fieldKind(entry.action, field);
      if (kind === "hidden") continue;
      const recorded = entry.details[field];
      if (!Object.hasOwn(entry.details, field) || recorded === undefined) {
        values[field] = this.t("audit:values.unrecorded");
        continue;
      }
      const label = this.t(`audit:fields.${field}`);
      if (isChange(recorded)) {
        const before = this.value(kind, recorded.before);
        const after = this.value(kind, recorded.after);
        rows.push({ field, label, before, after });
        values[field] = after;
      } else {
        const value = this.value(kind, recorded);
        rows.push({ field, label, after: value });
        values[field] = value;
      }
    }
    return { sentence: this.sentence(entry.action, values), rows };
  }

  /** The action's own sentence; an action without one (not yet translated, or no longer recorded) gets a general one. */
  private sentence(action: string, values: Record<string, string>): string {
    const sentence = this.t(`audit:sentences.${action}`, { ...values, defaultValue: "" });
    if (sentence) return sentence;
    const label = this.t(`rounds:audit.${action}`, { defaultValue: "" }) || this.t("audit:actionUnknown");
    return this.t("audit:sentenceGeneral", { actor: values.actor, action: label, entity: values.entity });
  }

  /** What an entry is about, with the noun it is ("proposal #4 ‘Bloembakken’", "a deleted proposal"). */
  private entityPhrase(entityType: string, entityId: string): string {
    const kind = ENTITY_KINDS[entityType];
    if (!kind) return this.t("audit:entities.unknown");
    const found = this.names[kind]?.get(entityId);
    if (!found) return this.t(`audit:gone.${kind}`);
    if (kind === "person") return found.name;
    if (kind === "proposal")
      return this.t(found.number ? "audit:entities.proposal" : "audit:entities.proposalDraft", { name: found.name, number: found.number });
    return this.t(`audit:entities.${kind}`, { name: found.name, number: found.number });
  }

  /** A record named by id, without its noun ("#4 ‘Bloembakken’", "An Peeters", "a deleted theme"). */
  private reference(kind: NameKind, id: string): string {
    const found = this.names[kind]?.get(id);
    if (!found) return this.t(`audit:gone.${kind}`);
    if (kind === "proposal" && found.number) return this.t("audit:references.proposal", { name: found.name, number: found.number });
    return found.name;
  }

  /** A recorded value as people read it. */
  private value(kind: FieldKind, value: unknown): string {
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
      return this.t(kind === "capacity" ? "audit:values.noLimit" : "audit:values.none");
    }
    if (kind.startsWith("label:")) return typeof value === "string" ? this.label(kind.slice("label:".length), value) : this.plain(value);
    switch (kind) {
      case "money":
        return typeof value === "number" ? formatMoney(value, this.locale) : this.plain(value);
      case "number":
      case "capacity":
        return typeof value === "number" ? formatNumber(value, this.locale) : this.plain(value);
      case "percent":
        return typeof value === "number" ? `${formatNumber(value, this.locale)}%` : this.plain(value);
      case "numbers":
        return Array.isArray(value) ? this.list(value.map((number) => `#${String(number)}`)) : this.plain(value);
      case "date":
        return this.date(value);
      case "boolean":
        return typeof value === "boolean" ? this.t(value ? "audit:values.yes" : "audit:values.no") : this.plain(value);
      case "changed":
        return this.t("audit:values.changed");
      case "names":
        return this.inReaderLanguage(value);
      case "language":
        return typeof value === "string" ? this.language(value) : this.plain(value);
      case "languages":
        return Array.isArray(value) ? this.list(value.map((code) => this.language(String(code)))) : this.plain(value);
      case "features":
        return this.list(features(value).map((feature) => this.label("parklets:features.%", feature)));
      case "photo":
        return this.t(`audit:values.photo.${typeof value === "boolean" ? (value ? "added" : "none") : String(value)}`, {
          defaultValue: this.t("audit:values.changed"),
        });
      case "text":
        return this.plain(value);
      default:
        return typeof value === "string" ? this.reference(kind as NameKind, value) : this.plain(value);
    }
  }

  /** The app's label for an enum value (a phase, a status, a method…), or the value itself where it has none. */
  private label(key: string, value: string): string {
    return this.t(key.replace("%", value), { defaultValue: value });
  }

  private date(value: unknown): string {
    if (typeof value !== "string" && !(value instanceof Date)) return this.plain(value);
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDay(value, this.locale);
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? this.plain(value) : formatDateTime(date, this.locale);
  }

  private language(code: string): string {
    this.languageNames ??= new Intl.DisplayNames([INTL_LOCALES[this.locale]], { type: "language" });
    try {
      return this.languageNames.of(code) ?? code;
    } catch {
      return code; // not a language code: shown as recorded
    }
  }

  private list(items: string[]): string {
    this.listFormat ??= new Intl.ListFormat(INTL_LOCALES[this.locale], { type: "conjunction" });
    return this.listFormat.format(items);
  }

  /** A name kept per language ({"nl": "Ontmoeting", …}, as an object or as JSON text) in the reader's language, else Dutch, else any. */
  private inReaderLanguage(value: unknown): string {
    let names = value;
    if (typeof value === "string") {
      try {
        names = JSON.parse(value);
      } catch {
        return value;
      }
    }
    if (typeof names !== "object" || names === null || Array.isArray(names)) return this.plain(value);
    const texts = names as Record<string, unknown>;
    const text = [texts[this.locale], texts.nl, ...Object.values(texts)].find((candidate) => typeof candidate === "string" && candidate);
    return typeof text === "string" ? text : this.t("audit:values.none");
  }

  /** A value of an unexpected shape: a text or number as it is, anything else only as "changed" (never as JSON). */
  private plain(value: unknown): string {
    if (typeof value === "string") return value;
    if (typeof value === "number") return formatNumber(value, this.locale);
    if (typeof value === "boolean") return this.t(value ? "audit:values.yes" : "audit:values.no");
    if (Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number")) return this.list(value.map(String));
    return this.t("audit:values.changed");
  }
}

/** A parklet's features, recorded as a JSON array text or an array. */
function features(value: unknown): string[] {
  let list = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return [value];
    }
  }
  return Array.isArray(list) ? list.map(String) : [];
}

/** An entry's changes as one line of text (for the spreadsheet file): "Budget: € 5.000 → € 6.000; Place: Buurthuis". */
export function rowsAsText(rows: readonly FieldRow[]): string {
  return rows.map((row) => `${row.label}: ${row.before === undefined ? row.after : `${row.before} → ${row.after}`}`).join("; ");
}

/** The ids an entry names, by kind, for resolving them in a batch. */
export function idsNamedBy(entry: Pick<EntryToRead, "action" | "entityType" | "entityId" | "details">): [NameKind, string][] {
  const ids: [NameKind, string][] = [];
  const entityKind = ENTITY_KINDS[entry.entityType];
  if (entityKind) ids.push([entityKind, entry.entityId]);
  for (const field of declaredFields(entry.action)) {
    const kind = fieldKind(entry.action, field);
    if (!(NAME_KINDS as readonly string[]).includes(kind)) continue;
    const recorded = entry.details[field];
    for (const value of isChange(recorded) ? [recorded.before, recorded.after] : [recorded]) {
      if (typeof value === "string" && value) ids.push([kind as NameKind, value]);
    }
  }
  return ids;
}
