// The hostile-input walker (Hardening III, item 3). For every route with an action (found from the
// route files: a new action fails the walk until it is added below) and each of its intents, as a
// role that may use it and with real ids from the demo data: one request must reach schema
// validation (a field error is shown, so the walk is not vacuous); then generated bad input — missing
// fields, 200 KB strings, wrong types, control and right-to-left-override characters, script tags,
// out-of-range numbers, invalid dates — must never give a 5xx nor echo markup unescaped.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { testProviders } from "../../support/databases";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

type Role = "visitor" | "ivan" | "elif" | "chair" | "staff" | "admin";
const EMAILS: Record<Exclude<Role, "visitor">, string> = {
  ivan: "ivan@wijkbudget.demo",
  elif: "elif@wijkbudget.demo",
  chair: "panel@wijkbudget.demo",
  staff: "staff@wijkbudget.demo",
  admin: "admin@wijkbudget.demo",
};

interface Ids {
  submissionRound: string;
  reviewRound: string;
  votingRound: string;
  draftRound: string;
  ivansProposal: string;
  reviewedProposal: string;
  event: string;
  batch: string;
  funded: string;
  criterion: string;
  /** A criterion of the draft round, whose set-up page offers its translations form. */
  draftCriterion: string;
  parkletRequest: string;
  resetToken: string;
  /** A neighbourhood with rounds: deleting it is refused. */
  neighbourhood: string;
  /** A resident's account (Marie's) and a staff member's, for the People pages. */
  resident: string;
  staffMember: string;
  /** A public proposal whose comments are open, with Ivan's fresh comment (reported by Elif) and a hidden one. */
  commentedProposal: string;
  comment: string;
  hiddenComment: string;
}

/** A token that has the right form but was never issued. */
const TOKEN = "abcdefghijklmnopqrstuvwxyz234567";

interface Intent {
  intent: string | null;
  as?: Role;
  /** Set when the intent takes no typed input, so no field error can be expected; says why. */
  noInput?: string;
  /** Extra fields: the row an intent acts on, or input that a form would otherwise accept empty. */
  with?: (ids: Ids) => Record<string, string>;
  /** Another page of the same route file (e.g. a round in another state). */
  path?: (ids: Ids) => string;
}
interface Walk {
  file: string;
  path: (ids: Ids) => string;
  as: Role;
  intents: Intent[];
}

