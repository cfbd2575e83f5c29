import { describe, expect, it } from "vitest";
import { directionOf, parseAcceptLanguage, readCookie, resolveLocale } from "~/i18n/config";
import { pickLocalized } from "~/i18n/content";

describe("choosing the UI language", () => {
  it("prefers the saved choice, then the cookie, then Accept-Language, then Dutch", () => {
    expect(resolveLocale({ saved: "bg", cookie: "tr", acceptLanguage: "fr" })).toBe("bg");
    expect(resolveLocale({ saved: null, cookie: "tr", acceptLanguage: "fr" })).toBe("tr");
    expect(resolveLocale({ cookie: "xx", acceptLanguage: "de-DE,fr;q=0.8,en;q=0.5" })).toBe("fr");
    expect(resolveLocale({ acceptLanguage: "de, ja" })).toBe("nl");
    expect(resolveLocale({})).toBe("nl");
  });

  it("reads Accept-Language by weight, ignoring zero weights and wildcards", () => {
    expect(parseAcceptLanguage("en;q=0.3, tr-TR, ar;q=0")).toEqual(["tr", "en"]);
    expect(parseAcceptLanguage("*, bg;q=0.9")).toEqual(["bg"]);
    expect(parseAcceptLanguage("")).toEqual([]);
  });

  it("reads one cookie, tolerating bad encoding", () => {
    expect(readCookie("a=1; wb_lng=ar; b=2", "wb_lng")).toBe("ar");
    expect(readCookie("wb_lng=%E0%A4%A", "wb_lng")).toBeNull();
    expect(readCookie(null, "wb_lng")).toBeNull();
  });

  it("writes Arabic right to left", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("bg")).toBe("ltr");
  });
});

describe("choosing which version of user content to show", () => {
  const versions = [
    { locale: "nl", title: "Samentuin" },
    { locale: "tr", title: "Ortak bahçe" },
  ];

  it("shows the reader's language when there is a translation", () => {
    expect(pickLocalized(versions, "tr", "nl")).toMatchObject({ locale: "tr", isReaderLanguage: true, text: { title: "Ortak bahçe" } });
  });

  it("otherwise shows the original and says it is not the reader's language", () => {
    expect(pickLocalized(versions, "bg", "nl")).toMatchObject({ locale: "nl", isReaderLanguage: false, text: { title: "Samentuin" } });
    expect(pickLocalized([], "bg", "nl")).toBeNull();
  });
});
