/**
 * Whether a database error is a unique-constraint violation, e.g. a number or slot taken by a concurrent
 * write: Prisma's P2002, or the driver adapter's own error from a statement written in SQL (sqlTransaction).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, name, cause } = error as { code?: string; name?: string; cause?: { kind?: string } };
  return code === "P2002" || (name === "DriverAdapterError" && cause?.kind === "UniqueConstraintViolation");
}
