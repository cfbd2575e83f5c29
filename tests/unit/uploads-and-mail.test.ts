import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, hasRole } from "~/auth/permissions";
import { readOutbox, sendMail } from "~/mail/mailer.server";
import { sniffType } from "~/uploads/sniff";
import { uploadHeaders } from "~/uploads/upload";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ");
const HTML = new TextEncoder().encode("<html><script>alert(1)</script>");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "wb-unit-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("uploads, whichever store keeps them", () => {
  it("recognises types by content, not by name", () => {
    expect(sniffType(PNG)).toBe("image/png");
    expect(sniffType(JPEG)).toBe("image/jpeg");
    expect(sniffType(WEBP)).toBe("image/webp");
    expect(sniffType(HTML)).toBeNull();
  });

  it("serves uploads with headers that keep files from running as pages", () => {
    expect(uploadHeaders("image/png", 12)).toMatchObject({
      "Content-Type": "image/png",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    });
  });
});

describe("the mailer without SMTP", () => {
  it("writes messages to the outbox folder, oldest first", async () => {
    const env = { OUTBOX_DIR: path.join(dir, "outbox") };
    await sendMail({ to: "a@example.org", subject: "Eerste", text: "1", locale: "nl", messageId: "<1@wijkbudget.test>" }, env);
    await sendMail({ to: "b@example.org", subject: "Второ", text: "2", locale: "bg", messageId: "<2@wijkbudget.test>" }, env);
    const messages = await readOutbox(env);
    expect(messages.map((message) => [message.to, message.subject, message.locale, message.messageId])).toEqual([
      ["a@example.org", "Eerste", "nl", "<1@wijkbudget.test>"],
      ["b@example.org", "Второ", "bg", "<2@wijkbudget.test>"],
    ]);
  });
});

describe("permissions", () => {
  it("give each role what the roles below it have, and no more", () => {
    expect(hasRole("ADMIN", "STAFF")).toBe(true);
    expect(hasRole("RESIDENT", "STAFF")).toBe(false);
    expect(can({ role: "STAFF" }, "round:manage")).toBe(true);
    expect(can({ role: "RESIDENT" }, "round:manage")).toBe(false);
    expect(can({ role: "STAFF" }, "user:manage")).toBe(false);
    expect(can(null, "account:manage-own")).toBe(false);
  });
});
