// The page cache's rules (scripts/page-cache.mjs) on a bare HTTP server, with a clock the test moves
// and pages that finish rendering when the test says: a stale copy is sent while one request renders
// the page again; without a usable copy, others wait for that rendering; a page rendered while
// something may have been written is not kept; the bounds hold.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { visitorCookies } from "~/entry.server";
import { pageCache } from "../../../scripts/page-cache.mjs";

/** The cache as the server makes it, with the app's cookies. */
const cache = (options: Record<string, unknown>) => pageCache({ cookies: visitorCookies, ...options });

type Cache = ((req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void) & { size(): number };

interface Bench {
  url: string;
  renders: number;
  /** Pages wait for this before they end, when set. */
  hold: Promise<void> | null;
  close(): Promise<void>;
}

const servers: Bench[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** A server whose pages are "page <n> of <path>" (shared unless the path says /own/), behind the cache. */
async function serve(cache: Cache, { bytes = 0 } = {}): Promise<Bench> {
  const bench: Bench = { url: "", renders: 0, hold: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    const locals = { siteHost: "example.test" } as Record<string, unknown>;
    Object.assign(res, { locals });
    cache(req, res, async () => {
      if (req.method !== "GET") {
        req.resume();
        await bench.hold;
        res.end("written");
        return;
      }
      const n = ++bench.renders;
      locals.sharedPage = !req.url!.startsWith("/own/");
      res.setHeader("content-type", "text/plain");
      res.write(`page ${n} of ${req.url}`);
      await bench.hold;
      res.end("x".repeat(bytes));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  bench.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bench.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  servers.push(bench);
  return bench;
}

const page = async (bench: Bench, path: string, init: RequestInit = {}) => (await fetch(`${bench.url}${path}`, init)).text();

/** A promise the test resolves, and a way to tell that the server got as far as waiting on it. */
function gate() {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
};

describe("the page cache's rules", () => {
  it("sends a fresh copy, then the stale one while a single request renders it again, then the new one", async () => {
    let time = 0;
    const bench = await serve(cache({ freshMs: 1000, staleMs: 5000, now: () => time }));
    expect(await page(bench, "/a")).toBe("page 1 of /a");
    time = 999;
    expect(await page(bench, "/a")).toBe("page 1 of /a");

    time = 1000;
    const { promise, open } = gate();
    bench.hold = promise;
    const rendering = page(bench, "/a");
    await until(() => bench.renders === 2);
    expect(await page(bench, "/a")).toBe("page 1 of /a");
    expect(await page(bench, "/a")).toBe("page 1 of /a");
    expect(bench.renders).toBe(2);
    open();
    expect(await rendering).toBe("page 2 of /a");
    expect(await page(bench, "/a")).toBe("page 2 of /a");
  });

  it("renders a page once for all who ask at once, and once more when its copy is too stale to send", async () => {
    let time = 0;
    const bench = await serve(cache({ freshMs: 1000, staleMs: 5000, now: () => time }));
    const first = gate();
    bench.hold = first.promise;
    const asked = [page(bench, "/a"), page(bench, "/a"), page(bench, "/a")];
    await until(() => bench.renders === 1);
    first.open();
    expect(await Promise.all(asked)).toEqual(["page 1 of /a", "page 1 of /a", "page 1 of /a"]);
    expect(bench.renders).toBe(1);

    time = 5000;
    const second = gate();
    bench.hold = second.promise;
    const again = [page(bench, "/a"), page(bench, "/a")];
    await until(() => bench.renders === 2);
    second.open();
    expect(await Promise.all(again)).toEqual(["page 2 of /a", "page 2 of /a"]);
    expect(bench.renders).toBe(2);
  });

  it("does not make requests for a page last found not shared wait for each other", async () => {
    const bench = await serve(cache({ freshMs: 1000 }));
    await page(bench, "/own/x");
    const { promise, open } = gate();
    bench.hold = promise;
    const asked = [page(bench, "/own/x"), page(bench, "/own/x")];
    await until(() => bench.renders === 3);
    open();
    expect((await Promise.all(asked)).sort()).toEqual(["page 2 of /own/x", "page 3 of /own/x"]);
  });

  it("keeps nothing rendered while a write was under way, and forgets everything when one starts and ends", async () => {
    const bench = await serve(cache({ freshMs: 60_000 }));
    await page(bench, "/a");
    expect(await page(bench, "/a")).toBe("page 1 of /a");

    const { promise, open } = gate();
    bench.hold = promise;
    const writing = fetch(`${bench.url}/form`, { method: "POST", body: "x=1" });
    const rendering = page(bench, "/a");
    await until(() => bench.renders === 2);
    open();
    await writing;
    expect(await rendering).toBe("page 2 of /a");
    bench.hold = null;
    // Page 2 began before the write ended: it is not sent again.
    expect(await page(bench, "/a")).toBe("page 3 of /a");
    expect(await page(bench, "/a")).toBe("page 3 of /a");
  });

  it("keeps only shared pages, for requests without a cookie it does not know", async () => {
    const bench = await serve(cache({ freshMs: 60_000 }));
    await page(bench, "/own/x");
    expect(await page(bench, "/own/x")).toBe("page 2 of /own/x");
    await page(bench, "/a", { headers: { cookie: "wb_session=abc" } });
    expect(await page(bench, "/a", { headers: { cookie: "wb_session=abc" } })).toBe("page 4 of /a");
    expect(await page(bench, "/a", { headers: { cookie: "wb_lng=bg" } })).toBe("page 5 of /a");
    expect(await page(bench, "/a", { headers: { cookie: "wb_lng=bg" } })).toBe("page 5 of /a");
    expect(await page(bench, "/a", { headers: { cookie: "wb_lng=tr" } })).toBe("page 6 of /a");
  });

  it("holds at most its number of pages and bytes, dropping the oldest, and never a page over its own bound", async () => {
    const bounded = cache({ freshMs: 60_000, maxEntries: 2, maxBytes: 10_000, maxPageBytes: 6_000 }) as Cache;
    const bench = await serve(bounded, { bytes: 4_000 });
    for (const path of ["/a", "/b", "/c"]) await page(bench, path);
    // (A page is stored when its answer has gone out, which the client may see first: ask once more.)
    expect(await page(bench, "/c")).toMatch(/^page 3 of \/c/);
    expect(bounded.size()).toBe(2);
    expect(await page(bench, "/b")).toMatch(/^page 2 of \/b/);
    expect(await page(bench, "/a")).toMatch(/^page 4 of \/a/);

    const big = await serve(cache({ freshMs: 60_000, maxPageBytes: 3_000 }) as Cache, { bytes: 4_000 });
    await page(big, "/a");
    expect(await page(big, "/a")).toMatch(/^page 2 of \/a/);
  });
});
