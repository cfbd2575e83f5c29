import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "~/auth/session.server";
import { createPrismaClient, type Db } from "~/db.server";
import { readOutbox } from "~/mail/mailer.server";
import {
  acceptInvite,
  addTranslation,
  createProposal,
  inviteCoProposer,
  listRoundProposals,
  proposalForViewer,
  recordVerdict,
  removeCoProposer,
  revokeInvite,
  updateProposal,
  withdrawProposal,
} from "~/proposals/proposals.server";
import { proposalSchemaFor, translationSchema } from "~/proposals/schema";
import { normalizeForSearch } from "~/kernel/text";
import { aRound, usersNamed } from "../support/builders";
import { translated } from "../support/locales";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/databases";
import { deliverQueuedMail } from "../support/mail";

function complete(overrides: Record<string, unknown> = {}) {
  return proposalSchemaFor("nl").parse({
    originalLocale: "tr",
    title: "Çöp kutuları",
    summary: "Sokak için yeni çöp kutuları",
    description: "Parkın yanına dört çöp kutusu.",
    locationText: "Arsenaalstraat",
    costLines: [{ label: "Çöp kutusu", amount: "1200" }],
    ...overrides,
  });
}

describe.each(testProviders())("proposals on %s", (provider) => {
  let database: TestDatabase;
  let db: Db;
  let outbox: string;
  let roundId: string;
  let people: Record<"elif" | "ivan" | "staff" | "marie", SessionUser>;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = createPrismaClient(database.url);
    outbox = await mkdtemp(path.join(os.tmpdir(), "wb-outbox-"));
    process.env.OUTBOX_DIR = outbox;
    people = await usersNamed(db, { elif: { locale: "tr" }, ivan: { locale: "bg" }, marie: { locale: "fr" }, staff: { role: "STAFF" } });
    roundId = (await aRound(db, { budgetCents: 4_000_000, maxSharePercent: 75, minAmountCents: 10_000 })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await database?.cleanup();
    await rm(outbox, { recursive: true, force: true });
  });

  it("keeps a draft private, then numbers it and makes it public on submit", async () => {
    const draft = await createProposal(db, people.elif, roundId, complete(), { submit: false });
    expect(draft).toMatchObject({ ok: true, status: "DRAFT", number: null });
    const id = draft.ok ? draft.id : "";
    expect(await proposalForViewer(db, people.ivan, id)).toBeNull();
    expect(await proposalForViewer(db, null, id)).toBeNull();
    expect((await proposalForViewer(db, people.staff, id))?.relation).toBe("staff");
    expect(await listRoundProposals(db, roundId, { sort: "newest" })).toEqual([]);

    const submitted = await updateProposal(db, people.elif, id, complete(), { submit: true });
    expect(submitted).toMatchObject({ ok: true, status: "SUBMITTED", number: 1 });
    expect((await proposalForViewer(db, people.ivan, id))?.may.edit).toBe(false);
    const stored = await db.proposal.findUniqueOrThrow({ where: { id }, include: { events: true } });
    expect(stored.requestedCents).toBe(120_000);
    expect(stored.events.map((event) => event.status).sort()).toEqual(["DRAFT", "SUBMITTED"]);
  });

  it("gives simultaneous submissions different numbers", async () => {
    const results = await Promise.all([1, 2, 3].map(() => createProposal(db, people.marie, roundId, complete({ title: "Bancs" }), { submit: true })));
    const numbers = results.map((result) => (result.ok ? result.number : null)).sort();
    expect(numbers).toEqual([2, 3, 4]);
  });

  it("enforces amount rules, the boundary and the recomputed total on the server", async () => {
    const tooMuch = await createProposal(db, people.elif, roundId, complete({ costLines: [{ label: "Plein", amount: "30000,01" }] }), { submit: true });
    expect(tooMuch).toMatchObject({ ok: false, status: 400, errors: { total: "proposal-form:validation.amountAboveShare" } });
    const tooLittle = await createProposal(db, people.elif, roundId, complete({ costLines: [{ label: "Zaad", amount: "99,99" }] }), { submit: true });
    expect(tooLittle).toMatchObject({ ok: false, errors: { total: "proposal-form:validation.amountBelowMinimum" } });
    const outside = await createProposal(db, people.elif, roundId, complete({ latitude: "50.9", longitude: "4.48" }), { submit: false });
    expect(outside).toMatchObject({ ok: false, errors: { latitude: "proposal-form:validation.pointOutside" } });
  });

  it("lets only authors, linked co-proposers and staff edit", async () => {
    const created = await createProposal(db, people.elif, roundId, complete(), { submit: true });
    const id = created.ok ? created.id : "";
    expect(await updateProposal(db, people.ivan, id, complete({ title: "Overgenomen" }), { submit: false })).toMatchObject({ ok: false, status: 403 });

    await inviteCoProposer(db, people.elif, id, "ivan@example.org", "https://wijkbudget.test");
    await deliverQueuedMail(db);
    const invite = (await readOutbox()).filter((mail) => mail.to === "ivan@example.org").at(-1)!;
    expect(invite.locale).toBe("bg");
    const token = invite.text.match(/invites\/([a-z2-7]+)/)![1]!;
    expect(await acceptInvite(db, people.marie, token)).toEqual({ ok: false, status: 403, formError: "proposals:invite.otherEmail", problem: "otherEmail" });
    expect(await acceptInvite(db, people.ivan, token)).toEqual({ ok: true, proposalId: id });
    expect(await acceptInvite(db, people.ivan, token)).toEqual({ ok: false, status: 410, formError: "proposals:invite.invalid", problem: "invalid" });
    expect(await updateProposal(db, people.ivan, id, complete({ title: "Samen" }), { submit: false })).toMatchObject({ ok: true });
    expect(await updateProposal(db, people.staff, id, complete({ title: "Door de stad" }), { submit: false })).toMatchObject({ ok: true });
  });

  it("lets the team withdraw an open invitation, remove a co-proposer or leave, only while editable", async () => {
    const created = await createProposal(db, people.elif, roundId, complete(), { submit: true });
    const id = created.ok ? created.id : "";
    const invite = async (email: string) => {
      await inviteCoProposer(db, people.elif, id, email, "https://wijkbudget.test");
      await deliverQueuedMail(db);
      const token = (await readOutbox())
        .filter((mail) => mail.to === email)
        .at(-1)!
        .text.match(/invites\/([a-z2-7]+)/)![1]!;
      const row = (await db.proposalInvite.findMany({ where: { proposalId: id, email, acceptedAt: null } })).at(-1)!;
      return { token, inviteId: row.id };
    };
    const first = await invite("marie@example.org");
    expect(await revokeInvite(db, people.ivan, id, first.inviteId)).toMatchObject({ ok: false, status: 403 });
    expect(await revokeInvite(db, people.elif, id, first.inviteId)).toMatchObject({ ok: true });
    expect(await acceptInvite(db, people.marie, first.token)).toEqual({ ok: false, status: 410, formError: "proposals:invite.invalid", problem: "invalid" });
    expect(await revokeInvite(db, people.elif, id, first.inviteId)).toMatchObject({ ok: false, formError: "proposals:errors.inviteGone" });

    const second = await invite("marie@example.org");
    await acceptInvite(db, people.marie, second.token);
    const third = await invite("ivan@example.org");
    await acceptInvite(db, people.ivan, third.token);
    // A co-proposer may leave, but not remove another one, nor the author.
    expect(await removeCoProposer(db, people.ivan, id, people.marie.id)).toMatchObject({ ok: false, status: 403 });
    expect(await removeCoProposer(db, people.ivan, id, people.elif.id)).toMatchObject({ ok: false, status: 403 });
    expect(await removeCoProposer(db, people.ivan, id, people.ivan.id)).toMatchObject({ ok: true });
    expect(await removeCoProposer(db, people.elif, id, people.marie.id)).toMatchObject({ ok: true });
    expect(await db.proposalMember.count({ where: { proposalId: id } })).toBe(0);
    // Once the proposal can no longer be edited, the team is fixed (nobody steps off to judge it).
    const fourth = await invite("ivan@example.org");
    await acceptInvite(db, people.ivan, fourth.token);
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "REVIEW" } });
    expect(await removeCoProposer(db, people.ivan, id, people.ivan.id)).toMatchObject({ ok: false, status: 409 });
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "SUBMISSION" } });
  });

  it("adds translations that readers in that language see", async () => {
    const created = await createProposal(db, people.elif, roundId, complete(), { submit: true });
    const id = created.ok ? created.id : "";
    const input = { locale: "nl" as const, title: "Vuilnisbakken", summary: "Nieuwe vuilnisbakken", description: "Vier vuilnisbakken." };
    expect(await addTranslation(db, people.marie, id, input)).toMatchObject({ ok: false, status: 403 });
    expect(await addTranslation(db, people.elif, id, { ...input, locale: "tr" })).toMatchObject({ ok: false, status: 400 });
    expect(await addTranslation(db, people.elif, id, input)).toMatchObject({ ok: true });
    const found = await proposalForViewer(db, null, id);
    expect(found?.proposal.texts.map((text) => text.locale).sort()).toEqual(["nl", "tr"]);
  });

  it("stores the cost-line labels of a translation per language, keeping them while the original label stays", async () => {
    const lines = [
      { label: "Çöp kutusu", amount: "1200" },
      { label: "Montaj", amount: "300" },
    ];
    const created = await createProposal(db, people.elif, roundId, complete({ costLines: lines }), { submit: false });
    const id = created.ok ? created.id : "";
    const [bins, fitting] = await db.costLine.findMany({ where: { proposalId: id }, orderBy: { position: "asc" } });
    const text = { title: "Vuilnisbakken", summary: "Nieuwe vuilnisbakken", description: "Vier vuilnisbakken." };
    const dutch = translationSchema.parse({ locale: "nl", ...text, costLabels: { [bins!.id]: " Vuilnisbak ", [fitting!.id]: "Plaatsing" } });
    expect(await addTranslation(db, people.elif, id, dutch)).toMatchObject({ ok: true });
    const english = translationSchema.parse({ locale: "en", ...text, costLabels: { [bins!.id]: "Bin", [fitting!.id]: "" } });
    expect(await addTranslation(db, people.elif, id, english)).toMatchObject({ ok: true });
    const labelsOf = async () =>
      (await db.costLine.findMany({ where: { proposalId: id }, orderBy: { position: "asc" } })).map((line) => [line.label, JSON.parse(line.labels)]);
    expect(await labelsOf()).toEqual([
      ["Çöp kutusu", { nl: "Vuilnisbak", en: "Bin" }],
      ["Montaj", { nl: "Plaatsing" }],
    ]);
    // Translating again replaces that language only; a line left empty has no translation in it.
    expect(await addTranslation(db, people.elif, id, { locale: "nl", ...text, costLabels: { [fitting!.id]: "Montage" } })).toMatchObject({ ok: true });
    expect(await labelsOf()).toEqual([
      ["Çöp kutusu", { en: "Bin" }],
      ["Montaj", { nl: "Montage" }],
    ]);
    // Editing keeps the translations of a label left as it was, and drops those of a changed one.
    const edited = [lines[0]!, { label: "Kurulum", amount: "300" }];
    expect(await updateProposal(db, people.elif, id, complete({ costLines: edited }), { submit: false })).toMatchObject({ ok: true });
    expect(await labelsOf()).toEqual([
      ["Çöp kutusu", { en: "Bin" }],
      ["Kurulum", {}],
    ]);
  });

  it("finds proposals ignoring case and accents", async () => {
    const hits = await listRoundProposals(db, roundId, { query: normalizeForSearch("COP KUTULARI"), sort: "newest" });
    expect(hits.length).toBeGreaterThan(0);
    const dutch = await listRoundProposals(db, roundId, { query: normalizeForSearch("vuilnisbakken"), sort: "newest" });
    expect(dutch).toHaveLength(1);
    const byAmount = await listRoundProposals(db, roundId, { sort: "amount" });
    expect(byAmount.map((proposal) => proposal.requestedCents)).toEqual([...byAmount.map((p) => p.requestedCents)].sort((a, b) => b - a));
  });

  it("sends staff verdicts to the authors in their language, and lets requested changes be made after SUBMISSION", async () => {
    const created = await createProposal(db, people.elif, roundId, complete(), { submit: true });
    const id = created.ok ? created.id : "";
    expect(
      await recordVerdict(db, people.ivan, id, { verdict: "ADMISSIBLE", note: "", textLocale: "nl", cityCostCents: null, deadline: null }, "https://x"),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    const deadline = new Date(Date.now() + 7 * 86_400_000);
    const verdict = await recordVerdict(
      db,
      people.staff,
      id,
      { verdict: "CHANGES_REQUESTED", note: "Kies een andere plek.", textLocale: "nl", cityCostCents: null, deadline },
      "https://x",
    );
    expect(verdict).toMatchObject({ ok: true, status: "CHANGES_REQUESTED" });
    await deliverQueuedMail(db);
    const mail = (await readOutbox()).filter((message) => message.to === "elif@example.org").at(-1)!;
    expect(mail.locale).toBe("tr");
    expect(mail.text).toContain("Kies een andere plek.");
    const number = (await db.proposal.findUniqueOrThrow({ where: { id } })).number;
    expect(mail.subject).toBe(translated("tr", "proposals:email.verdict.CHANGES_REQUESTED.subject", { number: String(number) }));
    expect(await db.auditLog.count({ where: { entityId: id, action: "proposal.verdict" } })).toBe(1);

    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "REVIEW" } });
    const resubmitted = await updateProposal(db, people.elif, id, complete({ locationText: "Pleintje" }), { submit: true });
    expect(resubmitted).toMatchObject({ ok: true, status: "SUBMITTED", number });

    const other = (await db.proposal.findFirstOrThrow({ where: { roundId, status: "SUBMITTED", NOT: { id } } })).id;
    expect(await updateProposal(db, people.elif, other, complete(), { submit: false })).toMatchObject({ ok: false });
    const inadmissible = await recordVerdict(
      db,
      people.staff,
      id,
      { verdict: "INADMISSIBLE", note: "Privégrond.", textLocale: "nl", cityCostCents: null, deadline: null },
      "https://x",
    );
    expect(inadmissible).toMatchObject({ ok: true });
    const shown = await proposalForViewer(db, null, id);
    expect(shown?.proposal.verdictNote).toBe("Privégrond.");
    expect(shown?.proposal.coachNotes).toEqual([]);
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "SUBMISSION" } });
  });

  it("lets authors withdraw until voting", async () => {
    const created = await createProposal(db, people.marie, roundId, complete(), { submit: true });
    const id = created.ok ? created.id : "";
    expect(await withdrawProposal(db, people.ivan, id)).toMatchObject({ ok: false, status: 403 });
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "VOTING" } });
    expect(await withdrawProposal(db, people.marie, id)).toMatchObject({ ok: false, status: 409 });
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "REVIEW" } });
    expect(await withdrawProposal(db, people.marie, id)).toMatchObject({ ok: true, status: "WITHDRAWN" });
    await db.budgetRound.update({ where: { id: roundId }, data: { phase: "SUBMISSION" } });
  });
});
