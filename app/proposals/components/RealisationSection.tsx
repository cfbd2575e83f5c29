import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProposalStatus } from "../lifecycle";
import { RealisationTimeline, type RealisationUpdateView } from "./RealisationTimeline";

/** A funded project, realised or on its way. */
const FUNDED_STATUSES: readonly ProposalStatus[] = ["FUNDED", "IN_PROGRESS", "REALISED"];

/** A funded project's realisation updates, with a link for staff to post the next one. */
export function RealisationSection({
  proposalId,
  status,
  updates,
  mayPost,
}: {
  proposalId: string;
  status: ProposalStatus;
  updates: readonly RealisationUpdateView[];
  /** Staff (those who may coach) post updates. */
  mayPost: boolean;
}) {
  const { t } = useTranslation("proposals");
  const funded = FUNDED_STATUSES.includes(status);
  if (updates.length === 0 && !funded) return null;
  return (
    <section aria-labelledby="realisation-title">
      <h2 id="realisation-title">{t("results:timeline.title")}</h2>
      {mayPost && funded ? (
        <p>
          <Link to={`/staff/proposals/${proposalId}/updates`}>{t("results:updates.new")}</Link>
        </p>
      ) : null}
      <RealisationTimeline updates={updates} />
    </section>
  );
}
