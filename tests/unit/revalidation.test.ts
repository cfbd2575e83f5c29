import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import { describe, expect, it } from "vitest";
import { answerChangedNothing, changingNothing, notAfterAnAnswerThatChangedNothing } from "~/http/revalidation";

const after = (actionResult: unknown, defaultShouldRevalidate = true): ShouldRevalidateFunctionArgs => ({
  currentUrl: new URL("http://localhost/vote/r1"),
  currentParams: { roundId: "r1" },
  nextUrl: new URL("http://localhost/vote/r1"),
  nextParams: { roundId: "r1" },
  formMethod: "POST",
  actionResult,
  defaultShouldRevalidate,
});

describe("loading a page's data again after a form was posted", () => {
  it("is left out after an answer that changed nothing, and keeps the answer's own fields", () => {
    const answer = changingNothing({ stage: "review", code: "ABCD-EFGH-JKLM" });
    expect(answer).toMatchObject({ stage: "review", code: "ABCD-EFGH-JKLM" });
    expect(answerChangedNothing(answer)).toBe(true);
    expect(notAfterAnAnswerThatChangedNothing(after(answer))).toBe(false);
  });

  it("follows the router's rule after any other answer, a redirect or a navigation", () => {
    for (const actionResult of [{ stage: "declared" }, { stage: "review", changedNothing: "yes" }, null, undefined, "changedNothing"]) {
      expect(answerChangedNothing(actionResult)).toBe(false);
      expect(notAfterAnAnswerThatChangedNothing(after(actionResult, true))).toBe(true);
      expect(notAfterAnAnswerThatChangedNothing(after(actionResult, false))).toBe(false);
    }
  });
});
