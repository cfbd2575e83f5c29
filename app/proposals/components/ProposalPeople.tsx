import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ProposalAction, ProposalRelation } from "../policy";
import { InviteForm } from "./AuthorPanels";

interface People {
  author: { name: string };
  members: readonly { userId: string; user: { name: string } }[];
  carrierNames: string;
  organisationName: string;
  /** Invitations nobody accepted yet (shown to the proposal's carriers and staff only). */
  invites: readonly { id: string; email: string }[];
}

/**
 * Who carries a proposal: its author, co-proposers (the author removes them, each may leave), neighbours
 * and organisation named, and for its carriers the open invitations and a form to invite someone.
 */
export function ProposalPeople({
  proposal,
  relation,
  viewerId,
  may,
}: {
  proposal: People;
  relation: ProposalRelation;
  viewerId: string | null;
  may: Record<ProposalAction, boolean>;
}) {
  const { t } = useTranslation("proposals");
  // A deleted account keeps its place with an empty name (decision 0037).
  const nameOf = (name: string) => name || t("common:formerResident");
  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title">{t("people.title")}</h2>
      <ul>
        <li>{t("people.author", { name: nameOf(proposal.author.name) })}</li>
        {proposal.members.map((member) => (
          <li key={member.user.name + member.userId}>
            <bdi>{nameOf(member.user.name)}</bdi>
            {may.editPeople && (relation === "author" || member.userId === viewerId) ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="remove-member" />
                <input type="hidden" name="userId" value={member.userId} />
                <button type="submit" className="link-button">
                  {member.userId === viewerId ? t("people.leave") : t("people.remove", { name: nameOf(member.user.name) })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
        {proposal.carrierNames ? <li>{proposal.carrierNames}</li> : null}
        {proposal.organisationName ? <li>{t("people.organisation", { name: proposal.organisationName })}</li> : null}
      </ul>
      {relation !== null && proposal.invites.length > 0 ? (
        <>
          <p className="muted">{t("people.pending", { emails: proposal.invites.map((invite) => invite.email).join(", ") })}</p>
          {may.revokeInvite ? (
            <ul className="plain-list">
              {proposal.invites.map((invite) => (
                <li key={invite.id}>
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke-invite" />
                    <input type="hidden" name="inviteId" value={invite.id} />
                    <button type="submit" className="link-button">
                      {t("people.revokeInvite", { email: invite.email })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      {may.invite ? <InviteForm /> : null}
    </section>
  );
}
