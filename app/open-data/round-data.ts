// A public round as open data (`/rounds/<id>/data.json`, docs/open-data.md): what anyone may see on the
// round's pages, in one file a journalist or researcher can read without scraping. Pure: the caller
// gathers the rows; this shapes them and leaves out everything personal (no author names, no emails, no
// house numbers, no individual panel scores).

/** Raised when a field is added, removed or changes meaning (docs/open-data.md lists the versions). */
export const OPEN_DATA_VERSION = 1;

/** Three decimals of a degree: about 110 m north–south, 70 m east–west in Flanders — a street, not a house. */
const COORDINATE_DECIMALS = 3;

/** A location as typed, without house numbers ("Gasmeterlaan 12a bus 3" → "Gasmeterlaan"). */
export function streetLevel(locationText: string): string | null {
  const street = locationText
    .replace(/\b\d+\s*[a-z]?(?:\s*(?:bus|bte|box)\s*[\da-z]+)?\b/giu, " ")
    .replace(/\s+([,;])/gu, "$1")
    .replace(/\s{2,}/gu, " ")
    .replace(/^[\s,;]+|[\s,;]+$/gu, "");
  return street || null;
}

export function streetLevelCoordinate(value: number | null): number | null {
  return value === null ? null : Number(value.toFixed(COORDINATE_DECIMALS));
}

type Texts = Record<string, { title: string; summary?: string; description?: string }>;

export interface RoundDataInput {
  generatedAt: Date;
  round: {
    id: string;
    phase: string;
    originalLocale: string;
    neighbourhood: { name: string; city: string; slug: string };
    translations: readonly { locale: string; title: string; description: string }[];
    budgetCents: number;
    dates: Record<RoundDateName, Date | null>;
    minAmountCents: number | null;
    maxAmountCents: number | null;
    maxSharePercent: number | null;
    organisationsMaySubmit: boolean;
    ballotMethod: string;
    tallyRule: string;
    approvalLimit: number | null;
    cumulativePoints: number | null;
    cumulativeMaxPerProject: number | null;
    eligibility: string;
    minimumAge: number;
    hasReview: boolean;
  };
  categories: readonly { id: string; names: Partial<Record<string, string>> }[];
  /** The panel's settings, when the round has a review. */
  panel: { mode: string; weightPercent: number; scaleMin: number; scaleMax: number } | null;
  proposals: readonly {
    id: string;
    number: number;
    status: string;
    originalLocale: string;
    texts: readonly { locale: string; title: string; summary: string }[];
    categoryId: string | null;
    costLines: readonly { label: string; labels: Partial<Record<string, string>>; amountCents: number }[];
    requestedCents: number;
    cityCostCents: number | null;
    locationText: string;
    latitude: number | null;
    longitude: number | null;
    panelRationale: string;
    panelRationaleLocale: string | null;
  }[];
  /** Aggregate panel scores as decision 0011 allows them published (null where withheld). */
  panelScores: ReadonlyMap<string, { score: number | null; reviews: number | null }>;
  /** The latest published result. */
  result: {
    version: number;
    publishedAt: Date;
    voters: number;
    online: number;
    paper: number;
    spentCents: number;
    rule: string;
    projects: readonly { proposalId: string; costCents: number; support: number; funded: boolean }[];
  } | null;
}

export const ROUND_DATES = ["submissionStartsAt", "submissionEndsAt", "reviewStartsAt", "reviewEndsAt", "votingStartsAt", "votingEndsAt", "resultsAt"] as const;
type RoundDateName = (typeof ROUND_DATES)[number];

/**
 * The panel's decision: every decision comes with a rationale (it is required); a shortlisted proposal
 * moves on to the ballot, a rejected one stays REJECTED.
 */
function panelDecision(proposal: { status: string; panelRationale: string }): "SHORTLISTED" | "REJECTED" | null {
  if (!proposal.panelRationale) return null;
  return proposal.status === "REJECTED" ? "REJECTED" : "SHORTLISTED";
}

function byLocale<T extends { locale: string }, V>(rows: readonly T[], value: (row: T) => V): Record<string, V> {
  return Object.fromEntries(rows.map((row) => [row.locale, value(row)]));
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function roundData(input: RoundDataInput) {
  const { round, result } = input;
  const themes = new Map(input.categories.map((category) => [category.id, category.names]));
  const outcome = new Map(result?.projects.map((project) => [project.proposalId, project]) ?? []);
  return {
    version: OPEN_DATA_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    round: {
      id: round.id,
      phase: round.phase,
      neighbourhood: { name: round.neighbourhood.name, city: round.neighbourhood.city, slug: round.neighbourhood.slug },
      originalLanguage: round.originalLocale,
      texts: byLocale(round.translations, (row) => ({ title: row.title, description: row.description })) as Texts,
      currency: "EUR",
      budgetCents: round.budgetCents,
      dates: Object.fromEntries(ROUND_DATES.map((name) => [name, iso(round.dates[name])])),
      proposalRules: {
        minAmountCents: round.minAmountCents,
        maxAmountCents: round.maxAmountCents,
        maxSharePercent: round.maxSharePercent,
        organisationsMaySubmit: round.organisationsMaySubmit,
      },
      voting: {
        method: round.ballotMethod,
        rule: round.tallyRule,
        approvalLimit: round.approvalLimit,
        cumulativePoints: round.cumulativePoints,
        cumulativeMaxPerProject: round.cumulativeMaxPerProject,
        eligibility: round.eligibility,
        minimumAge: round.minimumAge,
      },
      panel: input.panel,
    },
    proposals: input.proposals.map((proposal) => {
      const scores = input.panelScores.get(proposal.id);
      const counted = outcome.get(proposal.id);
      return {
        number: proposal.number,
        status: proposal.status,
        originalLanguage: proposal.originalLocale,
        texts: byLocale(proposal.texts, (row) => ({ title: row.title, summary: row.summary })),
        theme: proposal.categoryId ? (themes.get(proposal.categoryId) ?? null) : null,
        costs: proposal.costLines.map((line) => ({ label: line.label, labels: line.labels, amountCents: line.amountCents })),
        requestedCents: proposal.requestedCents,
        checkedCostCents: proposal.cityCostCents,
        location: {
          street: streetLevel(proposal.locationText),
          latitude: streetLevelCoordinate(proposal.latitude),
          longitude: streetLevelCoordinate(proposal.longitude),
        },
        panel: input.panel
          ? {
              decision: panelDecision(proposal),
              rationale: proposal.panelRationale || null,
              rationaleLanguage: proposal.panelRationale ? proposal.panelRationaleLocale : null,
              score: scores?.score ?? null,
              reviews: scores?.reviews ?? null,
            }
          : null,
        result: counted ? { costCents: counted.costCents, support: counted.support, funded: counted.funded } : null,
      };
    }),
    result: result
      ? {
          version: result.version,
          publishedAt: result.publishedAt.toISOString(),
          voters: result.voters,
          online: result.online,
          paper: result.paper,
          spentCents: result.spentCents,
          rule: result.rule,
        }
      : null,
  };
}

export type RoundData = ReturnType<typeof roundData>;
