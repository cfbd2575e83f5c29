import { describe, expect, it } from "vitest";
import { sitePolicy, siteUrl } from "~/security/hosts.server";

describe("the hosts the site answers for and the address of its links", () => {
  it("without APP_URL answers only on the loopback names on its own port and links to localhost", () => {
    const policy = sitePolicy({ PORT: "4100" });
    expect([...policy.hosts].sort()).toEqual(["127.0.0.1:4100", "[::1]:4100", "localhost:4100"]);
    expect(policy.siteUrl).toBe("http://localhost:4100");
    expect(policy.configured).toBe(false);
    expect(siteUrl({})).toBe("http://localhost:3000");
  });

  it("with APP_URL answers on its host (and ALLOWED_HOSTS) only, and links there", () => {
    const policy = sitePolicy({ APP_URL: "https://Wijkbudget.Gent.be/", ALLOWED_HOSTS: " www.wijkbudget.gent.be, ,intern.gent.be:8443 ", PORT: "3000" });
    expect([...policy.hosts].sort()).toEqual(["intern.gent.be:8443", "wijkbudget.gent.be", "www.wijkbudget.gent.be"]);
    expect(policy.siteUrl).toBe("https://wijkbudget.gent.be");
    expect(policy.configured).toBe(true);
    expect(sitePolicy({ APP_URL: "http://10.0.0.5:8080" }).hosts).toEqual(new Set(["10.0.0.5:8080"]));
  });

  it("refuses an APP_URL that is not a bare http(s) origin, at start-up", () => {
    for (const bad of [
      "wijkbudget.gent.be",
      "ftp://wijkbudget.gent.be",
      "https://wijkbudget.gent.be/app",
      "https://wijkbudget.gent.be/?x=1",
      "https://user:pw@wijkbudget.gent.be",
    ]) {
      expect(() => sitePolicy({ APP_URL: bad }), bad).toThrow(/APP_URL/);
    }
  });
});
