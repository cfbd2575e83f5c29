import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageAttributes, type Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { useLocale } from "~/ui/useLocale";
import type { ProposalStatus } from "../lifecycle";

interface StatusFacts {
  status: ProposalStatus;
  roundId: string;
  verdictNote: string;
  verdictNoteLocale: Locale | null;
  changesDeadline: Date | null;
  panelRationale: string;
  panelRationaleLocale: Locale | null;
  withdrawnReason: string;
  withdrawnReasonLocale: Locale | null;
}

/**
 * Where a proposal stands, in words: a draft, the changes staff asked for (its carriers only), why it is
 * inadmissible, the panel's rationale (with a link to the panel report where the round has a panel), why a funded project was withdrawn. What people wrote is
 * isolated (`<bdi>`): a Dutch rationale in an Arabic page keeps its full stop on its own side; it is marked with
 * the language it was written in, and said to be in another language where it is not the page's.
 */
export function StatusNotes({ proposal, insider, panelReport }: { proposal: StatusFacts; insider: boolean; panelReport: boolean }) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <>
      {proposal.status === "DRAFT" ? <p className="alert alert-info">{t("detail.draftNote")}</p> : null}
      {proposal.status === "CHANGES_REQUESTED" && insider ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.changesRequested")}</strong> <bdi {...languageAttributes(proposal.verdictNoteLocale)}>{proposal.verdictNote}</bdi>
          </p>
          <LanguageNote locale={proposal.verdictNoteLocale} />
          {proposal.changesDeadline ? <p>{t("verdict.until", { date: formatDateTime(proposal.changesDeadline, locale) })}</p> : null}
        </div>
      ) : null}
      {proposal.status === "INADMISSIBLE" ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.inadmissibleReason")}</strong> <bdi {...languageAttributes(proposal.verdictNoteLocale)}>{proposal.verdictNote}</bdi>
          </p>
          <LanguageNote locale={proposal.verdictNoteLocale} />
        </div>
      ) : null}

      {proposal.panelRationale ? (
        <div className="alert alert-info">
          <p>
            <strong>{t(proposal.status === "REJECTED" ? "panel:decision.rejectedBy" : "panel:decision.shortlistedBy")}</strong>{" "}
            <bdi {...languageAttributes(proposal.panelRationaleLocale)}>{proposal.panelRationale}</bdi>
          </p>
          <LanguageNote locale={proposal.panelRationaleLocale} />
          {panelReport ? (
            <p>
              <Link to={`/rounds/${proposal.roundId}/panel`}>{t("panel:report.title")}</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      {proposal.status === "WITHDRAWN" && proposal.withdrawnReason ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("results:withdrawnReason")}</strong> <bdi {...languageAttributes(proposal.withdrawnReasonLocale)}>{proposal.withdrawnReason}</bdi>
          </p>
          <LanguageNote locale={proposal.withdrawnReasonLocale} />
        </div>
      ) : null}
    </>
  );
}
