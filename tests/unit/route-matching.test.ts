// The server matches routes with @remix-run/router's CommonJS build, patched (patches/@remix-run+router+*.patch)
// to flatten and rank a route tree once per shape instead of on every match, and to remember per shape which
// branch a path matched first. Its matches must be exactly those
// of the unpatched code (the package's ES module build, which the patch leaves alone), whatever tree is given.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";
import * as unpatchedModule from "@remix-run/router/dist/router.js";
import { describe, expect, it } from "vitest";

type Route = Router.AgnosticRouteObject;
const require = createRequire(import.meta.url);
const patched = require("@remix-run/router") as typeof Router;
const unpatched = unpatchedModule as unknown as typeof Router;

/** A tree like the app's: a root layout, index routes, static, dynamic, optional and splat segments, pathless layouts. */
const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "healthz", path: "healthz" },
      { id: "vote", path: "vote/:roundId" },
      {
        id: "rounds",
        path: "rounds/:roundId",
        children: [
          { id: "round", index: true },
          { id: "map", path: "map" },
        ],
      },
      {
        id: "staff",
        path: "staff",
        children: [
          { id: "dashboard", index: true },
          { id: "staffRound", path: "rounds/:roundId/*" },
        ],
      },
      { id: "Case", path: "Privacy", caseSensitive: true },
      { id: "optional", path: "events/:year?/:month?" },
      { id: "layout", children: [{ id: "login", path: "login" }] },
      { id: "splat", path: "*" },
    ],
  },
];
const PATHS = [
  "/",
  "/healthz",
  "/vote/7",
  "/rounds/3",
  "/rounds/3/map",
  "/staff",
  "/staff/rounds/9/codes/new",
  "/Privacy",
  "/privacy",
  "/events",
  "/events/2026/12",
  "/login",
  "/nothing/here",
  "/vote/",
];
const shown = (matches: ReturnType<typeof unpatched.matchRoutes>) =>
  matches?.map((match) => ({ id: match.route.id, params: match.params, pathname: match.pathname }));

describe("route matching (patched for speed)", () => {
  it("is patched where the server loads it (npm's postinstall runs patch-package)", () => {
    expect(readFileSync(require.resolve("@remix-run/router"), "utf8")).toContain("branchesByShape");
  });

  it("finds exactly what the unpatched code finds, on every call", () => {
    for (const pathname of PATHS) {
      const expected = shown(unpatched.matchRoutes(tree(), pathname));
      for (let call = 0; call < 3; call++) expect(shown(patched.matchRoutes(tree(), pathname)), pathname).toEqual(expected);
    }
  });

  it("hands out the route objects of the tree it was given, not those of an earlier tree of the same shape", () => {
    const first = tree();
    const second = tree();
    expect(patched.matchRoutes(first, "/rounds/3/map")!.at(-1)!.route).toBe(first[0].children![3].children![1]);
    const expected = [second[0], second[0].children![3], second[0].children![3].children![1]];
    expect(patched.matchRoutes(second, "/rounds/3/map")!.every((match, at) => match.route === expected[at])).toBe(true);
  });

  it("notices a tree changed in place (routes discovered later are added to their parent's children)", () => {
    const routes = tree();
    expect(shown(patched.matchRoutes(routes, "/proposals/5"))!.at(-1)!.id).toBe("splat");
    routes[0].children!.push({ id: "proposal", path: "proposals/:proposalId" });
    expect(shown(patched.matchRoutes(routes, "/proposals/5"))).toEqual(shown(unpatched.matchRoutes(routes, "/proposals/5")));
    expect(shown(patched.matchRoutes(routes, "/proposals/5"))!.at(-1)).toEqual({ id: "proposal", params: { proposalId: "5" }, pathname: "/proposals/5" });
  });

  it("notices a route of a tree matched before changed in place: its path, or a route taken away", () => {
    const routes = tree();
    expect(shown(patched.matchRoutes(routes, "/healthz"))!.at(-1)!.id).toBe("healthz");
    routes[0].children![1].path = "health";
    expect(shown(patched.matchRoutes(routes, "/healthz"))!.at(-1)!.id).toBe("splat");
    expect(shown(patched.matchRoutes(routes, "/health"))).toEqual(shown(unpatched.matchRoutes(routes, "/health")));
    routes[0].children!.pop();
    expect(patched.matchRoutes(routes, "/healthz")).toBeNull();
  });

  it("remembers which branch a path matched first, and that a path matched none, without mixing up paths", () => {
    const withoutSplat = (): Route[] => [{ id: "root", path: "", children: tree()[0].children!.filter((route) => route.id !== "splat") }];
    for (let call = 0; call < 3; call++) {
      expect(patched.matchRoutes(withoutSplat(), "/nothing/here"), `call ${call}`).toBeNull();
      expect(shown(patched.matchRoutes(withoutSplat(), "/vote/8")), `call ${call}`).toEqual(shown(unpatched.matchRoutes(withoutSplat(), "/vote/8")));
      expect(shown(patched.matchRoutes(withoutSplat(), "/vote/%C3%A9t%C3%A9"))!.at(-1)!.params).toEqual({ roundId: "été" });
      expect(shown(patched.matchRoutes(withoutSplat(), "/rounds/3/map"))!.at(-1)!.id).toBe("map");
    }
  });

  it("compiles a path's pattern once, yet matches each call's own path", () => {
    expect(patched.matchPath("/vote/:roundId", "/vote/1")?.params).toEqual({ roundId: "1" });
    expect(patched.matchPath("/vote/:roundId", "/vote/2")?.params).toEqual({ roundId: "2" });
    expect(patched.matchPath({ path: "/Privacy", caseSensitive: true, end: true }, "/privacy")).toBeNull();
    expect(patched.matchPath({ path: "/Privacy", caseSensitive: false, end: true }, "/privacy")).not.toBeNull();
    expect(patched.matchPath({ path: "/staff", end: false }, "/staff/people")?.pathnameBase).toBe("/staff");
  });
});