const WALKS: Walk[] = [
  { file: "$.tsx", path: () => "/no/such/page", as: "visitor", intents: [{ intent: null, noInput: "a 404 page: its action only answers not found" }] },
  { file: "account.tsx", path: () => "/account", as: "ivan", intents: [{ intent: "preferences" }, { intent: "change-password" }] },
  { file: "account_.delete.tsx", path: () => "/account/delete", as: "ivan", intents: [{ intent: "delete-account" }] },
  {
    file: "account_.notifications.tsx",
    path: () => "/account/notifications",
    as: "ivan",
    intents: [{ intent: "save-preferences" }, { intent: "mark-read", noInput: "marks the user's own notifications read" }],
  },
  {
    file: "account_.two-factor.tsx",
    path: () => "/account/two-factor",
    as: "ivan",
    intents: [{ intent: "start", noInput: "starts enrolment" }, { intent: "confirm" }],
  },
  {
    file: "events.$eventId.tsx",
    path: (ids) => `/events/${ids.event}`,
    as: "visitor",
    intents: [{ intent: "rsvp" }, { intent: "cancel-rsvp", as: "ivan", noInput: "cancels the user's own answer" }],
  },
  {
    file: "events.rsvp.$token.tsx",
    path: () => `/events/rsvp/${TOKEN}`,
    as: "visitor",
    intents: [
      { intent: "confirm", noInput: "the token is the input" },
      { intent: "cancel", noInput: "the token is the input" },
    ],
  },
  { file: "forgot-password.tsx", path: () => "/forgot-password", as: "visitor", intents: [{ intent: null }] },
  { file: "invites.$token.tsx", path: () => `/invites/${TOKEN}`, as: "ivan", intents: [{ intent: null, noInput: "the token is the input" }] },
  { file: "language.tsx", path: () => "/language", as: "visitor", intents: [{ intent: null, noInput: "an unknown language is a plain 400" }] },
  { file: "login.tsx", path: () => "/login", as: "visitor", intents: [{ intent: null }] },
  {
    file: "login_.second-factor.tsx",
    path: () => "/login/second-factor",
    as: "visitor",
    intents: [{ intent: null, noInput: "without a pending sign-in it sends to /login" }],
  },
  { file: "logout.tsx", path: () => "/logout", as: "ivan", intents: [{ intent: null, noInput: "logs out" }] },
  { file: "panel-invites.$token.tsx", path: () => `/panel-invites/${TOKEN}`, as: "ivan", intents: [{ intent: null, noInput: "the token is the input" }] },
  { file: "panel.$roundId.tsx", path: (ids) => `/panel/${ids.reviewRound}`, as: "elif", intents: [{ intent: "consent", noInput: "a yes/no choice" }] },
  {
    file: "panel.$roundId_.decisions.$proposalId.tsx",
    path: (ids) => `/panel/${ids.reviewRound}/decisions/${ids.reviewedProposal}`,
    as: "chair",
    intents: [{ intent: "decide" }],
  },
  {
    file: "panel.$roundId_.proposals.$proposalId.tsx",
    path: (ids) => `/panel/${ids.reviewRound}/proposals/${ids.reviewedProposal}`,
    as: "elif",
    // An empty sheet is a valid half-done review: an off-scale score is what validation refuses.
    intents: [{ intent: "review", with: (ids) => ({ [`scores.${ids.criterion}`]: "99" }) }, { intent: "conflict" }],
  },
  { file: "parklets.request.tsx", path: () => "/parklets/request", as: "ivan", intents: [{ intent: null }] },
  {
    file: "proposals.$proposalId.tsx",
    path: (ids) => `/proposals/${ids.ivansProposal}`,
    as: "ivan",
    intents: [
      { intent: "withdraw" },
      { intent: "invite" },
      { intent: "remove-member", noInput: "an unknown member is a refusal, not a field" },
      { intent: "revoke-invite", noInput: "an unknown invitation is a refusal, not a field" },
      { intent: "add-photo" },
      { intent: "remove-photo", noInput: "an unknown photo is a refusal, not a field" },
      { intent: "verdict", as: "staff" },
      { intent: "coach", as: "staff", noInput: "a choice of coach from a list" },
      { intent: "coach-note", as: "staff" },
      { intent: "follow", noInput: "a yes/no choice" },
      { intent: "unfollow", noInput: "a yes/no choice" },
      // The comment section (issue #22), on a proposal whose comments are open.
      { intent: "comment", path: (ids) => `/proposals/${ids.commentedProposal}` },
      { intent: "reply", path: (ids) => `/proposals/${ids.commentedProposal}`, with: (ids) => ({ parentId: ids.comment }) },
      { intent: "edit-comment", path: (ids) => `/proposals/${ids.commentedProposal}`, with: (ids) => ({ commentId: ids.comment }) },
      {
        intent: "delete-comment",
        path: (ids) => `/proposals/${ids.commentedProposal}`,
        with: (ids) => ({ commentId: ids.hiddenComment }),
        noInput: "deletes the user's own comment: a hidden one is a refusal, not a field",
      },
      { intent: "report", as: "elif", path: (ids) => `/proposals/${ids.commentedProposal}`, with: (ids) => ({ commentId: ids.comment }) },
      { intent: "report", as: "elif", path: (ids) => `/proposals/${ids.commentedProposal}` },
      { intent: "close-comments", as: "staff", path: (ids) => `/proposals/${ids.commentedProposal}`, with: (ids) => ({ proposalId: ids.commentedProposal }) },
      { intent: "hide", as: "staff", path: (ids) => `/proposals/${ids.commentedProposal}`, with: (ids) => ({ kind: "comment", itemId: ids.comment }) },
      {
        intent: "reopen-comments",
        as: "staff",
        path: (ids) => `/proposals/${ids.commentedProposal}`,
        with: (ids) => ({ proposalId: ids.commentedProposal }),
        noInput: "reopens comments that are open: a refusal, not a field",
      },
    ],
  },
  { file: "proposals.$proposalId_.edit.tsx", path: (ids) => `/proposals/${ids.ivansProposal}/edit`, as: "ivan", intents: [{ intent: "save" }] },
  {
    file: "proposals.$proposalId_.events.new.tsx",
    path: (ids) => `/proposals/${ids.ivansProposal}/events/new`,
    as: "ivan",
    intents: [{ intent: "save", noInput: "the round does not let teams organise events: refused first" }],
  },
  { file: "proposals.$proposalId_.translate.tsx", path: (ids) => `/proposals/${ids.ivansProposal}/translate`, as: "ivan", intents: [{ intent: null }] },
  { file: "register.tsx", path: () => "/register", as: "visitor", intents: [{ intent: null }] },
  { file: "unsubscribe.$token.tsx", path: () => `/unsubscribe/${TOKEN}`, as: "visitor", intents: [{ intent: null, noInput: "the token is the input" }] },
  { file: "reset-password.$token.tsx", path: (ids) => `/reset-password/${ids.resetToken}`, as: "visitor", intents: [{ intent: null }] },
  {
    file: "rounds.$roundId.tsx",
    path: (ids) => `/rounds/${ids.submissionRound}`,
    as: "ivan",
    intents: [
      { intent: "follow", noInput: "a yes/no choice" },
      { intent: "unfollow", noInput: "a yes/no choice" },
    ],
  },
  {
    file: "rounds.$roundId_.proposals_.new.tsx",
    path: (ids) => `/rounds/${ids.submissionRound}/proposals/new`,
    as: "ivan",
    intents: [{ intent: "save" }, { intent: "submit" }],
  },
  { file: "staff.events.$eventId.tsx", path: (ids) => `/staff/events/${ids.event}`, as: "staff", intents: [{ intent: "save" }, { intent: "cancel-event" }] },
  {
    file: "staff.moderation.tsx",
    path: () => "/staff/moderation",
    as: "staff",
    intents: [
      { intent: "hide", with: (ids) => ({ kind: "comment", itemId: ids.comment }) },
      { intent: "restore", with: (ids) => ({ kind: "comment", itemId: ids.hiddenComment }) },
      { intent: "close-comments", with: (ids) => ({ proposalId: ids.commentedProposal }) },
      { intent: "dismiss", with: (ids) => ({ kind: "proposal", itemId: ids.commentedProposal }), noInput: "closes the item's open reports" },
      { intent: "redact", with: (ids) => ({ kind: "comment", itemId: ids.hiddenComment }), noInput: "erases the hidden item's kept text" },
      { intent: "reopen-comments", with: (ids) => ({ proposalId: ids.commentedProposal }), noInput: "reopens a proposal's comments" },
    ],
  },
  { file: "staff.events.new.tsx", path: () => "/staff/events/new", as: "staff", intents: [{ intent: "save" }] },
  {
    file: "staff.parklets.edit.tsx",
    path: () => "/staff/parklets/edit",
    as: "staff",
    intents: [{ intent: "save" }, { intent: "remove", noInput: "removes the parklet of the address" }],
  },
  {
    file: "staff.parklets.placements.tsx",
    path: () => "/staff/parklets/placements",
    as: "staff",
    intents: [{ intent: "plan" }, { intent: "done", noInput: "marks a placement" }, { intent: "cancel", noInput: "cancels a placement" }],
  },
  {
    file: "staff.parklets.requests.tsx",
    path: () => "/staff/parklets/requests",
    as: "staff",
    // Planning first: a bad value can still be a valid reason, and a declined request cannot be planned.
    intents: [
      { intent: "plan-request", with: (ids) => ({ requestId: ids.parkletRequest }) },
      { intent: "decline", with: (ids) => ({ requestId: ids.parkletRequest }) },
    ],
  },
  {
    file: "staff.neighbourhoods.$neighbourhoodId.tsx",
    path: (ids) => `/staff/neighbourhoods/${ids.neighbourhood}`,
    as: "admin",
    intents: [
      { intent: "save" },
      { intent: "archive", noInput: "archives the neighbourhood of the address" },
      { intent: "restore", noInput: "restores the neighbourhood of the address" },
      { intent: "delete", noInput: "deletes the neighbourhood of the address (refused: it has rounds)" },
    ],
  },
  { file: "staff.neighbourhoods.new.tsx", path: () => "/staff/neighbourhoods/new", as: "admin", intents: [{ intent: "save" }] },
  {
    file: "staff.people.$userId.tsx",
    path: (ids) => `/staff/people/${ids.resident}`,
    as: "admin",
    intents: [
      { intent: "block" },
      { intent: "unblock", noInput: "unblocks the account of the address" },
      { intent: "role" },
      { intent: "deactivate", noInput: "deactivates the account of the address (refused: a resident's)" },
      { intent: "reactivate", noInput: "reactivates the account of the address (refused: not deactivated)" },
      { intent: "verify" },
      { intent: "panel" },
      // Only a staff account coaches.
      { intent: "coach", path: (ids) => `/staff/people/${ids.staffMember}` },
    ],
  },
  { file: "staff.proposals_.$proposalId.updates.tsx", path: (ids) => `/staff/proposals/${ids.funded}/updates`, as: "staff", intents: [{ intent: null }] },
  { file: "staff.results.import.tsx", path: () => "/staff/results/import", as: "staff", intents: [{ intent: null }] },
  { file: "staff.rounds.$roundId.tsx", path: (ids) => `/staff/rounds/${ids.draftRound}`, as: "staff", intents: [{ intent: "save" }, { intent: "advance" }] },
  {
    file: "staff.rounds.$roundId_.codes.$batchId.letters.tsx",
    path: (ids) => `/staff/rounds/${ids.votingRound}/codes/${ids.batch}/letters`,
    as: "staff",
    intents: [{ intent: null, noInput: "hands the letters out once; no input" }],
  },
  {
    file: "staff.rounds.$roundId_.codes.$batchId[.csv].tsx",
    path: (ids) => `/staff/rounds/${ids.votingRound}/codes/${ids.batch}.csv`,
    as: "staff",
    intents: [{ intent: null, noInput: "hands the CSV out once; no input" }],
  },
  {
    file: "staff.rounds.$roundId_.panel.tsx",
    path: (ids) => `/staff/rounds/${ids.draftRound}/panel`,
    as: "staff",
    intents: [
      { intent: "settings" },
      { intent: "add-criterion" },
      { intent: "remove-criterion", noInput: "an unknown criterion is a refusal" },
      { intent: "criterion-translations", with: (ids) => ({ criterionId: ids.draftCriterion }) },
      { intent: "add-member" },
      { intent: "remove-member", noInput: "an unknown member is a refusal" },
      { intent: "make-chair", noInput: "an unknown member is a refusal" },
      { intent: "vice-chair" },
      { intent: "remove-vice-chair", noInput: "an unknown vice-chair is a refusal" },
      { intent: "revoke-invite", noInput: "an unknown invitation is a refusal" },
    ],
  },
  { file: "staff.rounds.$roundId_.paper.tsx", path: (ids) => `/staff/rounds/${ids.votingRound}/paper`, as: "staff", intents: [{ intent: null }] },
  {
    file: "staff.rounds.$roundId_.results.tsx",
    path: (ids) => `/staff/rounds/${ids.votingRound}/results`,
    as: "staff",
    intents: [
      { intent: "publish", noInput: "refused outside TALLY before any input" },
      { intent: "withdraw", noInput: "refused outside PUBLISHED before any input" },
      { intent: "count-again", noInput: "no input: refused outside TALLY" },
    ],
  },
  {
    file: "staff.rounds.$roundId_.rules.tsx",
    path: (ids) => `/staff/rounds/${ids.draftRound}/rules`,
    as: "staff",
    // Every rule is optional: a share that is no percentage is what validation refuses.
    intents: [
      { intent: "rules", with: () => ({ maxSharePercent: "abc" }) },
      { intent: "add-category" },
      { intent: "remove-category", noInput: "an unknown category is a refusal" },
    ],
  },
  {
    file: "staff.rounds.$roundId_.voting.tsx",
    path: (ids) => `/staff/rounds/${ids.draftRound}/voting`,
    as: "staff",
    intents: [
      { intent: "voting-settings" },
      { intent: "generate" },
      { intent: "replace" },
      // Residents are verified in a round that votes with accounts (the form is shown only there).
      { intent: "verify", path: (ids) => `/staff/rounds/${ids.submissionRound}/voting` },
    ],
  },
  {
    file: "staff.rounds.new.tsx",
    path: () => "/staff/rounds/new",
    as: "staff",
    intents: [
      { intent: "setup", with: () => ({ step: "neighbourhood", go: "next" }) },
      { intent: "setup", with: () => ({ step: "summary", go: "create" }) },
    ],
  },
  { file: "staff.two-factor.tsx", path: () => "/staff/two-factor", as: "admin", intents: [{ intent: null }] },
  { file: "verify-email.$token.tsx", path: () => `/verify-email/${TOKEN}`, as: "visitor", intents: [{ intent: null, noInput: "the token is the input" }] },
  { file: "vote.$roundId.tsx", path: (ids) => `/vote/${ids.votingRound}`, as: "visitor", intents: [{ intent: null }] },
];

