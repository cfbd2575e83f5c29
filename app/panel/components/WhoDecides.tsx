import { Trans, useTranslation } from "react-i18next";
import type { DeciderView } from "~/panel/policy";

/** The key of the sentence that says who decides a proposal, and why (panel.json's whoDecides). */
export function whoDecidesKey(decider: DeciderView): string {
  return decider.by === "chair" ? "whoDecides.chair" : `whoDecides.${decider.by}.${decider.because}`;
}

/**
 * Who decides a proposal, and why: "the chair", "vice-chair X, because the chair has a conflict",
 * "city staff, because the chair and the vice-chair have a conflict". The name is isolated (<bdi>):
 * a Latin name in an Arabic sentence, or an Arabic one in a Dutch sentence, keeps its own direction.
 */
export function WhoDecides({ decider }: { decider: DeciderView }) {
  const { t } = useTranslation("panel");
  return <Trans t={t} i18nKey={whoDecidesKey(decider)} values={{ name: decider.name ?? "" }} components={{ name: <bdi /> }} />;
}
