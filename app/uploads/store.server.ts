import { databaseUrl, providerOf, type Db } from "~/db.server";
import { databaseUploadStore } from "./database-store.server";
import { directoryUploadStore, uploadDir } from "./directory-store.server";
import type { UploadStore } from "./upload";

export type UploadStoreKind = "directory" | "database";

/**
 * Where uploads live: UPLOAD_STORE when set, else the database on PostgreSQL (several instances behind
 * a load balancer must all serve every upload) and a directory on SQLite (one server, as ever).
 */
export function uploadStoreKind(env: NodeJS.ProcessEnv = process.env): UploadStoreKind {
  const chosen = env.UPLOAD_STORE?.trim();
  if (chosen === "directory" || chosen === "database") return chosen;
  if (chosen) throw new Error(`UPLOAD_STORE must be "directory" or "database" (got "${chosen}")`);
  return providerOf(databaseUrl(env)) === "postgresql" ? "database" : "directory";
}

/**
 * The upload store the app uses; the database store works through `db`, and still serves what an
 * installation stored in UPLOAD_DIR before it switched to the database.
 */
export function uploadStore(db: Db, env: NodeJS.ProcessEnv = process.env): UploadStore {
  const directory = directoryUploadStore(uploadDir(env));
  return uploadStoreKind(env) === "database" ? databaseUploadStore(db, directory) : directory;
}
