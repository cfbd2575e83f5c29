// What the browser downloads for a page, read from the build's metafile (docs/decisions/0019): zod
// (≈ 90 KB gzipped) only comes with pages whose forms validate in the browser, and the proposal list
// stays within its first-load budget.
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

interface Metafile {
  outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

/** Pages that check nothing in the browser: their forms are filters, links and plain buttons. */
const PAGES_WITHOUT_BROWSER_VALIDATION = [
  "routes/_index",
  "routes/n.$slug",
  "routes/rounds.$roundId",
  "routes/rounds.$roundId_.proposals",
  "routes/rounds.$roundId_.results",
  "routes/parklets._index",
  "routes/events._index",
  "routes/events.rsvp.$token",
  "routes/panel.$roundId",
];
const PROPOSAL_LIST_BUDGET_GZIPPED = 120 * 1024;

const isZod = (source: string) => source.includes("node_modules/zod/");
/** The zod resolver of react-hook-form: the form checks its fields with the action's schema as they are typed. */
const isBrowserValidation = (source: string) => source.includes("node_modules/@hookform/resolvers/");

let meta: Metafile;
beforeAll(() => {
  if (!existsSync("build/metafile.js.json")) throw new Error("No build: run `npm test` (it builds first) or `npm run build`.");
  meta = JSON.parse(readFileSync("build/metafile.js.json", "utf8")) as Metafile;
});

/** The output files that make up an entry point (a route id, "root" or "entry.client"): its own and every chunk it imports. */
function filesOf(entry: string): Set<string> {
  const entryPoint = entry === "entry.client" ? "app/entry.client.tsx" : `browser-route-module:${entry}.tsx?browser`;
  const start = Object.keys(meta.outputs).find((file) => meta.outputs[file]!.entryPoint === entryPoint);
  if (!start) throw new Error(`No output for ${entry} in the build`);
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imported of meta.outputs[file]!.imports) if (imported.kind === "import-statement" && meta.outputs[imported.path]) visit(imported.path);
  };
  visit(start);
  return files;
}

const sourcesOf = (entry: string) => [...filesOf(entry)].flatMap((file) => Object.keys(meta.outputs[file]!.inputs));

function routeIds(): string[] {
  return Object.values(meta.outputs)
    .map((output) => output.entryPoint?.match(/^browser-route-module:(routes\/.+)\.tsx\?browser$/)?.[1])
    .filter((id): id is string => !!id);
}

describe("the JavaScript of each page", () => {
  it("recognises zod where a form validates in the browser (the login page)", () => {
    expect(sourcesOf("routes/login").some(isZod)).toBe(true);
    expect(sourcesOf("routes/login").some(isBrowserValidation)).toBe(true);
  });

  it.each(PAGES_WITHOUT_BROWSER_VALIDATION)("%s has no zod", (route) => {
    expect(sourcesOf(route).filter(isZod)).toEqual([]);
  });

  it("bundles zod with a page only when the page validates a form in the browser", () => {
    const ids = routeIds();
    expect(ids.length).toBeGreaterThan(50);
    // A schema declared in a route file, or imported from a module some other page validates with, pulls zod in;
    // schemas only loaders and actions read live in *.server.ts modules.
    const zodForNothing = ids.filter((id) => {
      const sources = sourcesOf(id);
      return sources.some(isZod) && !sources.some(isBrowserValidation);
    });
    expect(zodForNothing).toEqual([]);
  });

  it("ships zod without the messages of its 40-odd languages (ours are translation keys)", () => {
    // `import { z } from "zod"` keeps all of zod, its locales too (≈ 50 KB gzipped); `import * as z` lets them go.
    const zodLocales = new Set(routeIds().flatMap((id) => sourcesOf(id).filter((source) => source.includes("node_modules/zod/v4/locales/"))));
    expect([...zodLocales].map((source) => source.replace(/.*\/locales\//, ""))).toEqual(["en.js"]);
  });

  it(`keeps the proposal list's first load within ${PROPOSAL_LIST_BUDGET_GZIPPED / 1024} KB gzipped`, () => {
    const files = new Set([...filesOf("entry.client"), ...filesOf("root"), ...filesOf("routes/rounds.$roundId_.proposals")]);
    const gzipped = [...files].reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
    expect(gzipped).toBeLessThanOrEqual(PROPOSAL_LIST_BUDGET_GZIPPED);
  });
});
