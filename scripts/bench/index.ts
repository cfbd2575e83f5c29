// `npm run bench`: one table of what the app can serve on this machine, per database (SQLite and
// PostgreSQL): pages per second against the production build (each beside /healthz, and /healthz beside
// the base commit's, measured in the same run), ballots cast by 50 voters at once and a check that none
// was lost, the bytes of the proposal list, the JavaScript of a first visit, and the tally timings.
// Prints figures, as a Markdown table for docs/benchmarks.md; it fails only when something is broken: a
// page that does not answer 2xx, a vote that does not go through, a ballot lost.
//
//   BENCH_SECONDS=10          measured seconds per figure (after BENCH_WARMUP_SECONDS=2 unmeasured, for pages)
//   BENCH_BASE=450404a        the commit whose /healthz is measured beside this one's
//   BENCH_DATABASES=sqlite,postgresql
//   BENCH_WEB_CONCURRENCY=1     worker processes of this commit's server (the base commit has one)
//   BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres   where throwaway databases are made
import os from "node:os";
import { fileURLToPath } from "node:url";
import { createPrismaClient } from "~/db.server";
import {
  castPosts,
  completeVotes,
  completeVotesWithJavaScript,
  pageThroughput,
  sideBySide,
  PAGE_CONNECTIONS,
  VOTERS,
  type Answers,
  type Throughput,
} from "./load";
import { baseCheckout, buildApp, describeCommit, migrateAndSeed, startServer, throwawayDatabase, type Checkout, type Provider } from "./servers";
import { benchPages, lostBallots, prepareBench, voteCounts } from "./setup";
import { pragaCommandTimings } from "./pabulib-cli";
import { tallyTimings } from "./tally";
import { firstLoadJs, wireBytes } from "./wire";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const BASE = process.env.BENCH_BASE ?? "450404a";
const PROVIDERS = (process.env.BENCH_DATABASES ?? "sqlite,postgresql").split(",").map((name) => name.trim()) as Provider[];
const PROVIDER_NAMES: Record<Provider, string> = { sqlite: "SQLite", postgresql: "PostgreSQL" };
/** Voting codes per database: far more than 50 voters use in the measured seconds on a small machine. */
const CODES = 40_000;
const PROPOSAL_LIST_ROUTE = "routes/rounds.$roundId_.proposals";

/** Clean-ups still to run (on Ctrl-C too): servers, databases, the base worktree. */
const pending = new Set<() => Promise<unknown>>();
process.once("SIGINT", async () => {
  for (const release of [...pending].reverse()) await release().catch(() => {});
  process.exit(130);
});

/** `work(resource)`, then `release(resource)`, whatever happens. */
async function using<R, T>(resource: R, release: (resource: R) => Promise<unknown>, work: (resource: R) => Promise<T>): Promise<T> {
  const releaseIt = () => release(resource);
  pending.add(releaseIt);
  try {
    return await work(resource);
  } finally {
    pending.delete(releaseIt);
    await releaseIt();
  }
}

/** The table: a label per row, a cell per database. */
const rows = new Map<string, Map<Provider, string>>();
function cell(label: string, provider: Provider, value: string) {
  if (!rows.has(label)) rows.set(label, new Map());
  rows.get(label)!.set(provider, value);
}
/** A figure that does not depend on the database: in the first column, "·" in the others. */
function shared(label: string, value: string) {
  PROVIDERS.forEach((provider, index) => cell(label, provider, index === 0 ? value : "·"));
}

const number = (value: number) => Math.round(value).toLocaleString("en");
const ratio = (value: number, to: number) => `${(value / to).toFixed(value / to < 0.1 ? 3 : 2)}×`;
const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const progress = (message: string) => process.stderr.write(`· ${message}\n`);

/** A migrated database with the demo data, for the checkout's server. */
async function seededDatabase<T>(provider: Provider, checkout: string, work: (url: string) => Promise<T>): Promise<T> {
  return using(
    await throwawayDatabase(provider),
    (database) => database.cleanup(),
    ({ url }) => {
      migrateAndSeed(checkout, url);
      return work(url);
    },
  );
}

