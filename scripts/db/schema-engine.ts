// Prisma's schema engine without its CDN: loads @prisma/schema-engine-wasm (the Rust schema engine compiled
// to WebAssembly) and wires it to a Prisma driver adapter (better-sqlite3 or pg). Used by scripts/db/migrate.ts.
// Every block marked "Workaround" papers over a bug or gap in the versions pinned in package.json
// (schema-engine-wasm 8.1.0-2.59be4fda, adapter-pg / adapter-better-sqlite3 7.10.0); see docs/decisions/0002.
/* eslint-disable @typescript-eslint/no-explicit-any -- glue to the engine's untyped WebAssembly bindings and to a patched pg pool */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export type { SchemaEngine };
export type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
export type DatabaseProvider = "sqlite" | "postgresql";

/** Same rule as providerOf() in app/db.server.ts (duplicated so this script does not load the generated clients). */
export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return "postgresql";
  throw new Error(`Database URL must start with file: or postgresql:// (got "${url.split(":")[0]}:")`);
}

const require = createRequire(import.meta.url);

declare global {
  // One WebAssembly instance per process: a second __wbg_set_wasm() would swap the memory under live engines.
  var __wijkbudgetSchemaEngineWasm: Promise<SchemaEngineModule> | undefined;
}

/** Loads and instantiates the WebAssembly schema engine (once per process). */
export function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  globalThis.__wijkbudgetSchemaEngineWasm ??= instantiateSchemaEngine().catch((e) => {
    globalThis.__wijkbudgetSchemaEngineWasm = undefined;
    throw e;
  });
  return globalThis.__wijkbudgetSchemaEngineWasm;
}

async function instantiateSchemaEngine(): Promise<SchemaEngineModule> {
  // Workaround: the package's main entry does `import * as wasm from "./x.wasm"`, which Node cannot load.
  // Load the exported bg module and instantiate the .wasm ourselves (package.json is not in "exports",
  // so find the package folder through the bg module).
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg: SchemaEngineModule = await import(pathToFileURL(bgPath).href);
  const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const imports: Record<string, any> = { ...bg };
  // Workaround: on PostgreSQL the engine races pg_advisory_lock against a 10 s setTimeout that it never
  // clears, which keeps Node alive for 10 s after applyMigrations. Unref that timer (the CLI still exits
  // explicitly, and pools are ended in close()).
  for (const [key, fn] of Object.entries(bg)) {
    if (key.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
      imports[key] = (...args: any[]) => {
        const timer = (fn as (...a: any[]) => any)(...args);
        timer?.unref?.();
        return timer;
      };
    }
  }
  const module = await WebAssembly.compile(bytes);
  const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": imports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

/** What an engine holds open besides itself: adapters (connections), pg pools, shadow databases it created. */
type Resources = { adapters: Set<SqlDriverAdapter>; pools: Set<pg.Pool>; cleanups: Set<() => Promise<void>> };

// Workaround: engine.free() does not dispose the adapters the engine connected. An open better-sqlite3
// connection keeps its lock ("database is locked" for the next writer), so close() disposes them itself.
function trackingAdapters(factory: SqlMigrationAwareDriverAdapterFactory, resources: Resources): SqlMigrationAwareDriverAdapterFactory {
  const track = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    resources.adapters.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      resources.adapters.delete(adapter);
      await dispose();
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => track(await connect());
  factory.connectToShadowDb = async () => track(await connectToShadowDb());
  return factory;
}

function sqliteAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url });
  // Workaround: when replaying migrations into the SQLite shadow database, the engine sends the whole
  // multi-statement migration.sql through adapter.executeRaw(); better-sqlite3's prepare() rejects it
  // ("The supplied SQL string contains more than one statement"). Send such calls to executeScript() (db.exec).
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (e: any) {
        if ((query.args?.length ?? 0) === 0 && /more than one statement/.test(String(e?.message))) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        throw e;
      }
    };
    return adapter;
  };
  return factory;
}

