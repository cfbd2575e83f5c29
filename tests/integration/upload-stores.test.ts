// The two upload stores keep the same promises: the directory (UPLOAD_DIR) and the database (the Upload
// table, on SQLite and on PostgreSQL). Which one the app uses is decided by uploadStoreKind.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { databaseUploadStore } from "~/uploads/database-store.server";
import { directoryUploadStore } from "~/uploads/directory-store.server";
import { uploadStoreKind } from "~/uploads/store.server";
import { namedOrDeleted, type UploadStore } from "~/uploads/upload";
import { refused } from "~/kernel/result";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { ONE_PIXEL_PNG } from "../support/server";

const PHOTOS = { allowed: ["image/jpeg", "image/png", "image/webp"] } as const;
const HTML = new TextEncoder().encode("<html><script>alert(1)</script>");
const PDF = new TextEncoder().encode("%PDF-1.7\n");

/** Where a store keeps its uploads, to check what it holds besides what it says. */
type Kept = { names(): Promise<string[]> };

const stores: [string, () => Promise<{ store: UploadStore; kept: Kept; close(): Promise<void> }>][] = [
  [
    "the directory store",
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "wb-uploads-"));
      return {
        store: directoryUploadStore(dir),
        kept: { names: () => readdir(dir) },
        close: () => rm(dir, { recursive: true, force: true }),
      };
    },
  ],
  ...testProviders().map((provider): (typeof stores)[number] => [
    `the database store on ${provider}`,
    async () => {
      const database: TestDatabase = await createTestDatabase(provider);
      const db: Db = createPrismaClient(database.url);
      return {
        store: databaseUploadStore(db),
        kept: { names: async () => (await db.upload.findMany({ select: { name: true } })).map((row) => row.name) },
        close: async () => {
          await db.$disconnect();
          await database.cleanup();
        },
      };
    },
  ]),
];

describe.each(stores)("%s", (_, open) => {
  let store: UploadStore;
  let kept: Kept;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, kept, close } = await open());
  });
  afterAll(() => close?.());

  async function savedName(bytes: Uint8Array<ArrayBuffer>, options: Parameters<UploadStore["save"]>[1] = PHOTOS): Promise<string> {
    const saved = await store.save(bytes, options);
    if (!saved.ok) throw new Error(`not saved: ${saved.reason}`);
    return saved.name;
  }

  it("saves an allowed file under a new random name, reads it back and deletes it", async () => {
    const saved = await store.save(ONE_PIXEL_PNG, PHOTOS);
    expect(saved).toMatchObject({ ok: true, type: "image/png", size: ONE_PIXEL_PNG.byteLength });
    const name = saved.ok ? saved.name : "";
    expect(name).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(await savedName(ONE_PIXEL_PNG)).not.toBe(name);
    const read = await store.read(name);
    expect(read?.type).toBe("image/png");
    expect(new Uint8Array(read!.bytes)).toEqual(ONE_PIXEL_PNG);
    await store.delete(name);
    expect(await store.read(name)).toBeNull();
    await store.delete(name); // deleting again is no error
    expect(await kept.names()).not.toContain(name);
  });

  it("refuses empty files, files over the limit and types not allowed, keeping nothing", async () => {
    const before = await kept.names();
    expect(await store.save(new Uint8Array(), PHOTOS)).toEqual({ ok: false, reason: "empty" });
    expect(await store.save(ONE_PIXEL_PNG, { ...PHOTOS, maxBytes: ONE_PIXEL_PNG.byteLength - 1 })).toEqual({ ok: false, reason: "too-large" });
    expect(await store.save(HTML, PHOTOS)).toEqual({ ok: false, reason: "type-not-allowed" });
    expect(await store.save(PDF, PHOTOS)).toEqual({ ok: false, reason: "type-not-allowed" });
    expect(await store.save(ONE_PIXEL_PNG, { allowed: ["image/jpeg"] })).toEqual({ ok: false, reason: "type-not-allowed" });
    expect(await kept.names()).toEqual(before);
    expect(await store.save(PDF, { allowed: ["application/pdf"] })).toMatchObject({ ok: true, type: "application/pdf" });
  });

  it("reads and deletes only names it could have made", async () => {
    const name = await savedName(ONE_PIXEL_PNG);
    const hex = name.slice(0, 32);
    for (const other of ["../../etc/passwd", `${hex}.html`, `${hex}.PNG`, `../${name}`, `${name}/`, "", `${"0".repeat(32)}.png`]) {
      expect(await store.read(other)).toBeNull();
      await store.delete(other);
    }
    expect(await store.read(name)).not.toBeNull();
  });

  it("deletes an upload whose rows were not stored (a refusal or an error), and keeps one they name", async () => {
    const refusedOne = await savedName(ONE_PIXEL_PNG);
    expect(await namedOrDeleted(store, refusedOne, async () => refused(409, "results:errors.stale"))).toMatchObject({ ok: false });
    const failedOne = await savedName(ONE_PIXEL_PNG);
    await expect(namedOrDeleted(store, failedOne, () => Promise.reject(new Error("the transaction failed")))).rejects.toThrow("the transaction failed");
    const namedOne = await savedName(ONE_PIXEL_PNG);
    expect(await namedOrDeleted(store, namedOne, async () => ({ ok: true }))).toEqual({ ok: true });
    expect(await store.read(refusedOne)).toBeNull();
    expect(await store.read(failedOne)).toBeNull();
    expect(await store.read(namedOne)).not.toBeNull();
  });
});

describe.each(testProviders())("the database store on %s, after an installation switched from the directory", (provider) => {
  it("still serves and deletes what the directory holds, and stores new uploads in the database only", async () => {
    const database = await createTestDatabase(provider);
    const db = createPrismaClient(database.url);
    const dir = await mkdtemp(path.join(os.tmpdir(), "wb-uploads-"));
    try {
      const before = directoryUploadStore(dir);
      const old = await before.save(ONE_PIXEL_PNG, PHOTOS);
      if (!old.ok) throw new Error("not saved");
      const store = databaseUploadStore(db, before);
      expect(new Uint8Array((await store.read(old.name))!.bytes)).toEqual(ONE_PIXEL_PNG);
      const fresh = await store.save(ONE_PIXEL_PNG, PHOTOS);
      if (!fresh.ok) throw new Error("not saved");
      expect(await readdir(dir)).toEqual([old.name]);
      expect(await db.upload.count({ where: { name: fresh.name } })).toBe(1);
      await store.delete(old.name);
      expect(await readdir(dir)).toEqual([]);
      expect(await store.read(old.name)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
      await db.$disconnect();
      await database.cleanup();
    }
  });
});

describe("the store the app uses", () => {
  const kindFor = (vars: Record<string, string>) => uploadStoreKind(vars as NodeJS.ProcessEnv);

  it("is the database on PostgreSQL and the directory on SQLite, unless UPLOAD_STORE says otherwise", () => {
    expect(kindFor({})).toBe("directory");
    expect(kindFor({ DATABASE_URL: "file:data/wijkbudget.db" })).toBe("directory");
    expect(kindFor({ DATABASE_URL: "postgresql://wb@db.internal/wijkbudget" })).toBe("database");
    expect(kindFor({ DATABASE_URL: "postgresql://wb@db.internal/wijkbudget", UPLOAD_STORE: "directory" })).toBe("directory");
    expect(kindFor({ UPLOAD_STORE: "database" })).toBe("database");
    expect(() => kindFor({ UPLOAD_STORE: "s3" })).toThrow(/UPLOAD_STORE must be "directory" or "database"/);
  });
});
