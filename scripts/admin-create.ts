// `npm run admin:create -- --email you@city.be --name "Your Name"`: makes an admin account (the first
// one on a production database). The password comes from ADMIN_PASSWORD or is asked for.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { hashPassword } from "~/auth/password.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/schema";
import { createPrismaClient, databaseUrl } from "~/db.server";
import { personSearchText } from "~/kernel/text";
import { z } from "zod";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const input = z
  .object({
    email: z.email().transform((value) => value.toLowerCase()),
    name: z.string().trim().min(1).max(100),
  })
  .safeParse(values);
if (!input.success) {
  console.error('Usage: npm run admin:create -- --email you@city.be --name "Your Name"');
  process.exit(2);
}

let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  password = await prompt.question(`Password (${PASSWORD_MIN}-${PASSWORD_MAX} characters): `);
  prompt.close();
}
if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
  console.error(`The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`);
  process.exit(2);
}

const db = createPrismaClient(databaseUrl());
try {
  const passwordHash = await hashPassword(password);
  const user = await db.user.upsert({
    where: { email: input.data.email },
    // An admin made here may log in and act: never deactivated nor blocked (decision 0034).
    update: { role: "ADMIN", passwordHash, emailVerifiedAt: new Date(), deactivatedAt: null, blockedAt: null, blockedReason: null, blockedById: null },
    create: { ...input.data, role: "ADMIN", passwordHash, emailVerifiedAt: new Date(), searchText: personSearchText(input.data.name, input.data.email) },
  });
  await db.auditLog.create({
    data: { action: "user.make-admin", entityType: "User", entityId: user.id, details: JSON.stringify({ via: "admin:create" }) },
  });
  console.log(`${user.email} is an admin now.`);
} finally {
  await db.$disconnect();
}
