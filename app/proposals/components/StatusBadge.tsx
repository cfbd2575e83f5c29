import { useTranslation } from "react-i18next";
import type { ProposalStatus } from "../lifecycle";

export function StatusBadge({ status }: { status: ProposalStatus }) {
  const { t } = useTranslation("proposals");
  return <span className={`phase-badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}
