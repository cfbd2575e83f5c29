import { describe, expect, it } from "vitest";
import { registerSchema, resetPasswordSchema } from "~/auth/schema";
import { roundSchemaFor } from "~/rounds/schema";
import { formDataToObject, parseFormData, refusal } from "~/kernel/form-data";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("reading a posted form", () => {
  it("nests dotted names as react-hook-form writes them", () => {
    expect(formDataToObject(form({ "translations.nl.title": "Titel", "lines.0.amount": "5", "lines.1.amount": "7", plain: "x" }))).toEqual({
      translations: { nl: { title: "Titel" } },
      lines: [{ amount: "5" }, { amount: "7" }],
      plain: "x",
    });
  });

  it("ignores names that would reach the object prototype", () => {
    const result = formDataToObject(form({ "__proto__.polluted": "yes", "a.constructor.b": "x" }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(result)).not.toContain("__proto__");
  });

  it("never sends passwords or tokens back with a refusal", () => {
    expect(refusal({ email: "validation.email" }, { email: "a@", password: "secret", confirmPassword: "secret" })).toEqual({
      errors: { email: "validation.email" },
      values: { email: "a@" },
    });
  });
});

describe("account forms", () => {
  it("normalise the email and give one message key per field", () => {
    const ok = parseFormData(registerSchema, form({ name: " Elif ", email: " Elif@Example.ORG ", password: "tien tekens" }));
    expect(ok).toEqual({ ok: true, data: { name: "Elif", email: "elif@example.org", password: "tien tekens" } });
    const bad = parseFormData(registerSchema, form({ name: "", email: "elif@", password: "kort" }));
    expect(bad.ok ? null : bad.errors).toEqual({
      name: "validation.required",
      email: "validation.email",
      password: "validation.passwordTooShort",
    });
  });

  it("require the two new passwords to match", () => {
    const result = resetPasswordSchema.safeParse({ password: "een lang wachtwoord", confirmPassword: "een ander wachtwoord" });
    expect(result.success ? null : result.error.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["confirmPassword", "validation.passwordsDiffer"],
    ]);
  });
});

describe("the round form", () => {
  const valid = {
    neighbourhoodId: "n1",
    originalLocale: "nl",
    "translations.nl.title": "Wijkbudget",
    "translations.nl.description": "Ideeën",
    budget: "40.000,00".replace(".", ""),
    hasReview: "on",
    "dates.submissionStartsAt": "2027-01-10T09:00",
    "dates.submissionEndsAt": "2027-02-10T23:59",
  };

  it("turns euros into cents and Brussels wall times into instants", () => {
    const result = parseFormData(roundSchemaFor("nl"), form(valid));
    expect(result.ok && result.data.budget).toBe(4_000_000);
    expect(result.ok && result.data.hasReview).toBe(true);
    expect(result.ok && result.data.dates.submissionStartsAt?.toISOString()).toBe("2027-01-10T08:00:00.000Z");
    expect(result.ok && result.data.dates.votingStartsAt).toBeNull();
  });

  it("requires the title and description in the original language only", () => {
    const result = parseFormData(roundSchemaFor("nl"), form({ ...valid, originalLocale: "tr" }));
    expect(result.ok ? null : result.errors).toEqual({
      "translations.tr.title": "validation.required",
      "translations.tr.description": "validation.required",
    });
  });

  it("refuses half a translation, a bad amount, and dates out of order", () => {
    const result = parseFormData(
      roundSchemaFor("nl"),
      form({
        ...valid,
        "translations.bg.title": "Квартален бюджет",
        budget: "veertigduizend",
        "dates.submissionEndsAt": "2027-01-01T10:00",
      }),
    );
    expect(result.ok ? null : result.errors).toEqual({
      budget: "validation.amount",
      "translations.bg.description": "validation.translationIncomplete",
      "dates.submissionEndsAt": "validation.dateOrder",
    });
  });

  it("ignores review dates in a round without review", () => {
    const { hasReview: _hasReview, ...withoutReview } = valid;
    const result = parseFormData(
      roundSchemaFor("nl"),
      form({ ...withoutReview, "dates.reviewStartsAt": "2026-01-01T10:00", "dates.votingStartsAt": "2027-03-01T10:00" }),
    );
    expect(result.ok).toBe(true);
  });
});
