import type { TFunction } from "i18next";
import type { Locale } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { shareLimitCents, type AmountRules } from "../rules";

/** The round's amount rules as sentences for the form ("At most €10,000 per proposal."). */
export function rulesInWords(rules: AmountRules, t: TFunction, locale: Locale): string[] {
  const sentences = [t("proposal-form:rules.budget", { amount: formatMoney(rules.budgetCents, locale) })];
  if (rules.minAmountCents !== null) sentences.push(t("proposal-form:rules.min", { amount: formatMoney(rules.minAmountCents, locale) }));
  if (rules.maxAmountCents !== null) sentences.push(t("proposal-form:rules.max", { amount: formatMoney(rules.maxAmountCents, locale) }));
  const share = shareLimitCents(rules);
  if (share !== null) {
    sentences.push(t("proposal-form:rules.share", { percent: rules.maxSharePercent, amount: formatMoney(share, locale) }));
  }
  return sentences;
}
