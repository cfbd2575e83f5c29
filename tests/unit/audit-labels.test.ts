import { globSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AUDITED } from "~/audit/actions";
import { LOCALES } from "~/i18n/config";
import { ROUND_DATE_FIELDS } from "~/rounds/phases";
import { VOTING_SETTINGS_FIELDS } from "~/voting/schema";

/** Every source file under app/ (not the generated Prisma client), for finding the audit actions the code records. */
const sourceFiles = () => globSync("app/**/*.{ts,tsx}", { exclude: ["app/generated/**", "app/audit/actions.ts"] });

describe("the audit log", () => {
  it("records only declared actions", () => {
    const recorded = new Set(
      sourceFiles().flatMap((file) => [...readFileSync(file, "utf8").matchAll(/action: "([a-z]+\.[a-z-]+)"/g)].map((match) => match[1]!)),
    );
    expect(recorded.size).toBeGreaterThan(40);
    expect([...recorded].filter((action) => !Object.hasOwn(AUDITED, action))).toEqual([]);
  });

  it("has a label in every language for every declared action", () => {
    for (const locale of LOCALES) {
      const labels = JSON.parse(readFileSync(`locales/${locale}/rounds.json`, "utf8")).audit as Record<string, Record<string, string>>;
      const unlabelled = Object.keys(AUDITED).filter((action) => {
        const [group, name] = action.split(".") as [string, string];
        return typeof labels[group]?.[name] !== "string";
      });
      expect(unlabelled, locale).toEqual([]);
    }
  });

  it("declares no detail for voting actions, and never a person's email or name", () => {
    for (const [action, declaration] of Object.entries(AUDITED)) {
      if (action.startsWith("voting.")) expect(declaration.details, action).toEqual([]);
      for (const field of declaration.details) {
        expect(field, action).not.toMatch(/email|^(ballotId|participationId|receipt|code|choices?)$/i);
        // A name is a parklet's, a neighbourhood's or a file's, never a person's (people are recorded by account id).
        if (/name$/i.test(field)) expect(`${action} ${field}`).toMatch(/^parklet\.\S+ name$|^neighbourhood\.\S+ name$|^results\.import fileName$/);
      }
    }
  });

  it("records every date of a round that an update can change", () => {
    expect(AUDITED["round.update"].details).toEqual(expect.arrayContaining([...ROUND_DATE_FIELDS]));
  });

  it("records every voting setting (audit cannot import voting, which records through it)", () => {
    expect([...AUDITED["round.voting-settings"].details]).toEqual(VOTING_SETTINGS_FIELDS);
  });
});
