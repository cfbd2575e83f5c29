// A route declares the translation namespaces its page uses (`export const handle = { i18n: [...] }`,
// decision 0018): only those and every page's reach the browser, so an undeclared one would show raw
// keys. Read from the sources: the route module and every module it imports that is not *.server —
// components, hooks, and the pure rules and schemas whose messages the page shows.
import { existsSync, globSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { PERMISSIONS } from "~/auth/permissions";
import { EVERY_PAGE_NAMESPACES, NAMESPACES } from "~/i18n/config";
import { pageNamespaces } from "~/i18n/page-namespaces";
import { pageNamespaceFinder } from "~/i18n/page-namespaces.server";

const KEY_PREFIX = new RegExp(`["'\`](${NAMESPACES.join("|")}):[A-Za-z$]`, "g");
const QUOTED_NAMES = /"([\w-]+)"/g;
/** Permission names ("audit:read") look like keys of a namespace of the same name; they are not text. */
const PERMISSION_NAMES = new RegExp(`["'\`](${Object.keys(PERMISSIONS).join("|")})["'\`]`, "g");

/** The namespaces a module's text uses: useTranslation(ns), a "ns:key" string, an { ns: … } option. */
function namespacesUsedIn(source: string): Set<string> {
  const used = new Set<string>();
  const addQuoted = (list: string) => [...list.matchAll(QUOTED_NAMES)].forEach((match) => used.add(match[1]!));
  for (const match of source.matchAll(/useTranslation\(\s*(\)|\[[^\]]*\]|"[^"]*")/g)) {
    if (match[1] === ")") used.add("common");
    else addQuoted(match[1]!);
  }
  for (const match of source.replace(PERMISSION_NAMES, "").matchAll(KEY_PREFIX)) used.add(match[1]!);
  for (const match of source.matchAll(/\bns:\s*(\[[^\]]*\]|"[^"]*")/g)) addQuoted(match[1]!);
  return used;
}

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/") ? path.join("app", specifier.slice(2)) : specifier.startsWith(".") ? path.join(path.dirname(from), specifier) : null;
  if (base === null) return null;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")];
  return candidates.find((file) => existsSync(file) && statSync(file).isFile()) ?? null;
}

const importsOf = (source: string) => [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";/gms)].map((match) => match[1]!);

/** Module → namespaces it uses, for a module and everything it imports that the browser gets too. */
function pageModules(entry: string): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    const source = readFileSync(file, "utf8");
    seen.set(file, namespacesUsedIn(source));
    for (const specifier of importsOf(source)) {
      const imported = resolveImport(file, specifier);
      if (imported && !/\.server\.tsx?$/.test(imported)) pending.push(imported);
    }
  }
  return seen;
}

/** What a route module declares; null when it has no handle. */
function declaredNamespaces(source: string): string[] | null {
  if (!/export const handle\b/.test(source)) return null;
  const declared = source.match(/export const handle\b[^=]*=\s*\{\s*i18n:\s*\[([^\]]*)\][^{}]*\}/);
  if (!declared) throw new Error("a handle this test cannot read: write it as `export const handle: I18nHandle = { i18n: [...], … };`");
  return [...declared[1]!.matchAll(QUOTED_NAMES)].map((match) => match[1]!);
}

const everyPage = new Set<string>(EVERY_PAGE_NAMESPACES);

/** For each namespace a page uses beyond every page's: the modules that use it. */
function namespacesOfPage(route: string): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const [file, namespaces] of pageModules(route)) {
    for (const namespace of namespaces) if (!everyPage.has(namespace)) users.set(namespace, [...(users.get(namespace) ?? []), file]);
  }
  return users;
}

const routes = globSync("app/routes/*.tsx").sort();
const pages = routes.filter((file) => /^export default function/m.test(readFileSync(file, "utf8")));

