// `npm start`: build when the sources changed, apply pending migrations, seed demo data into an
// empty SQLite database (unless SEED_DEMO=0), then serve on PORT (default 3000).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createServer, listen } from "./server.mjs";

if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`Wijkbudget needs Node.js 24 LTS (see the README); this is ${process.version}.`);
  process.exit(1);
}
process.env.NODE_ENV ??= "production";
const BUILD = "build/index.js";

function newestChange(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

const bin = (name) => path.join("node_modules", ".bin", name);
const buildIsStale = () => !fs.existsSync(BUILD) || newestChange("app") > fs.statSync(BUILD).mtimeMs || newestChange("locales") > fs.statSync(BUILD).mtimeMs;

if (!process.argv.includes("--no-build") && buildIsStale()) run("npm", ["run", "--silent", "build"]);
run(bin("tsx"), ["scripts/db/migrate.ts", "deploy"]);
const sqlite = !process.env.DATABASE_URL || process.env.DATABASE_URL.startsWith("file:");
if (sqlite && process.env.SEED_DEMO !== "0") run(bin("tsx"), ["scripts/db/seed.ts", "--if-empty"]);

const port = Number(process.env.PORT ?? 3000);
const app = await createServer({ buildPath: BUILD });
const server = listen(app, port, process.env, () => console.log(`Wijkbudget is listening on http://localhost:${port}`));
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
