import { encodeHexLowerCase } from "@oslojs/encoding";
import { extensionOf, sniffType, typeOfStoredName, type UploadType } from "./sniff";

export const DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadRefusal = "empty" | "too-large" | "type-not-allowed";

export type SaveOptions = { allowed: readonly UploadType[]; maxBytes?: number };

export type SaveResult = { ok: true; name: string; type: UploadType; size: number } | { ok: false; reason: UploadRefusal };

export type StoredUpload = { bytes: Uint8Array<ArrayBuffer>; type: UploadType };

/**
 * Where uploads live: a directory (the default on SQLite) or the database (the default on PostgreSQL,
 * so that every instance serves every upload; docs/decisions/0026). Both check and name uploads the
 * same way (`acceptUpload`).
 */
export interface UploadStore {
  /** Stores bytes under a new random name when their content is an allowed type within the size limit. */
  save(bytes: Uint8Array<ArrayBuffer>, options: SaveOptions): Promise<SaveResult>;
  /** A stored upload by its name; null for an unknown name and for any name the store did not make. */
  read(name: string): Promise<StoredUpload | null>;
  /** Deletes an upload; nothing happens for an unknown name. */
  delete(name: string): Promise<void>;
}

/**
 * Checks bytes against the rules every store applies (not empty, within the limit, an allowed type by
 * content, never by name or browser claim) and gives them a random name with the type's extension.
 */
export function acceptUpload(bytes: Uint8Array, options: SaveOptions): SaveResult {
  if (bytes.byteLength === 0) return { ok: false, reason: "empty" };
  if (bytes.byteLength > (options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES)) return { ok: false, reason: "too-large" };
  const type = sniffType(bytes);
  if (!type || !options.allowed.includes(type)) return { ok: false, reason: "type-not-allowed" };
  const random = new Uint8Array(16);
  crypto.getRandomValues(random);
  return { ok: true, name: `${encodeHexLowerCase(random)}.${extensionOf(type)}`, type, size: bytes.byteLength };
}

const STORED_NAME = /^[0-9a-f]{32}\.[a-z]{3,4}$/;

/** The type of a name `acceptUpload` could have made; null for any other name (a path, another extension). */
export function typeOfUploadName(name: string): UploadType | null {
  return STORED_NAME.test(name) ? typeOfStoredName(name) : null;
}

/**
 * Runs `write`, which stores the rows that name the upload just saved as `name`, and deletes the upload
 * when they were not stored (`write` answered a refusal or threw): nothing lists uploads, so one that
 * no row names would stay forever. (A crash between the two still leaves one: decision 0026.)
 */
export async function namedOrDeleted<T extends { ok: boolean }>(uploads: UploadStore, name: string | null, write: () => Promise<T>): Promise<T> {
  let named = false;
  try {
    const result = await write();
    named = result.ok;
    return result;
  } finally {
    // Best effort: a failure here must not hide why the rows were not stored.
    if (name && !named) await uploads.delete(name).catch(() => {});
  }
}

/**
 * Headers that keep a served upload from ever running as a page (the server adds
 * X-Content-Type-Options: nosniff to every response, this one included). A name is never reused for
 * other bytes, so browsers and proxies may keep an upload for a year.
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

/** An upload's validator (ETag): its name, since a name is never reused for other bytes. */
export function uploadValidator(name: string): string {
  return `"${name}"`;
}

/**
 * Caching of an upload that may be taken out of sight later (a proposal's photo, which moderation can
 * hide: decision 0036): browsers and proxies ask again every time (a cheap 304 while it is still shown),
 * so none keeps serving it after the hiding; served to staff only, it is kept nowhere.
 */
export function revocableUploadHeaders(staffOnly: boolean): Record<string, string> {
  return { "Cache-Control": staffOnly ? "private, no-store" : "public, no-cache" };
}
