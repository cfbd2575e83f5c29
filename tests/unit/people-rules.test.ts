import { globSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { can, offers, POSTING_PERMISSIONS } from "~/auth/permissions";
import { normalizeForSearch, personSearchText } from "~/kernel/text";
import {
  assignableRoles,
  blockRefusal,
  deactivationRefusal,
  pageCount,
  PAGE_SIZE,
  reactivationRefusal,
  roleChangeRefusal,
  unblockRefusal,
  type PersonFacts,
} from "~/people/rules";

const person = (facts: Partial<PersonFacts> = {}): PersonFacts => ({ id: "target", role: "RESIDENT", blocked: false, deactivated: false, ...facts });
const keyOf = (refusal: { formError?: string } | null) => refusal?.formError ?? null;

describe("blocking", () => {
  it("takes every posting permission from a blocked account, and nothing else", () => {
    const blocked = { role: "RESIDENT" as const, blocked: true };
    for (const permission of POSTING_PERMISSIONS) {
      expect(can({ role: "RESIDENT" }, permission), permission).toBe(true);
      expect(can(blocked, permission), permission).toBe(false);
    }
    expect(can(blocked, "account:manage-own")).toBe(true);
    expect(can(blocked, "proposal:read-own")).toBe(true);
  });

  it("includes the comment and report permissions another feature checks by name", () => {
    expect(POSTING_PERMISSIONS).toEqual(expect.arrayContaining(["proposal:create", "event:rsvp", "parklet:request", "comment:post", "report:create"]));
  });

  it("offers posting links to visitors (who log in first) but not to a blocked account", () => {
    expect(offers(null, "proposal:create")).toBe(true);
    expect(offers({ role: "RESIDENT" }, "proposal:create")).toBe(true);
    expect(offers({ role: "RESIDENT", blocked: true }, "proposal:create")).toBe(false);
  });

  it("lets staff block a resident, once, but not themselves nor staff", () => {
    expect(blockRefusal("staff", person())).toBeNull();
    expect(keyOf(blockRefusal("target", person()))).toBe("people:errors.self");
    expect(keyOf(blockRefusal("staff", person({ role: "STAFF" })))).toBe("people:errors.blockStaff");
    expect(keyOf(blockRefusal("staff", person({ blocked: true })))).toBe("people:errors.alreadyBlocked");
    expect(unblockRefusal(person({ blocked: true }))).toBeNull();
    expect(keyOf(unblockRefusal(person()))).toBe("people:errors.notBlocked");
  });
});

describe("roles", () => {
  it("never demotes the last active admin", () => {
    const admin = person({ role: "ADMIN" });
    expect(keyOf(roleChangeRefusal(admin, "STAFF", 1))).toBe("people:errors.lastAdmin");
    expect(keyOf(roleChangeRefusal(admin, "RESIDENT", 1))).toBe("people:errors.lastAdmin");
    expect(roleChangeRefusal(admin, "STAFF", 2)).toBeNull();
    // A deactivated admin is not counted among the active ones, and may lose the role.
    expect(roleChangeRefusal(person({ role: "ADMIN", deactivated: true }), "STAFF", 1)).toBeNull();
  });

  it("refuses the role an account already has, and staff powers for a blocked account", () => {
    expect(keyOf(roleChangeRefusal(person(), "RESIDENT", 1))).toBe("people:errors.sameRole");
    expect(keyOf(roleChangeRefusal(person({ blocked: true }), "STAFF", 1))).toBe("people:errors.blockedStaff");
    expect(assignableRoles(person(), 1)).toEqual(["STAFF", "ADMIN"]);
    expect(assignableRoles(person({ role: "ADMIN" }), 1)).toEqual([]);
  });
});

describe("deactivation", () => {
  it("is for staff and admins who left, never oneself nor the last active admin", () => {
    expect(deactivationRefusal("admin", person({ role: "STAFF" }), 1)).toBeNull();
    expect(keyOf(deactivationRefusal("admin", person(), 1))).toBe("people:errors.deactivateResident");
    expect(keyOf(deactivationRefusal("target", person({ role: "ADMIN" }), 2))).toBe("people:errors.self");
    expect(keyOf(deactivationRefusal("admin", person({ role: "ADMIN" }), 1))).toBe("people:errors.lastAdmin");
    expect(deactivationRefusal("admin", person({ role: "ADMIN" }), 2)).toBeNull();
    expect(keyOf(deactivationRefusal("admin", person({ role: "STAFF", deactivated: true }), 1))).toBe("people:errors.alreadyDeactivated");
    expect(reactivationRefusal(person({ role: "STAFF", deactivated: true }))).toBeNull();
    expect(keyOf(reactivationRefusal(person({ role: "STAFF" })))).toBe("people:errors.notDeactivated");
  });
});

describe("the people list", () => {
  it("counts its pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(PAGE_SIZE)).toBe(1);
    expect(pageCount(PAGE_SIZE + 1)).toBe(2);
  });

  it("finds a name as staff type it: any case, without accents, ı and i alike", () => {
    const found = (name: string, email: string, query: string) => personSearchText(name, email).includes(normalizeForSearch(query));
    expect(found("Elif Yılmaz", "elif@example.org", "YILMAZ")).toBe(true);
    expect(found("Elif Yılmaz", "elif@example.org", "yilmaz")).toBe(true);
    expect(found("Иван Петров", "ivan@example.org", "ПЕТРОВ")).toBe(true);
    expect(found("Hélène Dubois", "helene@example.org", "helene d")).toBe(true);
    expect(found("Marie Dubois", "marie@example.org", "MARIE@EXAMPLE")).toBe(true);
    expect(found("Marie Dubois", "marie@example.org", "Pieter")).toBe(false);
  });

  it("is kept by every write that can set an account's name", () => {
    const files = globSync("{app,scripts}/**/*.ts", { exclude: ["app/generated/**"] });
    const writers = files.filter((file) => /\.user\.(create|upsert)\(|\.user\.update\(\{[^)]*\bname:/s.test(readFileSync(file, "utf8")));
    expect(writers.length).toBeGreaterThanOrEqual(3);
    for (const file of writers) expect(readFileSync(file, "utf8"), file).toContain("personSearchText(");
  });
});
