// The audit log's filters written into links (paging, the spreadsheet file): what the page needs in the
// browser, without zod (decision 0019; filters.ts reads them on the server). Pure.

/** Which entries the log shows (all optional): about a round, by a person, of an action, between two Brussels days. */
export interface AuditFilter {
  round?: string;
  actor?: string;
  action?: string;
  /** "YYYY-MM-DD", Brussels days, both inclusive. */
  from?: string;
  to?: string;
}

/** The query string of a filter (and page), without empty parameters: "?round=…&page=2", or "" for none. */
export function auditQueryString(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  for (const name of ["round", "actor", "action", "from", "to"] as const) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  if (page && page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
