import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Follow or stop following a proposal or a round (a logged-in resident's button; works without JavaScript). */
export function FollowBox({ what, following }: { what: "proposal" | "round"; following: boolean }) {
  const { t } = useTranslation("notifications");
  return (
    <Form method="post" id="follow" className="follow-box">
      {following ? <p>{t(what === "proposal" ? "follow.followingProposal" : "follow.followingRound")}</p> : null}
      <div className="button-row">
        <button type="submit" name="intent" value={following ? "unfollow" : "follow"} className={following ? "button button-secondary" : "button"}>
          {following ? t("follow.stop") : t(what === "proposal" ? "follow.proposal" : "follow.round")}
        </button>
        <Link to="/account/notifications">{t("follow.choose")}</Link>
      </div>
    </Form>
  );
}
