import { INTL_LOCALES, type Locale } from "~/i18n/config";
import { formatAmountInput } from "~/kernel/amount";

const EMPTY_LINE = { label: "", amount: "" };

/** The no-JavaScript row buttons: "add-line" adds an empty cost line, "remove-line-N" removes row N. */
export function applyRowIntent(values: Record<string, unknown>, intent: string): Record<string, unknown> | null {
  const lines = Array.isArray(values.costLines) ? [...(values.costLines as unknown[])] : [];
  if (intent === "add-line") return { ...values, costLines: [...lines, EMPTY_LINE] };
  const remove = /^remove-line-(\d+)$/.exec(intent);
  if (remove) return { ...values, costLines: lines.filter((_, index) => index !== Number(remove[1])) };
  return null;
}

interface StoredProposal {
  originalLocale: string;
  categoryId: string | null;
  locationText: string;
  latitude: number | null;
  longitude: number | null;
  carrier: string;
  carrierNames: string;
  organisationName: string;
  texts: { locale: string; title: string; summary: string; description: string }[];
  costLines: { label: string; amountCents: number }[];
}

/** A stored proposal → the values of the proposal form (its original-language text, amounts as `locale` writes them). */
export function proposalFormValues(proposal: StoredProposal, locale: Locale): Record<string, unknown> {
  const text = proposal.texts.find((row) => row.locale === proposal.originalLocale);
  return {
    originalLocale: proposal.originalLocale,
    title: text?.title ?? "",
    summary: text?.summary ?? "",
    description: text?.description ?? "",
    categoryId: proposal.categoryId ?? "",
    costLines: proposal.costLines.length
      ? proposal.costLines.map((line) => ({ label: line.label, amount: formatAmountInput(line.amountCents, INTL_LOCALES[locale]) }))
      : [EMPTY_LINE],
    locationText: proposal.locationText,
    latitude: proposal.latitude === null ? "" : String(proposal.latitude),
    longitude: proposal.longitude === null ? "" : String(proposal.longitude),
    carrier: proposal.carrier,
    carrierNames: proposal.carrierNames,
    organisationName: proposal.organisationName,
  };
}

export function newProposalValues(locale: string): Record<string, unknown> {
  return { originalLocale: locale, costLines: [EMPTY_LINE], carrier: "RESIDENTS" };
}