async function serving<T>(checkout: string, databaseUrl: string, work: (baseUrl: string) => Promise<T>): Promise<T> {
  return using(
    await startServer(checkout, databaseUrl),
    (server) => server.stop(),
    (server) => work(server.baseUrl),
  );
}

const timing = () => ({ seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS });

/** /healthz of this commit and of the base commit, each on its own database of the same kind, measured in turns. */
function healthzBesideBase(provider: Provider, baseUrl: string, base: Checkout): Promise<number[]> {
  progress(`${PROVIDER_NAMES[provider]}: /healthz here and at ${base.commit}, in turns`);
  return seededDatabase(provider, base.dir, (url) => serving(base.dir, url, (atBase) => sideBySide([baseUrl, atBase], "/healthz", timing())));
}

async function measure(provider: Provider, base: Checkout): Promise<void> {
  const name = PROVIDER_NAMES[provider];
  progress(`${name}: migrating, seeding, importing Praga-Południe, issuing ${number(CODES)} codes`);
  await seededDatabase(provider, ROOT, (url) =>
    using(
      createPrismaClient(url),
      (db) => db.$disconnect(),
      async (db) => {
        const data = await prepareBench(db, { codes: CODES });
        const before = await voteCounts(db, data.votingRoundId);
        const ballots = { roundId: data.votingRoundId, ballot: data.ballot, codes: data.codes };
        const answers: Answers = { receipts: [], failures: [] };

        await serving(ROOT, url, async (baseUrl) => {
          const page = (pathname: string) => {
            progress(`${name}: GET ${pathname}`);
            return pageThroughput(baseUrl, pathname, timing());
          };
          const [healthz, atBase] = await healthzBesideBase(provider, baseUrl, base);
          cell("`/healthz` req/s", provider, number(healthz));
          const apart = Math.abs(healthz / atBase - 1) > 0.1 ? ", more than 10% apart" : "";
          cell(`\`/healthz\` req/s at base ${base.commit}`, provider, `${number(atBase)} (this commit: ${ratio(healthz, atBase)}${apart})`);

          const beside = (label: string, figure: Throughput) =>
            cell(`${label} (÷ /healthz)`, provider, `${number(figure.perSecond)} (${ratio(figure.perSecond, healthz)})`);
          for (const { label, pathname } of benchPages(data)) beside(`${label} req/s`, await page(pathname));
          const list = `/rounds/${data.pragaRoundId}/proposals`;
          // The same pages rendered for each request: what a signed-in resident gets (the page cache
          // serves only visitors who are not signed in, decision 0022).
          for (const { label, pathname } of benchPages(data)) {
            progress(`${name}: GET ${pathname}, signed in`);
            beside(`${label} req/s, signed in (rendered each time)`, await pageThroughput(baseUrl, pathname, { ...timing(), cookie: data.residentCookie }));
          }

          const sent = await wireBytes(baseUrl, list, "gzip, br");
          const uncompressed = await wireBytes(baseUrl, list, "identity");
          const compression = sent.encoding === "identity" ? "not compressed" : `${sent.encoding}; ${kilobytes(uncompressed.bytes)} uncompressed`;
          cell("proposal list HTML on the wire, asking gzip, br", provider, `${kilobytes(sent.bytes)} (${compression})`);

          // Votes are measured by number, not time, so that every ballot sent has its answer before they
          // are counted: a short run first gives the rate that fills SECONDS.
          progress(`${name}: ballots cast by ${VOTERS} voters`);
          const castRate = await castPosts(baseUrl, ballots, 2 * VOTERS, answers);
          const casts = await castPosts(baseUrl, ballots, castRate.perSecond * SECONDS, answers);
          beside("cast POST req/s, 50 voters", casts);
          cell("cast POST latency p99 (p50), 50 voters", provider, `${number(casts.p99Ms)} ms (${number(casts.p50Ms)} ms)`);
          const voteRate = await completeVotes(baseUrl, ballots, VOTERS, answers);
          const votes = await completeVotes(baseUrl, ballots, voteRate * SECONDS, answers);
          cell("complete votes/s, 50 voters without JavaScript (code, review, cast, receipt page)", provider, `${votes.toFixed(1)} (${ratio(votes, healthz)})`);
          const scriptedRate = await completeVotesWithJavaScript(baseUrl, ballots, VOTERS, answers);
          const scripted = await completeVotesWithJavaScript(baseUrl, ballots, scriptedRate * SECONDS, answers);
          cell(
            "complete votes/s, 50 voters with JavaScript (code, review, cast answered with the receipt)",
            provider,
            `${scripted.toFixed(1)} (${ratio(scripted, healthz)})`,
          );
        });

        // The server has stopped: every ballot it took is stored by now.
        const failures = new Map<string, number>();
        for (const failure of answers.failures) failures.set(failure, (failures.get(failure) ?? 0) + 1);
        const problems = [
          ...[...failures].map(([failure, count]) => `${count}× ${failure}`),
          ...(await lostBallots(db, data.votingRoundId, before, answers.receipts)),
        ];
        if (problems.length) process.exitCode = 1;
        cell(
          "ballots kept",
          provider,
          problems.length ? `**NO**: ${problems.join("; ")}` : `yes: ${number(answers.receipts.length)} receipts, as many ballots stored, no code used twice`,
        );
      },
    ),
  );
}

