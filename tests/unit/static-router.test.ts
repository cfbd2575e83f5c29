// The server renders every page with the same route tree. react-router-dom's createStaticRouter, patched
// (patches/react-router-dom+*.patch), converts a tree into data routes once and keeps them; @remix-run/react's
// RemixServer (patches/@remix-run+react+*.patch) makes that tree once per build. What each render shows must
// still be its own request's: the matches and data come from the request's context, not from the kept tree.
import { createRequire } from "node:module";
import type { StaticHandlerContext } from "@remix-run/router";
import type * as ServerModule from "react-router-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The server's build loads the CommonJS file, which the patch changes.
const { createStaticHandler, createStaticRouter } = require("react-router-dom/server") as typeof ServerModule;

const tree = () => [
  {
    id: "root",
    path: "/",
    loader: () => "root",
    children: [
      { id: "home", index: true, loader: () => "home" },
      { id: "vote", path: "vote/:roundId", loader: ({ params }: { params: { roundId?: string } }) => `round ${params.roundId}` },
    ],
  },
];

async function contextFor(routes: ReturnType<typeof tree>, path: string): Promise<StaticHandlerContext> {
  const context = await createStaticHandler(routes).query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`${path} answered ${context.status}`);
  return context;
}

describe("the static router of a render", () => {
  it("keeps a tree's data routes, and gives each render its own request's matches and data", async () => {
    const routes = tree();
    const first = createStaticRouter(routes, await contextFor(routes, "/vote/r1"));
    const second = createStaticRouter(routes, await contextFor(routes, "/"));
    expect(second.routes).toBe(first.routes);
    expect(first.state.matches.map((match) => match.route.id)).toEqual(["root", "vote"]);
    expect(first.state.matches[1]!.params).toEqual({ roundId: "r1" });
    expect(first.state.loaderData).toEqual({ root: "root", vote: "round r1" });
    expect(second.state.matches.map((match) => match.route.id)).toEqual(["root", "home"]);
    expect(second.state.loaderData).toEqual({ root: "root", home: "home" });
    // The matches point at the kept data routes (the ones the render walks).
    expect(first.state.matches[0]!.route).toBe(first.routes[0]);
  });

  it("makes data routes anew for another tree", async () => {
    const one = tree();
    const other = tree();
    const first = createStaticRouter(one, await contextFor(one, "/"));
    const second = createStaticRouter(other, await contextFor(other, "/"));
    expect(second.routes).not.toBe(first.routes);
    expect(second.routes[0]!.loader).toBe(other[0]!.loader);
    expect(second.routes[0]!.children!.map((route) => route.id)).toEqual(["home", "vote"]);
  });
});
