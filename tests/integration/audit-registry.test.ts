// Audit by declaration, checked against the code: every exported function of the capability modules is
// classified here — audited, with the action it records and a recipe that calls it once as the right
// person on fresh valid data, or not audited, with why. Each recipe must write exactly one audit row of
// its declared action and entity; afterwards no audit row may hold a ballot, a receipt, a voting code, a
// choice, or the email or name of anyone in the test.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDITED, type AuditAction, type AuditEntity } from "~/audit/actions";
import * as deletion from "~/account/deletion.server";
import * as accounts from "~/auth/accounts.server";
import type { SessionUser } from "~/auth/session.server";
import { hashPassword } from "~/auth/password.server";
import { totpCodeAt, totpStep } from "~/auth/totp";
import * as twoFactor from "~/auth/two-factor.server";
import { createPrismaClient, type Db } from "~/db.server";
import * as events from "~/events/events.server";
import { eventSchema } from "~/events/schema";
import { generateToken, hashToken } from "~/kernel/tokens";
import * as neighbourhoods from "~/neighbourhoods/neighbourhoods.server";
import { neighbourhoodSchema } from "~/neighbourhoods/schema";
import * as panel from "~/panel/panel.server";
import { criterionSchema, criterionTranslationsSchema, reviewSchema } from "~/panel/schema";
import * as parklets from "~/parklets/parklets.server";
import * as people from "~/people/people.server";
import { parkletSchema } from "~/parklets/schema";
import * as photos from "~/proposals/photos.server";
import * as proposals from "~/proposals/proposals.server";
import { proposalSchemaFor } from "~/proposals/schema";
import * as imports from "~/results/import.server";
import * as jobs from "~/results/jobs.server";
import * as publicResults from "~/results/public.server";
import * as publish from "~/results/publish.server";
import * as realisation from "~/results/realisation.server";
import * as staffPage from "~/results/staff.server";
import * as stored from "~/results/stored.server";
import * as tally from "~/results/tally.server";
import * as withdraw from "~/results/withdraw.server";
import * as rounds from "~/rounds/rounds.server";
import * as rules from "~/rounds/rules.server";
import { roundSchemaFor } from "~/rounds/schema";
import { generateCode, hashCode } from "~/voting/codes";
import { votingSettingsSchema } from "~/voting/schema";
import * as voting from "~/voting/voting.server";
import * as dashboard from "~/workspace/dashboard.server";
import * as comments from "~/comments/comments.server";
import * as reports from "~/comments/reports.server";
import * as moderation from "~/moderation/moderation.server";
import * as hiddenContent from "~/moderation/hidden.server";
import * as aboutProposals from "~/notifications/about-proposals.server";
import * as follows from "~/notifications/follows.server";
import * as notify from "~/notifications/notify.server";
import * as notificationPreferences from "~/notifications/preferences.server";
import * as notificationTasks from "~/notifications/tasks.server";
import { readSetup } from "~/workspace/setup";
import * as setup from "~/workspace/setup.server";
import { aNeighbourhood, aProposal, aRound, anEvent, aUser, someBallots } from "../support/builders";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";

const BASE_URL = "https://wijkbudget.test";
const ADDRESS = "203.0.113.7";
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const PABULIB =
  "META\r\nkey;value\r\ndescription;Wijkbudget uit een bestand\r\nbudget;1000\r\nvote_type;approval\r\nrule;greedy\r\n" +
  "PROJECTS\r\nproject_id;cost;name\r\n1;400;Bankjes\r\n2;700;Bomen\r\nVOTES\r\nvoter_id;vote\r\n1;1,2\r\n2;2\r\n";

/** What a recipe works with: the database, fresh people and rows, and the one measured call. */
interface Kit {
  db: Db;
  resident(): Promise<SessionUser>;
  staff(): Promise<SessionUser>;
  admin(): Promise<SessionUser>;
  /** An email address nobody has an account with. */
  address(): string;
  round(options?: Parameters<typeof aRound>[1]): ReturnType<typeof aRound>;
  proposal(round: { id: string }, author: { id: string }, options?: Omit<Parameters<typeof aProposal>[1], "round" | "author">): ReturnType<typeof aProposal>;
  /** The recipe's one call of the function, by `actor` (null: the system, e.g. the hourly clean-up): the audit rows it writes are what the test checks. */
  once<T>(actor: { id: string } | null, call: () => Promise<T>): Promise<T>;
  /** Values no audit row may hold: the receipts and plain codes the recipe produced. */
  keep(...secrets: string[]): void;
}

interface Recipe {
  action: AuditAction;
  /** The actions it records after `action`, in order, when one call does several audited things (the round set-up). */
  andThen?: AuditAction[];
  /** Which way through the function, when it has several. */
  path?: string;
  run(kit: Kit): Promise<void>;
}

type Classification =
  | {
      audited: Recipe[];
      /** Ways through the function that record nothing, and why. */
      otherwise?: string;
    }
  | { notAudited: string };

// Why a function records nothing.
const READ = "a read";
const PURE = "pure: computes, writes nothing";
const QUEUES_A_COUNT = "queues a tally job: nothing public changes";
const JOB_BOOKKEEPING = "a tally job's claim: which instance counts it";
const OWN_ACCOUNT = "the person's own account";
const OWN_RSVP = "a resident's or visitor's own RSVP";
const MAINTENANCE = "maintenance (the hourly clean-up)";
const OWN_CHOICE = "a resident's own choice of what to follow and how to be told (not a change others rely on)";
const TELLS = "tells people in the caller's transaction (the change it tells of is audited there)";
const OWN_WORDS = "a resident's own comment or report: a record of its own, with its time (moderation's steps are audited)";

const proposalInput = () =>
  proposalSchemaFor("nl").parse({
    originalLocale: "nl",
    title: "Bankjes op het plein",
    summary: "Drie bankjes",
    description: "Drie houten bankjes rond de boom.",
    locationText: "Arsenaalstraat",
    costLines: [{ label: "Bankje", amount: "1200" }],
  });

const roundInput = (neighbourhoodId: string, overrides: Record<string, unknown> = {}) =>
  roundSchemaFor("nl").parse({
    neighbourhoodId,
    originalLocale: "nl",
    translations: { nl: { title: "Wijkbudget Arsenaal", description: "Ideeën voor de wijk." } },
    budget: "40000",
    hasReview: "on",
    dates: {},
    ...overrides,
  });

const eventInput = (neighbourhoodId: string) =>
  eventSchema.parse({
    intent: "save",
    neighbourhoodId,
    originalLocale: "nl",
    translations: { nl: { title: "Zaaifeest", description: "Samen zaaien" } },
    startsAt: "2099-05-01T14:00",
    endsAt: "2099-05-01T17:00",
    place: "Rolliersstraat",
    organiser: "Kroonmolen aan Zet",
  });

const parkletInput = (name = "Groene Zetel") =>
  parkletSchema.parse({ intent: "save", originalLocale: "nl", name, builtBy: "Leerlingen VTI", features: { benches: "on" } });

const neighbourhoodInput = (slug: string, name = "Nekkerspoel") =>
  neighbourhoodSchema.parse({
    intent: "save",
    name,
    city: "Mechelen",
    slug,
    names: { fr: "Nekkerspoel (FR)" },
    boundary: JSON.stringify({
      type: "Polygon",
      coordinates: [
        [
          [4.49, 51.03],
          [4.5, 51.03],
          [4.5, 51.04],
          [4.49, 51.04],
          [4.49, 51.03],
        ],
      ],
    }),
  });

const votingSettings = () =>
  votingSettingsSchema.parse({ intent: "voting-settings", ballotMethod: "APPROVAL_BUDGET", tallyRule: "greedy", eligibility: "CODES", minimumAge: "16" });

/** A parklet in the catalogue, written directly. */
const aParklet = (db: Db) => db.parklet.create({ data: { name: "Rode Zetel", originalLocale: "nl", description: "", builtBy: "Buurtwerkplaats" } });

