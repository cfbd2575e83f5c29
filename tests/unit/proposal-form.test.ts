// What the proposal form asks of a resident before it is sent: everything submitting needs, named
// at once, and hints that point at what exists.
import { describe, expect, it } from "vitest";
import { LOCALES } from "~/i18n/config";
import { submissionSchemaFor, type RoundContext } from "~/proposals/submission";
import { translation } from "../support/locales";

const round: RoundContext = {
  rules: { budgetCents: 4_000_000, minAmountCents: 50_000, maxAmountCents: null, maxSharePercent: null },
  categoryIds: ["theme-1"],
  organisationsMaySubmit: false,
  boundary: null,
};

const problems = (values: Record<string, unknown>) => {
  const result = submissionSchemaFor("nl", round).safeParse({ originalLocale: "nl", costLines: [{ label: "", amount: "" }], ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

describe("submitting a proposal, checked with one schema", () => {
  it("names every missing field at once, the title among them", () => {
    expect(problems({ title: "" })).toEqual({
      title: "validation.required",
      summary: "validation.required",
      description: "validation.required",
      locationText: "validation.required",
      categoryId: "validation.required",
      total: "proposal-form:validation.amountMissing",
    });
  });

  it("keeps a field's own message where its text cannot be read, and still names the others", () => {
    expect(problems({ title: "Samentuin", costLines: [{ label: "Zaden", amount: "veel" }], latitude: "noord", longitude: "4.48" })).toEqual({
      "costLines.0.amount": "validation.amount",
      latitude: "validation.coordinate",
      summary: "validation.required",
      description: "validation.required",
      locationText: "validation.required",
      categoryId: "validation.required",
    });
  });

  it("accepts a complete proposal within the round's rules", () => {
    expect(
      problems({
        title: "Samentuin",
        summary: "Een tuin voor de straat.",
        description: "Bakken, zaden en een zaaifeest.",
        categoryId: "theme-1",
        locationText: "Rolliersstraat",
        costLines: [{ label: "Bakken", amount: "1200" }],
      }),
    ).toEqual({});
  });
});

describe("the proposal form's hints", () => {
  it.each(LOCALES)("in %s, send the reader to the section of the idea's page where neighbours are invited (the form has no such field)", (locale) => {
    expect(translation(locale, "proposal-form:form.carrierNamesHint")).toContain(translation(locale, "proposals:people.title"));
  });
});