function table(header: string[]): string {
  const lines = [
    [" ", ...PROVIDERS.map((provider) => PROVIDER_NAMES[provider])],
    ...[...rows].map(([label, cells]) => [label, ...PROVIDERS.map((provider) => cells.get(provider) ?? "")]),
  ];
  const widths = lines[0].map((_, column) => Math.max(3, ...lines.map((line) => line[column].length)));
  const format = (line: string[]) => `| ${line.map((text, column) => text.padEnd(widths[column])).join(" | ")} |`;
  return [...header, "", format(lines[0]), `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`, ...lines.slice(1).map(format)].join("\n");
}

const started = Date.now();
const loadBefore = os.loadavg()[0];
progress("building this commit");
buildApp(ROOT);
progress(`building the base commit ${BASE} in a temporary worktree`);
const base = await baseCheckout(ROOT, BASE);
await using(
  base,
  (checkout) => checkout.remove(),
  async () => {
    for (const provider of PROVIDERS) await measure(provider, base);
  },
);

const js = await firstLoadJs(ROOT, PROPOSAL_LIST_ROUTE);
shared("first-load JS of the proposal list, gzipped", `${kilobytes(js.gzipBytes)} in ${js.files} files (${kilobytes(js.bytes)} before gzip)`);
progress("tally");
const { city, timings } = tallyTimings();
for (const { rule, seconds, funded, outcome } of timings) shared(`tally ${rule}`, `${seconds.toFixed(2)} s, ${funded} funded, ${outcome}`);
progress("the tally command on Praga-Południe, as published and disguised");
for (const { label, seconds, funded } of pragaCommandTimings())
  shared(`${label}: \`npm run pabulib -- tally\`, median of 3`, `${seconds.toFixed(2)} s, ${funded} funded`);

const cpus = os.cpus();
console.log(
  table([
    `Commit ${describeCommit(ROOT)} (base ${base.commit}), ${new Date().toISOString().slice(0, 10)}: ${cpus.length} cores (${cpus[0]?.model.trim()}), ` +
      `Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after; ${Math.round((Date.now() - started) / 1000)} s in all.`,
    `Pages: autocannon, ${PAGE_CONNECTIONS} connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up, sending Accept-Encoding: gzip, br ` +
      `(/healthz: this commit and the base in turns, twice ${SECONDS / 2} s each); ` +
      `(×) is the ratio to the /healthz beside it. Ballots: ${VOTERS} connections for about ${SECONDS} s each, on the demo's round in VOTING, pages read uncompressed. ` +
      `Tally: ${city}; Praga-Południe (14,897 voters, 134 projects) by the command, start-up included. · = the same for every database.`,
  ]),
);