/** A planned placement of a new parklet in a new neighbourhood. */
async function aPlacement(db: Db) {
  const [parklet, neighbourhood] = [await aParklet(db), await aNeighbourhood(db)];
  return db.parkletPlacement.create({
    data: { parkletId: parklet.id, neighbourhoodId: neighbourhood.id, street: "Gelijkheidstraat", firstDay: "2099-06-01", lastDay: "2099-06-07" },
  });
}

/** A resident's open request for a parklet. */
async function aParkletRequest(kit: Kit) {
  const [neighbourhood, requester] = [await aNeighbourhood(kit.db), await kit.resident()];
  return kit.db.parkletRequest.create({
    data: {
      neighbourhoodId: neighbourhood.id,
      userId: requester.id,
      street: "Duivenhokstraat",
      wishedFrom: "2099-07-01",
      wishedUntil: "2099-07-07",
      reason: "Meer groen",
    },
  });
}

/** An unused invitation to a proposal's team or a round's panel: its token and hashed id. */
function anInviteToken() {
  const token = generateToken();
  return { token, id: hashToken(token) };
}

/** A fresh unused voting code of the round (serial 1), stored as only its hash. */
async function aVotingCode(kit: Kit, roundId: string) {
  const code = generateCode();
  kit.keep(code);
  await kit.db.votingCode.create({ data: { roundId, serial: 1, codeHash: hashCode(code) } });
  return code;
}

/** The plain codes a batch still holds. */
async function plainCodesOf(db: Db, batchId: string): Promise<string[]> {
  const batch = await db.codeBatch.findUniqueOrThrow({ where: { id: batchId } });
  return (JSON.parse(batch.plainCodes ?? "[]") as { code: string }[]).map((entry) => entry.code);
}

/** A panel member of the round (the chair with `chair`). */
async function aPanelMember(kit: Kit, roundId: string, chair = false) {
  const member = await kit.resident();
  await kit.db.panelMember.create({ data: { roundId, userId: member.id, isChair: chair } });
  return member;
}

/** A round in REVIEW with an admissible proposal, a criterion, and a member to review it. */
async function aReview(kit: Kit) {
  const round = await kit.round({ phase: "REVIEW", hasReview: true });
  const proposal = await kit.proposal(round, await kit.resident(), { status: "ADMISSIBLE" });
  const criterion = await kit.db.panelCriterion.create({ data: { roundId: round.id, position: 0, names: JSON.stringify({ nl: "Haalbaar" }), weight: 1 } });
  return { round, proposal, criterion, member: await aPanelMember(kit, round.id) };
}

/** A published round: a funded project and one the budget left out (funded by a recount without the first). */
async function aPublishedRound(kit: Kit) {
  const round = await kit.round({ phase: "PUBLISHED", hasReview: false, budgetCents: 150_000 });
  const author = await kit.resident();
  const funded = await kit.proposal(round, author, { status: "FUNDED" });
  const unfunded = await kit.proposal(round, author, { status: "NOT_FUNDED" });
  await someBallots(kit.db, 3, { round, choices: [funded] });
  await someBallots(kit.db, 1, { round, choices: [unfunded] });
  return { round, funded };
}

const REASON = { text: "Scheldwoorden", locale: "nl" as const };

/** A proposal with a comment, each reported once; hidden (the comment or the proposal), and due for erasure, when asked. */
async function aReportedComment(kit: Kit, options: { hidden?: boolean; proposalHidden?: boolean; due?: boolean } = {}) {
  const [author, reporter] = [await kit.resident(), await kit.resident()];
  const hiddenAt = options.due ? new Date(Date.now() - 91 * 86_400_000) : new Date();
  const hidden = { hiddenAt, hiddenReason: "Spam", hiddenReasonLocale: "nl", eraseAfter: new Date(hiddenAt.getTime() + 90 * 86_400_000) };
  const proposal = await kit.proposal(await kit.round(), author, options.proposalHidden ? hidden : {});
  const comment = await kit.db.comment.create({
    data: { proposalId: proposal.id, authorId: author.id, body: "Een reactie", locale: "nl", ...(options.hidden ? hidden : {}) },
  });
  await kit.db.report.createMany({
    data: [
      { reporterId: reporter.id, commentId: comment.id, reason: "OFFENSIVE" },
      { reporterId: reporter.id, proposalId: proposal.id, reason: "SPAM" },
    ],
  });
  return { proposal, comment };
}

/** The capability modules whose exported functions the registry classifies, by file. */
const MODULES = {
  "app/account/deletion.server.ts": deletion,
  "app/auth/accounts.server.ts": accounts,
  "app/auth/two-factor.server.ts": twoFactor,
  "app/people/people.server.ts": people,
  "app/neighbourhoods/neighbourhoods.server.ts": neighbourhoods,
  "app/rounds/rounds.server.ts": rounds,
  "app/rounds/rules.server.ts": rules,
  "app/proposals/proposals.server.ts": proposals,
  "app/proposals/photos.server.ts": photos,
  "app/voting/voting.server.ts": voting,
  "app/results/import.server.ts": imports,
  "app/results/publish.server.ts": publish,
  "app/results/realisation.server.ts": realisation,
  "app/results/tally.server.ts": tally,
  "app/results/jobs.server.ts": jobs,
  "app/results/withdraw.server.ts": withdraw,
  "app/results/staff.server.ts": staffPage,
  "app/results/public.server.ts": publicResults,
  "app/results/stored.server.ts": stored,
  "app/panel/panel.server.ts": panel,
  "app/events/events.server.ts": events,
  "app/parklets/parklets.server.ts": parklets,
  "app/workspace/dashboard.server.ts": dashboard,
  "app/comments/comments.server.ts": comments,
  "app/comments/reports.server.ts": reports,
  "app/moderation/moderation.server.ts": moderation,
  "app/moderation/hidden.server.ts": hiddenContent,
  "app/workspace/setup.server.ts": setup,
  "app/notifications/notify.server.ts": notify,
  "app/notifications/about-proposals.server.ts": aboutProposals,
  "app/notifications/follows.server.ts": follows,
  "app/notifications/preferences.server.ts": notificationPreferences,
  "app/notifications/tasks.server.ts": notificationTasks,
} satisfies Record<string, Record<string, unknown>>;

