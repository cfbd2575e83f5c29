// Whether the browser loads a page's data again after a form was posted with JavaScript. By default
// every posted form is followed by a second request for all of the page's loaders; an answer that
// stored nothing (a ballot step checked and shown back) says so, and that second trip is left out.
import type { ShouldRevalidateFunction } from "@remix-run/react";

const CHANGED_NOTHING = "changedNothing";

/** An action's answer that stored nothing and so changed nothing a loader reads. */
export function changingNothing<T extends object>(answer: T): T & { [CHANGED_NOTHING]: true } {
  return { ...answer, [CHANGED_NOTHING]: true };
}

/** Whether the answer of the action just posted (the router's `actionResult`) changed nothing. */
export function answerChangedNothing(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && (actionResult as Record<string, unknown>)[CHANGED_NOTHING] === true;
}

/** For a route whose loader reads nothing but what its actions store: nothing loaded again after an answer that changed nothing. */
export const notAfterAnAnswerThatChangedNothing: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  answerChangedNothing(actionResult) ? false : defaultShouldRevalidate;
