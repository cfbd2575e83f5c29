// Login limits that hold under concurrency and cannot lock the owner out (docs/decisions/0003).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { translation } from "../../support/locales";
import { testProviders } from "../../support/databases";
import { startTestServer, Visitor, type TestServer } from "../../support/server";

const statuses = (responses: Response[]) =>
  responses.reduce<Record<number, number>>((count, response) => ({ ...count, [response.status]: (count[response.status] ?? 0) + 1 }), {});

describe.each(testProviders())("logins on %s", (provider) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({}, provider);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("check exactly 5 of 30 simultaneous wrong passwords from one address, and the owner still signs in from another", async () => {
    const attacker = new Visitor(server.baseUrl, { address: "10.11.0.1" });
    const answers = await Promise.all(Array.from({ length: 30 }, () => attacker.post("/login", { email: "ivan@wijkbudget.demo", password: "wrong password" })));
    // 401 = the password was checked and wrong; 429 = refused without a check.
    expect(statuses(answers)).toEqual({ 401: 5, 429: 25 });
    expect(answers.find((answer) => answer.status === 429)!.headers.get("Retry-After")).toMatch(/^\d+$/);

    const owner = new Visitor(server.baseUrl, { address: "10.11.0.2" });
    await owner.logIn("ivan@wijkbudget.demo", DEMO_PASSWORD);
  });

  it("count only failures per address: many residents sign in from one community centre", async () => {
    const centre = (n: number) =>
      new Visitor(server.baseUrl, { address: "10.11.1.1" }).post("/login", {
        email: ["marie", "elif", "panel"][n % 3] + "@wijkbudget.demo",
        password: DEMO_PASSWORD,
      });
    const answers = await Promise.all(Array.from({ length: 36 }, (_, n) => centre(n)));
    expect(statuses(answers)).toEqual({ 302: 36 });
  });

  it("lock the account against failures spread over 50 addresses, but not a browser that signed in before, and tell the owner once", async () => {
    // Marie's own browser signs in once: from then on it is known.
    const known = new Visitor(server.baseUrl, { address: "10.11.2.1" });
    await known.logIn("marie@wijkbudget.demo", DEMO_PASSWORD);
    expect(known.cookie("wb_device")).toMatch(/^[a-z2-7]{32}$/);

    for (let batch = 0; batch < 5; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, n) =>
          new Visitor(server.baseUrl, { address: `10.12.${batch}.${n + 1}` }).post("/login", { email: "marie@wijkbudget.demo", password: "guess" }),
        ),
      );
      expect(statuses(answers)).toEqual({ 401: 10 });
    }
    const fresh = await new Visitor(server.baseUrl, { address: "10.11.2.2", acceptLanguage: "fr" }).post("/login", {
      email: "marie@wijkbudget.demo",
      password: DEMO_PASSWORD,
    });
    expect(fresh.status).toBe(429);

    // The known browser still gets in, from a new address.
    const again = new Visitor(server.baseUrl, { address: "10.11.2.3" });
    again.setCookie("wb_device", known.cookie("wb_device")!);
    await again.logIn("marie@wijkbudget.demo", DEMO_PASSWORD);

    const alerts = await server.mailTo("marie@wijkbudget.demo", (mail) => mail.subject === translation("fr", "auth:email.loginAlert.subject"));
    expect(alerts.filter((mail) => mail.subject === translation("fr", "auth:email.loginAlert.subject"))).toHaveLength(1);
  });
});
