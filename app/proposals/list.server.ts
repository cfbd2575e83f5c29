import type { Db } from "~/db.server";
import { normalizeForSearch } from "~/kernel/text";
import { listRoundProposals } from "./proposals.server";
import { listFiltersSchema } from "./schema.server";

/** A round's public proposals as the list and the map show them, with the filters read from the page's query. */
export async function filteredRoundProposals(db: Db, roundId: string, query: URLSearchParams) {
  const filters = listFiltersSchema.parse(Object.fromEntries(query));
  const [proposals, categories] = await Promise.all([
    listRoundProposals(db, roundId, {
      query: normalizeForSearch(filters.q),
      categoryId: filters.category || null,
      status: filters.status ?? null,
      sort: filters.sort,
    }),
    db.category.findMany({ where: { roundId }, orderBy: { position: "asc" } }),
  ]);
  return { filters, filtered: Boolean(filters.q || filters.category || filters.status), categories, proposals };
}
