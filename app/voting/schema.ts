import * as z from "zod";
import { checkbox, emailAddress } from "~/kernel/zod";
import { TALLY_RULES } from "~/results/tally";
import { BALLOT_METHODS, rulesFor, type BallotMethod } from "./ballot";

const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(1, "validation.required")
    .regex(/^\d{1,6}$/, "voting:validation.wholeNumber")
    .transform(Number)
    .pipe(z.number().min(min, "voting:validation.outOfRange").max(max, "voting:validation.outOfRange"));

const optionalWholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return null;
      const number = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
      if (!(number >= min && number <= max)) {
        ctx.addIssue({ code: "custom", message: "voting:validation.outOfRange" });
        return z.NEVER;
      }
      return number;
    });

/** Who may vote, one way per round: letter codes, or verified resident accounts. */
export const ELIGIBILITIES = ["CODES", "ACCOUNTS"] as const;
export type Eligibility = (typeof ELIGIBILITIES)[number];

export const votingSettingsSchema = z
  .object({
    intent: z.literal("voting-settings"),
    ballotMethod: z.enum(BALLOT_METHODS, { error: "validation.choice" }),
    tallyRule: z.enum(TALLY_RULES, { error: "validation.choice" }),
    approvalLimit: optionalWholeNumber(1, 100),
    cumulativePoints: optionalWholeNumber(1, 100),
    cumulativeMaxPerProject: optionalWholeNumber(1, 100),
    eligibility: z.enum(ELIGIBILITIES, { error: "validation.choice" }),
    codesPerHousehold: checkbox(),
    minimumAge: wholeNumber(0, 120),
    selfDeclaredVoters: checkbox(),
  })
  .superRefine((value, ctx) => {
    if (value.ballotMethod === "APPROVAL_K" && value.approvalLimit === null) {
      ctx.addIssue({ code: "custom", path: ["approvalLimit"], message: "validation.required" });
    }
    if (value.ballotMethod === "CUMULATIVE") {
      if (value.cumulativePoints === null) ctx.addIssue({ code: "custom", path: ["cumulativePoints"], message: "validation.required" });
      if (value.cumulativeMaxPerProject !== null && value.cumulativePoints !== null && value.cumulativeMaxPerProject > value.cumulativePoints) {
        ctx.addIssue({ code: "custom", path: ["cumulativeMaxPerProject"], message: "voting:validation.maxAbovePoints" });
      }
      if (!rulesFor(value.ballotMethod).includes(value.tallyRule))
        ctx.addIssue({ code: "custom", path: ["tallyRule"], message: "voting:validation.ruleForMethod" });
    }
  });
export type VotingSettingsInput = Omit<z.output<typeof votingSettingsSchema>, "intent">;
/** The fields of a round's voting settings, as the form and the set-up wizard show them. */
export const VOTING_SETTINGS_FIELDS = Object.keys(votingSettingsSchema.shape).filter((field) => field !== "intent") as (keyof VotingSettingsInput)[];

export const generateCodesSchema = z.object({
  intent: z.literal("generate"),
  count: wholeNumber(1, 20_000),
});

export const replaceCodeSchema = z.object({
  intent: z.literal("replace"),
  serial: wholeNumber(1, 999_999),
  confirm: checkbox().refine(Boolean, "voting:validation.confirmReplace"),
});

export const verifyVoterSchema = z.object({
  intent: z.literal("verify"),
  email: emailAddress(),
});

export const declareVoterSchema = z.object({
  intent: z.literal("declare"),
  birthYear: wholeNumber(1900, 2100),
  resident: checkbox().refine(Boolean, "voting:validation.confirmResident"),
});

export const codeSchema = z.object({
  code: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "voting:errors.codeUnknown"),
});

export const receiptSchema = z.object({
  receipt: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(40, "voting:errors.receiptFormat"),
});

/**
 * The ballot as a form: a checkbox per project (`choice.<id>`) for approval ballots, a points field
 * per project (`points.<id>`) for cumulative ones; `step` says whether to review, go back or cast.
 * Built from the projects on the ballot, the same on client and server.
 */
export function ballotSchema(projectIds: readonly string[], method: BallotMethod, maxPoints: number) {
  const points = z
    .string()
    .trim()
    .nullish()
    .transform((value, ctx) => {
      if (!value) return 0;
      const number = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (!(number >= 0 && number <= maxPoints)) {
        ctx.addIssue({ code: "custom", message: "voting:validation.points" });
        return z.NEVER;
      }
      return number;
    });
  return z.object({
    step: z.enum(["review", "edit", "cast"], { error: "validation.choice" }),
    code: z.string().trim().max(40).optional(),
    choice: method === "CUMULATIVE" ? z.undefined().optional() : z.object(Object.fromEntries(projectIds.map((id) => [id, checkbox()]))).default({}),
    points: method === "CUMULATIVE" ? z.object(Object.fromEntries(projectIds.map((id) => [id, points]))).default({}) : z.undefined().optional(),
  });
}
export type BallotInput = z.output<ReturnType<typeof ballotSchema>>;

/**
 * Ballot schemas by their projects and rules: building one (an object schema with a field per
 * project) cost more than parsing with it, and every render of a ballot form and every post of one
 * needs it. Zod schemas are immutable, so one serves every request.
 */
const ballotSchemas = new Map<string, ReturnType<typeof ballotSchema>>();
const BALLOT_SCHEMAS_KEPT = 100;

/** ballotSchema, made once per ballot (projects, method and maximum points). */
export function ballotSchemaFor(projectIds: readonly string[], method: BallotMethod, maxPoints: number) {
  const key = `${method} ${maxPoints} ${projectIds.join(" ")}`;
  let schema = ballotSchemas.get(key);
  if (!schema) {
    if (ballotSchemas.size >= BALLOT_SCHEMAS_KEPT) ballotSchemas.clear();
    schema = ballotSchema(projectIds, method, maxPoints);
    ballotSchemas.set(key, schema);
  }
  return schema;
}

/** The parsed form → proposal id → points (1 per ticked box). */
export function choicesOf(input: BallotInput): Map<string, number> {
  const entries = input.points
    ? Object.entries(input.points as Record<string, number>)
    : Object.entries((input.choice ?? {}) as Record<string, boolean>).map(([id, ticked]) => [id, ticked ? 1 : 0] as const);
  return new Map(entries.filter(([, value]) => value > 0));
}

/** Staff entering a paper ballot: the code from its letter, or the voter's email (ACCOUNTS rounds). */
export const paperVoterSchema = z.object({
  voter: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(254, "voting:validation.tooLong"),
});
