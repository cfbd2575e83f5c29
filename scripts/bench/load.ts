// Load for `npm run bench`, with autocannon: pages fetched by 20 connections for a fixed time, and
// voters casting ballots through the no-JavaScript form posts of /vote/<round> (the code, the review,
// the cast, the receipt page), 50 at a time.
import autocannon, { type Request, type Result } from "autocannon";

export const PAGE_CONNECTIONS = 20;
export const VOTERS = 50;
/** What a browser asks for: pages are measured as they are sent to one. */
const BROWSER_ENCODINGS = "gzip, br";

export interface Throughput {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

function throughput(result: Result): Throughput {
  return { perSecond: result.requests.total / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

function refuseFailures(what: string, result: Result): void {
  if (result.requests.total === 0) throw new Error(`${what}: no answer in ${result.duration} s`);
  if (result.errors || result.timeouts || result.non2xx) {
    const statuses = Object.entries(result.statusCodeStats)
      .map(([status, { count }]) => `${count}× ${status}`)
      .join(", ");
    throw new Error(`${what}: ${result.errors} errors, ${result.timeouts} timeouts, answers ${statuses}`);
  }
}

const getting = (baseUrl: string, pathname: string, duration: number, cookie?: string) =>
  autocannon({
    url: `${baseUrl}${pathname}`,
    connections: PAGE_CONNECTIONS,
    duration,
    headers: { "accept-encoding": BROWSER_ENCODINGS, ...(cookie ? { cookie } : {}) },
  });

/**
 * GET `pathname` from PAGE_CONNECTIONS connections (with `cookie`, if given): `warmUpSeconds` unmeasured,
 * then `seconds`, in which some answers must come and all be 2xx.
 */
export async function pageThroughput(
  baseUrl: string,
  pathname: string,
  { seconds, warmUpSeconds, cookie }: { seconds: number; warmUpSeconds: number; cookie?: string },
) {
  if (warmUpSeconds > 0) await getting(baseUrl, pathname, warmUpSeconds, cookie);
  const result = await getting(baseUrl, pathname, seconds, cookie);
  refuseFailures(`GET ${pathname}`, result);
  return throughput(result);
}

/**
 * Requests per second of the same page of several servers, each measured for `seconds` in all but in
 * turns (two rounds of half the time each, after a warm-up of each), so that whatever else the machine
 * does weighs on all of them alike.
 */
export async function sideBySide(baseUrls: string[], pathname: string, { seconds, warmUpSeconds }: { seconds: number; warmUpSeconds: number }) {
  const results: Result[][] = baseUrls.map(() => []);
  for (const baseUrl of baseUrls) if (warmUpSeconds > 0) await getting(baseUrl, pathname, warmUpSeconds);
  for (let round = 0; round < 2; round++) {
    for (const [index, baseUrl] of baseUrls.entries()) {
      const result = await getting(baseUrl, pathname, seconds / 2);
      refuseFailures(`GET ${pathname}`, result);
      results[index].push(result);
    }
  }
  return results.map((runs) => runs.reduce((sum, run) => sum + run.requests.total, 0) / runs.reduce((sum, run) => sum + run.duration, 0));
}

export interface Ballots {
  roundId: string;
  /** Proposal ids ticked on every ballot (a valid ballot). */
  ballot: string[];
  /** Unused codes; each cast takes one. */
  codes: string[];
}

/** What the voters were answered: a receipt per ballot cast, and anything else that went wrong. */
export interface Answers {
  receipts: string[];
  failures: string[];
}

const normalised = (receipt: string) => receipt.replace(/-/g, "");
/** A page's HTML without its scripts (every page embeds its translations as JSON). */
const shown = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
const RECEIPT = /<strong class="code">([A-Z0-9-]+)<\/strong>/;

/**
 * The receipt a cast gives: it answers 303 (Post/Redirect/Get) with the receipt in a cookie that names
 * the round, for the ballot page it redirects to.
 */
function castReceipt(status: number, headers: Record<string, string | string[]>): string | undefined {
  if (status !== 303) return undefined;
  return setCookies(headers)
    .map((cookie) => /^wb_receipt=[^.;]+\.([A-Z0-9]+);/.exec(cookie)?.[1])
    .find(Boolean);
}

/** The Set-Cookie headers of an answer, as autocannon hands its headers over (one value or several). */
const setCookies = (headers: Record<string, string | string[]>): string[] =>
  Object.entries(headers).flatMap(([name, value]) => (name.toLowerCase() === "set-cookie" ? [value].flat() : []));

let voterAddresses = 0;
/**
 * The address a vote comes from, as the proxy in front of the app reports it (X-Forwarded-For; the bench's
 * servers trust the loopback proxy): one per vote (autocannon gives each round of a connection's requests a
 * new context), as 50 voters at once are 50 households, not one. From a single address all casts would take
 * turns on that address's wrong-code counter (decision 0041).
 */
function voterAddress(context: Record<string, unknown>): string {
  if (typeof context.address !== "string") {
    const at = ++voterAddresses;
    context.address = `198.18.${(at >> 8) & 255}.${at & 255}`;
  }
  return context.address as string;
}

/**
 * A POST of the ballot form at `step` with the code `code(context)` gives, and (after the code step) the
 * ballot's choices: as a page without JavaScript posts it, or (`asFetch`) as Remix posts it with JavaScript,
 * for the data alone (`<path>.data`).
 */
function votePost(
  baseUrl: string,
  ballots: Ballots,
  step: "code" | "review" | "cast",
  code: (context: Record<string, unknown>) => string,
  { asFetch = false } = {},
): Request {
  const choices = step === "code" ? "" : ballots.ballot.map((id) => `&${encodeURIComponent(`choice.${id}`)}=on`).join("");
  return {
    method: "POST",
    path: `/vote/${ballots.roundId}${asFetch ? ".data" : ""}`,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    setupRequest: (request, context) => ({
      ...request,
      headers: { ...request.headers, "x-forwarded-for": voterAddress(context) },
      body: `step=${step}&code=${encodeURIComponent(code(context))}${choices}`,
    }),
  };
}

/** A count rounded up to a multiple of VOTERS, so that every connection makes the same number of votes. */
const perVoter = (count: number) => Math.max(1, Math.ceil(count / VOTERS)) * VOTERS;

function nextCode(ballots: Ballots): string {
  const code = ballots.codes.pop();
  if (!code) throw new Error("The bench ran out of voting codes");
  return code;
}

/**
 * The time from a run's start to its last answer. Given a number of requests, autocannon notices the end
 * only at its next whole-second tick, so its own duration of a 1.2 s run reads 2.0 s: rates of such runs
 * were up to twice too low (and the short run that sizes the next one made that one short too).
 */
function answerClock() {
  const started = performance.now();
  let last = started;
  return {
    answered: () => void (last = performance.now()),
    seconds: () => Math.max(last - started, 1) / 1000,
  };
}

/**
 * Casts `casts` ballots, each a single POST (step=cast with the code and the choices: a ballot a voter
 * reviewed, sent as the review page sends it), from VOTERS connections; each must answer with its receipt.
 */
export async function castPosts(baseUrl: string, ballots: Ballots, casts: number, answers: Answers): Promise<Throughput> {
  let answered = 0;
  const cast: Request = {
    ...votePost(baseUrl, ballots, "cast", () => nextCode(ballots)),
    onResponse: (status, _body, _context, headers) => {
      answered++;
      clock.answered();
      const receipt = castReceipt(status, headers);
      if (receipt) answers.receipts.push(receipt);
      else answers.failures.push(`cast: ${status}`);
    },
  };
  const clock = answerClock();
  const result = await autocannon({ url: baseUrl, connections: VOTERS, amount: perVoter(casts), requests: [cast] });
  return { perSecond: answered / clock.seconds(), p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** An answer check for a step of a whole vote: anything but 200 is a failure, named by its step (and `flow`). */
const answeredWith200 = (answers: Answers, flow: string) => (step: string) => (status: number) => {
  if (status !== 200) answers.failures.push(`${step}${flow}: ${status}`);
};

/**
 * `flows` whole votes from VOTERS connections, each as a voter without JavaScript makes it: the code,
 * the review of the chosen projects, the cast, and the receipt page it redirects to (which must show the
 * receipt). Returns complete votes per second.
 */
export async function completeVotes(baseUrl: string, ballots: Ballots, flows: number, answers: Answers): Promise<number> {
  const post = (step: "code" | "review" | "cast", code: (context: Record<string, unknown>) => string) => votePost(baseUrl, ballots, step, code);
  let completed = 0;
  const expect200 = answeredWith200(answers, "");
  const requests: Request[] = [
    { ...post("code", (context) => (context.code = nextCode(ballots))), onResponse: expect200("code") },
    { ...post("review", (context) => context.code as string), onResponse: expect200("review") },
    {
      ...post("cast", (context) => context.code as string),
      onResponse: (status, _body, context, headers) => {
        const receipt = castReceipt(status, headers);
        if (receipt) answers.receipts.push((context.receipt = receipt));
        else answers.failures.push(`cast: ${status}`);
        context.cookie = setCookies(headers)
          .map((cookie) => cookie.split(";")[0])
          .join("; ");
      },
    },
    {
      method: "GET",
      // The page the cast redirected to, with the cookie it set, as the browser follows the redirect.
      setupRequest: (request, context) => ({
        ...request,
        path: `/vote/${ballots.roundId}`,
        headers: { ...request.headers, cookie: String(context.cookie ?? "") },
      }),
      onResponse: (status, body, context) => {
        clock.answered();
        const shownReceipt = status === 200 ? RECEIPT.exec(shown(body))?.[1] : undefined;
        if (shownReceipt && normalised(shownReceipt) === normalised(String(context.receipt))) completed++;
        else answers.failures.push(`receipt page: ${status}${status === 200 ? ", no receipt shown" : ""}`);
      },
    },
  ];
  const clock = answerClock();
  await autocannon({ url: baseUrl, connections: VOTERS, amount: requests.length * perVoter(flows), requests });
  return completed / clock.seconds();
}

/**
 * `flows` whole votes from VOTERS connections, each as a browser with JavaScript makes it (the requests
 * tests/e2e/ballot.test.ts sees): the code, the review and the cast posted for their data alone (`.data`),
 * the cast answered with the receipt, which the page shows. Returns complete votes per second.
 */
export async function completeVotesWithJavaScript(baseUrl: string, ballots: Ballots, flows: number, answers: Answers): Promise<number> {
  const post = (step: "code" | "review" | "cast", code: (context: Record<string, unknown>) => string) =>
    votePost(baseUrl, ballots, step, code, { asFetch: true });
  let completed = 0;
  const expect200 = answeredWith200(answers, " (JavaScript)");
  const requests: Request[] = [
    { ...post("code", (context) => (context.code = nextCode(ballots))), onResponse: expect200("code") },
    { ...post("review", (context) => context.code as string), onResponse: expect200("review") },
    {
      ...post("cast", (context) => context.code as string),
      onResponse: (status, body) => {
        clock.answered();
        // The answer's data (turbo-stream) holds the stage and the receipt as plain strings.
        const receipt = status === 200 ? /"receipt","([A-Z0-9-]+)"/.exec(body)?.[1] : undefined;
        if (receipt) {
          answers.receipts.push(normalised(receipt));
          completed++;
        } else answers.failures.push(`cast (JavaScript): ${status}${status === 200 ? ", no receipt in the answer" : ""}`);
      },
    },
  ];
  const clock = answerClock();
  await autocannon({ url: baseUrl, connections: VOTERS, amount: requests.length * perVoter(flows), requests });
  return completed / clock.seconds();
}
