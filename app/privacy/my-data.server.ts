// "My data" (/account/data): everything Wijkbudget holds about one account, as one JSON file — the
// account, its security, what it proposed, answered, reviewed and was sent, and the rows that only name
// its email address. Never a secret (password or code hashes, keys, tokens) and never a ballot: a ballot
// holds nothing that leads back to anyone (decision 0010), so only the rounds one voted in appear.
import type { Db } from "~/db.server";

/**
 * Where each table that holds someone's account or email address appears in the file, or why it does
 * not. tests/integration/my-data.test.ts reads prisma/schema.prisma and fails for a table missing here.
 */
export const MY_DATA_SOURCES = {
  User: "account",
  Session: "security.sessions",
  KnownDevice: "security.rememberedBrowsers",
  RecoveryCode: "security.recoveryCodesLeft (a count: the codes themselves are stored only as hashes)",
  EmailToken: "security.emailedLinks",
  AuditLog: "audit.byMe and audit.aboutMe",
  Proposal: "proposals.authored and proposals.coached",
  ProposalMember: "proposals.coProposed",
  ProposalInvite: "proposals.invitationsToMyAddress",
  CoachNote: "proposals.coachNotes",
  Rsvp: "events.answers (by account or by address)",
  ParkletRequest: "parklets.requests",
  PanelMember: "panel.seats",
  PanelInvite: "panel.invitationsToMyAddress",
  PanelConflict: "panel.conflicts",
  PanelReview: "panel.reviews",
  RoundVoter: "voting.voterLists",
  Participation: "voting.roundsVotedIn (never how: ballots are not linked to anyone)",
  OutboxMessage: "mail (by account or by address)",
  Comment: "comments.written",
  Report: "comments.reportsMade",
  ProposalFollow: "notifications.followedProposals",
  RoundFollow: "notifications.followedRounds",
  NotificationPreference: "notifications.preferences",
  Notification: "notifications.received",
  UnsubscribeToken: "notifications.unsubscribeLinks (when made and until when: the links themselves are stored only as hashes)",
} as const;

export const MY_DATA_FORMAT = { name: "wijkbudget-my-data", version: 1 } as const;

