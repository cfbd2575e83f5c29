import { normalizeForSearch } from "~/kernel/text";

/**
 * Whether a placement's street matches what a resident typed, ignoring case, accents and extra
 * spaces ("vercoulliestraat" finds "Prof. Jozef Vercoulliestraat"). An empty search matches nothing.
 */
export function streetMatches(street: string, query: string): boolean {
  const wanted = normalizeForSearch(query).replace(/[.,]/g, "");
  if (!wanted) return false;
  return normalizeForSearch(street).replace(/[.,]/g, "").includes(wanted);
}
