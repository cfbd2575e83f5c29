// Bidi isolation of interpolated values (issue #18 item 2): every value i18next interpolates is
// wrapped in FSI…PDI, for pages, emails and iCal alike; a URL stays bare so mail programs find it.
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nextOptions } from "~/i18n/i18next-options";
import { FSI, isolate, isolateInterpolated, PDI } from "~/kernel/text";

async function arabic() {
  const instance = i18next.createInstance();
  await instance.init({
    ...i18nextOptions,
    lng: "ar",
    ns: ["test"],
    defaultNS: "test",
    resources: {
      ar: {
        test: {
          decided: "قرار اللجنة بشأن {{title}}",
          link: "افتح الرابط:\n{{link}}",
          places_one: "بقي مكان واحد",
          places_few: "بقي {{count}} أماكن",
          places_other: "بقي {{count}} مكان",
          on: "في {{date}} بمبلغ {{amount}}",
        },
      },
    },
  });
  return instance.getFixedT("ar", "test");
}

describe("isolate", () => {
  it("wraps text in first-strong isolates, and leaves empty text empty", () => {
    expect(isolate("Bankjes.")).toBe("\u2068Bankjes.\u2069");
    expect(FSI).toBe("\u2068");
    expect(PDI).toBe("\u2069");
    expect(isolate("")).toBe("");
  });

  it("leaves an absolute URL bare for mail programs, and isolates everything else", () => {
    expect(isolateInterpolated("https://wijkbudget.example/events/abc")).toBe("https://wijkbudget.example/events/abc");
    expect(isolateInterpolated("http://localhost:3000/invites/x")).toBe("http://localhost:3000/invites/x");
    expect(isolateInterpolated("zie https://x.example")).toBe(`${FSI}zie https://x.example${PDI}`);
    expect(isolateInterpolated("buur@example.org")).toBe(`${FSI}buur@example.org${PDI}`);
  });
});

describe("i18next interpolation", () => {
  it("isolates a Dutch title ending in a full stop inside an Arabic sentence, without HTML-escaping it", async () => {
    const t = await arabic();
    expect(t("decided", { title: "Bankjes & bloemen." })).toBe(`قرار اللجنة بشأن ${FSI}Bankjes & bloemen.${PDI}`);
  });

  it("keeps plurals, and numbers, dates and amounts formatted by Intl, whole inside the isolates", async () => {
    const t = await arabic();
    expect(t("places", { count: 1 })).toBe("بقي مكان واحد");
    expect(t("places", { count: 4 })).toBe(`بقي ${FSI}4${PDI} أماكن`);
    const date = formatDate(new Date("2026-12-20T12:00:00Z"), "ar");
    const amount = formatMoney(4_000_050, "ar");
    expect(t("on", { date, amount })).toBe(`في ${FSI}${date}${PDI} بمبلغ ${FSI}${amount}${PDI}`);
  });

  it("leaves a link on its own line bare", async () => {
    const t = await arabic();
    expect(t("link", { link: "https://wijkbudget.example/events/abc" })).toBe("افتح الرابط:\nhttps://wijkbudget.example/events/abc");
  });
});
