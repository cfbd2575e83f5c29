// Rows for tests, with defaults that make a valid record and overrides for what a test is about.
// They write straight to the database (no rules, no audit): for the state a test starts from, not
// for the behaviour it checks.
import { hashPassword } from "~/auth/password.server";
import type { SessionUser } from "~/auth/session.server";
import type { Db, Prisma } from "~/db.server";
import { personSearchText } from "~/kernel/text";
import { generateToken, hashToken } from "~/kernel/tokens";

/** A row or its id. */
type Ref = string | { id: string };
const idOf = (ref: Ref) => (typeof ref === "string" ? ref : ref.id);

let sequence = 0;
/** A number no other row of this test run has had (keeps slugs and emails unique). */
const next = () => ++sequence;

/** A square around Mechelen's Arsenaal ([longitude, latitude]): 51.00–51.03 N, 4.47–4.50 E lie inside. */
const ARSENAAL_BOUNDARY = JSON.stringify({
  type: "Polygon",
  coordinates: [
    [
      [4.47, 51.0],
      [4.5, 51.0],
      [4.5, 51.03],
      [4.47, 51.03],
      [4.47, 51.0],
    ],
  ],
});

type UserOptions = {
  email?: string;
  name?: string;
  role?: SessionUser["role"];
  /** The saved language; null = not chosen. */
  locale?: string | null;
  /** Whether the address is confirmed (only confirmed accounts log in). */
  verified?: boolean;
  /** A real password to log in with; without one the hash matches no password. */
  password?: string;
};

/** An account, confirmed, reading Dutch, as the person the app's functions take. */
export async function aUser(db: Db, options: UserOptions = {}): Promise<SessionUser> {
  const { role = "RESIDENT", locale = "nl", verified = true, password } = options;
  const email = options.email ?? `user${next()}@example.org`;
  const name = options.name ?? email.split("@")[0]!;
  const row = await db.user.create({
    data: {
      email,
      name,
      searchText: personSearchText(name, email),
      passwordHash: password === undefined ? "x" : await hashPassword(password),
      role,
      locale,
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
  return { id: row.id, email: row.email, name: row.name, role, locale };
}

/**
 * One account per key, named after it, at `<key>@example.org`:
 * `usersNamed(db, { elif: { locale: "tr" }, staff: { role: "STAFF" } })`.
 */
export async function usersNamed<Key extends string>(db: Db, options: Record<Key, UserOptions>): Promise<Record<Key, SessionUser>> {
  const users = {} as Record<Key, SessionUser>;
  for (const key of Object.keys(options) as Key[]) users[key] = await aUser(db, { email: `${key}@example.org`, name: key, ...options[key] });
  return users;
}

/** Arsenaal in Mechelen, with a boundary (ARSENAAL_BOUNDARY) points can fall in or outside of. */
export function aNeighbourhood(db: Db, overrides: Partial<Prisma.NeighbourhoodUncheckedCreateInput> = {}) {
  const name = overrides.name ?? "Arsenaal";
  return db.neighbourhood.create({
    data: { name, slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${next()}`, city: "Mechelen", boundary: ARSENAAL_BOUNDARY, ...overrides },
  });
}

type RoundOptions = Partial<Omit<Prisma.BudgetRoundUncheckedCreateInput, "neighbourhoodId">> & {
  /** Where it runs; a new neighbourhood when left out. */
  neighbourhood?: Ref;
  /** The title in its original language. */
  title?: string;
};

/** A round of €40,000 in Dutch, open for proposals (SUBMISSION), with a title. */
export async function aRound(db: Db, options: RoundOptions = {}) {
  const { neighbourhood, title, ...overrides } = options;
  const originalLocale = overrides.originalLocale ?? "nl";
  return db.budgetRound.create({
    data: {
      neighbourhoodId: neighbourhood ? idOf(neighbourhood) : (await aNeighbourhood(db)).id,
      budgetCents: 4_000_000,
      phase: "SUBMISSION",
      translations: { create: { locale: originalLocale, title: title ?? `Wijkbudget ${next()}`, description: "Ideeën voor de wijk." } },
      ...overrides,
      originalLocale,
    },
  });
}

type ProposalOptions = Partial<Omit<Prisma.ProposalUncheckedCreateInput, "roundId" | "authorId">> & {
  round: Ref;
  author: Ref;
  /** The title (also its summary and description unless given) in its original language. */
  title?: string;
  summary?: string;
  description?: string;
};

/** A submitted proposal in Dutch asking €1,000, numbered next in its round (a draft has no number). */
export async function aProposal(db: Db, options: ProposalOptions) {
  const { round, author, title = `Voorstel ${next()}`, summary = title, description = title, ...overrides } = options;
  const roundId = idOf(round);
  const status = overrides.status ?? "SUBMITTED";
  const nextNumber = async () => (await db.proposal.count({ where: { roundId, number: { not: null } } })) + 1;
  const number = overrides.number !== undefined ? overrides.number : status === "DRAFT" ? null : await nextNumber();
  const originalLocale = overrides.originalLocale ?? "nl";
  return db.proposal.create({
    data: {
      roundId,
      authorId: idOf(author),
      number,
      requestedCents: 100_000,
      texts: { create: { locale: originalLocale, title, summary, description } },
      ...overrides,
      status,
      originalLocale,
    },
  });
}

/** `count` ballots of a round choosing `choices` (proposals, or [proposal, points]), as stored after casting. */
export async function someBallots(db: Db, count: number, options: { round: Ref; choices: (Ref | [Ref, number])[]; channel?: "ONLINE" | "PAPER" }) {
  const choices = options.choices.map((choice) => (Array.isArray(choice) ? { proposalId: idOf(choice[0]), points: choice[1] } : { proposalId: idOf(choice) }));
  for (let i = 0; i < count; i++) {
    await db.ballot.create({
      data: {
        id: generateToken(),
        roundId: idOf(options.round),
        receiptHash: hashToken(generateToken()),
        channel: options.channel ?? "ONLINE",
        choices: { create: choices },
      },
    });
  }
}

type EventOptions = Partial<Omit<Prisma.EventUncheckedCreateInput, "neighbourhoodId" | "createdById" | "texts">> & {
  neighbourhood: Ref;
  createdBy: Ref;
  /** Title and description per language; the first is the original. */
  texts?: Record<string, { title: string; description: string }>;
};

/** A two-hour event in Dutch three days from now, without a limit on places. */
export function anEvent(db: Db, options: EventOptions) {
  const { neighbourhood, createdBy, texts = { nl: { title: `Buurtfeest ${next()}`, description: "Voor de hele buurt." } }, ...overrides } = options;
  const startsAt = overrides.startsAt ? new Date(overrides.startsAt) : new Date(Date.now() + 3 * 86_400_000);
  return db.event.create({
    data: {
      neighbourhoodId: idOf(neighbourhood),
      createdById: idOf(createdBy),
      originalLocale: Object.keys(texts)[0]!,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      place: "Buurthuis",
      organiser: "Stad Mechelen",
      texts: { create: Object.entries(texts).map(([locale, text]) => ({ locale, ...text })) },
      ...overrides,
      startsAt,
    },
  });
}
