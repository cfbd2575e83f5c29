// Every audited action reads as a sentence with names in every language: never JSON, an id, a field's
// name or a translation key. The actions come from AUDITED, so an action declared later is covered
// (and fails here until it has its sentence in every locale).
import { readFileSync } from "node:fs";
import { createInstance, type i18n } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDITED, type AuditAction } from "~/audit/actions";
import { AuditReader, ENTITY_KINDS, type NameKind, type Names, rowsAsText } from "~/audit/sentences";
import { LOCALES, type Locale } from "~/i18n/config";
import { i18nextOptions } from "~/i18n/i18next-options";
import { allResources } from "~/i18n/resources.server";

const CUID = /\bc[a-z0-9]{20,}\b/;
const KNOWN = "ckz1knownaaaaaaaaaaaaaaaa";
const GONE = "ckz9goneaaaaaaaaaaaaaaaaa";

const names: Names = {
  person: new Map([[KNOWN, { name: "An Peeters" }]]),
  round: new Map([[KNOWN, { name: "Wijkbudget Rabot 2027" }]]),
  proposal: new Map([[KNOWN, { name: "Bloembakken langs de Gasmeterlaan", number: 4 }]]),
  event: new Map([[KNOWN, { name: "Buurtfeest" }]]),
  parklet: new Map([[KNOWN, { name: "De Groene Bank" }]]),
  placement: new Map([[KNOWN, { name: "De Groene Bank, Kerkstraat" }]]),
  request: new Map([[KNOWN, { name: "Kerkstraat" }]]),
  neighbourhood: new Map([[KNOWN, { name: "Rabot" }]]),
  category: new Map([[KNOWN, { name: "Ontmoeting" }]]),
  criterion: new Map([[KNOWN, { name: "Haalbaarheid" }]]),
};

/** A plausible recorded value for a field, by its name (the shapes the capabilities record). */
function sample(action: string, field: string, id: string): unknown {
  if (/Id$/.test(field)) return id;
  if (/Cents$/.test(field)) return 1250000;
  if (/At$|^deadline$/.test(field)) return "2027-03-01T09:00:00.000Z";
  if (/Day$|^day$/.test(field)) return "2027-05-14";
  if (/Percent$/.test(field)) return 40;
  if (field === "names") return { nl: "Ontmoeting", ar: "لقاء" };
  if (field === "features") return JSON.stringify(["benches", "plants"]);
  if (field === "translations") return ["nl", "fr"];
  if (field === "originalLocale" || field === "locale") return "fr";
  if (["funded", "newlyFunded", "noLongerFunded", "keptUnderWay"].includes(field)) return [1, 4];
  if (field === "photo") return action.endsWith("update") ? "replaced" : true;
  if (field === "boundary") return true;
  if (field === "from") return action === "round.phase" || action === "results.publish" ? "SUBMISSION" : "SUBMITTED";
  if (field === "to") return "REVIEW";
  if (field === "status") return "IN_PROGRESS";
  if (field === "verdict") return "ADMISSIBLE";
  if (field === "decision") return "SHORTLISTED";
  if (field === "mode") return "WEIGHTED";
  if (field === "ballotMethod") return "APPROVAL_BUDGET";
  if (field === "eligibility") return "CODES";
  if (field === "tallyRule" || field === "rule") return "mes-add1";
  if (field === "role") return "STAFF";
  if (field === "capacity") return null;
  if (
    [
      "hasReview",
      "organisationsMaySubmit",
      "teamsMayCreateEvents",
      "selfDeclaredVoters",
      "submitted",
      "chair",
      "namePublic",
      "complete",
      "requestReopened",
    ].includes(field)
  )
    return true;
  if (
    [
      "approvalLimit",
      "cumulativePoints",
      "cumulativeMaxPerProject",
      "codesPerHousehold",
      "minimumAge",
      "scaleMin",
      "scaleMax",
      "weight",
      "version",
      "voters",
      "projects",
      "ballots",
      "number",
    ].includes(field)
  )
    return 3;
  return "Bij het buurthuis";
}

/** An entry of `action` with every declared field: as `{ before, after }` for an update, else plain. */
function entry(action: AuditAction, id: string) {
  const update = /\.(update|rules|voting-settings|settings)$/.test(action);
  const details = Object.fromEntries(
    AUDITED[action].details.map((field) => [
      field,
      update ? { before: sample(action, field, GONE), after: sample(action, field, id) } : sample(action, field, id),
    ]),
  );
  return { action, entityType: AUDITED[action].entity, entityId: id, actorName: id === KNOWN ? "An Peeters" : null, details };
}

