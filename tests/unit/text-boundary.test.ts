// The one check of typed text (app/kernel/form-data.ts): what every form and URL goes through.
import { globSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanFormData, cleanText, isMultilineField, isSingleLineText, parseFormData } from "~/kernel/form-data";

describe("typed text", () => {
  it("refuses control characters and unpaired surrogates everywhere", () => {
    for (const bad of ["a\u0000b", "\u0007", "x\u001by", "\u007f", "\u0085 next line", "\ud800", "a\udc00b"]) {
      expect(cleanText("title", bad).ok, JSON.stringify(bad)).toBe(false);
      expect(cleanText("description", bad).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it("allows TAB and line breaks only in multi-line fields, where CRLF and CR become LF", () => {
    expect(cleanText("description", "één\r\ntwee\rdrie\n\tvier")).toEqual({ ok: true, value: "één\ntwee\ndrie\n\tvier" });
    expect(cleanText("translations.bg.description", "ред\r\nред")).toEqual({ ok: true, value: "ред\nред" });
    for (const bad of ["two\nlines", "tab\there", "cr\r"]) expect(cleanText("title", bad).ok).toBe(false);
  });

  it("keeps the format characters Arabic and mixed-direction text need, and emoji", () => {
    for (const good of ["\u200fمرحبا\u200e Gasmeterlaan", "\u2067مرحبا\u2069", "\u200d\u200c", "👩‍👩‍👧 samentuin"]) {
      expect(cleanText("title", good)).toEqual({ ok: true, value: good });
    }
    expect(isSingleLineText("cmxbzrkbl001d027dpgu5hao6")).toBe(true);
    expect(isSingleLineText("a\u0000b")).toBe(false);
  });

  it("reports refused fields as field errors and leaves them out of the form", () => {
    const posted = new FormData();
    posted.set("name", "Ay\u0000şe");
    posted.set("email", "ayse@example.org");
    posted.set("proposalId", "c1\u0000");
    const cleaned = cleanFormData(posted);
    expect(cleaned.get("name")).toBeNull();
    expect(cleaned.get("proposalId")).toBeNull();
    const parsed = parseFormData(z.object({ name: z.string().optional(), email: z.string() }), cleaned);
    expect(parsed).toMatchObject({ ok: false, errors: { name: "validation.controlCharacters", proposalId: "validation.controlCharacters" } });

    // Where to go after logging in is nobody's typing: an unusable value is dropped without a word.
    const login = new FormData();
    login.set("email", "ayse@example.org");
    login.set("redirectTo", "/\t/evil.example");
    const cleanedLogin = cleanFormData(login);
    expect(cleanedLogin.get("redirectTo")).toBeNull();
    expect(parseFormData(z.object({ email: z.string(), redirectTo: z.string().optional() }), cleanedLogin)).toEqual({
      ok: true,
      data: { email: "ayse@example.org" },
    });
  });

  it("knows every textarea of the app as a multi-line field", () => {
    const names = globSync("app/**/*.tsx").flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/<TextAreaField[^>]*?\bname=(?:"([^"]+)"|\{`([^`]+)`\})/gs)].map((match) =>
        (match[1] ?? match[2]!).replace(/\$\{[^}]+\}/g, "nl"),
      ),
    );
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((name) => !isMultilineField(name))).toEqual([]);
    expect(isMultilineField("title")).toBe(false);
  });
});
