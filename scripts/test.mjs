// `npm test`: the whole suite. Type-checks, lints and checks formatting, builds the app, then runs vitest's unit, integration and e2e projects.
// PostgreSQL and browser parts run when a server / Chromium is found; otherwise this says loudly what
// it skipped and how to enable it. With CI=true nothing may be skipped: a missing part fails the run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const ci = process.env.CI === "true";
console.log(`Running the suite on Node.js ${process.version}`);
if (Number(process.versions.node.split(".")[0]) < 24) {
  console.error(`Wijkbudget needs Node.js 24 LTS (see the README); this is ${process.version}.`);
  process.exit(1);
}
const postgresUrl = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const skipped = [];
const env = { ...process.env };
if (await postgresAnswers()) env.WB_TEST_POSTGRES = "1";
else skipped.push(`PostgreSQL integration tests: no server at ${postgresUrl} (start one, or set TEST_POSTGRES_URL)`);
const haveBrowser = fs.existsSync(chromium);
if (!haveBrowser) skipped.push(`browser (e2e) tests: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);

if (skipped.length && ci) {
  console.error(`\nCI=true and parts of the suite cannot run:\n- ${skipped.join("\n- ")}\n`);
  process.exit(1);
}

const bin = (name) => path.join("node_modules", ".bin", name);
const typecheck = spawnSync(bin("tsc"), [], { stdio: "inherit", env });
if (typecheck.status !== 0) {
  console.error("\nThe type check failed (tsc).");
  process.exit(typecheck.status ?? 1);
}
// Lint (ESLint: TypeScript, React hooks, accessibility) and formatting (Prettier), both read-only here.
const lint = spawnSync(bin("eslint"), ["--max-warnings", "0", "."], { stdio: "inherit", env });
const format = spawnSync(bin("prettier"), ["--check", "--log-level", "warn", "."], { stdio: "inherit", env });
if (lint.status !== 0 || format.status !== 0) {
  console.error(`\n${lint.status !== 0 ? "ESLint found problems" : "Some files are not formatted: run npm run format"}.`);
  process.exit(1);
}
const build = spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit", env });
if (build.status !== 0) process.exit(build.status ?? 1);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "wb-vitest-")), "report.json");
const projects = haveBrowser ? [] : ["--project", "unit", "--project", "integration"];
const run = spawnSync(bin("vitest"), ["run", ...projects, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});

let status = run.status ?? 1;
if (fs.existsSync(report)) {
  const result = JSON.parse(fs.readFileSync(report, "utf8"));
  const line = `${result.numPassedTests} passed, ${result.numFailedTests} failed`;
  console.log(`\nTests: ${line}${result.numPendingTests ? `, ${result.numPendingTests} skipped` : ""}`);
  if (ci && result.numPendingTests > 0) {
    console.error("CI=true: skipped tests are not allowed.");
    status = 1;
  }
}
if (skipped.length) {
  console.warn(`\n!!! NOT RUN (this is not CI): \n!!! - ${skipped.join("\n!!! - ")}\n`);
}
process.exit(status);
