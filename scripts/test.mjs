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

const reports = fs.mkdtempSync(path.join(os.tmpdir(), "wb-vitest-"));
/** Runs vitest with `args`; its status and the counts of its JSON report. */
function vitest(name, args, extraEnv = {}) {
  const report = path.join(reports, `${name}.json`);
  const run = spawnSync(bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    stdio: "inherit",
    env: { ...env, ...extraEnv },
  });
  const result = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, "utf8")) : null;
  return { status: run.status ?? 1, passed: result?.numPassedTests ?? 0, failed: result?.numFailedTests ?? 0, pending: result?.numPendingTests ?? 0 };
}

const projects = haveBrowser ? [] : ["--project", "unit", "--project", "integration"];
const runs = [vitest("suite", [...projects, ...process.argv.slice(2)])];
// The concurrency tests of events, parklets and voting, and the kill test, again with two worker processes
// per server (WEB_CONCURRENCY=2, decision 0025): what one process serialises, two must get right too.
if (process.argv.length === 2) {
  const concurrent = ["events", "parklets", "voting", "kill"].map((name) => `tests/integration/http/${name}.test.ts`);
  console.log("\nAgain with two workers per server: the concurrency tests of events, parklets and voting, and the kill test");
  runs.push(vitest("two-workers", ["--project", "integration", ...concurrent], { WB_TEST_WEB_CONCURRENCY: "2" }));
}

let status = runs.some((run) => run.status !== 0) ? 1 : 0;
const total = (key) => runs.reduce((sum, run) => sum + run[key], 0);
console.log(`\nTests: ${total("passed")} passed, ${total("failed")} failed${total("pending") ? `, ${total("pending")} skipped` : ""}`);
if (ci && total("pending") > 0) {
  console.error("CI=true: skipped tests are not allowed.");
  status = 1;
}
if (skipped.length) {
  console.warn(`\n!!! NOT RUN (this is not CI): \n!!! - ${skipped.join("\n!!! - ")}\n`);
}
process.exit(status);
