// The layers of app/ (see docs/decisions): the kernel is general tools that import nothing else from
// app/; pure modules (no .server, no route, no component) use neither app/ui nor a *.server module.
import { globSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/^(?:import|export)[^;]*? from "([^"]+)";/gms)].map((match) => match[1]!);

describe("the layers of app/", () => {
  it("the kernel imports nothing else from app/", () => {
    const kernel = globSync("app/kernel/*.ts");
    expect(kernel.length).toBeGreaterThanOrEqual(7);
    const leaks = kernel.flatMap((file) => importsOf(file).filter((spec) => spec.startsWith("~/") || spec.startsWith("../")).map((spec) => `${file} → ${spec}`));
    expect(leaks).toEqual([]);
  });

  it("pure modules use neither app/ui nor a *.server module", () => {
    const pure = globSync("app/**/*.ts", { exclude: ["app/generated/**", "app/routes/**", "app/**/*.server.ts"] });
    expect(pure.length).toBeGreaterThan(30);
    const leaks = pure.flatMap((file) => importsOf(file).filter((spec) => spec.startsWith("~/ui/") || /\.server$/.test(spec)).map((spec) => `${file} → ${spec}`));
    expect(leaks).toEqual([]);
  });
});
