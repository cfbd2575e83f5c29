/** Whether a database error is a unique-constraint violation (Prisma's P2002), e.g. a number or slot taken by a concurrent write. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
