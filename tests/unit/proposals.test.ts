import { describe, expect, it } from "vitest";
import { allowedActions, decide, mayView, PROPOSAL_ACTIONS, relationTo, type Actor, type ProposalAction, type ProposalFacts } from "~/proposals/policy";
import { parsePolygon, pointInPolygon } from "~/kernel/geo";
import { applyRowIntent, proposalFormValues } from "~/proposals/form-values";
import { isStatusMove, PROPOSAL_STATUSES, STATUS_MOVES, STATUS_PATH, type ProposalStatus } from "~/proposals/lifecycle";
import type { Phase } from "~/rounds/phases";
import { amountProblems, shareLimitCents, totalOf } from "~/proposals/rules";
import { proposalSchemaFor } from "~/proposals/schema";
import { normalizeForSearch, searchTextOf } from "~/kernel/text";
import { saveProblems, submissionProblems, type RoundContext } from "~/proposals/submission";

const ARSENAAL = parsePolygon(
  JSON.stringify({
    type: "Polygon",
    coordinates: [
      [
        [4.4785, 51.0205],
        [4.4905, 51.0215],
        [4.4945, 51.0135],
        [4.486, 51.0095],
        [4.477, 51.013],
        [4.4785, 51.0205],
      ],
    ],
  }),
)!;

describe("amount rules", () => {
  const rules = { budgetCents: 4_000_000, minAmountCents: 50_000, maxAmountCents: 1_500_000, maxSharePercent: 30 };

  it("sum the cost lines exactly, in cents", () => {
    expect(totalOf([{ amountCents: 10 }, { amountCents: 20 }, { amountCents: 1_000_070 }])).toBe(1_000_100);
  });

  it("accept a total within every rule", () => {
    expect(amountProblems(1_000_000, rules)).toEqual([]);
  });

  it("name each rule the total breaks, with its limit", () => {
    expect(amountProblems(49_999, rules)).toEqual([{ problem: "amountBelowMinimum", limitCents: 50_000 }]);
    expect(amountProblems(1_500_001, rules)).toEqual([
      { problem: "amountAboveMaximum", limitCents: 1_500_000 },
      { problem: "amountAboveShare", limitCents: 1_200_000 },
    ]);
    expect(amountProblems(0, rules)).toEqual([{ problem: "amountMissing", limitCents: 0 }]);
  });

  it("round the share limit down to the cent (Oostende's 75%)", () => {
    expect(shareLimitCents({ budgetCents: 3_333_333, minAmountCents: null, maxAmountCents: null, maxSharePercent: 75 })).toBe(2_499_999);
    expect(amountProblems(2_500_000, { budgetCents: 3_333_333, minAmountCents: null, maxAmountCents: null, maxSharePercent: 75 })).toEqual([
      { problem: "amountAboveShare", limitCents: 2_499_999 },
    ]);
  });

  it("never allow more than the whole budget, even without other rules", () => {
    expect(amountProblems(4_000_001, { budgetCents: 4_000_000, minAmountCents: null, maxAmountCents: null, maxSharePercent: null })).toEqual([
      { problem: "amountAboveBudget", limitCents: 4_000_000 },
    ]);
  });
});

describe("a point on the map", () => {
  it("is inside the neighbourhood or not", () => {
    expect(pointInPolygon({ longitude: 4.485, latitude: 51.015 }, ARSENAAL)).toBe(true);
    expect(pointInPolygon({ longitude: 4.47, latitude: 51.015 }, ARSENAAL)).toBe(false);
    expect(pointInPolygon({ longitude: 4.485, latitude: 51.03 }, ARSENAAL)).toBe(false);
  });

  it("in a hole of the polygon is outside", () => {
    const withHole = parsePolygon(
      JSON.stringify({
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 10],
            [0, 0],
          ],
          [
            [4, 4],
            [6, 4],
            [6, 6],
            [4, 6],
            [4, 4],
          ],
        ],
      }),
    )!;
    expect(pointInPolygon({ longitude: 2, latitude: 2 }, withHole)).toBe(true);
    expect(pointInPolygon({ longitude: 5, latitude: 5 }, withHole)).toBe(false);
  });

  it("needs a well-formed boundary", () => {
    expect(parsePolygon("not json")).toBeNull();
    expect(parsePolygon('{"type":"Point","coordinates":[1,2]}')).toBeNull();
  });
});

