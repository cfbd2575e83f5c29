import { useTranslation } from "react-i18next";

const PLACEMENT_CLASS = { PLANNED: "status-shortlisted", DONE: "status-realised", CANCELLED: "status-withdrawn" } as const;
const REQUEST_CLASS = { OPEN: "status-changes_requested", PLANNED: "status-funded", DECLINED: "status-rejected" } as const;

export function PlacementBadge({ status }: { status: keyof typeof PLACEMENT_CLASS }) {
  const { t } = useTranslation("parklets");
  return <span className={`phase-badge ${PLACEMENT_CLASS[status]}`}>{t(`placements.status.${status}`)}</span>;
}

export function RequestBadge({ status }: { status: keyof typeof REQUEST_CLASS }) {
  const { t } = useTranslation("parklets");
  return <span className={`phase-badge ${REQUEST_CLASS[status]}`}>{t(`request.status.${status}`)}</span>;
}

/** A parklet's features as a short list of translated names. */
export function FeatureList({ features }: { features: readonly string[] }) {
  const { t } = useTranslation("parklets");
  if (features.length === 0) return null;
  return (
    <p>
      <span className="muted">{t("overview.features")}: </span>
      {features.map((feature) => t(`features.${feature}`)).join(" · ")}
    </p>
  );
}