/** Everything held about account `userId`, ready to be sent as JSON; null when there is no such account. */
export async function myData(db: Db, userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      locale: true,
      emailVerifiedAt: true,
      totpEnabledAt: true,
      blockedAt: true,
      blockedReason: true,
      deactivatedAt: true,
      createdAt: true,
      updatedAt: true,
    },
  });
  if (!user) return null;
  const byAccountOrAddress = { OR: [{ userId }, { email: user.email }] };
  const [sessions, rememberedBrowsers, recoveryCodesLeft, emailedLinks] = await Promise.all([
    db.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true }, orderBy: { createdAt: "asc" } }),
    db.knownDevice.findMany({ where: { userId }, select: { createdAt: true, trustedUntil: true }, orderBy: { createdAt: "asc" } }),
    db.recoveryCode.count({ where: { userId } }),
    db.emailToken.findMany({ where: { userId }, select: { purpose: true, createdAt: true, expiresAt: true, usedAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  const proposalSelect = {
    id: true,
    number: true,
    status: true,
    roundId: true,
    originalLocale: true,
    requestedCents: true,
    locationText: true,
    latitude: true,
    longitude: true,
    createdAt: true,
    submittedAt: true,
    texts: { select: { locale: true, title: true, summary: true, description: true } },
  } as const;
  const [authored, coProposed, coached, coachNotes, proposalInvites] = await Promise.all([
    db.proposal.findMany({ where: { authorId: userId }, select: proposalSelect, orderBy: { createdAt: "asc" } }),
    db.proposalMember.findMany({ where: { userId }, select: { proposal: { select: proposalSelect } } }),
    db.proposal.findMany({ where: { coachId: userId }, select: { id: true, number: true, roundId: true } }),
    db.coachNote.findMany({ where: { authorId: userId }, select: { proposalId: true, body: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.proposalInvite.findMany({ where: { email: user.email }, select: { proposalId: true, createdAt: true, acceptedAt: true } }),
  ]);
  const [answers, parkletRequests] = await Promise.all([
    db.rsvp.findMany({
      where: byAccountOrAddress,
      select: { eventId: true, name: true, email: true, locale: true, status: true, createdAt: true, updatedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.parkletRequest.findMany({
      where: { userId },
      select: {
        id: true,
        neighbourhoodId: true,
        street: true,
        wishedFrom: true,
        wishedUntil: true,
        reason: true,
        status: true,
        declineReason: true,
        createdAt: true,
      },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const [seats, panelInvites, conflicts, reviews] = await Promise.all([
    db.panelMember.findMany({ where: { userId }, select: { roundId: true, isChair: true, isViceChair: true, namePublic: true, createdAt: true } }),
    db.panelInvite.findMany({ where: { email: user.email }, select: { roundId: true, createdAt: true, acceptedAt: true } }),
    db.panelConflict.findMany({ where: { userId }, select: { proposalId: true, reason: true, createdAt: true } }),
    db.panelReview.findMany({
      where: { userId },
      select: { proposalId: true, comment: true, recommendation: true, updatedAt: true, scores: { select: { criterionId: true, score: true } } },
    }),
  ]);
  const [written, reportsMade] = await Promise.all([
    db.comment.findMany({
      where: { authorId: userId },
      select: {
        proposalId: true,
        parentId: true,
        body: true,
        locale: true,
        asPanelMember: true,
        createdAt: true,
        editedAt: true,
        deletedAt: true,
        hiddenAt: true,
        hiddenReason: true,
      },
      orderBy: { createdAt: "asc" },
    }),
    db.report.findMany({
      where: { reporterId: userId },
      select: { commentId: true, proposalId: true, reason: true, text: true, createdAt: true, resolvedAt: true },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const [roundsVotedIn, voterLists, mail, byMe, aboutMe] = await Promise.all([
    db.participation.findMany({ where: { userId }, select: { roundId: true } }),
    db.roundVoter.findMany({ where: { userId }, select: { roundId: true, birthYear: true, createdAt: true } }),
    db.outboxMessage.findMany({
      where: { OR: [{ userId }, { to: user.email }] },
      select: { to: true, locale: true, subject: true, text: true, createdAt: true, sentAt: true, failedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.auditLog.findMany({
      where: { actorId: userId },
      select: { at: true, action: true, entityType: true, entityId: true, details: true },
      orderBy: { at: "asc" },
    }),
    db.auditLog.findMany({ where: { entityType: "User", entityId: userId }, select: { at: true, action: true, details: true }, orderBy: { at: "asc" } }),
  ]);
  const [followedProposals, followedRounds, preferences, received, unsubscribeLinks] = await Promise.all([
    db.proposalFollow.findMany({ where: { userId }, select: { proposalId: true, following: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.roundFollow.findMany({ where: { userId }, select: { roundId: true, following: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, channel: true, updatedAt: true }, orderBy: { kind: "asc" } }),
    db.notification.findMany({
      where: { userId },
      select: { kind: true, title: true, path: true, createdAt: true, readAt: true, inDigest: true, digestedAt: true },
      orderBy: { createdAt: "asc" },
    }),
    db.unsubscribeToken.findMany({ where: { userId }, select: { kind: true, createdAt: true, expiresAt: true }, orderBy: { createdAt: "asc" } }),
  ]);
  return {
    format: MY_DATA_FORMAT.name,
    version: MY_DATA_FORMAT.version,
    generatedAt: now.toISOString(),
    account: { ...user, secondFactorOn: user.totpEnabledAt !== null },
    security: { sessions, rememberedBrowsers, recoveryCodesLeft, emailedLinks },
    proposals: { authored, coProposed: coProposed.map((membership) => membership.proposal), coached, coachNotes, invitationsToMyAddress: proposalInvites },
    comments: { written, reportsMade },
    events: { answers },
    parklets: { requests: parkletRequests },
    panel: { seats, invitationsToMyAddress: panelInvites, conflicts, reviews },
    voting: { roundsVotedIn, voterLists },
    mail,
    notifications: { followedProposals, followedRounds, preferences, received, unsubscribeLinks },
    audit: { byMe, aboutMe },
  };
}
