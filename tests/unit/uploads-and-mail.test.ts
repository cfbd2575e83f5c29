import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, hasRole } from "~/auth/permissions";
import { readOutbox, sendMail } from "~/mail/mailer.server";
import { sniffType } from "~/uploads/sniff";
import { readUpload, saveUpload, uploadHeaders } from "~/uploads/store.server";

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

describe("the upload store", () => {
  it("recognises types by content, not by name", () => {
    expect(sniffType(PNG)).toBe("image/png");
    expect(sniffType(JPEG)).toBe("image/jpeg");
    expect(sniffType(WEBP)).toBe("image/webp");
    expect(sniffType(HTML)).toBeNull();
  });

  it("stores an allowed file under a random name and reads it back", async () => {
    const saved = await saveUpload(PNG, { allowed: ["image/png", "image/jpeg"], dir: path.join(dir, "uploads") });
    expect(saved).toMatchObject({ ok: true, type: "image/png", size: PNG.byteLength });
    const name = saved.ok ? saved.name : "";
    expect(name).toMatch(/^[0-9a-f]{32}\.png$/);
    const read = await readUpload(name, path.join(dir, "uploads"));
    expect(read?.type).toBe("image/png");
    expect(new Uint8Array(read!.bytes)).toEqual(PNG);
  });

  it("refuses other types, empty files and files over the limit", async () => {
    const target = path.join(dir, "refused");
    expect(await saveUpload(HTML, { allowed: ["image/png"], dir: target })).toEqual({ ok: false, reason: "type-not-allowed" });
    expect(await saveUpload(WEBP, { allowed: ["image/png"], dir: target })).toEqual({ ok: false, reason: "type-not-allowed" });
    expect(await saveUpload(new Uint8Array(), { allowed: ["image/png"], dir: target })).toEqual({ ok: false, reason: "empty" });
    expect(await saveUpload(PNG, { allowed: ["image/png"], maxBytes: 4, dir: target })).toEqual({ ok: false, reason: "too-large" });
    await expect(readdir(target)).rejects.toThrow();
  });

  it("serves only names it made, with headers that keep files from running as pages", async () => {
    expect(await readUpload("../../etc/passwd", dir)).toBeNull();
    expect(await readUpload("0123456789abcdef0123456789abcdef.html", dir)).toBeNull();
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
