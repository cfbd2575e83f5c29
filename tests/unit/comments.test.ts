// The rules of comments and moderation (decision 0036): when a proposal takes comments, the edit
// window, who may delete or be answered, how writers are marked, the thread's query, what residents
// get of a hidden proposal, and the shared schemas.
import { describe, expect, it } from "vitest";
import {
  commentMarks,
  eraseAfter,
  EDIT_WINDOW_MS,
  KEEP_HIDDEN_MS,
  mayDeleteComment,
  mayEditComment,
  mayReplyTo,
  pageCount,
  threadQuery,
  whyCommentsShut,
} from "~/comments/rules";
import { commentSchema, reportSchema } from "~/comments/schema";
import { withHiddenNotes, withoutHiddenText } from "~/moderation/hidden";
import { moderateSchema } from "~/moderation/schema";
import { PHASES } from "~/rounds/phases";

const open = { status: "SUBMITTED" as const, hiddenAt: null, commentsClosedAt: null };

describe("when a proposal takes comments", () => {
  it("is from SUBMISSION through PUBLISHED, by phase alone", () => {
    const openIn = PHASES.filter((phase) => whyCommentsShut(open, phase) === null);
    expect(openIn).toEqual(["SUBMISSION", "REVIEW", "VOTING", "TALLY", "PUBLISHED"]);
    expect(whyCommentsShut(open, "CLOSED")).toBe("phase");
    expect(whyCommentsShut(open, "DRAFT")).toBe("phase");
  });

  it("never on a draft, a hidden proposal, or one whose comments staff closed", () => {
    expect(whyCommentsShut({ ...open, status: "DRAFT" }, "SUBMISSION")).toBe("draft");
    expect(whyCommentsShut({ ...open, hiddenAt: new Date() }, "VOTING")).toBe("hidden");
    expect(whyCommentsShut({ ...open, commentsClosedAt: new Date() }, "VOTING")).toBe("closed");
  });
});

describe("a comment's author", () => {
  const now = new Date("2026-12-07T10:00:00Z");
  const comment = (minutesAgo: number, extra: Partial<{ deletedAt: Date; hiddenAt: Date }> = {}) => ({
    authorId: "elif",
    createdAt: new Date(now.getTime() - minutesAgo * 60_000),
    deletedAt: null,
    hiddenAt: null,
    ...extra,
  });

  it("may edit for 15 minutes, and nobody else ever", () => {
    expect(EDIT_WINDOW_MS).toBe(15 * 60_000);
    expect(mayEditComment(comment(14), "elif", now)).toBe(true);
    expect(mayEditComment(comment(15), "elif", now)).toBe(true);
    expect(mayEditComment(comment(16), "elif", now)).toBe(false);
    expect(mayEditComment(comment(1), "marie", now)).toBe(false);
    expect(mayEditComment(comment(1), null, now)).toBe(false);
    expect(mayEditComment(comment(1, { hiddenAt: now }), "elif", now)).toBe(false);
  });

  it("may delete their own comment once, not a hidden one (kept for the appeal)", () => {
    expect(mayDeleteComment(comment(600), "elif")).toBe(true);
    expect(mayDeleteComment(comment(600), "marie")).toBe(false);
    expect(mayDeleteComment(comment(1, { deletedAt: now }), "elif")).toBe(false);
    expect(mayDeleteComment(comment(1, { hiddenAt: now }), "elif")).toBe(false);
  });
});

describe("replies", () => {
  it("go one level deep, to a comment that is still there", () => {
    expect(mayReplyTo({ parentId: null, deletedAt: null, hiddenAt: null })).toBe(true);
    expect(mayReplyTo({ parentId: "c1", deletedAt: null, hiddenAt: null })).toBe(false);
    expect(mayReplyTo({ parentId: null, deletedAt: new Date(), hiddenAt: null })).toBe(false);
    expect(mayReplyTo({ parentId: null, deletedAt: null, hiddenAt: new Date() })).toBe(false);
  });
});

describe("marks", () => {
  it("say who speaks: an author of the proposal, a panel member as such, city staff", () => {
    expect(commentMarks({ authorId: "ivan", asPanelMember: false, authorRole: "RESIDENT" }, ["ivan", "marie"])).toEqual(["author"]);
    expect(commentMarks({ authorId: "pieter", asPanelMember: true, authorRole: "RESIDENT" }, ["ivan"])).toEqual(["panel"]);
    expect(commentMarks({ authorId: "sara", asPanelMember: false, authorRole: "STAFF" }, ["ivan"])).toEqual(["staff"]);
    expect(commentMarks({ authorId: "an", asPanelMember: false, authorRole: "ADMIN" }, [])).toEqual(["staff"]);
    expect(commentMarks({ authorId: "elif", asPanelMember: false, authorRole: "RESIDENT" }, ["ivan"])).toEqual([]);
  });
});