/** Every exported function of each module: audited, with a recipe per way through it that records, or not, with why. */
const REGISTRY: Record<keyof typeof MODULES, Record<string, Classification>> = {
  "app/auth/accounts.server.ts": {
    register: { notAudited: OWN_ACCOUNT },
    verifyEmail: { notAudited: OWN_ACCOUNT },
    logIn: { notAudited: OWN_ACCOUNT },
    requestPasswordReset: { notAudited: OWN_ACCOUNT },
    emailLinkIsValid: { notAudited: READ },
    verifyLinkState: { notAudited: READ },
    resetPassword: { notAudited: OWN_ACCOUNT },
    changePassword: { notAudited: OWN_ACCOUNT },
    updatePreferences: { notAudited: OWN_ACCOUNT },
    saveLocale: { notAudited: OWN_ACCOUNT },
  },
  "app/account/deletion.server.ts": {
    tombstoneAddress: { notAudited: PURE },
    deleteOwnAccount: {
      audited: [
        {
          action: "user.delete",
          async run(kit) {
            const resident = await kit.resident();
            await kit.db.user.update({ where: { id: resident.id }, data: { passwordHash: await hashPassword("een lang genoeg wachtwoord") } });
            await kit.once(resident, () => deletion.deleteOwnAccount(kit.db, resident, "een lang genoeg wachtwoord", BASE_URL));
          },
        },
      ],
    },
  },
  "app/auth/two-factor.server.ts": {
    secondFactorMissing: { notAudited: READ },
    asksSecondFactor: { notAudited: PURE },
    enrolment: { notAudited: `${OWN_ACCOUNT}: a new key, not yet in use (confirmEnrolment records the switch-on)` },
    confirmEnrolment: {
      audited: [
        {
          action: "user.second-factor-on",
          async run(kit) {
            const staff = await kit.staff();
            await twoFactor.enrolment(kit.db, staff.id, true);
            const { totpKey } = await kit.db.user.findUniqueOrThrow({ where: { id: staff.id } });
            const code = totpCodeAt(totpKey!, totpStep(new Date()));
            await kit.once(staff, () => twoFactor.confirmEnrolment(kit.db, staff, code, ADDRESS));
          },
        },
      ],
    },
    completeSignIn: { notAudited: OWN_ACCOUNT },
    hasSecondFactor: { notAudited: READ },
    recoveryCodesLeft: { notAudited: READ },
    resetSecondFactor: {
      audited: [
        {
          action: "user.second-factor-reset",
          async run(kit) {
            const [admin, target] = [await kit.admin(), await kit.staff()];
            await kit.db.user.update({ where: { id: target.id }, data: { totpKey: "00".repeat(20), totpEnabledAt: new Date() } });
            await kit.once(admin, () => twoFactor.resetSecondFactor(kit.db, admin, target.email));
          },
        },
      ],
    },
  },
  "app/people/people.server.ts": {
    searchPeople: { notAudited: READ },
    personForStaff: { notAudited: READ },
    personChoices: { notAudited: READ },
    blockAccount: {
      audited: [
        {
          action: "user.block",
          async run(kit) {
            const [staff, resident] = [await kit.staff(), await kit.resident()];
            await kit.once(staff, () => people.blockAccount(kit.db, staff, resident.id, "Beledigende berichten"));
          },
        },
      ],
    },
    unblockAccount: {
      audited: [
        {
          action: "user.unblock",
          async run(kit) {
            const [staff, resident] = [await kit.staff(), await kit.resident()];
            await kit.db.user.update({ where: { id: resident.id }, data: { blockedAt: new Date(), blockedReason: "Beledigende berichten" } });
            await kit.once(staff, () => people.unblockAccount(kit.db, staff, resident.id));
          },
        },
      ],
    },
    changeRole: {
      audited: [
        {
          action: "user.role",
          async run(kit) {
            const [admin, resident] = [await kit.admin(), await kit.resident()];
            await kit.once(admin, () => people.changeRole(kit.db, admin, resident.id, "STAFF"));
          },
        },
      ],
    },
    deactivateAccount: {
      audited: [
        {
          action: "user.deactivate",
          async run(kit) {
            const [admin, staff] = [await kit.admin(), await kit.staff()];
            await kit.once(admin, () => people.deactivateAccount(kit.db, admin, staff.id));
          },
        },
      ],
    },
    reactivateAccount: {
      audited: [
        {
          action: "user.reactivate",
          async run(kit) {
            const [admin, staff] = [await kit.admin(), await kit.staff()];
            await kit.db.user.update({ where: { id: staff.id }, data: { deactivatedAt: new Date() } });
            await kit.once(admin, () => people.reactivateAccount(kit.db, admin, staff.id));
          },
        },
      ],
    },
  },
  "app/neighbourhoods/neighbourhoods.server.ts": {
    listNeighbourhoodsForStaff: { notAudited: READ },
    neighbourhoodForStaff: { notAudited: READ },
    createNeighbourhood: {
      audited: [
        {
          action: "neighbourhood.create",
          async run(kit) {
            const admin = await kit.admin();
            await kit.once(admin, () =>
              neighbourhoods.createNeighbourhood(kit.db, admin.id, neighbourhoodInput(`nekkerspoel-${randomBytes(4).toString("hex")}`)),
            );
          },
        },
      ],
      otherwise: "a slug another neighbourhood has is refused before anything is written",
    },
    updateNeighbourhood: {
      audited: [
        {
          action: "neighbourhood.update",
          async run(kit) {
            const [admin, neighbourhood] = [await kit.admin(), await aNeighbourhood(kit.db)];
            await kit.once(admin, () =>
              neighbourhoods.updateNeighbourhood(kit.db, admin.id, neighbourhood.id, neighbourhoodInput(neighbourhood.slug, "Arsenaal-Noord")),
            );
          },
        },
      ],
      otherwise: "saving what is already stored changes nothing and records nothing",
    },
    setNeighbourhoodArchived: {
      audited: [
        {
          action: "neighbourhood.archive",
          async run(kit) {
            const [admin, neighbourhood] = [await kit.admin(), await aNeighbourhood(kit.db)];
            await kit.once(admin, () => neighbourhoods.setNeighbourhoodArchived(kit.db, admin.id, neighbourhood.id, true));
          },
        },
        {
          action: "neighbourhood.restore",
          async run(kit) {
            const [admin, neighbourhood] = [await kit.admin(), await aNeighbourhood(kit.db, { archivedAt: new Date() })];
            await kit.once(admin, () => neighbourhoods.setNeighbourhoodArchived(kit.db, admin.id, neighbourhood.id, false));
          },
        },
      ],
      otherwise: "archiving an archived neighbourhood (or restoring one in use) changes nothing and records nothing",
    },
    deleteNeighbourhood: {
      audited: [
        {
          action: "neighbourhood.delete",
          async run(kit) {
            const [admin, neighbourhood] = [await kit.admin(), await aNeighbourhood(kit.db)];
            await kit.once(admin, () => neighbourhoods.deleteNeighbourhood(kit.db, admin.id, neighbourhood.id));
          },
        },
      ],
      otherwise: "a neighbourhood with rounds, events or parklets is refused (archived instead)",
    },
  },
  "app/rounds/rounds.server.ts": {
    listNeighbourhoodsWithRounds: { notAudited: READ },
    neighbourhoodBySlug: { notAudited: READ },
    roundById: { notAudited: READ },
    listRoundsForStaff: { notAudited: READ },
    listNeighbourhoods: { notAudited: READ },
    createRound: {
      audited: [
        {
          action: "round.create",
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            await kit.once(staff, () => rounds.createRound(kit.db, staff.id, roundInput(neighbourhood.id)));
          },
        },
      ],
    },
    updateRound: {
      audited: [
        {
          action: "round.update",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            await kit.once(staff, () => rounds.updateRound(kit.db, staff.id, round.id, roundInput(round.neighbourhoodId, { budget: "45000" })));
          },
        },
      ],
    },
    advancePhase: {
      audited: [
        {
          action: "round.phase",
          path: "into VOTING, opening the ballot",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: false })];
            await kit.proposal(round, await kit.resident(), { status: "ADMISSIBLE" });
            await kit.once(staff, () => rounds.advancePhase(kit.db, staff.id, round.id, "SUBMISSION", "VOTING", { openVoting: voting.openBallot }));
          },
        },
      ],
    },
  },
  "app/rounds/rules.server.ts": {
    updateRoundRules: {
      audited: [
        {
          action: "round.rules",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const input = { minAmount: 10_000, maxAmount: null, maxSharePercent: 50, organisationsMaySubmit: true, teamsMayCreateEvents: true };
            await kit.once(staff, () => rules.updateRoundRules(kit.db, staff.id, round.id, input));
          },
        },
      ],
    },
    addCategory: {
      audited: [
        {
          action: "round.category-add",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            await kit.once(staff, () => rules.addCategory(kit.db, staff.id, round.id, { nl: "Groen", en: "Green" }));
          },
        },
      ],
    },
    removeCategory: {
      audited: [
        {
          action: "round.category-remove",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const category = await kit.db.category.create({ data: { roundId: round.id, position: 0, names: JSON.stringify({ nl: "Groen" }) } });
            await kit.once(staff, () => rules.removeCategory(kit.db, staff.id, round.id, category.id));
          },
        },
      ],
    },
  },
  "app/proposals/proposals.server.ts": {
    roundContext: { notAudited: READ },
    createProposal: { notAudited: "a resident's own proposal" },
    factsOf: { notAudited: PURE },
    proposalFor: { notAudited: READ },
    updateProposal: {
      audited: [
        {
          action: "proposal.edit",
          path: "by staff",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            await kit.once(staff, () => proposals.updateProposal(kit.db, staff, proposal.id, proposalInput(), { submit: false }));
          },
        },
      ],
      otherwise: "the author's or a co-proposer's own proposal",
    },
    withdrawProposal: {
      audited: [
        {
          action: "proposal.withdraw",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author);
            await kit.once(author, () => proposals.withdrawProposal(kit.db, author, proposal.id));
          },
        },
      ],
    },
    proposalForViewer: { notAudited: READ },
    listRoundProposals: { notAudited: READ },
    myProposals: { notAudited: READ },
    addTranslation: {
      audited: [
        {
          action: "proposal.translate",
          path: "by staff",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            const text = { locale: "en", title: "Benches on the square", summary: "Three benches", description: "Three wooden benches." } as const;
            await kit.once(staff, () => proposals.addTranslation(kit.db, staff, proposal.id, text));
          },
        },
      ],
      otherwise: "the author's or a co-proposer's own proposal",
    },
    localeOf: { notAudited: PURE },
    pruneProposalInvites: { notAudited: MAINTENANCE },
    mailCarriers: { notAudited: "sends mail after an audited change (a verdict, a panel decision); writes nothing" },
    recordVerdict: {
      audited: [
        {
          action: "proposal.verdict",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            const verdict = { verdict: "ADMISSIBLE", note: "", textLocale: "nl", cityCostCents: 110_000, deadline: null } as const;
            await kit.once(staff, () => proposals.recordVerdict(kit.db, staff, proposal.id, verdict, BASE_URL));
          },
        },
      ],
    },
    assignCoach: {
      audited: [
        {
          action: "proposal.coach",
          async run(kit) {
            const [staff, coach, round] = [await kit.staff(), await kit.staff(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            await kit.once(staff, () => proposals.assignCoach(kit.db, staff, proposal.id, coach.id));
          },
        },
      ],
    },
    addCoachNote: {
      audited: [
        {
          action: "proposal.coach-note",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            await kit.once(staff, () => proposals.addCoachNote(kit.db, staff, proposal.id, "Bel de groendienst over de boom."));
          },
        },
      ],
    },
    staffMembers: { notAudited: READ },
    feasibilityQueue: { notAudited: READ },
    inviteCoProposer: {
      audited: [
        {
          action: "proposal.invite",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author);
            await kit.once(author, () => proposals.inviteCoProposer(kit.db, author, proposal.id, kit.address(), BASE_URL));
          },
        },
      ],
    },
    revokeInvite: {
      audited: [
        {
          action: "proposal.invite-revoke",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author);
            const invite = await kit.db.proposalInvite.create({ data: { id: anInviteToken().id, proposalId: proposal.id, email: kit.address() } });
            await kit.once(author, () => proposals.revokeInvite(kit.db, author, proposal.id, invite.id));
          },
        },
      ],
    },
    removeCoProposer: {
      audited: [
        {
          action: "proposal.member-remove",
          path: "the author removes a co-proposer",
          async run(kit) {
            const [author, member, round] = [await kit.resident(), await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author, { members: { create: { userId: member.id } } });
            await kit.once(author, () => proposals.removeCoProposer(kit.db, author, proposal.id, member.id));
          },
        },
        {
          action: "proposal.member-remove",
          path: "a co-proposer leaves",
          async run(kit) {
            const [author, member, round] = [await kit.resident(), await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author, { members: { create: { userId: member.id } } });
            await kit.once(member, () => proposals.removeCoProposer(kit.db, member, proposal.id, member.id));
          },
        },
      ],
    },
    checkInvite: { notAudited: READ },
    acceptInvite: {
      audited: [
        {
          action: "proposal.member-join",
          async run(kit) {
            const [invitee, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, await kit.resident());
            const { token, id } = anInviteToken();
            await kit.db.proposalInvite.create({ data: { id, proposalId: proposal.id, email: invitee.email } });
            await kit.once(invitee, () => proposals.acceptInvite(kit.db, invitee, token));
          },
        },
      ],
      otherwise: "the author accepting an invitation to their own proposal (the team does not change)",
    },
  },
  "app/proposals/photos.server.ts": {
    addPhoto: {
      audited: [
        {
          action: "proposal.photo-add",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author);
            await kit.once(author, () => photos.addPhoto(kit.db, author, proposal.id, PNG, "Het plein met de boom"));
          },
        },
      ],
    },
    removePhoto: {
      audited: [
        {
          action: "proposal.photo-remove",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round()];
            const proposal = await kit.proposal(round, author);
            const photo = await kit.db.proposalPhoto.create({
              data: { proposalId: proposal.id, position: 0, fileName: `${"0".repeat(32)}.png`, altText: "Het plein" },
            });
            await kit.once(author, () => photos.removePhoto(kit.db, author, proposal.id, photo.id));
          },
        },
      ],
    },
  },
  "app/voting/voting.server.ts": {
    saveVotingSettings: {
      audited: [
        {
          action: "round.voting-settings",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            await kit.once(staff, () => voting.saveVotingSettings(kit.db, staff.id, round.id, votingSettings()));
          },
        },
      ],
    },
    ballotOf: { notAudited: READ },
    ballotView: { notAudited: PURE },
    openBallot: { notAudited: "runs inside advancePhase (round.phase)" },
    generateCodes: {
      audited: [
        {
          action: "voting.codes",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const generated = await kit.once(staff, () => voting.generateCodes(kit.db, staff.id, round.id, 3));
            if (generated.ok) kit.keep(...(await plainCodesOf(kit.db, generated.batchId)));
          },
        },
      ],
    },
    codeBatches: { notAudited: READ },
    takeBatchCodes: {
      audited: [
        {
          action: "voting.codes-download",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            const codes = [generateCode(), generateCode()];
            kit.keep(...codes);
            const plainCodes = JSON.stringify(codes.map((code, index) => ({ serial: index + 1, code })));
            const batch = await kit.db.codeBatch.create({ data: { roundId: round.id, count: codes.length, plainCodes } });
            await kit.once(staff, () => voting.takeBatchCodes(kit.db, staff.id, round.id, batch.id, "csv"));
          },
        },
      ],
    },
    erasePlainCodes: { notAudited: MAINTENANCE },
    pruneVoterLists: { notAudited: MAINTENANCE },
    pruneDeletedVoters: { notAudited: MAINTENANCE },
    rememberDeletedVoter: { notAudited: "part of deleting an account (recorded as user.delete); never says how anyone voted" },
    replaceCode: {
      audited: [
        {
          action: "voting.code-replace",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round()];
            await aVotingCode(kit, round.id);
            const replaced = await kit.once(staff, () => voting.replaceCode(kit.db, staff.id, round.id, 1));
            if (replaced.ok) kit.keep(...(await plainCodesOf(kit.db, replaced.batchId)));
          },
        },
      ],
    },
    checkCredential: { notAudited: READ },
    castingRulesOf: { notAudited: READ },
    checkVoterCredential: { notAudited: `${READ} (a wrong code counts towards the rate limit)` },
    accountVoterStatus: { notAudited: READ },
    declareVoter: { notAudited: "a resident's own registration as a voter (voting records nothing about voters)" },
    verifyVoter: {
      audited: [
        {
          action: "voting.verify",
          async run(kit) {
            const [staff, voter, round] = [await kit.staff(), await kit.resident(), await kit.round({ eligibility: "ACCOUNTS" })];
            await kit.once(staff, () => voting.verifyVoter(kit.db, staff.id, round.id, voter.email));
          },
        },
      ],
    },
    verifiedVoters: { notAudited: READ },
    castBallot: {
      audited: [
        {
          action: "voting.paper-ballot",
          path: "staff enter a paper ballot with a code",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ phase: "VOTING", hasReview: false })];
            const project = await kit.proposal(round, await kit.resident(), { status: "ON_BALLOT" });
            const code = await aVotingCode(kit, round.id);
            const cast = await kit.once(staff, () =>
              voting.castBallot(kit.db, round.id, { kind: "code", code }, new Map([[project.id, 1]]), "PAPER", staff.id),
            );
            if (cast.ok) kit.keep(cast.receipt);
          },
        },
        {
          action: "voting.paper-ballot",
          path: "staff enter a paper ballot of a verified account",
          async run(kit) {
            const [staff, voter] = [await kit.staff(), await kit.resident()];
            const round = await kit.round({ phase: "VOTING", hasReview: false, eligibility: "ACCOUNTS" });
            const project = await kit.proposal(round, await kit.resident(), { status: "ON_BALLOT" });
            await kit.db.roundVoter.create({ data: { roundId: round.id, userId: voter.id, verifiedById: staff.id } });
            const cast = await kit.once(staff, () =>
              voting.castBallot(kit.db, round.id, { kind: "account", user: voter }, new Map([[project.id, 1]]), "PAPER", staff.id),
            );
            if (cast.ok) kit.keep(cast.receipt);
          },
        },
      ],
      otherwise: "a resident's own secret ballot online (decision 0010: never audited)",
    },
    receiptCounted: { notAudited: READ },
    turnout: { notAudited: READ },
  },
  "app/results/import.server.ts": {
    importPabulib: {
      audited: [
        {
          action: "results.import",
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            await kit.once(staff, () =>
              imports.importPabulib(kit.db, staff.id, { neighbourhoodId: neighbourhood.id, fileName: "arsenaal-2026.pb", text: PABULIB }),
            );
          },
        },
      ],
    },
  },
  "app/results/publish.server.ts": {
    publishResults: {
      audited: [
        {
          action: "results.publish",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ phase: "TALLY", hasReview: false })];
            const author = await kit.resident();
            const [benches, trees] = [await kit.proposal(round, author, { status: "ON_BALLOT" }), await kit.proposal(round, author, { status: "ON_BALLOT" })];
            await someBallots(kit.db, 2, { round, choices: [benches, trees] });
            const counted = await jobs.runJobHere(kit.db, (await jobs.previewJob(kit.db, round.id))!.id);
            await kit.once(staff, () => publish.publishResults(kit.db, staff.id, round.id, counted.id));
          },
        },
      ],
      otherwise: "a refused count (not finished, or the round changed since) queues a new count and publishes nothing",
    },
  },
  "app/results/withdraw.server.ts": {
    requestWithdrawal: { notAudited: `${QUEUES_A_COUNT}; the recount records results.withdraw when it applies the withdrawal` },
    applyWithdrawal: {
      audited: [
        {
          action: "results.withdraw",
          async run(kit) {
            const [staff, { round, funded }] = [await kit.staff(), await aPublishedRound(kit)];
            const withdrawing = { proposalId: funded.id, reason: "Geen vergunning", reasonLocale: "nl" } as const;
            const computed = await tally.computeOutcome(kit.db, round.id, { withdrawing });
            if (!computed.ok) throw new Error("The recount was refused");
            await kit.once(staff, () =>
              kit.db.$transaction((tx) => withdraw.applyWithdrawal(tx, { actorId: staff.id, roundId: round.id, ...withdrawing, outcome: computed.outcome })),
            );
          },
        },
      ],
    },
  },
  "app/results/jobs.server.ts": {
    previewJob: { notAudited: `${QUEUES_A_COUNT}, or reads the one under way` },
    countAgain: { notAudited: QUEUES_A_COUNT },
    activeRecount: { notAudited: READ },
    claimTallyJob: { notAudited: JOB_BOOKKEEPING },
    renewClaim: { notAudited: JOB_BOOKKEEPING },
    releaseClaim: { notAudited: JOB_BOOKKEEPING },
    runTallyJob: {
      audited: [
        {
          action: "results.withdraw",
          async run(kit) {
            const [staff, { round, funded }] = [await kit.staff(), await aPublishedRound(kit)];
            const asked = await withdraw.requestWithdrawal(kit.db, staff.id, round.id, {
              proposalId: funded.id,
              reason: "Geen vergunning",
              reasonLocale: "nl",
            });
            if (!asked.ok) throw new Error("The withdrawal was refused");
            const claimed = await jobs.claimTallyJob(kit.db, 60_000, { jobId: asked.jobId });
            await kit.once(staff, () => jobs.runTallyJob(kit.db, claimed!));
          },
        },
      ],
      otherwise: "a preview stores its count in the job, nothing public; a refused recount records why in the job",
    },
    runJobHere: { notAudited: "claims and runs runTallyJob, which records what it applies" },
    pruneFinishedJobs: { notAudited: "deletes finished jobs' working copies: what was published stays in RoundResult" },
  },
  "app/results/staff.server.ts": {
    staffResults: { notAudited: `${READ}; in TALLY it queues the count of the round's present state when there is none` },
  },
  "app/results/realisation.server.ts": {
    realisationTarget: { notAudited: READ },
    realisationUpdates: { notAudited: READ },
    postRealisationUpdate: {
      audited: [
        {
          action: "results.realisation-update",
          async run(kit) {
            const [staff, { funded }] = [await kit.staff(), await aPublishedRound(kit)];
            const update = { status: "IN_PROGRESS", text: "De bankjes zijn besteld.", textLocale: "nl", day: "2027-05-01", photoAlt: "" } as const;
            await kit.once(staff, () => realisation.postRealisationUpdate(kit.db, staff.id, funded.id, update, null));
          },
        },
      ],
    },
  },
  "app/results/tally.server.ts": {
    computeOutcome: { notAudited: `${READ}: counts, stores nothing` },
  },
  "app/results/public.server.ts": {
    publicResults: { notAudited: READ },
    publishedCsv: { notAudited: READ },
    publishedSpreadsheet: { notAudited: READ },
    publishedPabulib: { notAudited: READ },
    roundYear: { notAudited: PURE },
    csvDownloadName: { notAudited: PURE },
  },
  "app/results/stored.server.ts": {
    nextVersion: { notAudited: READ },
    publishedVersions: { notAudited: READ },
    projectTexts: { notAudited: READ },
    idsOf: { notAudited: PURE },
    eligibleVoters: { notAudited: READ },
    importSource: { notAudited: READ },
  },
  "app/panel/panel.server.ts": {
    prunePanelInvites: { notAudited: MAINTENANCE },
    undecidedProposals: { notAudited: READ },
    panelSettings: { notAudited: READ },
    panelCriteria: { notAudited: READ },
    panelSetup: { notAudited: READ },
    savePanelSettings: {
      audited: [
        {
          action: "panel.settings",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            await kit.once(staff, () => panel.savePanelSettings(kit.db, staff.id, round.id, { mode: "SHORTLIST", weightPercent: 0, scaleMin: 1, scaleMax: 5 }));
          },
        },
      ],
    },
    addCriterion: {
      audited: [
        {
          action: "panel.criterion-add",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const input = criterionSchema.parse({ intent: "add-criterion", names: { nl: "Haalbaar" }, explanations: {}, weight: "2" });
            await kit.once(staff, () => panel.addCriterion(kit.db, staff.id, round.id, input));
          },
        },
      ],
    },
    removeCriterion: {
      audited: [
        {
          action: "panel.criterion-remove",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const criterion = await kit.db.panelCriterion.create({
              data: { roundId: round.id, position: 0, names: JSON.stringify({ nl: "Haalbaar" }), weight: 1 },
            });
            await kit.once(staff, () => panel.removeCriterion(kit.db, staff.id, round.id, criterion.id));
          },
        },
      ],
    },
    saveCriterionTranslations: {
      audited: [
        {
          action: "panel.criterion-translations",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const criterion = await kit.db.panelCriterion.create({
              data: { roundId: round.id, position: 0, names: JSON.stringify({ nl: "Haalbaar" }), weight: 1 },
            });
            const input = criterionTranslationsSchema.parse({
              intent: "criterion-translations",
              criterionId: criterion.id,
              names: { nl: "Haalbaar", en: "Feasible" },
              explanations: {},
            });
            await kit.once(staff, () => panel.saveCriterionTranslations(kit.db, staff.id, round.id, input));
          },
        },
      ],
    },
    appointMember: {
      audited: [
        {
          action: "panel.member-add",
          path: "an existing account",
          async run(kit) {
            const [staff, member, round] = [await kit.staff(), await kit.resident(), await kit.round({ hasReview: true })];
            await kit.once(staff, () => panel.appointMember(kit.db, staff, round.id, { email: member.email, chair: true }, BASE_URL));
          },
        },
        {
          action: "panel.member-invite",
          path: "an address without an account",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            await kit.once(staff, () => panel.appointMember(kit.db, staff, round.id, { email: kit.address(), chair: false }, BASE_URL));
          },
        },
      ],
    },
    removeMember: {
      audited: [
        {
          action: "panel.member-remove",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const member = await aPanelMember(kit, round.id);
            await kit.once(staff, () => panel.removeMember(kit.db, staff.id, round.id, member.id));
          },
        },
      ],
    },
    makeChair: {
      audited: [
        {
          action: "panel.chair",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const member = await aPanelMember(kit, round.id);
            await kit.once(staff, () => panel.makeChair(kit.db, staff.id, round.id, member.id));
          },
        },
      ],
    },
    appointViceChair: {
      audited: [
        {
          action: "panel.vice-chair",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const member = await aPanelMember(kit, round.id);
            await kit.once(staff, () => panel.appointViceChair(kit.db, staff.id, round.id, member.id));
          },
        },
      ],
    },
    removeViceChair: {
      audited: [
        {
          action: "panel.vice-chair-remove",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const member = await aPanelMember(kit, round.id);
            await kit.db.panelMember.update({ where: { roundId_userId: { roundId: round.id, userId: member.id } }, data: { isViceChair: true } });
            await kit.once(staff, () => panel.removeViceChair(kit.db, staff.id, round.id, member.id));
          },
        },
      ],
    },
    revokePanelInvite: {
      audited: [
        {
          action: "panel.invite-revoke",
          async run(kit) {
            const [staff, round] = [await kit.staff(), await kit.round({ hasReview: true })];
            const invite = await kit.db.panelInvite.create({ data: { id: anInviteToken().id, roundId: round.id, email: kit.address() } });
            await kit.once(staff, () => panel.revokePanelInvite(kit.db, staff.id, round.id, invite.id));
          },
        },
      ],
    },
    checkPanelInvite: { notAudited: READ },
    acceptPanelInvite: {
      audited: [
        {
          action: "panel.member-join",
          async run(kit) {
            const [invitee, round] = [await kit.resident(), await kit.round({ hasReview: true })];
            const { token, id } = anInviteToken();
            await kit.db.panelInvite.create({ data: { id, roundId: round.id, email: invitee.email } });
            await kit.once(invitee, () => panel.acceptPanelInvite(kit.db, invitee, token));
          },
        },
      ],
    },
    panelRelation: { notAudited: READ },
    panelViewer: { notAudited: READ },
    setNameConsent: {
      audited: [
        {
          action: "panel.consent",
          async run(kit) {
            const round = await kit.round({ hasReview: true });
            const member = await aPanelMember(kit, round.id);
            await kit.once(member, () => panel.setNameConsent(kit.db, member, round.id, true));
          },
        },
      ],
    },
    panelBoard: { notAudited: READ },
    reviewSheet: { notAudited: READ },
    saveReview: {
      audited: [
        {
          action: "panel.review",
          async run(kit) {
            const { round, proposal, criterion, member } = await aReview(kit);
            const input = reviewSchema([criterion.id], { min: 1, max: 5 }).parse({
              intent: "review",
              scores: { [criterion.id]: "4" },
              recommendation: "SHORTLIST",
            });
            await kit.once(member, () => panel.saveReview(kit.db, member, round.id, proposal.id, input));
          },
        },
      ],
    },
    declareConflict: {
      audited: [
        {
          action: "panel.conflict",
          async run(kit) {
            const { round, proposal, member } = await aReview(kit);
            await kit.once(member, () => panel.declareConflict(kit.db, member, round.id, proposal.id, "Het is mijn straat"));
          },
        },
      ],
    },
    decisionSheet: { notAudited: READ },
    recordDecision: {
      audited: [
        {
          action: "panel.decision",
          path: "by staff",
          async run(kit) {
            const [staff, { round, proposal }] = [await kit.staff(), await aReview(kit)];
            const input = { proposalId: proposal.id, decision: "SHORTLISTED", rationale: "Sterk en haalbaar", textLocale: "nl" } as const;
            await kit.once(staff, () => panel.recordDecision(kit.db, staff, round.id, input, BASE_URL));
          },
        },
        {
          action: "panel.decision",
          path: "by the chair",
          async run(kit) {
            const { round, proposal } = await aReview(kit);
            const chair = await aPanelMember(kit, round.id, true);
            const input = { proposalId: proposal.id, decision: "REJECTED", rationale: "Buiten de wijk", textLocale: "nl" } as const;
            await kit.once(chair, () => panel.recordDecision(kit.db, chair, round.id, input, BASE_URL));
          },
        },
      ],
    },
    panelScoresOf: { notAudited: READ },
    hasPanel: { notAudited: READ },
    panelReport: { notAudited: READ },
    reviewSummary: { notAudited: READ },
  },
  "app/events/events.server.ts": {
    linkChoices: { notAudited: READ },
    createEvent: {
      audited: [
        {
          action: "event.create",
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            await kit.once(staff, () => events.createEvent(kit.db, staff.id, eventInput(neighbourhood.id)));
          },
        },
      ],
    },
    updateEvent: {
      audited: [
        {
          action: "event.update",
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            const event = await anEvent(kit.db, { neighbourhood, createdBy: staff });
            await kit.once(staff, () => events.updateEvent(kit.db, staff, event.id, eventInput(neighbourhood.id), BASE_URL));
          },
        },
      ],
    },
    cancelEvent: {
      audited: [
        {
          action: "event.cancel",
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            const event = await anEvent(kit.db, { neighbourhood, createdBy: staff });
            await kit.once(staff, () => events.cancelEvent(kit.db, staff, event.id, "Storm voorspeld", BASE_URL));
          },
        },
      ],
    },
    eventById: { notAudited: READ },
    eventForViewer: { notAudited: READ },
    listEvents: { notAudited: READ },
    rsvp: { notAudited: OWN_RSVP },
    requestRsvp: { notAudited: OWN_RSVP },
    rsvpLink: { notAudited: PURE },
    confirmRsvp: { notAudited: OWN_RSVP },
    cancelRsvp: { notAudited: OWN_RSVP },
    rsvpOf: { notAudited: READ },
    rsvpByToken: { notAudited: READ },
    waitingList: { notAudited: READ },
    attendees: { notAudited: READ },
    pruneExpiredRsvps: { notAudited: MAINTENANCE },
    prunePastRsvps: { notAudited: MAINTENANCE },
    withdrawAnswersOf: { notAudited: "an account's own answers, as it is deleted (recorded as user.delete)" },
    attendeesCsv: { notAudited: PURE },
    neighbourhoodBySlugForEvents: { notAudited: READ },
    createTeamEvent: {
      audited: [
        {
          action: "event.create",
          path: "by the proposal's team",
          async run(kit) {
            const [author, round] = [await kit.resident(), await kit.round({ teamsMayCreateEvents: true })];
            const proposal = await kit.proposal(round, author);
            await kit.once(author, () => events.createTeamEvent(kit.db, author, proposal.id, eventInput(round.neighbourhoodId)));
          },
        },
      ],
    },
  },
  "app/parklets/parklets.server.ts": {
    listParklets: { notAudited: READ },
    parkletById: { notAudited: READ },
    createParklet: {
      audited: [
        {
          action: "parklet.create",
          async run(kit) {
            const staff = await kit.staff();
            await kit.once(staff, () => parklets.createParklet(kit.db, staff, parkletInput(), null));
          },
        },
      ],
    },
    updateParklet: {
      audited: [
        {
          action: "parklet.update",
          async run(kit) {
            const [staff, parklet] = [await kit.staff(), await aParklet(kit.db)];
            await kit.once(staff, () => parklets.updateParklet(kit.db, staff, parklet.id, parkletInput("Blauwe Zetel"), null));
          },
        },
      ],
    },
    removeParklet: {
      audited: [
        {
          action: "parklet.remove",
          async run(kit) {
            const [staff, parklet] = [await kit.staff(), await aParklet(kit.db)];
            await kit.once(staff, () => parklets.removeParklet(kit.db, staff, parklet.id));
          },
        },
      ],
    },
    planPlacement: {
      audited: [
        {
          action: "parklet.plan",
          async run(kit) {
            const [staff, parklet, neighbourhood] = [await kit.staff(), await aParklet(kit.db), await aNeighbourhood(kit.db)];
            const input = {
              parkletId: parklet.id,
              neighbourhoodId: neighbourhood.id,
              street: "Gelijkheidstraat",
              latitude: null,
              longitude: null,
              firstDay: "2099-06-01",
              lastDay: "2099-06-07",
            };
            await kit.once(staff, () => parklets.planPlacement(kit.db, staff, input));
          },
        },
      ],
    },
    markPlacementDone: {
      audited: [
        {
          action: "parklet.done",
          async run(kit) {
            const [staff, placement] = [await kit.staff(), await aPlacement(kit.db)];
            await kit.once(staff, () => parklets.markPlacementDone(kit.db, staff, placement.id));
          },
        },
      ],
    },
    cancelPlacement: {
      audited: [
        {
          action: "parklet.cancel",
          async run(kit) {
            const [staff, placement] = [await kit.staff(), await aPlacement(kit.db)];
            await kit.once(staff, () => parklets.cancelPlacement(kit.db, staff, placement.id, "Werken in de straat"));
          },
        },
      ],
    },
    listPlacements: { notAudited: READ },
    parkletOverview: { notAudited: READ },
    placementsInStreet: { notAudited: READ },
    calendarPlacements: { notAudited: READ },
    fileRequest: { notAudited: "a resident's own request" },
    myRequests: { notAudited: READ },
    listOpenRequests: { notAudited: READ },
    listAnsweredRequests: { notAudited: READ },
    planFromRequest: {
      audited: [
        {
          action: "parklet.request-plan",
          async run(kit) {
            const [staff, parklet, request] = [await kit.staff(), await aParklet(kit.db), await aParkletRequest(kit)];
            const input = { parkletId: parklet.id, firstDay: "2099-07-01", lastDay: "2099-07-07" };
            await kit.once(staff, () => parklets.planFromRequest(kit.db, staff, request.id, input, { baseUrl: BASE_URL }));
          },
        },
      ],
    },
    declineRequest: {
      audited: [
        {
          action: "parklet.request-decline",
          async run(kit) {
            const [staff, request] = [await kit.staff(), await aParkletRequest(kit)];
            await kit.once(staff, () => parklets.declineRequest(kit.db, staff, request.id, "Geen plaats in die straat", { baseUrl: BASE_URL }));
          },
        },
      ],
    },
  },
  "app/workspace/dashboard.server.ts": {
    staffDashboard: { notAudited: READ },
  },
  "app/comments/comments.server.ts": {
    commentThread: { notAudited: READ },
    commentContext: { notAudited: READ },
    postComment: { notAudited: OWN_WORDS },
    editComment: { notAudited: OWN_WORDS },
    deleteComment: { notAudited: OWN_WORDS },
  },
  "app/comments/reports.server.ts": {
    reportItem: { notAudited: OWN_WORDS },
  },
  "app/moderation/hidden.server.ts": {
    hiddenProposals: { notAudited: READ },
    proposalPhotoState: { notAudited: READ },
  },
  "app/moderation/moderation.server.ts": {
    openReports: { notAudited: READ },
    openReportCount: { notAudited: READ },
    hiddenItems: { notAudited: READ },
    hideItem: {
      audited: [
        {
          action: "comment.hide",
          path: "a comment",
          async run(kit) {
            const { comment } = await aReportedComment(kit);
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.hideItem(kit.db, staff, { kind: "comment", itemId: comment.id }, REASON, BASE_URL));
          },
        },
        {
          action: "proposal.hide",
          path: "a proposal",
          async run(kit) {
            const { proposal } = await aReportedComment(kit);
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.hideItem(kit.db, staff, { kind: "proposal", itemId: proposal.id }, REASON, BASE_URL));
          },
        },
      ],
      otherwise: "an item already hidden, or unknown, is refused",
    },
    restoreItem: {
      audited: [
        {
          action: "comment.restore",
          path: "a comment",
          async run(kit) {
            const { comment } = await aReportedComment(kit, { hidden: true });
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.restoreItem(kit.db, staff, { kind: "comment", itemId: comment.id }, REASON));
          },
        },
        {
          action: "proposal.restore",
          path: "a proposal",
          async run(kit) {
            const { proposal } = await aReportedComment(kit, { proposalHidden: true });
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.restoreItem(kit.db, staff, { kind: "proposal", itemId: proposal.id }, REASON));
          },
        },
      ],
      otherwise: "an item not hidden, or whose text was erased, is refused",
    },
    redactItem: {
      audited: [
        {
          action: "comment.redact",
          path: "a comment",
          async run(kit) {
            const { comment } = await aReportedComment(kit, { hidden: true });
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.redactItem(kit.db, staff, { kind: "comment", itemId: comment.id }));
          },
        },
        {
          action: "proposal.redact",
          path: "a proposal",
          async run(kit) {
            const { proposal } = await aReportedComment(kit, { proposalHidden: true });
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.redactItem(kit.db, staff, { kind: "proposal", itemId: proposal.id }));
          },
        },
      ],
      otherwise: "an item not hidden, or already erased, is refused",
    },
    dismissReports: {
      audited: [
        {
          action: "comment.reports-dismiss",
          path: "a comment",
          async run(kit) {
            const { comment } = await aReportedComment(kit);
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.dismissReports(kit.db, staff, { kind: "comment", itemId: comment.id }));
          },
        },
        {
          action: "proposal.reports-dismiss",
          path: "a proposal",
          async run(kit) {
            const { proposal } = await aReportedComment(kit);
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.dismissReports(kit.db, staff, { kind: "proposal", itemId: proposal.id }));
          },
        },
      ],
      otherwise: "an item without open reports is refused",
    },
    closeComments: {
      audited: [
        {
          action: "proposal.comments-close",
          async run(kit) {
            const { proposal } = await aReportedComment(kit);
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.closeComments(kit.db, staff, proposal.id, REASON));
          },
        },
      ],
      otherwise: "comments already closed are refused",
    },
    reopenComments: {
      audited: [
        {
          action: "proposal.comments-reopen",
          async run(kit) {
            const { proposal } = await aReportedComment(kit);
            await kit.db.proposal.update({ where: { id: proposal.id }, data: { commentsClosedAt: new Date(), commentsClosedReason: "Dicht" } });
            const staff = await kit.staff();
            await kit.once(staff, () => moderation.reopenComments(kit.db, staff, proposal.id));
          },
        },
      ],
      otherwise: "open comments are refused",
    },
    eraseExpiredHidden: {
      audited: [
        {
          action: "comment.erase",
          path: "a comment hidden 90 days ago",
          async run(kit) {
            await aReportedComment(kit, { hidden: true, due: true });
            await kit.once(null, () => moderation.eraseExpiredHidden(kit.db));
          },
        },
        {
          action: "proposal.erase",
          path: "a proposal hidden 90 days ago",
          async run(kit) {
            await aReportedComment(kit, { proposalHidden: true, due: true });
            await kit.once(null, () => moderation.eraseExpiredHidden(kit.db));
          },
        },
      ],
      otherwise: `${MAINTENANCE}: nothing due, nothing erased`,
    },
  },
  "app/notifications/notify.server.ts": {
    notify: { notAudited: TELLS },
    sendNotificationMail: { notAudited: TELLS },
    pruneNotifications: { notAudited: MAINTENANCE },
  },
  "app/notifications/about-proposals.server.ts": {
    proposalAudience: { notAudited: READ },
    notifyAboutProposal: { notAudited: TELLS },
  },
  "app/notifications/follows.server.ts": {
    followProposalAutomatically: { notAudited: OWN_CHOICE },
    setProposalFollow: { notAudited: OWN_CHOICE },
    setRoundFollow: { notAudited: OWN_CHOICE },
    isFollowingProposal: { notAudited: READ },
    isFollowingRound: { notAudited: READ },
    roundFollowers: { notAudited: READ },
  },
  "app/notifications/tasks.server.ts": {
    announceVotingOpened: { notAudited: TELLS },
    announceResults: { notAudited: TELLS },
  },
  "app/notifications/preferences.server.ts": {
    preferencesOf: { notAudited: READ },
    savePreferences: { notAudited: OWN_CHOICE },
    unsubscribeLink: { notAudited: READ },
    unsubscribe: { notAudited: OWN_CHOICE },
    latestNotifications: { notAudited: READ },
    markAllRead: { notAudited: OWN_CHOICE },
  },
  "app/workspace/setup.server.ts": {
    createRoundWithSetup: {
      audited: [
        {
          action: "round.create",
          andThen: ["round.rules", "round.category-add", "panel.settings", "panel.criterion-add", "round.voting-settings"],
          async run(kit) {
            const [staff, neighbourhood] = [await kit.staff(), await aNeighbourhood(kit.db)];
            const read = readSetup(
              {
                neighbourhoodId: neighbourhood.id,
                originalLocale: "nl",
                translations: { nl: { title: "Wijkbudget Nekkerspoel", description: "Ideeën voor de wijk." } },
                budget: "40000",
                themes: "Ontmoeting",
                hasReview: "on",
                panelMode: "WEIGHTED",
                weightPercent: "30",
                scaleMin: "1",
                scaleMax: "5",
                criteria: [{ name: "Haalbaarheid", weight: "1" }],
                ballotMethod: "APPROVAL_BUDGET",
                tallyRule: "greedy",
                eligibility: "CODES",
                minimumAge: "16",
              },
              "nl",
            );
            if (!read.ok) throw new Error(JSON.stringify(read.errors));
            await kit.once(staff, () => setup.createRoundWithSetup(kit.db, staff.id, read.setup));
          },
        },
      ],
      otherwise: "any refusal rolls the whole set-up back: nothing is written, nothing recorded",
    },
  },
};

