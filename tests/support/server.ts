// Starts the built app (npm start without the build step) on a free port with its own database (a copy
// of the run's demo database), outbox and upload directory, for HTTP and browser tests. The test runner
// builds the app first.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { freePort } from "../../scripts/bench/servers";
import { createTestDatabase, type TestProvider } from "./databases";

export interface TestServer {
  baseUrl: string;
  outboxDir: string;
  databaseUrl: string;
  /**
   * Messages in the outbox addressed to `to`, oldest first; waits (up to 15 s) until there is one,
   * or one that `wanted` accepts (mail is sent after the answer).
   */
  mailTo(
    to: string,
    wanted?: (mail: { subject: string; text: string; locale: string }) => boolean,
  ): Promise<{ to: string; subject: string; text: string; locale: string }[]>;
  /**
   * Ends the server process with `signal` (SIGKILL by default: no clean-up, a crash) and waits until
   * it has exited. The database and the outbox stay, so `restart()` can start it again on them;
   * `stop()` still removes them afterwards.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the same command again (same environment, database and port) and waits for /healthz. */
  restart(): Promise<void>;
  /** What the server process wrote to stdout and stderr since it was last (re)started. */
  log(): string;
  /** The server's process id (with WEB_CONCURRENCY > 1, the primary that supervises the workers). */
  pid(): number;
  stop(): Promise<void>;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`The server did not become healthy in 60 s:\n${log()}`);
}

/**
 * The built app on a free port with demo data, on a copy of the run's demo database (tests/global-setup.ts):
 * a SQLite file of its own, or a throwaway PostgreSQL database. The server still runs its start-up step
 * (scripts/db/prepare.ts), which finds the copy migrated and seeded. With `DATABASE_URL` in `env`, the
 * server uses that database instead (another server's, say).
 */
export async function startTestServer(env: Record<string, string> = {}, provider: TestProvider = "sqlite"): Promise<TestServer> {
  if (!existsSync("build/index.js")) throw new Error("No build: run `npm test` (it builds first) or `npm run build`.");
  const templates = inject("demoTemplates");
  if (!templates) throw new Error("No demo databases: test servers run in the integration and e2e projects (their globalSetup makes them).");
  const template = provider === "postgresql" ? templates.postgresql : null;
  if (provider === "postgresql" && !template) throw new Error("No PostgreSQL demo database: set WB_TEST_POSTGRES=1.");
  const dir = await mkdtemp(path.join(os.tmpdir(), "wb-server-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // Another server's database when `env` names one (reported as this server's, too); else a copy of the demo's.
  const postgres = template && !env.DATABASE_URL ? await createTestDatabase("postgresql", { template }) : null;
  const databaseUrl = env.DATABASE_URL ?? postgres?.url ?? `file:${path.join(dir, "app.db")}`;
  if (!env.DATABASE_URL && !postgres) await copyFile(templates.sqlite, path.join(dir, "app.db"));
  const outboxDir = path.join(dir, "outbox");
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    OUTBOX_DIR: outboxDir,
    UPLOAD_DIR: path.join(dir, "uploads"),
    // Tests tell the server which client they pretend to be with X-Forwarded-For, so rate limits
    // of one test do not spill into another.
    TRUST_PROXY: "loopback",
    SEED_DEMO: "1",
    // One process, as on SQLite in production; the cluster test and a second pass of the concurrency
    // tests (scripts/test.mjs) ask for two workers.
    WEB_CONCURRENCY: process.env.WB_TEST_WEB_CONCURRENCY ?? "1",
    // Map tiles from this server (they 404): tests never reach out to a real tile server.
    MAP_TILE_URL: "/test-tiles/{z}/{x}/{y}.png",
    ...env,
  };
  let output = "";
  let child: ChildProcess;
  const running = () => child.exitCode === null && child.signalCode === null;
  const launch = async () => {
    child = spawn(process.execPath, ["scripts/start.mjs", "--no-build"], { env: serverEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    await waitForHealth(baseUrl, child, () => output);
  };
  const kill = async (signal: NodeJS.Signals = "SIGKILL") => {
    if (!running()) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await Promise.race([exited, sleep(5000)]);
    if (running()) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  try {
    await launch();
  } catch (error) {
    await kill();
    await rm(dir, { recursive: true, force: true });
    await postgres?.cleanup();
    throw error;
  }

  return {
    baseUrl,
    outboxDir,
    databaseUrl,
    async mailTo(to, wanted = () => true) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        let names: string[] = [];
        try {
          names = (await readdir(outboxDir)).filter((name) => name.endsWith(".json")).sort();
        } catch {
          names = [];
        }
        const messages = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(outboxDir, name), "utf8"))));
        const addressed = messages.filter((message) => message.to === to);
        if (addressed.some(wanted) || Date.now() > deadline) return addressed;
        await sleep(100);
      }
    },
    kill,
    log: () => output,
    pid: () => child.pid!,
    async restart() {
      if (running()) throw new Error("The server is still running: kill() it first.");
      output = "";
      await launch();
    },
    async stop() {
      await kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
      await postgres?.cleanup();
    },
  };
}

/** A tiny cookie-keeping HTTP client that posts forms the way a browser without JavaScript does. */
export class Visitor {
  private cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    /** The address this visitor pretends to come from (for rate limits), and its languages. */
    private readonly options: { address?: string; acceptLanguage?: string } = {},
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const headers: Record<string, string> = { ...extra };
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (this.options.address) headers["X-Forwarded-For"] = this.options.address;
    if (this.options.acceptLanguage) headers["Accept-Language"] = this.options.acceptLanguage;
    return headers;
  }

  private keep(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      if (/Max-Age=0/i.test(cookie) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Gives this visitor a cookie another one received (the same browser, say, on a new network). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(`${this.baseUrl}${pathname}`, { headers: this.headers(headers), redirect: "manual" });
    this.keep(response);
    return response;
  }

  async post(
    pathname: string,
    fields: Record<string, string> | string,
    options: { origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const body = typeof fields === "string" ? fields : new URLSearchParams(fields).toString();
    const origin = options.origin === undefined ? this.baseUrl : options.origin;
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method: "POST",
      body,
      redirect: "manual",
      headers: this.headers({
        "Content-Type": "application/x-www-form-urlencoded",
        ...(origin ? { Origin: origin } : {}),
        ...options.headers,
      }),
    });
    this.keep(response);
    return response;
  }

  /** Posts a multipart form (text fields and files) the way a browser without JavaScript does. */
  async postMultipart(pathname: string, fields: Record<string, string>, files: Record<string, File>): Promise<Response> {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    for (const [name, file] of Object.entries(files)) body.set(name, file);
    const response = await fetch(`${this.baseUrl}${pathname}`, { method: "POST", body, redirect: "manual", headers: this.headers({ Origin: this.baseUrl }) });
    this.keep(response);
    return response;
  }

  /** Logs in through the login form; throws when it does not succeed. */
  async logIn(email: string, password: string): Promise<void> {
    const response = await this.post("/login", { email, password });
    if (response.status !== 302 || !this.cookies.has("wb_session")) {
      throw new Error(`Login of ${email} failed with ${response.status}`);
    }
  }
}

/** A 1×1 PNG, as an upload. */
export const ONE_PIXEL_PNG = Uint8Array.from(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
