// The accessibility statement (/accessibility) after the EU model statement (Commission Implementing
// Decision (EU) 2018/1523): its facts that are not translations live here (decision 0032).

/** The day this statement was last checked against the site; change it with every review. */
export const STATEMENT_REVIEWED_ON = "2026-12-07";

/** Where a resident who finds no help with the city goes: the Flemish Ombudsman service. */
export const OMBUDSMAN = {
  name: "Vlaamse Ombudsdienst",
  address: "Leuvenseweg 86, 1000 Brussel",
  website: "https://www.vlaamseombudsdienst.be",
} as const;

/** An address worth writing to: something@domain.tld, without spaces or a second @. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * CONTACT_EMAIL, where residents send accessibility feedback (and other questions about the site):
 * null when it is not set — the statement then says no address has been given yet and points to the
 * ombudsman. A value that is no email address is a configuration error the server refuses to start with.
 */
export function contactEmail(env: Record<string, string | undefined> = process.env): string | null {
  const value = env.CONTACT_EMAIL?.trim();
  if (!value) return null;
  if (!EMAIL.test(value)) throw new Error(`CONTACT_EMAIL is not an email address: ${JSON.stringify(value)}`);
  return value;
}
