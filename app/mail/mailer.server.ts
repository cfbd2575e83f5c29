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

/** A message as the delivery worker hands it over: with the Message-ID it keeps on every attempt. */
export interface OutgoingMail extends MailMessage {
  messageId: string;
  /** Further headers (List-Unsubscribe and List-Unsubscribe-Post of notification mail). */
  headers?: Record<string, string>;
}

export interface OutboxEntry extends OutgoingMail {
  from: string;
  sentAt: string;
}

type Env = Record<string, string | undefined>;

export function outboxDir(env: Env = process.env): string {
  return path.resolve(env.OUTBOX_DIR ?? path.join("data", "outbox"));
}

function sender(env: Env): string {
  return env.MAIL_FROM ?? "Wijkbudget <no-reply@wijkbudget.localhost>";
}

/**
 * nodemailer waits minutes by default (2 min to connect, 10 min of silence): a hung server would hold
 * a claimed message past its claim. SMTP_URL may set its own (`?socketTimeout=60000`).
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function withTimeouts(smtpUrl: string): string {
  const given = new URL(smtpUrl).searchParams;
  const missing = Object.entries(SMTP_TIMEOUTS).filter(([name]) => !given.has(name));
  if (!missing.length) return smtpUrl;
  // Appended as text: rebuilding the URL could re-encode the credentials in it.
  return `${smtpUrl}${smtpUrl.includes("?") ? "&" : "?"}${missing.map(([name, ms]) => `${name}=${ms}`).join("&")}`;
}

const transports = new Map<string, nodemailer.Transporter>();
let sequence = 0;

/**
 * Hands one message over: to the SMTP server of SMTP_URL when set; otherwise as JSON into the outbox
 * folder (data/outbox, or OUTBOX_DIR), where developers and tests read it. Throws when it could not.
 * Only the delivery worker calls this (app/mail/outbox.server.ts); the app queues mail with queueMail.
 */
export async function sendMail(message: OutgoingMail, env: Env = process.env): Promise<void> {
  const from = sender(env);
  if (env.SMTP_URL) {
    let transport = transports.get(env.SMTP_URL);
    if (!transport) transports.set(env.SMTP_URL, (transport = nodemailer.createTransport(withTimeouts(env.SMTP_URL))));
    await transport.sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: message.messageId,
      headers: { ...message.headers, "Content-Language": message.locale },
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

/** Messages in the outbox folder, oldest first (for development tools and tests). */
export async function readOutbox(env: Env = process.env): Promise<OutboxEntry[]> {
  const dir = outboxDir(env);
  let names: string[];
  try {
    names = (await fs.readdir(dir)).filter((name) => name.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return Promise.all(names.map(async (name) => JSON.parse(await fs.readFile(path.join(dir, name), "utf8")) as OutboxEntry));
}
