import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "~/i18n/format";
import { useLocale } from "~/ui/useLocale";
import type { ProposalStatus } from "../lifecycle";

interface StatusFacts {
  status: ProposalStatus;
  roundId: string;
  verdictNote: string;
  changesDeadline: Date | null;
  panelRationale: string;
  withdrawnReason: string;
}

/**
 * Where a proposal stands, in words: a draft, the changes staff asked for (its carriers only), why it is
 * inadmissible, the panel's rationale, why a funded project was withdrawn. What people wrote is
 * isolated (`<bdi>`): a Dutch rationale in an Arabic page keeps its full stop on its own side.
 */
export function StatusNotes({ proposal, insider }: { proposal: StatusFacts; insider: boolean }) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <>
      {proposal.status === "DRAFT" ? <p className="alert alert-info">{t("detail.draftNote")}</p> : null}
      {proposal.status === "CHANGES_REQUESTED" && insider ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.changesRequested")}</strong> <bdi>{proposal.verdictNote}</bdi>
          </p>
          {proposal.changesDeadline ? <p>{t("verdict.until", { date: formatDateTime(proposal.changesDeadline, locale) })}</p> : null}
        </div>
      ) : null}
      {proposal.status === "INADMISSIBLE" ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.inadmissibleReason")}</strong> <bdi>{proposal.verdictNote}</bdi>
          </p>
        </div>
      ) : null}

      {proposal.panelRationale ? (
        <div className="alert alert-info">
          <p>
            <strong>{t(proposal.status === "REJECTED" ? "panel:decision.rejectedBy" : "panel:decision.shortlistedBy")}</strong>{" "}
            <bdi>{proposal.panelRationale}</bdi>
          </p>
          <p>
            <Link to={`/rounds/${proposal.roundId}/panel`}>{t("panel:report.title")}</Link>
          </p>
        </div>
      ) : null}

      {proposal.status === "WITHDRAWN" && proposal.withdrawnReason ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("results:withdrawnReason")}</strong> <bdi>{proposal.withdrawnReason}</bdi>
          </p>
        </div>
      ) : null}
    </>
  );
}