function postgresAdapterFactory(url: string, resources: Resources): SqlMigrationAwareDriverAdapterFactory {
  // Workaround (DATA RISK): never give adapter-pg `{ connectionString }`. Its connectToShadowDb() does
  // new Pool({ ...config, database: shadow }) and node-postgres lets connectionString win over `database`,
  // so the "shadow" replay would run on the MAIN database. Pass a parsed config object instead.
  const config: pg.PoolConfig = { ...parseIntoClientConfig(url) };
  delete config.connectionString;

  const makeFactory = (poolConfig: pg.PoolConfig): PrismaPg => {
    const pool = new pg.Pool(poolConfig);
    // Workaround: pools keep Node alive (idleTimeoutMillis) after the engine is done; close() ends them.
    resources.pools.add(pool);
    pool.on("error", () => {}); // an idle client dropped by the server (e.g. DROP ... WITH (FORCE)) is not fatal
    // Workaround: adapter-pg cannot deserialise the catalog type "char" (oid 18) that the engine's
    // introspection queries return ("Column type 'char' could not be deserialized"). Report it as text (25).
    const query = pool.query.bind(pool) as (...args: any[]) => Promise<any>;
    (pool as any).query = async (...args: any[]) => {
      const result = await query(...args);
      for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
      return result;
    };
    const factory = new PrismaPg(pool, { disposeExternalPool: true });
    // Workaround: adapter-pg's executeScript() splits the script on every ';' (breaks 'a;b' string literals
    // and $$ bodies). Send the whole script as one simple-protocol query (PostgreSQL runs all statements).
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      adapter.executeScript = async (script: string) => {
        try {
          await pool.query(script);
        } catch (e) {
          (adapter as any).onError(e);
        }
      };
      return adapter;
    };
    return factory;
  };

  const factory = makeFactory(config);
  // Workaround: adapter-pg's own connectToShadowDb() runs DROP DATABASE before it closes the shadow pool, which
  // fails ("is being accessed by other users") and leaks the database. Create it here and drop it ourselves
  // WITH (FORCE) when the engine disposes the shadow adapter, or at the latest in close().
  factory.connectToShadowDb = async (): Promise<any> => {
    const admin = new pg.Client(config);
    await admin.connect();
    const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    let dropped = false;
    const drop = async () => {
      if (dropped) return;
      dropped = true;
      resources.cleanups.delete(drop);
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    };
    await admin.query(`CREATE DATABASE "${name}"`);
    resources.cleanups.add(drop);
    let adapter: SqlDriverAdapter;
    try {
      adapter = await makeFactory({ ...config, database: name }).connect();
    } catch (e) {
      await drop();
      throw e;
    }
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      try {
        await dispose();
      } finally {
        await drop();
      }
    };
    return adapter;
  };
  return factory;
}

export type SchemaEngineHandle = {
  engine: SchemaEngine;
  provider: DatabaseProvider;
  /** Log lines the engine reported (JSON strings), useful when something fails. */
  logs: string[];
  /** Frees the engine, disposes its connections, drops leftover shadow databases and ends every pg pool.
   *  Always call it. */
  close(): Promise<void>;
};

/**
 * A schema engine connected to `url` (file: → SQLite, postgresql:// → PostgreSQL), with `schemaText` as its
 * datamodel; the schema's datasource provider must match the URL.
 */
export async function createSchemaEngine(options: { url: string; schemaText: string; schemaFileName?: string }): Promise<SchemaEngineHandle> {
  const { url, schemaText, schemaFileName = "schema.prisma" } = options;
  const provider = providerOf(url);
  const bg = await loadSchemaEngineModule();
  const resources: Resources = { adapters: new Set(), pools: new Set(), cleanups: new Set() };
  const close = async () => {
    for (const adapter of [...resources.adapters]) await adapter.dispose().catch(() => {});
    for (const cleanup of [...resources.cleanups]) await cleanup().catch(() => {});
    await Promise.all([...resources.pools].map((pool) => pool.end().catch(() => {})));
    resources.pools.clear();
  };
  const adapterFactory = trackingAdapters(provider === "sqlite" ? sqliteAdapterFactory(url) : postgresAdapterFactory(url, resources), resources);
  const logs: string[] = [];
  try {
    const engine = await bg.SchemaEngine.new(
      { datamodels: [[schemaFileName, schemaText]] },
      (log: string) => logs.push(log),
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    );
    return {
      engine,
      provider,
      logs,
      close: async () => {
        try {
          engine.free();
        } finally {
          await close();
        }
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
