// Every audited action, declared once: the kind of record it is about and the detail fields it may
// record. recordAudit() refuses anything else, so an entry cannot grow a field nobody reviewed.
// Rules for the declarations:
// - people are recorded by account id (declared in `people`) and turned into names when shown, never
//   as a name or an email address;
// - voting actions record no detail at all, and never a ballot, participation, receipt, code or choice
//   (decision 0010);
// - an update records, for each declared field it changed, `{ before, after }` (see changesOf).

export const AUDIT_ENTITIES = [
  "Neighbourhood",
  "BudgetRound",
  "Proposal",
  "Event",
  "Parklet",
  "ParkletPlacement",
  "ParkletRequest",
  "User",
  "Comment",
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

interface Declaration {
  entity: AuditEntity;
  details: readonly string[];
  /** Detail fields that hold an account id, shown as the person's name. */
  people?: readonly string[];
}

export const AUDITED = {
  // Accounts
  "user.second-factor-on": { entity: "User", details: [] },
  "user.second-factor-reset": { entity: "User", details: [] },
  "user.delete": { entity: "User", details: [] },
  "user.role": { entity: "User", details: ["role"] },
  "user.block": { entity: "User", details: ["reason"] },
  "user.unblock": { entity: "User", details: [] },
  "user.deactivate": { entity: "User", details: [] },
  "user.reactivate": { entity: "User", details: [] },

  // Neighbourhoods (the boundary is recorded as changed or not: the outline itself can be thousands of points)
  "neighbourhood.create": { entity: "Neighbourhood", details: ["slug", "name", "city", "names"] },
  "neighbourhood.update": { entity: "Neighbourhood", details: ["slug", "name", "city", "names", "boundary"] },
  "neighbourhood.archive": { entity: "Neighbourhood", details: [] },
  "neighbourhood.restore": { entity: "Neighbourhood", details: [] },
  "neighbourhood.delete": { entity: "Neighbourhood", details: ["slug", "name"] },

  // Rounds
  "round.create": { entity: "BudgetRound", details: ["budgetCents", "hasReview", "neighbourhoodId"] },
  "round.update": {
    entity: "BudgetRound",
    details: [
      "neighbourhoodId",
      "originalLocale",
      "budgetCents",
      "hasReview",
      // The round's dates, ROUND_DATE_FIELDS of rounds/phases.ts (audit cannot import rounds, which records through it; a test compares).
      "submissionStartsAt",
      "submissionEndsAt",
      "reviewStartsAt",
      "reviewEndsAt",
      "votingStartsAt",
      "votingEndsAt",
      "resultsAt",
      "translations",
    ],
  },
  "round.phase": { entity: "BudgetRound", details: ["from", "to"] },
  "round.rules": { entity: "BudgetRound", details: ["minAmountCents", "maxAmountCents", "maxSharePercent", "organisationsMaySubmit", "teamsMayCreateEvents"] },
  "round.category-add": { entity: "BudgetRound", details: ["categoryId", "names"] },
  "round.category-remove": { entity: "BudgetRound", details: ["categoryId"] },
  "round.voting-settings": {
    entity: "BudgetRound",
    // VOTING_SETTINGS_FIELDS of voting/schema.ts (a test compares, as for the dates above).
    details: [
      "ballotMethod",
      "tallyRule",
      "approvalLimit",
      "cumulativePoints",
      "cumulativeMaxPerProject",
      "eligibility",
      "codesPerHousehold",
      "minimumAge",
      "selfDeclaredVoters",
    ],
  },

  // Voting: what staff did, never with a detail (decision 0010).
  "voting.codes": { entity: "BudgetRound", details: [] },
  "voting.codes-download": { entity: "BudgetRound", details: [] },
  "voting.code-replace": { entity: "BudgetRound", details: [] },
  "voting.verify": { entity: "BudgetRound", details: [] },
  "voting.paper-ballot": { entity: "BudgetRound", details: [] },

  // Proposals
  "proposal.edit": { entity: "Proposal", details: ["submitted"] },
  "proposal.translate": { entity: "Proposal", details: ["locale"] },
  "proposal.withdraw": { entity: "Proposal", details: ["from"] },
  "proposal.verdict": { entity: "Proposal", details: ["verdict", "note", "cityCostCents", "deadline"] },
  "proposal.coach": { entity: "Proposal", details: ["coachId"], people: ["coachId"] },
  "proposal.coach-note": { entity: "Proposal", details: ["noteId"] },
  "proposal.invite": { entity: "Proposal", details: ["inviteId"] },
  "proposal.invite-revoke": { entity: "Proposal", details: ["inviteId"] },
  "proposal.member-join": { entity: "Proposal", details: [] },
  "proposal.member-remove": { entity: "Proposal", details: ["userId"], people: ["userId"] },
  "proposal.photo-add": { entity: "Proposal", details: ["photoId"] },
  "proposal.photo-remove": { entity: "Proposal", details: ["photoId"] },

  // Moderation (decision 0036): what staff did about a comment or a proposal, with the public reason.
  "comment.hide": { entity: "Comment", details: ["proposalId", "reason", "reasonLocale", "reports"] },
  "comment.restore": { entity: "Comment", details: ["proposalId", "reason", "reasonLocale"] },
  "comment.redact": { entity: "Comment", details: ["proposalId"] },
  "comment.erase": { entity: "Comment", details: ["proposalId"] },
  "comment.reports-dismiss": { entity: "Comment", details: ["reports"] },
  "proposal.hide": { entity: "Proposal", details: ["reason", "reasonLocale", "reports"] },
  "proposal.restore": { entity: "Proposal", details: ["reason", "reasonLocale"] },
  "proposal.redact": { entity: "Proposal", details: [] },
  "proposal.erase": { entity: "Proposal", details: [] },
  "proposal.reports-dismiss": { entity: "Proposal", details: ["reports"] },
  "proposal.comments-close": { entity: "Proposal", details: ["reason", "reasonLocale"] },
  "proposal.comments-reopen": { entity: "Proposal", details: [] },

  // Wijkpanel
  "panel.settings": { entity: "BudgetRound", details: ["mode", "weightPercent", "scaleMin", "scaleMax"] },
  "panel.criterion-add": { entity: "BudgetRound", details: ["criterionId", "names", "weight"] },
  "panel.criterion-remove": { entity: "BudgetRound", details: ["criterionId"] },
  "panel.criterion-translations": { entity: "BudgetRound", details: ["criterionId", "names", "explanations"] },
  "panel.member-add": { entity: "BudgetRound", details: ["userId", "chair"], people: ["userId"] },
  "panel.member-invite": { entity: "BudgetRound", details: ["inviteId"] },
  "panel.member-remove": { entity: "BudgetRound", details: ["userId"], people: ["userId"] },
  "panel.chair": { entity: "BudgetRound", details: ["userId"], people: ["userId"] },
  "panel.vice-chair": { entity: "BudgetRound", details: ["userId"], people: ["userId"] },
  "panel.vice-chair-remove": { entity: "BudgetRound", details: ["userId"], people: ["userId"] },
  "panel.invite-revoke": { entity: "BudgetRound", details: ["inviteId"] },
  "panel.member-join": { entity: "BudgetRound", details: [] },
  "panel.consent": { entity: "BudgetRound", details: ["namePublic"] },
  "panel.review": { entity: "Proposal", details: ["complete"] },
  "panel.conflict": { entity: "Proposal", details: ["reason"] },
  "panel.decision": { entity: "Proposal", details: ["decision", "rationale"] },

  // Results
  "results.publish": { entity: "BudgetRound", details: ["from", "to", "version", "rule", "voters", "spentCents", "funded"] },
  "results.withdraw": { entity: "BudgetRound", details: ["proposalId", "number", "reason", "version", "newlyFunded", "noLongerFunded", "keptUnderWay"] },
  "results.import": { entity: "BudgetRound", details: ["fileName", "projects", "ballots", "rule", "budgetCents"] },
  "results.realisation-update": { entity: "Proposal", details: ["updateId", "from", "status", "day", "photo"] },

  // Events
  "event.create": { entity: "Event", details: ["neighbourhoodId"] },
  "event.update": { entity: "Event", details: ["neighbourhoodId", "startsAt", "endsAt", "place", "capacity", "organiser", "roundId", "proposalId"] },
  "event.cancel": { entity: "Event", details: ["reason"] },

  // Parklets
  "parklet.create": { entity: "Parklet", details: ["originalLocale", "name", "description", "builtBy", "features", "photo"] },
  "parklet.update": { entity: "Parklet", details: ["originalLocale", "name", "description", "builtBy", "features", "photo"] },
  "parklet.remove": { entity: "Parklet", details: ["name"] },
  "parklet.plan": { entity: "ParkletPlacement", details: ["parkletId", "neighbourhoodId", "street", "firstDay", "lastDay", "requestId"] },
  "parklet.done": { entity: "ParkletPlacement", details: [] },
  "parklet.cancel": { entity: "ParkletPlacement", details: ["reason", "requestReopened"] },
  "parklet.request-plan": { entity: "ParkletRequest", details: ["placementId", "parkletId", "firstDay", "lastDay"] },
  "parklet.request-decline": { entity: "ParkletRequest", details: ["reason"] },
} as const satisfies Record<string, Declaration>;

export type AuditAction = keyof typeof AUDITED;
type DeclaredField<A extends AuditAction> = (typeof AUDITED)[A]["details"][number];
/** The details an action may record: only its declared fields (none at all when it declares none). */
export type AuditDetails<A extends AuditAction> = [DeclaredField<A>] extends [never] ? Record<string, never> : Partial<Record<DeclaredField<A>, unknown>>;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDITED, value);
}

/** The detail fields of `action` that hold an account id (none for an action no longer declared). */
export function peopleFieldsOf(action: string): readonly string[] {
  return isAuditAction(action) ? ((AUDITED[action] as Declaration).people ?? []) : [];
}

/** The fields of `details` that its action does not declare (empty when all is well). */
export function undeclaredFields(action: AuditAction, details: Record<string, unknown>): string[] {
  const declared: readonly string[] = AUDITED[action].details;
  return Object.keys(details).filter((field) => !declared.includes(field));
}

/** For an update: each of `fields` whose value changed, as `{ before, after }`. */
export function changesOf<T extends Record<string, unknown>>(before: T, after: Partial<T>, fields: readonly (keyof T & string)[]) {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const [was, is] = [before[field], after[field]];
    if (JSON.stringify(was) !== JSON.stringify(is)) changes[field] = { before: was ?? null, after: is ?? null };
  }
  return changes;
}
