// The PostgreSQL twin of the canonical (SQLite) Prisma schema. Pure text transform, no I/O, so the
// unit tests can check that the committed prisma/postgres/schema.prisma is up to date.

export const POSTGRES_TWIN_HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:generate`: the PostgreSQL twin of the canonical schema.\n" +
  "// DO NOT EDIT: change prisma/schema.prisma and run `npm run db:generate` again.\n";

const REPLACEMENTS = [
  ['provider = "sqlite"', 'provider = "postgresql"'],
  ['"../app/generated/sqlite"', '"../../app/generated/postgres"'],
];

/**
 * @param {string} canonicalText the text of prisma/schema.prisma
 * @returns {string} the text of prisma/postgres/schema.prisma
 */
export function postgresSchemaFrom(canonicalText) {
  let text = canonicalText;
  for (const [from, to] of REPLACEMENTS) {
    const count = text.split(from).length - 1;
    if (count !== 1) {
      throw new Error(`prisma/schema.prisma must contain \`${from}\` exactly once to derive the PostgreSQL schema (found ${count})`);
    }
    text = text.replace(from, to);
  }
  return POSTGRES_TWIN_HEADER + text;
}
