// `npm run db:generate` (also the npm postinstall):
//   1. writes prisma/postgres/schema.prisma, the PostgreSQL twin of the canonical prisma/schema.prisma;
//   2. runs `prisma generate` for both, so the clients land in app/generated/sqlite and app/generated/postgres.
// Offline: the Prisma CLI insists on resolving its Rust schema-engine binary (a download from Prisma's CDN,
// unreachable here). Any existing executable satisfies it and generate never runs it, so point it at
// scripts/db/fake-schema-engine. Migrations go through scripts/db/migrate.ts (the WebAssembly engine).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { postgresSchemaFrom } from "./postgres-twin.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const canonicalPath = path.join(root, "prisma", "schema.prisma");
const twinPath = path.join(root, "prisma", "postgres", "schema.prisma");
const prismaBin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
const fakeEngine = fileURLToPath(new URL("./fake-schema-engine", import.meta.url));

function fail(message) {
  console.error(`db:generate: ${message}`);
  process.exit(1);
}

if (!existsSync(canonicalPath)) fail(`${path.relative(root, canonicalPath)} not found`);
if (!existsSync(prismaBin)) fail(`${path.relative(root, prismaBin)} not found (is the "prisma" package installed?)`);

let twin;
try {
  twin = postgresSchemaFrom(readFileSync(canonicalPath, "utf8"));
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
mkdirSync(path.dirname(twinPath), { recursive: true });
// Only write when it changed, so an unchanged twin keeps its timestamp.
if (!existsSync(twinPath) || readFileSync(twinPath, "utf8") !== twin) {
  writeFileSync(twinPath, twin);
  console.log(`db:generate: wrote ${path.relative(root, twinPath)}`);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: fakeEngine,
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
};
// Both generates run side by side (about half the time); each one's output is printed when it is done.
function generate(schema) {
  const rel = path.relative(root, schema);
  return new Promise((resolve) => {
    const child = spawn(prismaBin, ["generate", "--schema", rel], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (e) => resolve({ rel, ok: false, output: `could not run prisma generate: ${e.message}` }));
    child.on("close", (code) => resolve({ rel, ok: code === 0, output: output.trim() || `exit ${code}` }));
  });
}

const results = await Promise.all([canonicalPath, twinPath].map(generate));
for (const { rel, ok, output } of results) (ok ? console.log : console.error)(`[${rel}] ${output}`);
const failed = results.filter((r) => !r.ok).map((r) => r.rel);
if (failed.length) fail(`prisma generate failed for ${failed.join(", ")}`);
