import { hashPassword } from "~/auth/password.server";
import type { Db } from "~/db.server";
import { seedParklets } from "~/parklets/demo.server";
import { personSearchText, searchTextOf } from "~/kernel/text";
import { addDays, cityToday, cityWallTimeToDate } from "~/kernel/city-time";
import { generateCode, hashCode } from "~/voting/codes";

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
    boundary: polygon([
      [4.4785, 51.0205],
      [4.4905, 51.0215],
      [4.4945, 51.0135],
      [4.486, 51.0095],
      [4.477, 51.013],
    ]),
  },
  {
    slug: "sint-niklaas-kroonmolen",
    name: "Kroonmolen",
    city: "Sint-Niklaas",
    boundary: polygon([
      [4.13, 51.1735],
      [4.144, 51.1745],
      [4.147, 51.166],
      [4.133, 51.164],
      [4.1285, 51.169],
    ]),
  },
  {
    slug: "oostende-westerkwartier",
    name: "Westerkwartier",
    city: "Oostende",
    boundary: polygon([
      [2.8985, 51.2305],
      [2.9105, 51.229],
      [2.912, 51.2225],
      [2.901, 51.2215],
      [2.896, 51.226],
    ]),
  },
  {
    slug: "genk-waterschei",
    name: "Waterschei",
    city: "Genk",
    boundary: polygon([
      [5.478, 51.001],
      [5.502, 51.003],
      [5.506, 50.988],
      [5.483, 50.985],
    ]),
  },
  {
    slug: "gent-rabot",
    name: "Rabot",
    city: "Gent",
    boundary: polygon([
      [3.705, 51.064],
      [3.717, 51.0655],
      [3.72, 51.059],
      [3.708, 51.0575],
    ]),
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
      create: { ...user, passwordHash, isDemo: true, emailVerifiedAt: verifiedAt, searchText: personSearchText(user.name, user.email) },
    });
  }
  const ids: Record<string, string> = {};
  for (const neighbourhood of NEIGHBOURHOODS) {
    const row = await db.neighbourhood.upsert({ where: { slug: neighbourhood.slug }, update: {}, create: neighbourhood });
    ids[neighbourhood.slug] = row.id;
  }
  await seedParklets(db, {
    neighbourhoodId: ids["oostende-westerkwartier"]!,
    requesterId: (await db.user.findUniqueOrThrow({ where: { email: "ivan@wijkbudget.demo" } })).id,
  });
  if ((await db.budgetRound.count()) > 0) return { users: USERS.length, neighbourhoods: NEIGHBOURHOODS.length, rounds: 0 };

  const arsenaal = await db.budgetRound.create({
    data: {
      neighbourhoodId: ids["mechelen-arsenaal"]!,
      minAmountCents: 250_00,
      maxAmountCents: 10_000_00,
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
  const kroonmolen = await db.budgetRound.create({
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
      maxSharePercent: 75,
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
  await seedProposals(db, { arsenaal: arsenaal.id, kroonmolen: kroonmolen.id });
  await seedPanel(db, kroonmolen.id);
  await seedVoting(db, ids["gent-rabot"]!);
  await seedEvents(db, ids);
  return { users: USERS.length, neighbourhoods: NEIGHBOURHOODS.length, rounds: 4 };
}

/** Mechelen's themes, named in every UI language. */
const ARSENAAL_THEMES = [
  { nl: "Ontmoeting", fr: "Rencontre", en: "Meeting people", bg: "Срещи", tr: "Buluşma", ar: "التلاقي" },
  { nl: "Kansarmoede", fr: "Lutte contre la pauvreté", en: "Tackling poverty", bg: "Борба с бедността", tr: "Yoksullukla mücadele", ar: "مكافحة الفقر" },
  { nl: "Mooie buurt", fr: "Beau quartier", en: "A beautiful neighbourhood", bg: "Красив квартал", tr: "Güzel mahalle", ar: "حيّ جميل" },
];

const BENCHES = [
  {
    locale: "bg",
    title: "Пейки на площада",
    summary: "Пейки и маса, за да се срещат съседите.",
    description: "Искаме да поставим три пейки и една голяма маса на площада, за да могат съседите да седнат заедно.",
  },
  {
    locale: "nl",
    title: "Banken op het pleintje",
    summary: "Banken en een tafel zodat buren elkaar ontmoeten.",
    description: "We willen drie banken en een grote tafel op het pleintje zetten, zodat buren samen kunnen zitten.",
  },
];

const SAMENTUIN = {
  locale: "nl",
  title: "Samentuin Rolliersstraat",
  summary: "Moestuinbakken voor de hele straat, met een zaaifeest en een oogstfeest.",
  description: "Buren kweken samen groenten in bakken op de stoep. In het voorjaar is er een zaaifeest, in het najaar een oogstfeest.",
};

async function seedProposals(db: Db, rounds: { arsenaal: string; kroonmolen: string }) {
  const user = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
  const [meeting] = await Promise.all(
    ARSENAAL_THEMES.map((names, position) => db.category.create({ data: { roundId: rounds.arsenaal, position, names: JSON.stringify(names) } })),
  );
  const submittedAt = new Date("2026-11-10T10:00:00Z");
  await db.proposal.create({
    data: {
      roundId: rounds.arsenaal,
      number: 1,
      status: "SUBMITTED",
      authorId: await user("ivan@wijkbudget.demo"),
      categoryId: meeting!.id,
      originalLocale: "bg",
      requestedCents: 3_450_00,
      locationText: "Pleintje aan de Arsenaalstraat",
      latitude: 51.0152,
      longitude: 4.4851,
      carrierNames: "Мария, Георги",
      submittedAt,
      searchText: searchTextOf(1, BENCHES),
      texts: { create: BENCHES },
      costLines: {
        create: [
          { position: 0, label: "Drie banken", amountCents: 2_250_00 },
          { position: 1, label: "Picknicktafel", amountCents: 1_200_00 },
        ],
      },
      events: {
        create: [
          { status: "DRAFT", at: new Date("2026-11-08T10:00:00Z") },
          { status: "SUBMITTED", at: submittedAt },
        ],
      },
    },
  });
  await db.proposal.create({
    data: {
      roundId: rounds.kroonmolen,
      number: 1,
      status: "ADMISSIBLE",
      authorId: await user("panel@wijkbudget.demo"),
      originalLocale: "nl",
      requestedCents: 2_800_00,
      cityCostCents: 3_100_00,
      locationText: "Rolliersstraat",
      carrierNames: "Buren van de Rolliersstraat",
      submittedAt: new Date("2026-10-05T09:00:00Z"),
      searchText: searchTextOf(1, [SAMENTUIN]),
      texts: { create: SAMENTUIN },
      costLines: {
        create: [
          { position: 0, label: "Moestuinbakken", amountCents: 1_900_00 },
          { position: 1, label: "Aarde, zaden en plantgoed", amountCents: 600_00 },
          { position: 2, label: "Zaaifeest en oogstfeest", amountCents: 300_00 },
        ],
      },
      events: {
        create: [
          { status: "DRAFT", at: new Date("2026-10-01T09:00:00Z") },
          { status: "SUBMITTED", at: new Date("2026-10-05T09:00:00Z") },
          { status: "ADMISSIBLE", at: new Date("2026-11-04T09:00:00Z") },
        ],
      },
    },
  });
}

const SPEELKOFFER = {
  locale: "fr",
  title: "Coffre à jeux pour la rue",
  summary: "Un coffre fermé sur la place avec des jeux d'extérieur, ouvert par les voisins le mercredi et le week-end.",
  description:
    "Des ballons, des craies, des cordes à sauter et des jeux de société dans un coffre en bois. Les voisins qui ont une clé l'ouvrent pour les enfants du quartier.",
};

const KROONMOLEN_CRITERIA = [
  {
    weight: 2,
    names: {
      nl: "Meerwaarde voor de wijk",
      en: "Value for the neighbourhood",
      fr: "Valeur pour le quartier",
      tr: "Mahalle için değeri",
      bg: "Полза за квартала",
      ar: "القيمة للحي",
    },
    explanations: {
      nl: "Hoeveel buren hebben er baat bij, ook wie minder gehoord wordt?",
      en: "How many neighbours benefit, including those who are heard less?",
    },
  },
  {
    weight: 1,
    names: { nl: "Haalbaarheid", en: "Feasibility", fr: "Faisabilité", tr: "Uygulanabilirlik", bg: "Осъществимост", ar: "قابلية التنفيذ" },
    explanations: { nl: "Kan het binnen het budget en binnen een jaar gerealiseerd worden?", en: "Can it be done within the budget and within a year?" },
  },
  {
    weight: 1,
    names: {
      nl: "Betrokkenheid van bewoners",
      en: "Residents' involvement",
      fr: "Implication des habitants",
      tr: "Sakinlerin katılımı",
      bg: "Участие на жителите",
      ar: "مشاركة السكان",
    },
    explanations: { nl: "Dragen buren het idee mee, nu en na de uitvoering?", en: "Do neighbours carry the idea, now and after it is built?" },
  },
];

/**
 * Kroonmolen's wijkpanel in the middle of its review: Pieter chairs (and is conflicted on his own
 * Samentuin), Elif scores; Marie's play box waits for a decision.
 */
async function seedPanel(db: Db, roundId: string) {
  const user = async (email: string) => (await db.user.findUniqueOrThrow({ where: { email } })).id;
  await db.panel.create({ data: { roundId, mode: "SHORTLIST", scaleMin: 1, scaleMax: 5 } });
  await db.panelMember.create({ data: { roundId, userId: await user("panel@wijkbudget.demo"), isChair: true, namePublic: true } });
  await db.panelMember.create({ data: { roundId, userId: await user("elif@wijkbudget.demo"), namePublic: false } });
  for (const [position, criterion] of KROONMOLEN_CRITERIA.entries()) {
    await db.panelCriterion.create({
      data: { roundId, position, weight: criterion.weight, names: JSON.stringify(criterion.names), explanations: JSON.stringify(criterion.explanations) },
    });
  }
  await db.proposal.create({
    data: {
      roundId,
      number: 2,
      status: "ADMISSIBLE",
      authorId: await user("marie@wijkbudget.demo"),
      originalLocale: "fr",
      requestedCents: 1_450_00,
      locationText: "Kroonmolenplein",
      submittedAt: new Date("2026-10-12T15:00:00Z"),
      searchText: searchTextOf(2, [SPEELKOFFER]),
      texts: { create: SPEELKOFFER },
      costLines: {
        create: [
          { position: 0, label: "Coffre en bois avec serrure", amountCents: 850_00 },
          { position: 1, label: "Jeux d'extérieur", amountCents: 600_00 },
        ],
      },
      events: {
        create: [
          { status: "DRAFT", at: new Date("2026-10-10T15:00:00Z") },
          { status: "SUBMITTED", at: new Date("2026-10-12T15:00:00Z") },
          { status: "ADMISSIBLE", at: new Date("2026-11-04T09:30:00Z") },
        ],
      },
    },
  });
}

const RABOT_BALLOT = [
  {
    cents: 12_000_00,
    nl: ["Speeltuin aan de Rabotsluis", "Nieuwe speeltoestellen en een zandbak voor de kleinsten."],
    tr: ["Rabot savağında oyun parkı", "Küçükler için yeni oyun aletleri ve bir kum havuzu."],
  },
  {
    cents: 9_000_00,
    nl: ["Buurtkeuken in het wijkcentrum", "Een keuken waar buren samen koken en eten, elke vrijdag."],
    ar: ["مطبخ الحي في المركز", "مطبخ يطبخ فيه الجيران ويأكلون معًا كل يوم جمعة."],
  },
  {
    cents: 7_500_00,
    nl: ["Fietsenstalling Wondelgemstraat", "Een overdekte fietsenstalling voor twintig fietsen."],
    bg: ["Паркинг за велосипеди на Wondelgemstraat", "Покрит паркинг за двадесет велосипеда."],
  },
  {
    cents: 4_000_00,
    nl: ["Bloembakken langs de Gasmeterlaan", "Bloembakken die buren samen onderhouden."],
    fr: ["Jardinières le long de la Gasmeterlaan", "Des jardinières entretenues ensemble par les voisins."],
  },
] as const;

/**
 * Gent Rabot votes now, with letter codes: a batch of 20 whose plain codes staff can still take
 * once (as in real life, right after generating them).
 */
async function seedVoting(db: Db, neighbourhoodId: string) {
  const author = (await db.user.findUniqueOrThrow({ where: { email: "elif@wijkbudget.demo" } })).id;
  const round = await db.budgetRound.create({
    data: {
      neighbourhoodId,
      originalLocale: "nl",
      budgetCents: 25_000_00,
      phase: "VOTING",
      hasReview: false,
      ballotMethod: "APPROVAL_BUDGET",
      tallyRule: "mes-add1",
      eligibility: "CODES",
      minimumAge: 16,
      votingStartsAt: day("2026-11-16T08:00:00Z"),
      votingEndsAt: day("2026-12-13T22:59:00Z"),
      translations: {
        create: [
          {
            locale: "nl",
            title: "Rabot beslist",
            description: "Vier ideeën van bewoners staan op het stembiljet. Kies zelf welke projecten de wijk krijgt, samen hoogstens €25.000.",
          },
        ],
      },
    },
  });
  for (const [index, idea] of RABOT_BALLOT.entries()) {
    const texts = Object.entries(idea)
      .filter(([key]) => key !== "cents")
      .map(([locale, [title, summary]]) => ({ locale, title, summary, description: summary }));
    await db.proposal.create({
      data: {
        roundId: round.id,
        number: index + 1,
        status: "ON_BALLOT",
        authorId: author,
        originalLocale: "nl",
        requestedCents: idea.cents,
        submittedAt: day("2026-10-01T10:00:00Z"),
        searchText: searchTextOf(index + 1, texts),
        texts: { create: texts },
        events: {
          create: [
            { status: "SUBMITTED", at: day("2026-10-01T10:00:00Z") },
            { status: "ADMISSIBLE", at: day("2026-10-20T10:00:00Z") },
            { status: "ON_BALLOT", at: day("2026-11-16T08:00:00Z") },
          ],
        },
      },
    });
  }
  const codes = Array.from({ length: 20 }, (_, index) => ({ serial: index + 1, code: generateCode() }));
  const batch = await db.codeBatch.create({ data: { roundId: round.id, count: codes.length, plainCodes: JSON.stringify(codes) } });
  await db.votingCode.createMany({
    data: codes.map((entry) => ({ roundId: round.id, serial: entry.serial, codeHash: hashCode(entry.code), batchId: batch.id })),
  });
}

/** A Brussels wall-clock time `days` from today, e.g. inDays(14, "14:00"). */
function inDays(days: number, time: string): Date {
  return cityWallTimeToDate(`${addDays(cityToday(), days)}T${time}`)!;
}

async function seedEvents(db: Db, neighbourhoods: Record<string, string>) {
  const staffId = (await db.user.findUniqueOrThrow({ where: { email: "staff@wijkbudget.demo" } })).id;
  const event = (data: {
    neighbourhood: string;
    days: number;
    from: string;
    until: string;
    place: string;
    organiser: string;
    capacity: number | null;
    texts: { locale: string; title: string; description: string }[];
    accessibility?: string;
  }) =>
    db.event.create({
      data: {
        neighbourhoodId: neighbourhoods[data.neighbourhood]!,
        originalLocale: data.texts[0]!.locale,
        startsAt: inDays(data.days, data.from),
        endsAt: inDays(data.days, data.until),
        place: data.place,
        organiser: data.organiser,
        capacity: data.capacity,
        accessibility: data.accessibility ?? "",
        createdById: staffId,
        texts: { create: data.texts },
      },
    });
  await event({
    neighbourhood: "mechelen-arsenaal",
    days: 7,
    from: "19:00",
    until: "21:00",
    place: "Buurthuis Arsenaal, Arsenaalstraat",
    organiser: "Stad Mechelen, team participatie",
    capacity: null,
    accessibility: "Rolstoeltoegankelijk. Er is een tolk Bulgaars en Turks.",
    texts: [
      {
        locale: "nl",
        title: "Infoavond: dien je idee in voor het wijkbudget",
        description: "We leggen uit hoe je een idee indient en helpen je op weg met je kostenraming.",
      },
      { locale: "bg", title: "Информационна вечер: подайте своята идея", description: "Обясняваме как се подава идея и ви помагаме с оценката на разходите." },
      {
        locale: "tr",
        title: "Bilgi akşamı: fikrinizi önerin",
        description: "Bir fikrin nasıl önerileceğini anlatıyor ve maliyet tahmininizde size yardım ediyoruz.",
      },
    ],
  });
  await event({
    neighbourhood: "sint-niklaas-kroonmolen",
    days: 14,
    from: "14:00",
    until: "17:00",
    place: "Samentuin Rolliersstraat",
    organiser: "Kroonmolen aan Zet",
    capacity: 30,
    texts: [
      { locale: "nl", title: "Zaaifeest in de Samentuin", description: "Samen zaaien in de moestuinbakken van de Rolliersstraat. Zaad en soep voorzien." },
    ],
  });
  await event({
    neighbourhood: "oostende-westerkwartier",
    days: -10,
    from: "09:00",
    until: "11:00",
    place: "Gelijkheidstraat",
    organiser: "Beter in 't Westerkwartier",
    capacity: 40,
    texts: [{ locale: "nl", title: "Straatkoffie in de Gelijkheidstraat", description: "Koffie bij de parklet en een babbel met de buren." }],
  });
}