const RECIPES = Object.values(REGISTRY).flatMap((functions) =>
  Object.entries(functions).flatMap(([name, classification]) =>
    "audited" in classification ? classification.audited.map((recipe) => ({ ...recipe, name: recipe.path ? `${name} (${recipe.path})` : name })) : [],
  ),
);

/** Whether the record an audit row is about exists (a removed parklet or deleted neighbourhood no longer does). */
function entityExists(db: Db, entity: AuditEntity, id: string): Promise<unknown> {
  const where = { where: { id } };
  switch (entity) {
    case "Neighbourhood":
      return db.neighbourhood.findUnique(where);
    case "BudgetRound":
      return db.budgetRound.findUnique(where);
    case "Proposal":
      return db.proposal.findUnique(where);
    case "Event":
      return db.event.findUnique(where);
    case "Parklet":
      return db.parklet.findUnique(where);
    case "ParkletPlacement":
      return db.parkletPlacement.findUnique(where);
    case "ParkletRequest":
      return db.parkletRequest.findUnique(where);
    case "User":
      return db.user.findUnique(where);
    case "Comment":
      return db.comment.findUnique(where);
  }
}

describe.each(testProviders())("audit by declaration on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let scratch: string;
  /** Receipts, plain codes and invited addresses the recipes produced: no audit row may hold one. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    scratch = await mkdtemp(path.join(os.tmpdir(), "wb-audit-"));
    process.env.OUTBOX_DIR = path.join(scratch, "outbox");
    process.env.UPLOAD_DIR = path.join(scratch, "uploads");
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  /** A kit for one recipe; `measured` holds what its one call returned and the audit rows it wrote. */
  function kitFor() {
    const state: { measured?: { actorId: string | null; result: unknown; rows: Awaited<ReturnType<Db["auditLog"]["findMany"]>> } } = {};
    const person = (role: SessionUser["role"]) => {
      const tag = randomBytes(5).toString("hex");
      return aUser(db, { role, email: `persoon-${tag}@example.org`, name: `Persoon ${tag}` });
    };
    const kit: Kit = {
      db,
      resident: () => person("RESIDENT"),
      staff: () => person("STAFF"),
      admin: () => person("ADMIN"),
      address() {
        const email = `zonder-account-${randomBytes(5).toString("hex")}@example.org`;
        secrets.add(email);
        return email;
      },
      round: (options) => aRound(db, options),
      proposal: (round, author, options = {}) => aProposal(db, { round, author, ...options }),
      async once(actor, call) {
        if (state.measured) throw new Error("A recipe calls its function once");
        const before = new Set((await db.auditLog.findMany({ select: { id: true } })).map((row) => row.id));
        const result = await call();
        const rows = (await db.auditLog.findMany()).filter((row) => !before.has(row.id));
        state.measured = { actorId: actor?.id ?? null, result, rows };
        return result;
      },
      keep: (...values) => values.forEach((value) => secrets.add(value)),
    };
    return { kit, state };
  }

  it("classifies every exported function of the capability modules (checked against their exports)", () => {
    for (const [file, module] of Object.entries(MODULES) as [keyof typeof MODULES, Record<string, unknown>][]) {
      const exported = Object.entries(module)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => name);
      expect(Object.keys(REGISTRY[file]).sort(), file).toEqual(exported.sort());
    }
  });

  it("has a recipe for every declared audit action", () => {
    const exercised = new Set(RECIPES.map((recipe) => recipe.action));
    expect(Object.keys(AUDITED).filter((action) => !exercised.has(action as AuditAction))).toEqual([]);
  });

  it.each(RECIPES)("$name records one $action", async (recipe) => {
    const { kit, state } = kitFor();
    await recipe.run(kit);
    const { measured } = state;
    expect(measured, "the recipe made its call through kit.once").toBeDefined();
    const { result, rows, actorId } = measured!;
    expect(result, "the call succeeded").not.toBeNull();
    if (typeof result === "object" && result !== null && "ok" in result) expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(rows.map((row) => row.action)).toEqual([recipe.action, ...(recipe.andThen ?? [])]);
    const [row] = rows;
    expect(row).toMatchObject({ actorId, entityType: AUDITED[recipe.action].entity });
    for (const later of rows.slice(1)) expect(later).toMatchObject({ actorId, entityType: AUDITED[later.action as AuditAction].entity });
    if (recipe.action !== "parklet.remove" && recipe.action !== "neighbourhood.delete")
      expect(await entityExists(db, row!.entityType as AuditEntity, row!.entityId), "the entity exists").toBeTruthy();
  });

  it("keeps ballots, receipts, voting codes, choices and people's emails and names out of every audit row", async () => {
    const rows = await db.auditLog.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(RECIPES.length);

    // Voting actions record no detail: not what was chosen, nor by whom.
    for (const row of rows.filter((entry) => entry.action.startsWith("voting."))) {
      expect(row, row.action).toMatchObject({ entityType: "BudgetRound", details: "{}" });
    }

    const [ballots, participations, codes, users, teamInvites, panelInvites] = await Promise.all([
      db.ballot.findMany({ select: { id: true, receiptHash: true } }),
      db.participation.findMany({ select: { id: true } }),
      db.votingCode.findMany({ select: { codeHash: true } }),
      db.user.findMany({ select: { email: true, name: true } }),
      db.proposalInvite.findMany({ select: { email: true } }),
      db.panelInvite.findMany({ select: { email: true } }),
    ]);
    // Not vacuous: paper ballots were cast with a receipt each, and codes were made.
    expect(participations.length).toBeGreaterThanOrEqual(2);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const forbidden = new Set([
      ...secrets,
      ...[...secrets].map((value) => value.replace(/-/g, "")),
      ...ballots.flatMap((ballot) => [ballot.id, ballot.receiptHash]),
      ...participations.map((participation) => participation.id),
      ...codes.map((code) => code.codeHash),
      // A deleted account's name is empty: nothing to leak.
      ...users.flatMap((user) => [user.email, user.name]).filter((value) => value !== ""),
      ...teamInvites.map((invite) => invite.email),
      ...panelInvites.map((invite) => invite.email),
    ]);
    const leaks = rows.flatMap((row) =>
      [...forbidden].filter((value) => `${row.entityId} ${row.details}`.includes(value)).map((value) => `${row.action}: ${value}`),
    );
    expect(leaks).toEqual([]);
  });
});
