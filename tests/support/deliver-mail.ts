// Another instance's delivery worker, for tests: `tsx tests/support/deliver-mail.ts` with DATABASE_URL
// and OUTBOX_DIR. Connects, prints "ready", waits for a line on stdin, delivers every due message
// once, and prints what it did as JSON.
import { once } from "node:events";
import { createPrismaClient } from "~/db.server";
import { deliverDueMail } from "~/mail/outbox.server";
// Digests and voting reminders run here as in the server (they register with the outbox).
import "~/notifications/tasks.server";

const db = createPrismaClient(process.env.DATABASE_URL!);
await db.$queryRawUnsafe("SELECT 1");
console.log("ready");
await once(process.stdin, "data");
console.log(JSON.stringify(await deliverDueMail(db)));
await db.$disconnect();
process.exit(0);
