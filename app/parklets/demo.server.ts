import type { Db } from "~/db.server";
import { addDays, cityToday } from "~/kernel/city-time";
import { serializeFeatures, type ParkletFeature } from "./features";

/**
 * Demo data for Oostende's Westerkwartier ("Beter in 't Westerkwartier"): three parklets built with
 * VTI pupils, travelling through the Gelijkheidstraat, the Prof. Jozef Vercoulliestraat and the
 * Duivenhokstraat. Days are relative to the seeding day, so the public page always has a "now" and
 * a "next"; they follow the schedule rule (no overlaps, a free day to move). Runs once.
 */
const PARKLETS: {
  name: string;
  description: string;
  features: ParkletFeature[];
  placements: { street: string; from: number; until: number; status?: "DONE" | "CANCELLED"; cancelReason?: string }[];
}[] = [
  {
    name: "De Strandloper",
    description: "Een houten terras ter grootte van een parkeerplaats, met twee lange banken, plantenbakken met zeegras en een fietsenrek.",
    features: ["benches", "plants", "bike-rack"],
    placements: [
      { street: "Gelijkheidstraat", from: -20, until: -6, status: "DONE" },
      { street: "Prof. Jozef Vercoulliestraat", from: -4, until: 9 },
      { street: "Duivenhokstraat", from: 11, until: 24 },
    ],
  },
  {
    name: "De Garnaal",
    description: "Een ronde picknicktafel onder een zeil, voor een koffie met de buren of een spelletje kaart.",
    features: ["table", "shade", "benches"],
    placements: [
      { street: "Duivenhokstraat", from: -3, until: 8 },
      { street: "Gelijkheidstraat", from: 12, until: 25 },
    ],
  },
  {
    name: "Het Zeepaardje",
    description: "Zitbakken met kruiden en bloemen: wie wil, plukt wat munt of rozemarijn.",
    features: ["plants", "benches"],
    placements: [
      { street: "Prof. Jozef Vercoulliestraat", from: -12, until: -5, status: "CANCELLED", cancelReason: "Wegenwerken in de straat." },
      { street: "Gelijkheidstraat", from: 2, until: 10 },
    ],
  },
];

export const DEMO_PARKLET_NAMES = PARKLETS.map((parklet) => parklet.name);

/** Seeds the three parklets, their placements and one open request; does nothing when they exist. */
export async function seedParklets(db: Db, options: { neighbourhoodId: string; requesterId?: string; today?: string }): Promise<number> {
  if ((await db.parklet.count({ where: { name: { in: DEMO_PARKLET_NAMES } } })) > 0) return 0;
  const today = options.today ?? cityToday();
  for (const parklet of PARKLETS) {
    await db.parklet.create({
      data: {
        name: parklet.name,
        originalLocale: "nl",
        description: parklet.description,
        builtBy: "Leerlingen hout en bouw van het VTI Oostende",
        features: serializeFeatures(parklet.features),
        placements: {
          create: parklet.placements.map((placement) => ({
            neighbourhoodId: options.neighbourhoodId,
            street: placement.street,
            firstDay: addDays(today, placement.from),
            lastDay: addDays(today, placement.until),
            status: placement.status ?? "PLANNED",
            cancelReason: placement.cancelReason ?? "",
          })),
        },
      },
    });
  }
  if (options.requesterId) {
    await db.parkletRequest.create({
      data: {
        neighbourhoodId: options.neighbourhoodId,
        userId: options.requesterId,
        street: "Duivenhokstraat",
        wishedFrom: addDays(today, 40),
        wishedUntil: addDays(today, 54),
        reason: "Ons straatfeest valt in die weken: een parklet zou de buren samenbrengen.",
        supporters: 17,
      },
    });
  }
  return PARKLETS.length;
}