describe("search text", () => {
  it("ignores case and accents, Turkish and Bulgarian included", () => {
    expect(normalizeForSearch("Çöp KUTUSU için Işık")).toBe("cop kutusu icin isik");
    expect(normalizeForSearch("Samentuin  Rolliersstraat — zaaifeest")).toBe("samentuin rolliersstraat — zaaifeest");
    expect(normalizeForSearch("Пейка в ПАРКА")).toBe("пеика в парка");
    expect(normalizeForSearch("Crème brûlée")).toBe("creme brulee");
  });

  it("covers every language version and the public number", () => {
    const text = searchTextOf(7, [
      { title: "Samentuin", summary: "Groenten", description: "Zaaifeest" },
      { title: "Ortak bahçe", summary: "Sebze", description: "Ekim şenliği" },
    ]);
    expect(text).toContain("#7");
    expect(text).toContain("ortak bahce");
    expect(text).toContain("ekim senligi");
  });
});

describe("a proposal's policy: who may do what, when", () => {
  const now = new Date("2026-11-27T10:00:00Z");
  const later = new Date("2026-12-01T10:00:00Z");
  const earlier = new Date("2026-11-20T10:00:00Z");
  const author = { id: "a", role: "RESIDENT" } as const;
  const member = { id: "m", role: "RESIDENT" } as const;
  const staff = { id: "s", role: "STAFF" } as const;
  const neighbour = { id: "x", role: "RESIDENT" } as const;
  const facts = (status: ProposalStatus, phase: Phase, changesDeadline: Date | null = null, teamsMayCreateEvents = false): ProposalFacts => ({
    authorId: "a",
    memberIds: ["m"],
    status,
    phase,
    changesDeadline,
    teamsMayCreateEvents,
    hidden: false,
  });
  const may = (actor: Actor, proposal: ProposalFacts, action: ProposalAction) => decide(actor, proposal, action, now).ok;
  const answer = (actor: Actor, proposal: ProposalFacts, action: ProposalAction) => {
    const decision = decide(actor, proposal, action, now);
    return decision.ok ? "ok" : `${decision.status} ${decision.formError}`;
  };

  it("lets drafts and submitted proposals change only during SUBMISSION", () => {
    expect(may(author, facts("DRAFT", "SUBMISSION"), "edit")).toBe(true);
    expect(may(member, facts("SUBMITTED", "SUBMISSION"), "edit")).toBe(true);
    expect(may(author, facts("SUBMITTED", "REVIEW"), "edit")).toBe(false);
    expect(may(author, facts("DRAFT", "REVIEW"), "edit")).toBe(false);
    expect(may(author, facts("ADMISSIBLE", "SUBMISSION"), "edit")).toBe(false);
  });

  it("lets requested changes be made and resubmitted until the deadline, even after SUBMISSION", () => {
    expect(may(author, facts("CHANGES_REQUESTED", "REVIEW", later), "edit")).toBe(true);
    expect(may(author, facts("CHANGES_REQUESTED", "REVIEW", later), "submit")).toBe(true);
    expect(may(author, facts("CHANGES_REQUESTED", "REVIEW", earlier), "edit")).toBe(false);
    expect(answer(author, facts("SUBMITTED", "SUBMISSION"), "submit")).toBe("409 proposals:errors.submitClosed");
  });

  it("allows withdrawing until voting, to the people who carry the proposal", () => {
    expect(may(member, facts("ADMISSIBLE", "REVIEW"), "withdraw")).toBe(true);
    expect(may(author, facts("ON_BALLOT", "VOTING"), "withdraw")).toBe(false);
    expect(may(author, facts("ADMISSIBLE", "VOTING"), "withdraw")).toBe(false);
    expect(may(author, facts("WITHDRAWN", "SUBMISSION"), "withdraw")).toBe(false);
    expect(answer(staff, facts("ADMISSIBLE", "REVIEW"), "withdraw")).toBe("403 proposals:errors.notYours");
  });

  it("takes a feasibility verdict once, from staff, on a submitted proposal, before voting", () => {
    expect(may(staff, facts("SUBMITTED", "REVIEW"), "verdict")).toBe(true);
    expect(may(staff, facts("ADMISSIBLE", "REVIEW"), "verdict")).toBe(false);
    expect(may(staff, facts("SUBMITTED", "VOTING"), "verdict")).toBe(false);
    expect(answer(author, facts("SUBMITTED", "REVIEW"), "verdict")).toBe("403 proposals:errors.notYours");
  });

  it("closes requested changes at voting, and lets staff decide once their deadline passed", () => {
    expect(may(author, facts("CHANGES_REQUESTED", "VOTING", later), "edit")).toBe(false);
    expect(may(staff, facts("CHANGES_REQUESTED", "REVIEW", later), "verdict")).toBe(false);
    expect(may(staff, facts("CHANGES_REQUESTED", "REVIEW", earlier), "verdict")).toBe(true);
  });

  it("lets staff translate anything still in the running, carriers only while they may edit", () => {
    expect(may(staff, facts("ON_BALLOT", "VOTING"), "translate")).toBe(true);
    expect(may(staff, facts("WITHDRAWN", "SUBMISSION"), "translate")).toBe(false);
    expect(may(member, facts("ON_BALLOT", "VOTING"), "translate")).toBe(false);
    expect(may(member, facts("SUBMITTED", "SUBMISSION"), "translate")).toBe(true);
  });

  it("lets the team organise events only when the round allows it and the proposal is public and standing", () => {
    expect(may(member, facts("ADMISSIBLE", "REVIEW", null, true), "organiseEvent")).toBe(true);
    expect(answer(member, facts("ADMISSIBLE", "REVIEW", null, false), "organiseEvent")).toBe("409 events:errors.teamsMayNot");
    expect(may(author, facts("WITHDRAWN", "REVIEW", null, true), "organiseEvent")).toBe(false);
    expect(answer(neighbour, facts("ADMISSIBLE", "REVIEW", null, true), "organiseEvent")).toBe("403 proposals:errors.notYours");
  });

  it("freezes a proposal hidden by moderation: nobody changes, translates, adds to or posts under it; its carriers may still withdraw", () => {
    const hidden = (facts: ProposalFacts): ProposalFacts => ({ ...facts, hidden: true });
    const open = facts("SUBMITTED", "SUBMISSION", null, true);
    for (const action of ["edit", "submit", "translate", "invite", "organiseEvent"] as const) {
      for (const actor of [author, member]) expect(answer(actor, hidden(open), action)).toBe("409 proposals:errors.hiddenByModeration");
    }
    expect(answer(staff, hidden(open), "edit")).toBe("409 proposals:errors.hiddenByModeration");
    expect(answer(staff, hidden(facts("SHORTLISTED", "VOTING")), "translate")).toBe("409 proposals:errors.hiddenByModeration");
    const changes = facts("CHANGES_REQUESTED", "REVIEW", later);
    expect(answer(author, hidden(changes), "submit")).toBe("409 proposals:errors.hiddenByModeration");
    // Leaving the proposal alone stays possible, and the page offers exactly that.
    expect(may(author, hidden(open), "withdraw")).toBe(true);
    expect(may(member, hidden(open), "editPeople")).toBe(true);
    const offered = allowedActions(author, hidden(open), now);
    expect(offered).toMatchObject({ edit: false, submit: false, translate: false, invite: false, organiseEvent: false, withdraw: true });
    // Someone else is still told it is not theirs, before being told why not now.
    expect(answer(neighbour, hidden(open), "edit")).toBe("403 proposals:errors.notYours");
  });

  it("answers 404 for a draft someone may not see, 403 for what is not theirs, 409 for what is not now", () => {
    expect(answer(neighbour, facts("DRAFT", "SUBMISSION"), "edit")).toBe("404 proposals:errors.unknown");
    expect(answer(null, facts("SUBMITTED", "SUBMISSION"), "edit")).toBe("403 proposals:errors.notYours");
    expect(answer(author, facts("SUBMITTED", "REVIEW"), "edit")).toBe("409 proposals:errors.editClosed");
  });

  it("offers on the page exactly what it accepts", () => {
    const offered = allowedActions(member, facts("SUBMITTED", "SUBMISSION"), now);
    for (const action of PROPOSAL_ACTIONS) expect(offered[action]).toBe(may(member, facts("SUBMITTED", "SUBMISSION"), action));
    expect(offered).toMatchObject({ edit: true, submit: false, withdraw: true, verdict: false, coach: false });
  });
});

