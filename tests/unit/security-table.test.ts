// docs/security.md lists every route and who may use it; this keeps the table and the code in step.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, type Permission, type Role } from "~/auth/permissions";

type Who = "anyone" | "link holder" | "half signed in" | "voter" | "signed in" | "author" | "panel member" | "staff" | "admin";
const SIGNED_IN: readonly Who[] = ["signed in", "author", "panel member"];
const WHO: readonly Who[] = ["anyone", "link holder", "half signed in", "voter", ...SIGNED_IN, "staff", "admin"];

const rows = readFileSync("docs/security.md", "utf8")
  .split("\n")
  .filter((line) => /^\| `[^`]+\.tsx` \|/.test(line))
  .map((line) => {
    const [file, , get, post] = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim().replace(/`/g, ""));
    return { file: file!, get: get!, post: post! };
  });

const files = readdirSync("app/routes").filter((name) => name.endsWith(".tsx"));
const source = (file: string) => readFileSync(`app/routes/${file}`, "utf8");
const exports = (text: string, name: "loader" | "action") => new RegExp(`export (async )?(function|const) ${name}\\b`).test(text);

/** The least role of every permission a file demands with requirePermission (constants resolved). */
function demandedRoles(text: string): Role[] {
  const constants: Record<string, string> = { MANAGE_PARKLETS: "parklet:manage" };
  return [...text.matchAll(/requirePermission\(args, ("([a-z:-]+)"|[A-Z_]+)\)/g)].map((match) => {
    const permission = (match[2] ?? constants[match[1]!]) as Permission;
    expect(PERMISSIONS[permission], `${match[0]} names a known permission`).toBeDefined();
    return PERMISSIONS[permission];
  });
}

describe("the route table in docs/security.md", () => {
  it("lists every route file once, and nothing else", () => {
    expect(rows.map((row) => row.file).sort()).toEqual(files.sort());
    expect(new Set(rows.map((row) => row.file)).size).toBe(rows.length);
  });

  it.each(files)("%s: says who may use each handler it has, and matches the file's guards", (file) => {
    const row = rows.find((candidate) => candidate.file === file)!;
    const text = source(file);
    for (const [column, handler] of [
      ["get", "loader"],
      ["post", "action"],
    ] as const) {
      const who = row[column];
      if (!exports(text, handler)) {
        expect(who, `${file} has no ${handler}`).toBe("–");
        continue;
      }
      expect(WHO, `${file} ${column.toUpperCase()}: "${who}"`).toContain(who);
      if (SIGNED_IN.includes(who as Who)) expect(text, `${file} must require a signed-in user`).toMatch(/requireUser\(|requirePermission\(/);
      if (who === "half signed in") expect(text).toMatch(/pendingSignIn/);
    }
    const roles = demandedRoles(text);
    const staffOnly = roles.some((role) => role === "STAFF");
    const adminOnly = roles.some((role) => role === "ADMIN");
    const says = [row.get, row.post];
    expect(says.includes("staff"), `${file}: requirePermission of a staff permission ⇔ the table says staff`).toBe(staffOnly);
    expect(says.includes("admin"), `${file}: requirePermission of an admin permission ⇔ the table says admin`).toBe(adminOnly);
    if (roles.length)
      expect(
        says.some((who) => who === "anyone"),
        `${file} demands a permission yet says "anyone"`,
      ).toBe(false);
  });
});
