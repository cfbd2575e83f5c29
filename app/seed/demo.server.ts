import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db.server";

/** The password of every demo account (README lists the accounts). Demo data never goes to production. */
export const DEMO_PASSWORD = "wijkbudget-demo";

type Ring = [number, number][];

/** A closed GeoJSON polygon ring from [longitude, latitude] corners. */
function polygon(corners: Ring): string {
  return JSON.stringify({ type: "Polygon", coordinates: [[...corners, corners[0]]] });
}

// Approximate boundaries, traced by hand around each neighbourhood ([longitude, latitude]).
const NEIGHBOURHOODS = [
  {
    slug: "mechelen-arsenaal",
    name: "Arsenaal",
    city: "Mechelen",
    boundary: polygon([[4.4785, 51.0205], [4.4905, 51.0215], [4.4945, 51.0135], [4.4860, 51.0095], [4.4770, 51.0130]]),
  },
  {
    slug: "sint-niklaas-kroonmolen",
    name: "Kroonmolen",
    city: "Sint-Niklaas",
    boundary: polygon([[4.1300, 51.1735], [4.1440, 51.1745], [4.1470, 51.1660], [4.1330, 51.1640], [4.1285, 51.1690]]),
  },
  {
    slug: "oostende-westerkwartier",
    name: "Westerkwartier",
    city: "Oostende",
    boundary: polygon([[2.8985, 51.2305], [2.9105, 51.2290], [2.9120, 51.2225], [2.9010, 51.2215], [2.8960, 51.2260]]),
  },
  {
    slug: "genk-waterschei",
    name: "Waterschei",
    city: "Genk",
    boundary: polygon([[5.4780, 51.0010], [5.5020, 51.0030], [5.5060, 50.9880], [5.4830, 50.9850]]),
  },
  {
    slug: "gent-rabot",
    name: "Rabot",
    city: "Gent",
    boundary: polygon([[3.7050, 51.0640], [3.7170, 51.0655], [3.7200, 51.0590], [3.7080, 51.0575]]),
  },
];

const USERS = [
  { email: "admin@wijkbudget.demo", name: "An Admin", role: "ADMIN", locale: "nl" },
  { email: "staff@wijkbudget.demo", name: "Sara Participatie (stad)", role: "STAFF", locale: "nl" },
  { email: "panel@wijkbudget.demo", name: "Pieter Panel", role: "RESIDENT", locale: "nl" },
  { email: "elif@wijkbudget.demo", name: "Elif Yılmaz", role: "RESIDENT", locale: "tr" },
  { email: "ivan@wijkbudget.demo", name: "Иван Петров", role: "RESIDENT", locale: "bg" },
  { email: "marie@wijkbudget.demo", name: "Marie Dubois", role: "RESIDENT", locale: "fr" },
] as const;

const day = (iso: string) => new Date(iso);

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [users, neighbourhoods] = await Promise.all([db.user.count(), db.neighbourhood.count()]);
  return users === 0 && neighbourhoods === 0;
}

/** Realistic Flemish demo data: five neighbourhoods, three rounds in different phases, six accounts. */
export async function seedDemo(db: Db): Promise<{ users: number; neighbourhoods: number; rounds: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const verifiedAt = new Date();
  for (const user of USERS) {
    await db.user.upsert({
      where: { email: user.email },
      update: {},
      create: { ...user, passwordHash, isDemo: true, emailVerifiedAt: verifiedAt },
    });
  }
  const ids: Record<string, string> = {};
  for (const neighbourhood of NEIGHBOURHOODS) {
    const row = await db.neighbourhood.upsert({ where: { slug: neighbourhood.slug }, update: {}, create: neighbourhood });
    ids[neighbourhood.slug] = row.id;
  }
  if ((await db.budgetRound.count()) > 0) return { users: USERS.length, neighbourhoods: NEIGHBOURHOODS.length, rounds: 0 };

  await db.budgetRound.create({
    data: {
      neighbourhoodId: ids["mechelen-arsenaal"]!,
      originalLocale: "nl",
      budgetCents: 40_000_00,
      phase: "SUBMISSION",
      hasReview: true,
      submissionStartsAt: day("2026-11-02T08:00:00Z"),
      submissionEndsAt: day("2027-01-31T22:59:00Z"),
      reviewStartsAt: day("2027-02-01T08:00:00Z"),
      reviewEndsAt: day("2027-02-28T22:59:00Z"),
      votingStartsAt: day("2027-03-08T08:00:00Z"),
      votingEndsAt: day("2027-03-28T21:59:00Z"),
      resultsAt: day("2027-04-03T09:00:00Z"),
      translations: {
        create: [
          {
            locale: "nl",
            title: "PRO-Arsenaal: wijkbudget 2026",
            description:
              "Heb je een idee om de Arsenaalwijk mooier, warmer of socialer te maken? Met het wijkbudget van €40.000 beslissen bewoners zelf waar het geld naartoe gaat.\n\nThema's: ontmoeting, kansarmoede en mooie buurt. Een opbouwwerker helpt je om je voorstel uit te schrijven.",
          },
          {
            locale: "fr",
            title: "PRO-Arsenaal : budget de quartier 2026",
            description:
              "Vous avez une idée pour rendre le quartier de l'Arsenaal plus beau, plus chaleureux ou plus solidaire ? Avec le budget de quartier de 40 000 €, ce sont les habitants qui décident.\n\nThèmes : rencontre, lutte contre la pauvreté et beau quartier. Un travailleur de quartier vous aide à rédiger votre proposition.",
          },
        ],
      },
    },
  });
  await db.budgetRound.create({
    data: {
      neighbourhoodId: ids["sint-niklaas-kroonmolen"]!,
      originalLocale: "nl",
      budgetCents: 25_000_00,
      phase: "REVIEW",
      hasReview: true,
      submissionStartsAt: day("2026-09-01T08:00:00Z"),
      submissionEndsAt: day("2026-10-31T22:59:00Z"),
      reviewStartsAt: day("2026-11-02T08:00:00Z"),
      reviewEndsAt: day("2026-12-11T22:59:00Z"),
      votingStartsAt: day("2027-01-11T08:00:00Z"),
      votingEndsAt: day("2027-01-31T22:59:00Z"),
      translations: {
        create: [
          {
            locale: "nl",
            title: "Kroonmolen aan Zet",
            description:
              "Bewoners van Kroonmolen dienden ideeën in voor hun wijk, zoals de Samentuin in de Rolliersstraat met een zaaifeest en een oogstfeest. Het wijkpanel van bewoners beoordeelt nu alle voorstellen.",
          },
        ],
      },
    },
  });
  await db.budgetRound.create({
    data: {
      neighbourhoodId: ids["oostende-westerkwartier"]!,
      originalLocale: "nl",
      budgetCents: 30_000_00,
      phase: "DRAFT",
      hasReview: false,
      translations: {
        create: [
          {
            locale: "nl",
            title: "Beter in mijn straat",
            description:
              "Beter in 't Westerkwartier: ideeën voor de Gelijkheidstraat, de Prof. Jozef Vercoulliestraat en de Duivenhokstraat. Drie parklets, gebouwd met leerlingen van het VTI, trekken door de straten.",
          },
        ],
      },
    },
  });
  return { users: USERS.length, neighbourhoods: NEIGHBOURHOODS.length, rounds: 3 };
}