describe("who may see a proposal", () => {
  const proposal = { authorId: "a", memberIds: ["m"] };
  it("relates authors, co-proposers, staff and others", () => {
    expect(relationTo({ id: "a", role: "RESIDENT" }, proposal)).toBe("author");
    expect(relationTo({ id: "m", role: "RESIDENT" }, proposal)).toBe("member");
    expect(relationTo({ id: "s", role: "STAFF" }, proposal)).toBe("staff");
    expect(relationTo({ id: "x", role: "RESIDENT" }, proposal)).toBeNull();
    expect(relationTo(null, proposal)).toBeNull();
  });

  it("hides drafts from everyone but the people who carry them and staff", () => {
    expect(mayView(null, { ...proposal, status: "DRAFT" })).toBe(false);
    expect(mayView({ id: "x", role: "RESIDENT" }, { ...proposal, status: "DRAFT" })).toBe(false);
    expect(mayView(null, { ...proposal, status: "SUBMITTED" })).toBe(true);
    expect(mayView({ id: "m", role: "RESIDENT" }, { ...proposal, status: "DRAFT" })).toBe(true);
    expect(mayView({ id: "s", role: "STAFF" }, { ...proposal, status: "DRAFT" })).toBe(true);
  });
});

describe("the proposal form", () => {
  const round: RoundContext = {
    rules: { budgetCents: 4_000_000, minAmountCents: 50_000, maxAmountCents: null, maxSharePercent: 75 },
    categoryIds: ["ontmoeting", "mooie-buurt"],
    organisationsMaySubmit: false,
    boundary: ARSENAAL,
  };
  const parse = (values: Record<string, unknown>) => proposalSchemaFor("nl").parse({ originalLocale: "nl", title: "Samentuin", ...values });

  it("keeps a draft with only a title", () => {
    expect(saveProblems(parse({}), round)).toEqual({});
  });

  it("asks for texts, a category, a place and costs within the rules before submitting", () => {
    expect(submissionProblems(parse({ costLines: [{ label: "Bakken", amount: "100" }] }), round)).toEqual({
      summary: "validation.required",
      description: "validation.required",
      locationText: "validation.required",
      categoryId: "validation.required",
      total: "proposal-form:validation.amountBelowMinimum",
    });
  });

  it("accepts a complete proposal and recomputes the total from its lines", () => {
    const input = parse({
      summary: "Een tuin",
      description: "Met buren",
      locationText: "Rolliersstraat",
      categoryId: "ontmoeting",
      costLines: [
        { label: "Bakken", amount: "1200,50" },
        { label: "", amount: "" },
        { label: "Zaad", amount: "99,50" },
      ],
      latitude: "51,015",
      longitude: "4.485",
    });
    expect(submissionProblems(input, round)).toEqual({});
    expect(input.latitude).toBe(51.015);
  });

  it("refuses a point outside the neighbourhood, a foreign category and an organisation where none may submit", () => {
    const input = parse({ latitude: "51.2", longitude: "4.4", categoryId: "elders", carrier: "ORGANISATION", organisationName: "vzw" });
    expect(saveProblems(input, round)).toEqual({
      categoryId: "validation.choice",
      latitude: "proposal-form:validation.pointOutside",
      carrier: "proposal-form:validation.noOrganisations",
    });
  });

  it("refuses half a cost line and half a point", () => {
    const result = proposalSchemaFor("nl").safeParse({ originalLocale: "nl", title: "X", costLines: [{ label: "Bakken", amount: "" }], latitude: "51" });
    expect(result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["costLines.0.amount", "validation.required"],
      ["longitude", "common:validation.pointIncomplete"],
    ]);
  });

  it("adds and removes cost rows without JavaScript", () => {
    const values = {
      title: "X",
      costLines: [
        { label: "a", amount: "1" },
        { label: "b", amount: "2" },
      ],
    };
    expect(applyRowIntent(values, "add-line")).toEqual({ title: "X", costLines: [...values.costLines, { label: "", amount: "" }] });
    expect(applyRowIntent(values, "remove-line-0")).toEqual({ title: "X", costLines: [{ label: "b", amount: "2" }] });
    expect(applyRowIntent(values, "save")).toBeNull();
  });

  it("fills the form from a stored proposal, amounts as the reader's language writes them", () => {
    expect(
      proposalFormValues(
        {
          originalLocale: "tr",
          categoryId: null,
          locationText: "",
          latitude: null,
          longitude: 4.5,
          carrier: "RESIDENTS",
          carrierNames: "",
          organisationName: "",
          texts: [{ locale: "tr", title: "Bank", summary: "s", description: "d" }],
          costLines: [{ label: "Bank", amountCents: 125_050 }],
        },
        "en",
      ),
    ).toMatchObject({ title: "Bank", categoryId: "", latitude: "", longitude: "4.5", costLines: [{ label: "Bank", amount: "1,250.50" }] });
  });
});

