// The layers of app/ (see docs/decisions): the kernel is general tools that import nothing else from
// app/; pure modules (no .server, no route, no component) use neither app/ui nor a *.server module.
import { existsSync, globSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*? from "([^"]+)";/gms)].map((match) => match[1]!);

describe("the layers of app/", () => {
  it("the kernel imports nothing else from app/", () => {
    const kernel = globSync("app/kernel/*.ts");
    expect(kernel.length).toBeGreaterThanOrEqual(7);
    const leaks = kernel.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("~/") || spec.startsWith("../"))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(leaks).toEqual([]);
  });

  it("pure modules use neither app/ui nor a *.server module", () => {
    const pure = globSync("app/**/*.ts", { exclude: ["app/generated/**", "app/routes/**", "app/**/*.server.ts"] });
    expect(pure.length).toBeGreaterThan(30);
    const leaks = pure.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("~/ui/") || /\.server$/.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(leaks).toEqual([]);
  });

  it("app/ui holds components and hooks only", () => {
    const others = globSync("app/ui/**/*.{ts,tsx}").filter((file) => !file.endsWith(".tsx") && !/^use[A-Z]/.test(path.basename(file)));
    expect(others).toEqual([]);
  });

  it("only routes and route glue use app/http", () => {
    // A capability's http.server.ts is route glue shared by its routes; root.tsx and entry.server.tsx are the frame.
    const files = globSync("app/**/*.{ts,tsx}", {
      exclude: ["app/generated/**", "app/routes/**", "app/http/**", "app/*/http.server.ts", "app/root.tsx", "app/entry.server.tsx"],
    });
    const leaks = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith("~/http/"))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(leaks).toEqual([]);
  });

  it("leaves a proposal's status and timeline to proposals/status.server", () => {
    const files = globSync("app/**/*.ts", { exclude: ["app/generated/**"] });
    // Creating rows starts a timeline where they are created (an imported round's projects); moves go through status.server.
    const timelineWriters = files.filter((file) => /\.proposalEvent\./.test(readFileSync(file, "utf8")));
    expect(timelineWriters.sort()).toEqual(["app/proposals/status.server.ts", "app/results/import.server.ts"]);
    const statusWriters = files.filter((file) =>
      [...readFileSync(file, "utf8").matchAll(/\.proposal\.update(?:Many)?\(\{[\s\S]*?data: \{([^}]*)\}/g)].some((match) => /\bstatus\s*:/.test(match[1]!)),
    );
    expect(statusWriters).toEqual(["app/proposals/status.server.ts"]);
  });

  it("has no import cycle, and no two capability folders import each other", () => {
    const files = globSync("app/**/*.{ts,tsx}", { exclude: ["app/generated/**"] });
    const resolve = (from: string, spec: string): string | null => {
      const base = spec.startsWith("~/") ? path.join("app", spec.slice(2)) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
      if (!base) return null;
      return [base, `${base}.ts`, `${base}.tsx`].find((candidate) => existsSync(candidate) && candidate.match(/\.tsx?$/)) ?? null;
    };
    const edges = new Map(
      files.map((file) => [
        file,
        importsOf(file)
          .map((spec) => resolve(file, spec))
          .filter((target): target is string => !!target),
      ]),
    );

    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (file: string, trail: string[]) => {
      state.set(file, "open");
      for (const next of edges.get(file) ?? []) {
        if (state.get(next) === "open") cycles.push([...trail.slice(trail.indexOf(next)), next].join(" → "));
        else if (!state.has(next)) visit(next, [...trail, next]);
      }
      state.set(file, "done");
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);

    // Folders of app/ (files at its top — root, entry, db — are the frame around them, not a capability).
    const folderOf = (file: string) => file.split(path.sep)[1]!;
    const inFolder = (file: string) => file.split(path.sep).length > 2;
    const folderEdges = new Set<string>();
    for (const [file, targets] of edges) {
      for (const target of targets) {
        if (inFolder(file) && inFolder(target) && folderOf(file) !== folderOf(target)) folderEdges.add(`${folderOf(file)} → ${folderOf(target)}`);
      }
    }
    const mutual = [...folderEdges].filter((edge) => folderEdges.has(edge.split(" → ").reverse().join(" → "))).sort();
    expect(mutual).toEqual([]);
  });
});
