// Remix hands each loader and action a copy of the request without its `index` and `_routes` parameters.
// @remix-run/server-runtime is patched (patches/@remix-run+server-runtime+*.patch) to pass a request without
// them on as it is, instead of making two new Requests for every loader and action: what a loader sees is
// the same either way.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

type Loader = (args: { request: Request }) => unknown;
type CallRouteLoader = (args: {
  loadContext: unknown;
  loader: Loader;
  params: object;
  request: Request;
  routeId: string;
  singleFetch: boolean;
}) => Promise<unknown>;

const require = createRequire(import.meta.url);
// The server's build loads the CommonJS file, which the patch changes.
const { callRouteLoader } = require("@remix-run/server-runtime/dist/data.js") as { callRouteLoader: CallRouteLoader };

async function requestSeen(request: Request): Promise<Request> {
  let seen: Request | undefined;
  await callRouteLoader({ loadContext: {}, params: {}, request, routeId: "root", singleFetch: true, loader: (args) => ((seen = args.request), null) });
  return seen!;
}

describe("the request a loader is given", () => {
  it("is the request itself when it has neither parameter", async () => {
    const request = new Request("http://localhost/rounds/r1/proposals?q=bankjes&page=2", { headers: { cookie: "wb_lang=tr" } });
    expect(await requestSeen(request)).toBe(request);
  });

  it("leaves out Remix's own parameters, and keeps an index value and the rest", async () => {
    const seen = await requestSeen(new Request("http://localhost/rounds?index&_routes=root,routes/rounds&q=a", { headers: { cookie: "wb_lang=tr" } }));
    expect(new URL(seen.url).search).toBe("?q=a");
    expect(seen.headers.get("cookie")).toBe("wb_lang=tr");
    const kept = await requestSeen(new Request("http://localhost/search?index=3&_routes=root"));
    expect(new URL(kept.url).search).toBe("?index=3");
  });
});
