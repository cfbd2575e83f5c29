// The one result contract: a capability refuses with the kernel's Refused, a transaction rolls back
// with it, and a route answers it with the body every form reads.
import { describe, expect, it } from "vitest";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { postedId } from "~/kernel/ids";
import { fieldRefused, refused, refusedOnRollBack, rollBack } from "~/kernel/result";

async function thrownStatus(work: () => unknown): Promise<number | null> {
  try {
    await work();
    return null;
  } catch (error) {
    return error instanceof Response ? error.status : -1;
  }
}

describe("refusing", () => {
  it("says what for the whole form or for one field", () => {
    expect(refused(409, "rounds:errors.stale")).toEqual({ ok: false, status: 409, formError: "rounds:errors.stale" });
    expect(refused(400, "results:import.errors.line", { line: 7 })).toMatchObject({ formErrorValues: { line: 7 } });
    expect(fieldRefused("capacity", "events:validation.capacityBelowConfirmed")).toEqual({
      ok: false,
      status: 400,
      errors: { capacity: "events:validation.capacityBelowConfirmed" },
    });
  });

  it("rolls a transaction back with the refusal, and lets other errors through", async () => {
    let written = false;
    const refusal = await refusedOnRollBack(async () => {
      written = true;
      rollBack(refused(409, "voting:errors.closed"));
    });
    expect(written).toBe(true);
    expect(refusal).toEqual({ ok: false, status: 409, formError: "voting:errors.closed" });
    expect(await refusedOnRollBack(async () => ({ ok: true as const, id: "r1" }))).toEqual({ ok: true, id: "r1" });
    await expect(refusedOnRollBack(async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
  });
});

describe("answering a refusal", () => {
  it("keeps the status, the messages and the typed values (never a password)", async () => {
    const form = new FormData();
    form.set("email", "ayse@example.org");
    form.set("password", "geheim geheim");
    const answer = refusedAnswer(fieldRefused("email", "auth:twoFactor.reset.unknown", 404), { intent: "reset", values: form });
    expect(answer.init?.status).toBe(404);
    expect(answer.data).toEqual({ intent: "reset", errors: { email: "auth:twoFactor.reset.unknown" }, values: { email: "ayse@example.org" } });
  });

  it("tells a limited client when to come back", () => {
    const answer = refusedAnswer({ ...refused(429, "errors:rateLimited", { count: 2 }), retryAfterSeconds: 90 }, { extra: { stage: "code" } });
    expect(answer.init?.status).toBe(429);
    expect(new Headers(answer.init?.headers).get("Retry-After")).toBe("90");
    expect(answer.data).toEqual({ stage: "code", errors: {}, values: {}, formError: "errors:rateLimited", formErrorValues: { count: 2 } });
  });

  it("answers a form that failed its schema with 400", () => {
    const answer = invalidForm({ errors: { title: "validation.required" }, values: { title: "" } }, "save");
    expect(answer.init?.status).toBe(400);
    expect(answer.data).toEqual({ intent: "save", errors: { title: "validation.required" }, values: { title: "" } });
  });
});

describe("what a URL or a form names", () => {
  it("is a 404 when it is missing, too long to be an id, or not there", async () => {
    expect(idParam({ roundId: "cm0abc" }, "roundId")).toBe("cm0abc");
    expect(await thrownStatus(() => idParam({}, "roundId"))).toBe(404);
    expect(await thrownStatus(() => idParam({ roundId: "x".repeat(51) }, "roundId"))).toBe(404);
    expect(await thrownStatus(() => notFoundUnless(null))).toBe(404);
    expect(notFoundUnless(0)).toBe(0);
  });

  it("reads a posted id only when it can be one", () => {
    const form = new FormData();
    form.set("userId", "cm0user");
    form.set("criterionId", "y".repeat(51));
    expect(postedId(form, "userId")).toBe("cm0user");
    expect(postedId(form, "criterionId")).toBe("");
    expect(postedId(form, "missing")).toBe("");
  });
});
