import fs from "node:fs/promises";
import path from "node:path";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { extensionOf, sniffType, typeOfStoredName, type UploadType } from "./sniff";

export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export function uploadDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.UPLOAD_DIR ?? path.join("data", "uploads"));
}

export type UploadRefusal = "empty" | "too-large" | "type-not-allowed";

export type SaveResult = { ok: true; name: string; type: UploadType; size: number } | { ok: false; reason: UploadRefusal };

/**
 * Stores bytes under a random name when their content (not their name) is an allowed type and
 * they fit the size limit. Returns the stored name, to be served by /uploads/<name>.
 */
export async function saveUpload(bytes: Uint8Array, options: { allowed: readonly UploadType[]; maxBytes?: number; dir?: string }): Promise<SaveResult> {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > (options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES)) return { ok: false, reason: "too-large" };
  const type = sniffType(bytes);
  if (!type || !options.allowed.includes(type)) return { ok: false, reason: "type-not-allowed" };
  const random = new Uint8Array(16);
  crypto.getRandomValues(random);
  const name = `${encodeHexLowerCase(random)}.${extensionOf(type)}`;
  const dir = options.dir ?? uploadDir();
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, name), bytes, { flag: "wx" });
  return { ok: true, name, type, size: bytes.byteLength };
}

const STORED_NAME = /^[0-9a-f]{32}\.[a-z]{3,4}$/;

/** Reads a stored upload by its name; null for any name the store did not make. */
export async function readUpload(name: string, dir = uploadDir()): Promise<{ bytes: Buffer; type: UploadType } | null> {
  const type = typeOfStoredName(name);
  if (!STORED_NAME.test(name) || !type) return null;
  try {
    return { bytes: await fs.readFile(path.join(dir, name)), type };
  } catch {
    return null;
  }
}

/**
 * Headers that keep a served upload from ever running as a page (the server adds
 * X-Content-Type-Options: nosniff to every response, this one included).
 */
export function uploadHeaders(type: UploadType, size: number): HeadersInit {
  return {
    "Content-Type": type,
    "Content-Length": String(size),
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Content-Disposition": type === "application/pdf" ? "attachment" : "inline",
    "Cache-Control": "public, max-age=31536000, immutable",
  };
}