const locales = Object.fromEntries(LOCALES.map((locale) => [locale, JSON.parse(readFileSync(`locales/${locale}/audit.json`, "utf8"))])) as Record<
  Locale,
  Record<string, unknown>
>;

function has(locale: Locale, key: string): boolean {
  let node: unknown = locales[locale];
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string";
}

let i18next: i18n;
beforeAll(async () => {
  i18next = createInstance();
  await i18next.init({ ...i18nextOptions, resources: allResources() });
});

const reader = (locale: Locale, resolved: Names = names) => new AuditReader(i18next.getFixedT(locale) as never, locale, resolved);
const actions = Object.keys(AUDITED) as AuditAction[];

describe.each(LOCALES)("audit entries in %s", (locale) => {
  it("has a sentence for every action, a label for every shown field and a name for every entity kind", () => {
    expect(actions.filter((action) => !has(locale, `sentences.${action}`))).toEqual([]);
    const fields = new Set(
      actions.flatMap(
        (action) =>
          entry(action, KNOWN).details &&
          reader(locale)
            .read(entry(action, KNOWN))
            .rows.map((row) => row.field),
      ),
    );
    expect([...fields].filter((field) => !has(locale, `fields.${field}`))).toEqual([]);
    const kinds = new Set<NameKind>(Object.values(ENTITY_KINDS));
    expect([...kinds].filter((kind) => !has(locale, `gone.${kind}`) || (kind !== "person" && !has(locale, `entities.${kind}`)))).toEqual([]);
    const areas = new Set(actions.map((action) => action.split(".")[0]!));
    expect([...areas].filter((area) => !has(locale, `areas.${area}`))).toEqual([]);
  });

  it.each([
    ["names that resolve", KNOWN],
    ["ids that no longer resolve", GONE],
  ])("renders every action as a sentence without JSON, ids, field names or keys, with %s", (_, id) => {
    for (const action of actions) {
      const read = reader(locale).read(entry(action, id));
      const text = `${read.sentence} ${rowsAsText(read.rows)}`;
      expect(text, action).not.toMatch(/[{}[\]]/);
      expect(text, action).not.toMatch(CUID);
      expect(text, action).not.toMatch(/\b(audit|rounds|proposals|panel|voting|results|parklets|auth):[\w.-]+/);
      expect(text, action).not.toMatch(/\b(sentences|fields|values|entities|gone|references)\.[\w-]+/);
      expect(text, action).not.toContain(action);
      for (const field of AUDITED[action].details) if (/[A-Z]/.test(field)) expect(text, `${action} ${field}`).not.toContain(field);
      expect(read.sentence.length, action).toBeGreaterThan(5);
    }
  });
});

describe("an audit entry read in English", () => {
  const en = () => reader("en");

  it("names the proposal, the actor and the verdict", () => {
    const read = en().read({
      action: "proposal.verdict",
      entityType: "Proposal",
      entityId: KNOWN,
      actorName: "An",
      details: { verdict: "ADMISSIBLE", note: "", cityCostCents: null, deadline: null },
    });
    expect(read.sentence.replace(/[\u2068\u2069]/g, "")).toBe("An set proposal #4 ‘Bloembakken langs de Gasmeterlaan’ to Feasible");
  });

  it("shows changes as before and after, in the reader's language and the city's time", () => {
    const read = en().read({
      action: "round.update",
      entityType: "BudgetRound",
      entityId: KNOWN,
      actorName: "An",
      details: {
        budgetCents: { before: 500000, after: 650050 },
        votingStartsAt: { before: null, after: "2027-03-01T08:00:00.000Z" },
        translations: ["nl", "fr"],
      },
    });
    expect(read.rows).toEqual([
      { field: "budgetCents", label: "Budget", before: "€5,000", after: "€6,500.50" },
      { field: "votingStartsAt", label: "Voting starts", before: "none", after: "1 March 2027 at 09:00" },
      { field: "translations", label: "Languages", after: "Dutch and French" },
    ]);
  });

  it("says who a person was when the account is gone, and a deleted record by its kind", () => {
    const read = en().read({ action: "panel.member-add", entityType: "BudgetRound", entityId: GONE, actorName: null, details: { userId: GONE, chair: false } });
    expect(read.sentence.replace(/[\u2068\u2069]/g, "")).toBe("The system appointed former resident to the wijkpanel of a deleted round");
  });

  it("reads an entry of an action no longer declared as a general sentence, without its details", () => {
    const read = en().read({ action: "user.make-admin", entityType: "User", entityId: KNOWN, actorName: "An", details: { role: "ADMIN" } });
    expect(read.sentence.replace(/[\u2068\u2069]/g, "")).toBe("An: Made an admin (An Peeters)");
    expect(read.rows).toEqual([]);
  });
});