describe("the thread's query", () => {
  it("is newest first on page 1 unless the query says otherwise, and ignores nonsense", () => {
    expect(threadQuery(new URLSearchParams(""))).toEqual({ sort: "newest", page: 1 });
    expect(threadQuery(new URLSearchParams("comments=oldest&commentsPage=3"))).toEqual({ sort: "oldest", page: 3 });
    expect(threadQuery(new URLSearchParams("comments=<script>&commentsPage=-2"))).toEqual({ sort: "newest", page: 1 });
    expect(threadQuery(new URLSearchParams("commentsPage=1.5"))).toEqual({ sort: "newest", page: 1 });
    expect(threadQuery(new URLSearchParams("commentsPage=99999999"))).toEqual({ sort: "newest", page: 1 });
    expect([pageCount(0), pageCount(20), pageCount(21)]).toEqual([1, 1, 2]);
  });
});

describe("hidden text", () => {
  it("is kept 90 days from hiding", () => {
    expect(KEEP_HIDDEN_MS).toBe(90 * 86_400_000);
    expect(eraseAfter(new Date("2026-01-01T00:00:00Z")).toISOString()).toBe("2026-04-01T00:00:00.000Z");
  });

  it("of a proposal never reaches residents: no texts, photos, cost labels or place", () => {
    const shown = withoutHiddenText({
      number: 4,
      texts: [{ locale: "nl", title: "Geheim" }],
      photos: [{ fileName: "x.jpg" }],
      costLines: [{ label: "Bank", labels: '{"fr":"Banc"}', amountCents: 100 }],
      locationText: "Rabotstraat 1",
      latitude: 51.06,
      longitude: 3.71,
      carrierNames: "Buren",
    });
    expect(shown).toEqual({
      number: 4,
      texts: [],
      photos: [],
      costLines: [{ label: "", labels: "{}", amountCents: 100 }],
      locationText: "",
      latitude: null,
      longitude: null,
      carrierNames: "",
    });
  });

  it("of a proposal in a list (the panel's workspace, an event) leaves its row with the note; staff who moderate keep the text", () => {
    const rows = [
      { id: "a", number: 1, texts: [{ locale: "nl", title: "Gewoon" }] },
      { id: "b", number: 2, texts: [{ locale: "nl", title: "Geheim" }] },
    ];
    const hidden = new Map([["b", { reason: "Reclame", locale: "nl" as const }]]);
    expect(withHiddenNotes(rows, hidden, false)).toEqual([
      { ...rows[0], hidden: null },
      { id: "b", number: 2, texts: [], hidden: { reason: "Reclame", locale: "nl" } },
    ]);
    expect(withHiddenNotes(rows, hidden, true)[1]).toEqual({ ...rows[1], hidden: { reason: "Reclame", locale: "nl" } });
  });
});

describe("the forms' schemas", () => {
  it("want a comment's text and the language it is written in", () => {
    expect(commentSchema.safeParse({ intent: "comment", body: "  ", locale: "tr" }).success).toBe(false);
    expect(commentSchema.safeParse({ intent: "comment", body: "x".repeat(2001), locale: "tr" }).success).toBe(false);
    expect(commentSchema.safeParse({ intent: "comment", body: "Merhaba", locale: "de" }).success).toBe(false);
    expect(commentSchema.parse({ intent: "comment", body: " Merhaba ", locale: "tr" })).toMatchObject({ body: "Merhaba", asPanelMember: false });
  });

  it("want an explanation with a report of 'something else' only", () => {
    expect(reportSchema.safeParse({ intent: "report", reason: "SPAM" }).success).toBe(true);
    expect(reportSchema.safeParse({ intent: "report", reason: "OTHER", text: "" }).success).toBe(false);
    expect(reportSchema.safeParse({ intent: "report", reason: "OTHER", text: "Reclame voor een garage" }).success).toBe(true);
    expect(reportSchema.safeParse({ intent: "report", reason: "BORING" }).success).toBe(false);
  });

  it("want a reason to hide or restore", () => {
    const hide = { intent: "hide", kind: "comment", itemId: "c1", reasonLocale: "nl" };
    expect(moderateSchema.safeParse({ ...hide, reason: "" }).success).toBe(false);
    expect(moderateSchema.safeParse({ ...hide, reason: "Scheldwoorden" }).success).toBe(true);
    expect(moderateSchema.safeParse({ ...hide, kind: "event", reason: "Scheldwoorden" }).success).toBe(false);
  });
});
