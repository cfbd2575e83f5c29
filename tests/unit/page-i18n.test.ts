import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nextOptions } from "~/i18n/i18next-options";
import { pageI18n } from "~/i18n/page-i18n.server";
import { resourcesFor } from "~/i18n/resources.server";

/** An instance as pageI18n made one before it remembered anything: the reference. */
async function plainInstance(locale: "nl" | "ar", namespaces: ("common" | "voting")[]) {
  const i18n = createInstance();
  await i18n.init({ ...i18nextOptions, lng: locale, resources: { [locale]: resourcesFor(locale, namespaces) } });
  return i18n;
}

describe("a page's shared i18next instance", () => {
  it("gives every label what i18next gives, however often it is asked, with react-i18next's options or none", async () => {
    const page = await pageI18n("ar", ["common", "voting"]);
    const reference = await plainInstance("ar", ["common", "voting"]);
    const voting = page.getFixedT("ar", "voting");
    for (let time = 0; time < 3; time++) {
      expect(voting("code.label")).toBe(reference.getFixedT("ar", "voting")("code.label"));
      expect(voting("common:layout.brand")).toBe(reference.t("common:layout.brand"));
      expect(page.t("voting:ballot.title")).toBe(reference.t("voting:ballot.title"));
      // A key prefix is part of what is remembered: the same key under another prefix is another text.
      expect(page.getFixedT("ar", "voting", "review")("title")).toBe(reference.t("voting:review.title"));
      expect(page.getFixedT("ar", "voting", "done")("title")).toBe(reference.t("voting:done.title"));
    }
    expect(page.getFixedT("ar", "voting", "review")("title")).not.toBe(page.getFixedT("ar", "voting", "done")("title"));
  });

  it("translates anew a call with values, a count or a default, each with its own", async () => {
    const page = await pageI18n("nl", ["common", "voting"]);
    const reference = await plainInstance("nl", ["common", "voting"]);
    const voting = page.getFixedT("nl", "voting");
    expect(voting("ballot.ruleBudget", { budget: "€ 10" })).toBe(reference.t("voting:ballot.ruleBudget", { budget: "€ 10" }));
    expect(voting("ballot.ruleBudget", { budget: "€ 20" })).toContain("€ 20");
    expect(voting("ballot.ruleK", { count: 1 })).toBe(reference.t("voting:ballot.ruleK", { count: 1 }));
    expect(voting("ballot.ruleK", { count: 3 })).toBe(reference.t("voting:ballot.ruleK", { count: 3 }));
    expect(voting("ballot.ruleK", { count: 1 })).not.toBe(voting("ballot.ruleK", { count: 3 }));
    expect(voting("no.such.key", { defaultValue: "first" })).toBe("first");
    expect(voting("no.such.key", { defaultValue: "second" })).toBe("second");
  });
});
