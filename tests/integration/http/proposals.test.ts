// Proposals through the built server, as crafted posts and as a browser without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "~/db.server";
import { DEMO_PASSWORD } from "~/seed/demo.server";
import { asHtml, shownHtml, translated, translation } from "../../support/locales";
import { startTestServer, Visitor, type TestServer } from "../../support/server";
import { testProviders } from "../../support/databases";

describe.each(testProviders())("proposals over HTTP on %s", (provider) => {
  let server: TestServer;
  let db: Db;
  let roundId: string;
  let address = 0;

  async function loggedIn(email: string, locale = "nl"): Promise<Visitor> {
    const visitor = new Visitor(server.baseUrl, { address: `10.3.0.${++address}`, acceptLanguage: locale });
    await visitor.logIn(email, DEMO_PASSWORD);
    return visitor;
  }

  const proposal = (overrides: Record<string, string> = {}) => ({
    intent: "submit",
    originalLocale: "nl",
    title: "Speelstraat",
    summary: "Een zomer lang spelen op straat",
    description: "Elke woensdag is de straat autovrij.",
    locationText: "Arsenaalstraat",
    "costLines.0.label": "Signalisatie",
    "costLines.0.amount": "300",
    ...overrides,
  });

  beforeAll(async () => {
    server = await startTestServer({}, provider);
    db = createPrismaClient(server.databaseUrl);
    roundId = (await db.budgetRound.findFirstOrThrow({ where: { phase: "SUBMISSION" } })).id;
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await server?.stop();
  });

  async function categoryId() {
    return (await db.category.findFirstOrThrow({ where: { roundId } })).id;
  }

  describe("a crafted proposal post", () => {
    it("over the round's maximum gets 400 with the rule in the user's language", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const response = await elif.post(`/rounds/${roundId}/proposals/new`, proposal({ categoryId: await categoryId(), "costLines.0.amount": "20000" }));
      expect(response.status).toBe(400);
      expect(await shownHtml(response)).toContain(asHtml(translation("tr", "proposal-form:validation.amountAboveMaximum")));
    });

    it("submitted without a title gets every other missing field named in the same answer, as the browser does", async () => {
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      const response = await marie.post(`/rounds/${roundId}/proposals/new`, {
        intent: "submit",
        originalLocale: "fr",
        title: "",
        "costLines.0.label": "",
        "costLines.0.amount": "",
      });
      expect(response.status).toBe(400);
      const html = await shownHtml(response);
      for (const field of ["title", "summary", "description", "categoryId", "locationText"]) expect(html, field).toContain(`id="field-${field}-error"`);
      expect(html).toContain(asHtml(translation("fr", "proposal-form:validation.amountMissing")));
    });

    it("with a point outside the neighbourhood gets 400", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const response = await elif.post(`/rounds/${roundId}/proposals/new`, proposal({ categoryId: await categoryId(), latitude: "51.2", longitude: "4.1" }));
      expect(response.status).toBe(400);
      expect(await shownHtml(response)).toContain(asHtml(translation("tr", "proposal-form:validation.pointOutside")));
    });

    it("cannot set its own total: the server adds the lines up", async () => {
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      const response = await marie.post(
        `/rounds/${roundId}/proposals/new`,
        proposal({ categoryId: await categoryId(), "costLines.1.label": "Craies", "costLines.1.amount": "20,50", requestedCents: "1", total: "1" }),
      );
      expect(response.status).toBe(302);
      const id = response.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
      expect((await db.proposal.findUniqueOrThrow({ where: { id } })).requestedCents).toBe(32_050);
    });

    it("by a visitor is sent to log in; into an unknown round is a 404", async () => {
      const visitor = new Visitor(server.baseUrl, { address: "10.3.1.1" });
      expect((await visitor.post(`/rounds/${roundId}/proposals/new`, proposal())).status).toBe(302);
      const elif = await loggedIn("elif@wijkbudget.demo");
      expect((await elif.post(`/rounds/nope/proposals/new`, proposal())).status).toBe(404);
    });
  });

  describe("a draft", () => {
    let draftId: string;

    beforeAll(async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const response = await elif.post(`/rounds/${roundId}/proposals/new`, { intent: "save", originalLocale: "tr", title: "Gizli taslak" });
      expect(response.status).toBe(302);
      draftId = response.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
    });

    it("is invisible to others, and absent from the round's list", async () => {
      const ivan = await loggedIn("ivan@wijkbudget.demo", "bg");
      expect((await ivan.get(`/proposals/${draftId}`)).status).toBe(404);
      expect((await new Visitor(server.baseUrl).get(`/proposals/${draftId}`)).status).toBe(404);
      expect(await shownHtml(await ivan.get(`/rounds/${roundId}/proposals`))).not.toContain("Gizli taslak");
      const staff = await loggedIn("staff@wijkbudget.demo");
      expect((await staff.get(`/proposals/${draftId}`)).status).toBe(200);
    });

    it("cannot be edited, withdrawn, translated or judged by another resident", async () => {
      const ivan = await loggedIn("ivan@wijkbudget.demo", "bg");
      expect((await ivan.post(`/proposals/${draftId}/edit`, proposal())).status).toBe(404);
      const submitted = await db.proposal.findFirstOrThrow({ where: { roundId, status: "SUBMITTED", author: { email: { not: "ivan@wijkbudget.demo" } } } });
      expect((await ivan.post(`/proposals/${submitted.id}/edit`, proposal())).status).toBe(403);
      expect((await ivan.get(`/proposals/${submitted.id}/edit`)).status).toBe(403);
      expect((await ivan.post(`/proposals/${submitted.id}/translate`, { locale: "bg", title: "a", summary: "b", description: "c" })).status).toBe(403);
      expect((await ivan.post(`/proposals/${submitted.id}`, { intent: "withdraw", confirm: "yes" })).status).toBe(403);
      expect((await ivan.post(`/proposals/${submitted.id}`, { intent: "verdict", verdict: "ADMISSIBLE" })).status).toBe(403);
      expect((await ivan.post(`/proposals/${submitted.id}`, { intent: "coach-note", body: "hi" })).status).toBe(403);
      // Organising an event for someone else's proposal (and, for its authors, while the round does not allow it).
      expect((await ivan.get(`/proposals/${submitted.id}/events/new`)).status).toBe(403);
      expect((await db.proposal.findUniqueOrThrow({ where: { id: submitted.id } })).status).toBe("SUBMITTED");
    });

    it("has its open invitation withdrawn by its author, not by anyone else", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      expect((await elif.post(`/proposals/${draftId}`, { intent: "invite", email: "buur@example.org" })).status).toBe(302);
      const invite = await db.proposalInvite.findFirstOrThrow({ where: { proposalId: draftId, email: "buur@example.org" } });
      const page = await shownHtml(await elif.get(`/proposals/${draftId}`));
      expect(page).toContain(asHtml(translated("tr", "proposals:people.revokeInvite", { email: "buur@example.org" })));
      const ivan = await loggedIn("ivan@wijkbudget.demo", "bg");
      expect((await ivan.post(`/proposals/${draftId}`, { intent: "revoke-invite", inviteId: invite.id })).status).toBe(404);
      const revoked = await elif.post(`/proposals/${draftId}`, { intent: "revoke-invite", inviteId: invite.id });
      expect(revoked.headers.get("Location")).toBe(`/proposals/${draftId}?inviteRevoked=1`);
      expect(await db.proposalInvite.count({ where: { proposalId: draftId } })).toBe(0);
      expect((await elif.post(`/proposals/${draftId}`, { intent: "revoke-invite", inviteId: invite.id })).status).toBe(404);
    });

    it("gets a cost row more without JavaScript, nothing saved", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const response = await elif.post(`/proposals/${draftId}/edit`, {
        intent: "add-line",
        originalLocale: "tr",
        title: "Gizli taslak",
        "costLines.0.label": "Bank",
        "costLines.0.amount": "100",
      });
      expect(response.status).toBe(200);
      const html = await shownHtml(response);
      expect(html).toContain('name="costLines.1.label"');
      expect(html).toContain('value="Bank"');
      expect(await db.costLine.count({ where: { proposalId: draftId } })).toBe(0);
    });

    it("takes photos checked by content, with alt text", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
      const upload = async (bytes: Uint8Array<ArrayBuffer>, altText: string) => {
        const form = new FormData();
        form.set("intent", "add-photo");
        form.set("altText", altText);
        form.set("photo", new Blob([bytes], { type: "image/png" }), "photo.png");
        return fetch(`${server.baseUrl}/proposals/${draftId}`, {
          method: "POST",
          body: form,
          redirect: "manual",
          headers: { Origin: server.baseUrl, Cookie: `wb_session=${elif.cookie("wb_session")}`, "Accept-Language": "tr" },
        });
      };
      expect((await upload(png, "Bank")).status).toBe(302);
      const fake = await upload(new TextEncoder().encode("<html>not a photo</html>"), "Sahte");
      expect(fake.status).toBe(400);
      expect(await shownHtml(fake)).toContain(asHtml(translation("tr", "proposals:photos.type-not-allowed")));
      const noAlt = await upload(png, "");
      expect(noAlt.status).toBe(400);
      const photos = await db.proposalPhoto.findMany({ where: { proposalId: draftId } });
      expect(photos.map((photo) => photo.altText)).toEqual(["Bank"]);
      const served = await fetch(`${server.baseUrl}/uploads/${photos[0]!.fileName}`);
      expect(served.headers.get("Content-Type")).toBe("image/png");
      expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(served.headers.get("Content-Security-Policy")).toContain("sandbox");
    });
  });

  describe("staff", () => {
    it("give a verdict that reaches the authors by page and by email in their language", async () => {
      const target = await db.proposal.findFirstOrThrow({ where: { roundId, status: "SUBMITTED", author: { email: "ivan@wijkbudget.demo" } } });
      const staff = await loggedIn("staff@wijkbudget.demo");
      const missingReason = await staff.post(`/proposals/${target.id}`, { intent: "verdict", verdict: "INADMISSIBLE", note: "" });
      expect(missingReason.status).toBe(400);
      const response = await staff.post(`/proposals/${target.id}`, { intent: "verdict", verdict: "INADMISSIBLE", note: "De grond is van de NMBS." });
      expect(response.status).toBe(302);
      const [mail] = await server.mailTo("ivan@wijkbudget.demo");
      expect(mail?.locale).toBe("bg");
      expect(mail?.subject).toBe(translated("bg", "proposals:email.verdict.INADMISSIBLE.subject", { number: target.number! }));
      expect(mail?.text).toContain("De grond is van de NMBS.");
      const ivan = await loggedIn("ivan@wijkbudget.demo", "bg");
      const page = await shownHtml(await ivan.get(`/proposals/${target.id}`));
      expect(page).toContain(asHtml(translation("bg", "proposals:status.INADMISSIBLE")));
      expect(page).toContain("De grond is van de NMBS.");
    });
  });
  describe("the review's hostile cases", () => {
    it("a public proposal cannot be re-saved outside the rules", async () => {
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      const created = await marie.post(`/rounds/${roundId}/proposals/new`, proposal({ categoryId: await categoryId() }));
      const id = created.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
      const resave = await marie.post(`/proposals/${id}/edit`, {
        intent: "save",
        originalLocale: "nl",
        title: "Alles",
        "costLines.0.label": "Alles",
        "costLines.0.amount": "99999",
      });
      expect(resave.status).toBe(400);
      expect((await db.proposal.findUniqueOrThrow({ where: { id } })).requestedCents).toBe(30_000);
    });

    it("crafted cost-line shapes get a 4xx, and Enter saves instead of removing a line", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      for (const body of [
        "intent=save&title=x&originalLocale=tr&costLines=x",
        "intent=submit&title=x&originalLocale=tr&costLines.a.label=x",
        "intent=add-line&costLines.0=x",
      ]) {
        const response = await elif.post(`/rounds/${roundId}/proposals/new`, body);
        expect(response.status, body).toBeLessThan(500);
      }
      const html = await shownHtml(await elif.get(`/rounds/${roundId}/proposals/new`));
      const form = html.slice(html.indexOf('id="main"'));
      const firstSubmit = form.match(/<button[^>]*type="submit"[^>]*>/)![0];
      expect(firstSubmit).toContain('value="save"');
    });

    it("visitors see no change-request note, coach or account ids", async () => {
      const target = await db.proposal.findFirstOrThrow({ where: { roundId, status: "SUBMITTED", author: { email: "marie@wijkbudget.demo" } } });
      const staff = await loggedIn("staff@wijkbudget.demo");
      const staffUser = await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } });
      await staff.post(`/proposals/${target.id}`, { intent: "coach", coachId: staffUser.id });
      const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 16);
      expect(
        (await staff.post(`/proposals/${target.id}`, { intent: "verdict", verdict: "CHANGES_REQUESTED", note: "Geheime opmerking", deadline })).status,
      ).toBe(302);
      const html = await shownHtml(await new Visitor(server.baseUrl).get(`/proposals/${target.id}`));
      expect(html).not.toContain("Geheime opmerking");
      expect(html).not.toContain(staffUser.id);
      expect(html).not.toContain(target.authorId);
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      expect(await shownHtml(await marie.get(`/proposals/${target.id}`))).toContain("Geheime opmerking");
    });

    it("shows cost-line labels in the reader's language when translated, else the original marked as Dutch", async () => {
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      const created = await marie.post(
        `/rounds/${roundId}/proposals/new`,
        proposal({ categoryId: await categoryId(), "costLines.0.label": "Verkeersborden", "costLines.1.label": "Krijt", "costLines.1.amount": "20" }),
      );
      const id = created.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
      const [signs, chalk] = await db.costLine.findMany({ where: { proposalId: id }, orderBy: { position: "asc" } });
      const form = await shownHtml(await marie.get(`/proposals/${id}/translate`));
      expect(form).toContain(`name="costLabels.${signs!.id}"`);
      expect(form).toContain(`name="costLabels.${chalk!.id}"`);
      const cell = (html: string, text: string) => html.match(new RegExp(`<td([^>]*)>${text}</td>`))?.[1];

      const reader = (locale: string) => new Visitor(server.baseUrl, { address: `10.3.2.${++address}`, acceptLanguage: locale });
      const before = await shownHtml(await reader("en").get(`/proposals/${id}`));
      expect(cell(before, "Verkeersborden")).toContain('lang="nl"');

      const translation = { locale: "en", title: "Play street", summary: "A summer of play", description: "Car-free on Wednesdays." };
      const saved = await marie.post(`/proposals/${id}/translate`, {
        ...translation,
        [`costLabels.${signs!.id}`]: "Road signs",
        [`costLabels.${chalk!.id}`]: "",
      });
      expect(saved.status).toBe(302);
      const english = await shownHtml(await reader("en").get(`/proposals/${id}`));
      expect(cell(english, "Road signs")).toContain('lang="en"');
      expect(english).not.toContain("Verkeersborden");
      expect(cell(english, "Krijt")).toContain('lang="nl"');
      const turkish = await shownHtml(await reader("tr").get(`/proposals/${id}`));
      expect(cell(turkish, "Verkeersborden")).toContain('lang="nl"');
      expect(turkish).not.toContain("Road signs");
    });

    it("a withdrawn proposal takes no translation or invitation", async () => {
      const marie = await loggedIn("marie@wijkbudget.demo", "fr");
      const created = await marie.post(`/rounds/${roundId}/proposals/new`, proposal({ categoryId: await categoryId() }));
      const id = created.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
      expect((await marie.post(`/proposals/${id}`, { intent: "withdraw", confirm: "yes" })).status).toBe(302);
      expect((await marie.post(`/proposals/${id}/translate`, { locale: "bg", title: "a", summary: "b", description: "c" })).status).toBe(403);
      expect((await marie.post(`/proposals/${id}`, { intent: "invite", email: "x@example.org" })).status).toBe(409);
    });

    it("simultaneous photo uploads never make more than four photos", async () => {
      const elif = await loggedIn("elif@wijkbudget.demo", "tr");
      const created = await elif.post(`/rounds/${roundId}/proposals/new`, { intent: "save", originalLocale: "tr", title: "Fotoğraflar" });
      const id = created.headers.get("Location")!.match(/\/proposals\/(\w+)/)![1]!;
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      const statuses = await Promise.all(
        Array.from({ length: 8 }, async (_, index) => {
          const form = new FormData();
          form.set("intent", "add-photo");
          form.set("altText", `Foto ${index}`);
          form.set("photo", new Blob([png], { type: "image/png" }), "p.png");
          const response = await fetch(`${server.baseUrl}/proposals/${id}`, {
            method: "POST",
            body: form,
            redirect: "manual",
            headers: { Origin: server.baseUrl, Cookie: `wb_session=${elif.cookie("wb_session")}` },
          });
          return response.status;
        }),
      );
      const photos = await db.proposalPhoto.findMany({ where: { proposalId: id } });
      expect(photos).toHaveLength(4);
      expect(new Set(photos.map((photo) => photo.position))).toEqual(new Set([0, 1, 2, 3]));
      expect(statuses.filter((status) => status === 302)).toHaveLength(4);
      expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    });
  });
});
