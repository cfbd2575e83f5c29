import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type { Namespace } from "./config";
import { pageNamespaces } from "./page-namespaces";

const KNOWN_PATHS = 2000;

/** A route of the build as react-router's matchRoutes takes it: an index route has no children. */
type RouteBranch = { id: string; path?: string; caseSensitive?: boolean } & ({ index: true } | { index?: false; children: RouteBranch[] });

function branchesUnder(routes: ServerBuild["routes"], parentId: string | undefined): RouteBranch[] {
  return Object.values(routes).flatMap((route): RouteBranch[] => {
    if (!route || route.parentId !== parentId) return [];
    const { id, path, caseSensitive } = route;
    return [route.index ? { id, path, caseSensitive, index: true } : { id, path, caseSensitive, children: branchesUnder(routes, id) }];
  });
}

/**
 * For the root loader (through the load context, see scripts/server.mjs): the namespaces of the page
 * a request asks for, from the `handle` of every route of the server build that matches its path —
 * the same routes Remix renders for it. A data request's URL is the page's (Remix strips `.data`).
 */
export function pageNamespaceFinder(routes: ServerBuild["routes"]): (request: Request) => readonly Namespace[] {
  const tree = branchesUnder(routes, undefined);
  // Matching ranks every route of the build again each time (≈ 0.5 ms, and a page asks twice: the root
  // loader and the render), so the answer is kept per path, for a bounded number of paths.
  const known = new Map<string, readonly Namespace[]>();
  return (request) => {
    const { pathname } = new URL(request.url);
    let namespaces = known.get(pathname);
    if (!namespaces) {
      const matches = matchRoutes(tree, pathname) ?? [];
      namespaces = pageNamespaces(matches.map((match) => routes[match.route.id]?.module.handle));
      if (known.size >= KNOWN_PATHS) known.clear();
      known.set(pathname, namespaces);
    }
    return namespaces;
  };
}
