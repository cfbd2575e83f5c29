import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The language the message is written in (the recipient's). */
  locale: string;
}

export interface OutboxEntry extends MailMessage {
  from: string;
  sentAt: string;
}

export function outboxDir(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(env.OUTBOX_DIR ?? path.join("data", "outbox"));
}

function sender(env: Record<string, string | undefined>): string {
  return env.MAIL_FROM ?? "Wijkbudget <no-reply@wijkbudget.localhost>";
}

let transport: nodemailer.Transporter | undefined;
let sequence = 0;

/**
 * Sends over SMTP when SMTP_URL is set; otherwise writes the message as JSON into the outbox folder
 * (data/outbox, or OUTBOX_DIR), where developers and tests read it.
 */
export async function sendMail(message: MailMessage, env: Record<string, string | undefined> = process.env): Promise<void> {
  const from = sender(env);
  if (env.SMTP_URL) {
    transport ??= nodemailer.createTransport(env.SMTP_URL);
    await transport.sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { "Content-Language": message.locale },
    });
    return;
  }
  const dir = outboxDir(env);
  await fs.mkdir(dir, { recursive: true });
  const entry: OutboxEntry = { ...message, from, sentAt: new Date().toISOString() };
  // Sorting by name gives sending order: time, then this process's sequence number.
  const name = `${entry.sentAt.replace(/[:.]/g, "-")}-${String(++sequence).padStart(8, "0")}-${crypto.randomUUID()}.json`;
  // Written under a temporary name and renamed, so a reader never sees half a message.
  const temporary = path.join(dir, `${name}.partial`);
  await fs.writeFile(temporary, JSON.stringify(entry, null, 2));
  await fs.rename(temporary, path.join(dir, name));
}

const pending = new Set<Promise<void>>();

/**
 * Sends without making the request wait: used where the time an answer takes must not tell
 * whether a message was sent (account flows). Failures are logged, never shown.
 */
export function sendMailLater(message: MailMessage): void {
  const delivery: Promise<void> = sendMail(message)
    .catch((error: unknown) => console.error("Mail delivery failed:", error))
    .finally(() => pending.delete(delivery));
  pending.add(delivery);
}

/** Waits until every message handed to sendMailLater is delivered (for tests and shutdown). */
export async function settleMail(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}

/** Messages in the outbox, oldest first (for development tools and tests). */
export async function readOutbox(env: Record<string, string | undefined> = process.env): Promise<OutboxEntry[]> {
  const dir = outboxDir(env);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as OutboxEntry));
}