const SCRIPT = `<script>alert("wb")</script>`;
const IMAGE = `<img src=x onerror=alert(1)>`;
const BAD_VALUES = {
  huge: "ж".repeat(100_000), // 200 KB of UTF-8
  wrongTypes: "[object Object]",
  control: "\u202egnp.exe\u0007 \u0000",
  markup: `${SCRIPT}${IMAGE}"><`,
  numbers: "-99999999999999999999999.5e308",
  dates: "2026-02-30T25:99",
};

/** Intents a route file names, so that a new one joins the walk. */
function intentsIn(file: string): string[] {
  const text = readFileSync(`app/routes/${file}`, "utf8");
  return [...new Set([...text.matchAll(/intent === "([a-z-]+)"|case "([a-z-]+)":/g)].map((match) => match[1] ?? match[2]!))];
}

describe("the walk covers every action", () => {
  const actionFiles = readdirSync("app/routes").filter((file) => /export async function action\b/.test(readFileSync(`app/routes/${file}`, "utf8")));
  it("has a walk for every route file with an action", () => {
    expect(WALKS.map((walk) => walk.file).sort()).toEqual(actionFiles.sort());
  });
  it.each(actionFiles)("%s: walks every intent the file names", (file) => {
    const walked = WALKS.find((walk) => walk.file === file)!.intents.map((intent) => intent.intent);
    for (const intent of intentsIn(file)) expect(walked, `${file} handles "${intent}"`).toContain(intent);
  });
});

