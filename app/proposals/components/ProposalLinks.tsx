import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProposalStatus } from "../lifecycle";
import type { ProposalAction } from "../policy";

/** The pages of a proposal its carriers (and staff) may go on to: editing, translating, organising an event. */
export function ProposalLinks({ proposalId, status, may }: { proposalId: string; status: ProposalStatus; may: Record<ProposalAction, boolean> }) {
  const { t } = useTranslation("proposals");
  if (!may.edit && !may.translate && !may.organiseEvent) return null;
  return (
    <nav className="button-row" aria-label={t("detail.actions")}>
      {may.edit ? (
        <Link to={`/proposals/${proposalId}/edit`} className="button">
          {status === "DRAFT" || status === "CHANGES_REQUESTED" ? t("detail.editAndSubmit") : t("detail.edit")}
        </Link>
      ) : null}
      {may.translate ? (
        <Link to={`/proposals/${proposalId}/translate`} className="button button-secondary">
          {t("detail.translate")}
        </Link>
      ) : null}
      {may.organiseEvent ? (
        <Link to={`/proposals/${proposalId}/events/new`} className="button button-secondary">
          {t("detail.organiseEvent")}
        </Link>
      ) : null}
    </nav>
  );
}