describe("map tiles", () => {
  it("are allowed by the CSP for the configured server only", async () => {
    const { tileSource, mapSettings } = await import("~/proposals/map");
    expect(tileSource("https://{s}.tiles.mechelen.be/{z}/{x}/{y}.png")).toBe("https://*.tiles.mechelen.be");
    expect(tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://tile.openstreetmap.org");
    expect(tileSource("/test-tiles/{z}/{x}/{y}.png")).toBeNull();
    expect(tileSource("https://evil.example; script-src *")).toBeNull();
    expect(mapSettings({ MAP_TILE_URL: "https://x.be/{z}/{x}/{y}.png" }).tileUrl).toBe("https://x.be/{z}/{x}/{y}.png");
  });
});

describe("a proposal's status moves", () => {
  it("follow the path of a funded project, step by step", () => {
    for (const [from, to] of STATUS_PATH.slice(0, -1).map((status, index) => [status, STATUS_PATH[index + 1]!] as const)) {
      expect(isStatusMove(from, to), `${from} → ${to}`).toBe(true);
    }
  });

  it("never leave a final status, and never go back to being a draft", () => {
    for (const final of ["INADMISSIBLE", "REALISED", "WITHDRAWN"] as const) expect(STATUS_MOVES[final]).toEqual([]);
    for (const status of PROPOSAL_STATUSES) expect(isStatusMove(status, "DRAFT")).toBe(false);
  });

  it("let the team withdraw only before the ballot, and staff a funded project that proves impossible", () => {
    const withdrawable = PROPOSAL_STATUSES.filter((status) => isStatusMove(status, "WITHDRAWN"));
    expect(withdrawable).toEqual(["DRAFT", "SUBMITTED", "ADMISSIBLE", "CHANGES_REQUESTED", "SHORTLISTED", "FUNDED", "IN_PROGRESS"]);
    expect(isStatusMove("ON_BALLOT", "WITHDRAWN")).toBe(false);
  });
});
