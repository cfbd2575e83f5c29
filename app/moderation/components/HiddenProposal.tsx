import { useTranslation } from "react-i18next";
import { languageAttributes, type Locale } from "~/i18n/config";
import type { HiddenNote } from "../hidden";

/** A proposal's title in a list, or "Hidden by moderation" when moderation took its texts out of sight (decision 0036). */
export function ProposalTitle({ text, hidden }: { text: { text: { title: string }; locale: Locale } | null; hidden: boolean }) {
  const { t } = useTranslation();
  if (hidden && !text) return <span>{t("common:content.hiddenByModeration")}</span>;
  return <span {...languageAttributes(text?.locale)}>{text?.text.title}</span>;
}

/** "Hidden by moderation: <reason>", the reason in the language it is written in. */
export function HiddenNoteAlert({ note }: { note: HiddenNote }) {
  const { t } = useTranslation("comments");
  return (
    <p className="alert alert-info">
      {t("comments:hidden")} <bdi {...languageAttributes(note.locale)}>{note.reason}</bdi>
    </p>
  );
}