describe("reading which namespaces a module uses", () => {
  it("sees useTranslation, prefixed keys in any quotes, and ns options", () => {
    const source = [
      `const { t } = useTranslation("panel");`,
      `const other = useTranslation(["voting", "results"]);`,
      `const plain = useTranslation();`,
      `t("rounds:phases.DRAFT"); t('events:list.title'); t(\`parklets:status.\${status}\`);`,
      `t(error, { ns: "auth" }); t(error, { ns: ["proposal-form", "common"] });`,
    ].join("\n");
    expect([...namespacesUsedIn(source)].sort()).toEqual(["auth", "common", "events", "panel", "parklets", "proposal-form", "results", "rounds", "voting"]);
  });

  it("does not take other colons for namespaces", () => {
    expect([...namespacesUsedIn(`key: \`proposal:account:\${id}\`; can(user, "staff:access"); t(key, { ns: NAMESPACES });`)]).toEqual([]);
  });

  it("finds a namespace used by an imported component, and none from a *.server module", () => {
    const used = namespacesOfPage("app/routes/rounds.$roundId_.proposals.tsx");
    expect(used.get("proposals")).toContain("app/proposals/components/StatusBadge.tsx");
    expect([...used.values()].flat().filter((file) => file.includes(".server."))).toEqual([]);
  });

  it("reads a declaration, and refuses one it cannot read", () => {
    expect(declaredNamespaces(`export const handle: I18nHandle = { i18n: ["rounds", "proposals"] };`)).toEqual(["rounds", "proposals"]);
    expect(declaredNamespaces(`export default function Page() {}`)).toBeNull();
    expect(() => declaredNamespaces(`export const handle = pageHandle("rounds");`)).toThrow(/cannot read/);
  });
});

describe("each route declares the namespaces its page uses", () => {
  it("finds the pages", () => {
    expect(pages.length).toBeGreaterThan(50);
  });

  it.each(pages)("%s declares every namespace it uses", (route) => {
    const declared = new Set(declaredNamespaces(readFileSync(route, "utf8")) ?? []);
    const undeclared = [...namespacesOfPage(route)].filter(([namespace]) => !declared.has(namespace));
    expect(undeclared.map(([namespace, files]) => `${namespace} (used in ${files.join(", ")})`)).toEqual([]);
  });

  it.each(routes)("%s declares only namespaces its page uses (each one costs every visit)", (route) => {
    const source = readFileSync(route, "utf8");
    const declared = declaredNamespaces(source) ?? [];
    const used = pages.includes(route) ? namespacesOfPage(route) : new Map();
    expect(declared.filter((namespace) => !used.has(namespace))).toEqual([]);
  });

  it("the frame (root.tsx) uses only the namespaces every page gets", () => {
    const used = [...pageModules("app/root.tsx")].flatMap(([file, namespaces]) =>
      [...namespaces].filter((ns) => !everyPage.has(ns)).map((ns) => `${ns} in ${file}`),
    );
    expect(used).toEqual([]);
  });
});

describe("the namespaces a request's page gets", () => {
  it("are every page's and those the matched routes declare, in NAMESPACES order", () => {
    expect(pageNamespaces([undefined, { i18n: ["results", "rounds"] }, { other: true }, { i18n: ["rounds"] }])).toEqual([
      "common",
      "errors",
      "rounds",
      "results",
    ]);
    expect(pageNamespaces([])).toEqual(["common", "errors"]);
  });

  it("come from the build's routes that match the path: layouts, index routes, and the splat for anything else", () => {
    const route = (id: string, parentId: string | undefined, path: string | undefined, i18n?: string[], index?: boolean) => ({
      id,
      parentId,
      path,
      index,
      module: { default: () => null, ...(i18n ? { handle: { i18n } } : {}) },
    });
    const routes = Object.fromEntries(
      [
        route("root", undefined, ""),
        route("routes/staff", "root", "staff", ["rounds"]),
        route("routes/staff._index", "routes/staff", undefined, ["results"], true),
        route("routes/staff.parklets", "routes/staff", "parklets", ["parklets"]),
        route("routes/rounds.$roundId_.proposals", "root", "rounds/:roundId/proposals", ["proposals"]),
        route("routes/$", "root", "*"),
      ].map((entry) => [entry.id, entry]),
    ) as unknown as ServerBuild["routes"];
    const namespacesOf = pageNamespaceFinder(routes);
    const at = (path: string) => namespacesOf(new Request(`http://localhost${path}`));
    expect(at("/staff")).toEqual(["common", "errors", "rounds", "results"]);
    expect(at("/staff/parklets")).toEqual(["common", "errors", "rounds", "parklets"]);
    expect(at("/rounds/abc/proposals?status=FUNDED")).toEqual(["common", "errors", "proposals"]);
    expect(at("/no/such/page")).toEqual(["common", "errors"]);
  });
});
