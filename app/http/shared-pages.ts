// Which pages the page cache (scripts/page-cache.mjs, decision 0022) may send again to other visitors:
// those whose route declares, in its handle, that every visitor who is not signed in sees the page
// alike — what it shows depends on its path and query, the reader's language and the data, never on
// who asks. Pages with a visitor's own state (a vote, a link's token, a form's answer) do not.

/** Part of a route's `handle`: its page is the same for every visitor who is not signed in. */
export interface SharedPageHandle {
  sameForEveryVisitor?: true;
}

/** Whether a page may be shared: its deepest route says so (a layout's handle does not speak for its pages). */
export function isSharedPage(handles: readonly unknown[]): boolean {
  const page = handles.at(-1) as SharedPageHandle | null | undefined;
  return page?.sameForEveryVisitor === true;
}