describe.each(testProviders())("hostile input on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let ids: Ids;
  let address = 0;

  async function as(role: Role): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.15.${Math.floor(++address / 250)}.${(address % 250) + 1}`, acceptLanguage: "ar" });
    if (role !== "visitor") await visitor.logIn(EMAILS[role], DEMO_PASSWORD);
    return visitor;
  }

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    const round = async (phase: string) => (await db.budgetRound.findFirstOrThrow({ where: { phase: phase as never } })).id;
    const ivan = await db.user.findUniqueOrThrow({ where: { email: EMAILS.ivan } });
    const chair = await db.user.findUniqueOrThrow({ where: { email: EMAILS.chair } });
    const reviewRound = await round("REVIEW");
    const votingRound = await round("VOTING");
    const submissionRound = await round("SUBMISSION");
    // A round that votes with residents' accounts, for verifying voters.
    await db.budgetRound.update({ where: { id: submissionRound }, data: { eligibility: "ACCOUNTS" } });
    // Realisation updates are for funded projects: give the walk one.
    const funded = (await db.proposal.findFirstOrThrow({ where: { roundId: votingRound, status: "ON_BALLOT" } })).id;
    await db.proposal.update({ where: { id: funded }, data: { status: "FUNDED" } });
    // A real reset link: its form is checked before the link is used.
    await new Visitor(server.baseUrl, { address: "10.15.255.1" }).post("/forgot-password", { email: "marie@wijkbudget.demo" });
    const [mail] = await server.mailTo("marie@wijkbudget.demo", (message) => message.text.includes("/reset-password/"));
    // Comments to walk (issue #22): Ivan's fresh one, reported by Elif with the proposal itself, and a hidden one.
    const elif = await db.user.findUniqueOrThrow({ where: { email: EMAILS.elif } });
    const commentedProposal = (await db.proposal.findFirstOrThrow({ where: { roundId: submissionRound, status: "SUBMITTED", authorId: { not: elif.id } } })).id;
    const comment = await db.comment.create({ data: { proposalId: commentedProposal, authorId: ivan.id, body: "Goed idee", locale: "nl" } });
    const hiddenComment = await db.comment.create({
      data: {
        proposalId: commentedProposal,
        authorId: ivan.id,
        body: "Weg ermee",
        locale: "nl",
        hiddenAt: new Date(),
        hiddenReason: "Spam",
        eraseAfter: new Date(Date.now() + 86_400_000),
      },
    });
    await db.report.createMany({
      data: [
        { reporterId: elif.id, commentId: comment.id, reason: "SPAM" },
        { reporterId: chair.id, proposalId: commentedProposal, reason: "OFFENSIVE" },
      ],
    });
    const draftRound = await round("DRAFT");
    const draftCriterion = await db.panelCriterion.create({
      data: { roundId: draftRound, position: 0, names: JSON.stringify({ nl: "Haalbaarheid" }), weight: 1 },
    });
    ids = {
      submissionRound,
      reviewRound,
      votingRound,
      draftRound,
      ivansProposal: (await db.proposal.findFirstOrThrow({ where: { authorId: ivan.id } })).id,
      reviewedProposal: (await db.proposal.findFirstOrThrow({ where: { roundId: reviewRound, authorId: { not: chair.id }, status: "ADMISSIBLE" } })).id,
      event: (await db.event.findFirstOrThrow({ where: { cancelledAt: null, endsAt: { gt: new Date() } } })).id,
      batch: (await db.codeBatch.findFirstOrThrow({ where: { roundId: votingRound } })).id,
      funded,
      criterion: (await db.panelCriterion.findFirstOrThrow({ where: { roundId: reviewRound } })).id,
      draftCriterion: draftCriterion.id,
      parkletRequest: (await db.parkletRequest.findFirstOrThrow({ where: { status: "OPEN" } })).id,
      resetToken: mail!.text.match(/\/reset-password\/([a-z2-7]+)/)![1]!,
      neighbourhood: (await db.neighbourhood.findFirstOrThrow({ where: { rounds: { some: {} } } })).id,
      resident: (await db.user.findUniqueOrThrow({ where: { email: "marie@wijkbudget.demo" } })).id,
      staffMember: (await db.user.findUniqueOrThrow({ where: { email: EMAILS.staff } })).id,
      commentedProposal,
      comment: comment.id,
      hiddenComment: hiddenComment.id,
    };
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  it.each(WALKS.map((walk) => [walk.file, walk] as const))(
    "%s: reaches validation, and bad input never gives a 5xx or an unescaped echo",
    async (_file, walk) => {
      for (const intent of walk.intents) {
        const path = intent.path?.(ids) ?? walk.path(ids);
        const visitor = await as(intent.as ?? walk.as);
        const base = { ...(intent.intent ? { intent: intent.intent } : {}), ...intent.with?.(ids) };
        const label = `${walk.file} ${intent.intent ?? "(form)"}`;
        // The form's own fields, from the page as this visitor sees it.
        const page = await visitor.get(path);
        const names =
          page.status === 200 ? [...new Set([...(await page.text()).matchAll(/\bname="([A-Za-z][A-Za-z0-9_.-]{0,80})"/g)].map((match) => match[1]!))] : [];
        const fields = names.filter((name) => name !== "intent" && name !== "locale" && name !== "redirectTo");

        // The form sent empty, as a browser sends it: validation must refuse it and say where.
        const empty = await visitor.post(path, { ...Object.fromEntries(fields.map((name) => [name, ""])), ...base });
        expect(empty.status, `${label}: empty form`).toBeLessThan(500);
        const emptyHtml = await empty.text();
        if (!intent.noInput) {
          expect(empty.status, `${label}: empty form is refused`).toBeGreaterThanOrEqual(400);
          expect(emptyHtml, `${label}: a field error is shown`).toMatch(/class="field-error"/);
        }
        // Fields missing altogether, then every field filled with one kind of bad value.
        expect((await visitor.post(path, base)).status, `${label}: missing fields`).toBeLessThan(500);
        for (const [kind, value] of Object.entries(BAD_VALUES)) {
          const payload = { ...Object.fromEntries(fields.map((name) => [name, value])), ...base };
          const response = await visitor.post(path, payload);
          expect(response.status, `${label}: ${kind}`).toBeLessThan(500);
          const text = await response.text();
          expect(text.includes(SCRIPT) || text.includes(IMAGE), `${label}: ${kind} is echoed unescaped`).toBe(false);
        }
      }
    },
    120_000,
  );

  it("answers one 12 MB body with 413", async () => {
    const visitor = await as("visitor");
    const response = await visitor.post("/register", `name=${"x".repeat(12 * 1024 * 1024)}`);
    expect(response.status).toBe(413);
  });
});
