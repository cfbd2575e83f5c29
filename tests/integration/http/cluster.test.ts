// Several worker processes (WEB_CONCURRENCY, scripts/start.mjs, decision 0025), here two on SQLite: both
// serve; one that dies is replaced while the others go on; SIGTERM lets a request under way finish before
// the server exits; killing the primary takes the workers with it. (The concurrency tests of events,
// parklets and voting, and the kill test, run a second time with two workers: scripts/test.mjs.)
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../support/server";

/** Live child processes of `parent` (from /proc/<pid>/stat: after the command in parentheses, the state, then the parent id). */
function childrenOf(parent: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return Number(ppid) === parent && state !== "Z";
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function eventually<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(50);
  }
}

/** The workers once there are `count` of them (nothing else of the server runs as its child once started). */
const workers = (server: TestServer, count: number) =>
  eventually(`${count} workers run`, () => (childrenOf(server.pid()).length === count ? childrenOf(server.pid()) : false));

describe("several workers", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ WEB_CONCURRENCY: "2" });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  /** A GET's status, on a connection of its own (one kept alive to a worker that dies breaks with it), within 15 s. */
  const ok = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${server.baseUrl}${path}`, { agent: false, timeout: 15_000 }, (response) => {
          response.resume();
          resolve(response.statusCode!);
        })
        .on("timeout", () => reject(new Error(`GET ${path}: no answer in 15 s`)))
        .on("error", reject);
    });

  it("serve from two processes, and replace one that dies while the other goes on serving", async () => {
    expect(server.log()).toMatch(/with 2 workers/);
    const [first, second] = await workers(server, 2);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ok("/events")));
    expect(answers).toEqual(Array(20).fill(200));

    // A connection handed to a worker at the moment it dies is lost with it (Node's cluster): ask once the
    // primary has seen the death, while the other worker serves alone.
    process.kill(first!, "SIGKILL");
    await eventually("the primary has reaped the dead worker", () => !alive(first!));
    await sleep(200);
    expect(await ok("/healthz")).toBe(200);
    const replaced = await eventually("a new worker replaces the dead one", () => {
      const now = childrenOf(server.pid());
      return now.length === 2 && !now.includes(first!) && now.includes(second!) ? now : false;
    });
    expect(replaced).toHaveLength(2);
    expect(server.log()).toMatch(new RegExp(`Worker ${first} died`));
    expect(await Promise.all(Array.from({ length: 10 }, () => ok("/parklets")))).toEqual(Array(10).fill(200));
  }, 120_000);

  it("let a request under way finish on SIGTERM, then exit; and take the workers along when the primary is killed", async () => {
    // A form post whose body arrives in two parts, the second after SIGTERM.
    const body = "locale=bg";
    const answer = new Promise<number>((resolve, reject) => {
      const request = http.request(`${server.baseUrl}/language`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": body.length, origin: server.baseUrl },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on("error", reject);
      request.write(body.slice(0, 3));
      setTimeout(() => request.end(body.slice(3)), 1000);
    });
    await sleep(300);
    const primary = server.pid();
    const pids = childrenOf(primary);
    process.kill(primary, "SIGTERM");
    expect([302, 303]).toContain(await answer);
    await eventually("the server exits", () => !alive(primary));
    for (const pid of pids) expect(alive(pid)).toBe(false);

    await server.restart();
    const restarted = await workers(server, 2);
    await server.kill("SIGKILL");
    await eventually("the workers of a killed primary stop", () => restarted.every((pid) => !alive(pid)));
    await server.restart();
    expect(await ok("/healthz")).toBe(200);
  }, 120_000);
});
