import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import leafletStyles from "leaflet/dist/leaflet.css";
import { ProposalsMap } from "~/proposals/components/ProposalsMap";
import { mapSettings } from "~/proposals/map";
import { useHydrated } from "~/ui/useHydrated";
import { postedToken } from "~/kernel/tokens";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { languageAttributes, storedLocale } from "~/i18n/config";
import { readUploadForm } from "~/http/read-form.server";
import { useTranslation } from "react-i18next";
import { assertPermission, currentUser, requireUser } from "~/auth/guard.server";
import { commentContext, commentThread } from "~/comments/comments.server";
import { COMMENT_INTENTS, commentAction } from "~/comments/http.server";
import { CommentSection } from "~/comments/components/CommentSection";
import { FollowBox } from "~/notifications/components/FollowBox";
import { isFollowingProposal } from "~/notifications/follows.server";
import { FOLLOW_INTENTS, followAction } from "~/notifications/http.server";
import { ReportForm } from "~/comments/components/CommentForms";
import { threadQuery } from "~/comments/rules";
import { withoutHiddenText } from "~/moderation/hidden";
import { moderationAction } from "~/moderation/http.server";
import { CommentsSwitchForm, ModerateForm } from "~/moderation/components/ModerationForms";
import { can } from "~/auth/permissions";
import { localeFor } from "~/auth/locale.server";
import { rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { localizedName, pickLocalized } from "~/i18n/content";
import { CoachBox } from "~/proposals/components/CoachBox";
import { ProposalCosts } from "~/proposals/components/ProposalCosts";
import { ProposalHistory } from "~/proposals/components/ProposalHistory";
import { ProposalLinks } from "~/proposals/components/ProposalLinks";
import { ProposalPeople } from "~/proposals/components/ProposalPeople";
import { ProposalPhotos } from "~/proposals/components/ProposalPhotos";
import { RealisationSection } from "~/proposals/components/RealisationSection";
import { VerdictForm } from "~/proposals/components/StaffPanel";
import { hasPanel } from "~/panel/panel.server";
import { StatusBadge } from "~/proposals/components/StatusBadge";
import { StatusNotes } from "~/proposals/components/StatusNotes";
import { WithdrawBox } from "~/proposals/components/WithdrawBox";
import { MAX_PHOTO_BYTES, addPhoto, removePhoto } from "~/proposals/photos.server";
import {
  addCoachNote,
  assignCoach,
  inviteCoProposer,
  removeCoProposer,
  revokeInvite,
  proposalForViewer,
  recordVerdict,
  staffMembers,
  withdrawProposal,
} from "~/proposals/proposals.server";
import { coachNoteSchema, inviteSchema, photoAltSchema, verdictSchemaFor } from "~/proposals/schema";
import { realisationUpdates } from "~/results/realisation.server";
import { cityWallTimeToDate } from "~/kernel/city-time";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { fieldRefused } from "~/kernel/result";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { metaLocale, pageTitle } from "~/http/meta";
import { actionHeaders } from "~/http/route-headers";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";
import type { SharedPageHandle } from "~/http/shared-pages";

// A refused post answered with its own headers (Retry-After of a rate limit) keeps them without JavaScript.
export const headers = actionHeaders;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const handle: I18nHandle & SharedPageHandle = {
  i18n: ["rounds", "proposals", "proposal-form", "events", "panel", "results", "comments", "notifications"],
  sameForEveryVisitor: true,
};

export const meta: MetaFunction<typeof loader> = (args) => {
  const proposal = args.data?.proposal;
  const text = proposal ? pickLocalized(proposal.texts, metaLocale(args), proposal.originalLocale) : null;
  // A hidden proposal reaches residents without its texts (decision 0036): its title says so.
  const untitled = args.data?.hidden && !text ? "common:content.hiddenByModeration" : "proposals:untitled";
  return pageTitle(args, untitled, text ? `${proposal?.number ? `#${proposal.number} ` : ""}${text.text.title}` : undefined);
};

async function load(args: LoaderFunctionArgs, user: Awaited<ReturnType<typeof currentUser>>) {
  return notFoundUnless(await proposalForViewer(db(), user, idParam(args.params, "proposalId")));
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const { proposal: found, relation, may } = await load(args, user);
  const mayModerate = can(user, "moderation:manage");
  // Hidden by moderation: residents get the reason, not the text or the photos (staff still see them, for appeals).
  const proposal = found.hiddenAt && !mayModerate ? withoutHiddenText(found) : found;
  const { boundary: _boundary, ...neighbourhood } = proposal.round.neighbourhood;
  return {
    proposal: { ...proposal, round: { ...proposal.round, neighbourhood } },
    hidden: proposal.hiddenAt ? { reason: proposal.hiddenReason, locale: storedLocale(proposal.hiddenReasonLocale), erased: proposal.erasedAt !== null } : null,
    mayModerate,
    relation,
    may,
    viewerId: user?.id ?? null,
    // Only a logged-in reader's page asks (visitors' pages are shared and cached).
    following: user ? await isFollowingProposal(db(), user.id, proposal.id) : null,
    staff: may.coach ? await staffMembers(db()) : [],
    updates: await realisationUpdates(db(), proposal.id),
    // The panel report is linked beside a decision only where there is a panel to report on: staff decide
    // a round's proposals when nobody chairs it, even before any member was appointed (issue #19, item 6).
    panelReport: proposal.panelRationale ? await hasPanel(db(), proposal.roundId) : false,
    // The small map of its point, drawn in the browser (the coordinates above it are the text equivalent).
    map: proposal.latitude !== null && proposal.longitude !== null ? mapSettings() : null,
    comments: {
      thread: await commentThread(db(), proposal.id, threadQuery(new URL(args.request.url).searchParams), user?.id ?? null),
      ...(await commentContext(db(), proposal, user)),
      signedIn: user !== null,
    },
  };
}

/** Staff's moderation forms on this page: closing or reopening the comments, and hiding a comment. */
const MODERATION_FORMS = new Set(["close-comments", "reopen-comments", "hide"]);

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { proposal } = await load(args, user);
  const formData = await readUploadForm(args.request, MAX_PHOTO_BYTES);
  if (formData === "too-large") {
    return refusedAnswer(fieldRefused("photo", "proposals:photos.too-large", 413), { intent: "add-photo" });
  }
  const intent = String(formData.get("intent") ?? "");
  // What adds to the proposal is posting: a blocked account is told it may not (removing stays possible).
  if (intent === "invite" || intent === "add-photo") assertPermission(user, "proposal:create");
  const back = (flag: string) => redirect(`/proposals/${proposal.id}?${flag}=1`);
  if (COMMENT_INTENTS.has(intent)) return commentAction(args, proposal.id, intent, formData);
  if (FOLLOW_INTENTS.has(intent)) return followAction(user, { proposalId: proposal.id }, formData);
  // Staff close or reopen the comments and hide any comment here too (restoring and erasing are the moderation page's).
  if (MODERATION_FORMS.has(intent)) return moderationAction(args, intent, formData, (notice) => redirect(`/proposals/${proposal.id}?${notice}=1#comments`));

  switch (intent) {
    case "withdraw": {
      if (formData.get("confirm") !== "yes") return refusedAnswer(fieldRefused("confirm", "proposals:withdraw.confirmRequired"), { intent });
      const result = await withdrawProposal(db(), user, proposal.id);
      return result.ok ? back("withdrawn") : refusedAnswer(result, { intent });
    }
    case "invite": {
      const parsed = parseFormData(inviteSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const limited = await rateLimited(db(), [{ key: `invite:account:${user.id}`, rule: RATE_LIMITS.invitesPerAccount }], parsed.data, { intent });
      if (limited) return limited;
      const result = await inviteCoProposer(db(), user, proposal.id, parsed.data.email, siteUrl());
      return result.ok ? back("invited") : refusedAnswer(result, { intent });
    }
    case "revoke-invite": {
      // Invitation ids are token hashes (64 characters), longer than postedId() allows.
      const result = await revokeInvite(db(), user, proposal.id, postedToken(formData, "inviteId"));
      return result.ok ? back("inviteRevoked") : refusedAnswer(result, { intent });
    }
    case "remove-member": {
      const memberId = postedId(formData, "userId");
      const result = await removeCoProposer(db(), user, proposal.id, memberId);
      if (!result.ok) return refusedAnswer(result, { intent });
      // Someone who left can no longer see a draft: send them to their own list.
      return memberId === user.id ? redirect("/my/proposals?left=1") : back("memberRemoved");
    }
    case "add-photo": {
      const parsed = parseFormData(photoAltSchema, formData);
      const file = formData.get("photo");
      if (!parsed.ok) return invalidForm(parsed, intent);
      if (!(file instanceof Blob) || file.size === 0) return refusedAnswer(fieldRefused("photo", "validation.required"), { intent, values: parsed.data });
      const result = await addPhoto(db(), user, proposal.id, new Uint8Array(await file.arrayBuffer()), parsed.data.altText);
      if (!result.ok) return refusedAnswer(result, { intent, values: parsed.data });
      return back("photo");
    }
    case "remove-photo": {
      const result = await removePhoto(db(), user, proposal.id, postedId(formData, "photoId"));
      return result.ok ? back("photoRemoved") : refusedAnswer(result, { intent });
    }
    case "verdict": {
      const pageLocale = await localeFor(args.request, args.context);
      const parsed = parseFormData(verdictSchemaFor(pageLocale), formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const deadline = parsed.data.deadline ? cityWallTimeToDate(parsed.data.deadline) : null;
      if (parsed.data.deadline && !deadline) return refusedAnswer(fieldRefused("deadline", "validation.dateTime"), { intent, values: formData });
      const result = await recordVerdict(
        db(),
        user,
        proposal.id,
        {
          verdict: parsed.data.verdict,
          note: parsed.data.note,
          textLocale: parsed.data.textLocale ?? pageLocale,
          cityCostCents: parsed.data.cityCostCents,
          deadline,
        },
        siteUrl(),
      );
      return result.ok ? back("verdict") : refusedAnswer(result, { intent });
    }
    case "coach": {
      const coachId = String(formData.get("coachId") ?? "");
      const result = await assignCoach(db(), user, proposal.id, coachId || null);
      return result.ok ? back("coach") : refusedAnswer(result, { intent });
    }
    case "coach-note": {
      const parsed = parseFormData(coachNoteSchema, formData);
      if (!parsed.ok) return invalidForm(parsed, intent);
      const result = await addCoachNote(db(), user, proposal.id, parsed.data.body);
      return result.ok ? back("note") : refusedAnswer(result, { intent });
    }
    default:
      throw new Response("Unknown form", { status: 400 });
  }
}

const NOTICES = [
  "saved",
  "submitted",
  "withdrawn",
  "invited",
  "inviteRevoked",
  "memberRemoved",
  "photo",
  "photoRemoved",
  "verdict",
  "coach",
  "note",
  "translated",
] as const;

export default function ProposalPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const { proposal, may, staff, relation, updates, viewerId, comments, hidden, mayModerate, map, following, panelReport } = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
  const roundTitle = pickLocalized(proposal.round.translations, locale, proposal.round.originalLocale)?.text.title;
  const notice = NOTICES.find((name) => params.get(name));
  const withdrawError =
    actionData && "intent" in actionData && actionData.intent === "withdraw" && "errors" in actionData ? actionData.errors.confirm : undefined;
  // The comment section's forms show their own refusals.
  const answeredForm = actionData && "intent" in actionData ? String(actionData.intent).split(":")[0] : undefined;
  const answeredHere = !answeredForm || (!COMMENT_INTENTS.has(answeredForm) && !MODERATION_FORMS.has(answeredForm));
  const formError = actionData && answeredHere && "formError" in actionData ? actionData.formError : undefined;
  const photoError = actionData && "intent" in actionData && actionData.intent === "add-photo" && "errors" in actionData ? actionData.errors.photo : undefined;
  const insider = relation !== null;

  return (
    <article className="stack" aria-labelledby="proposal-title">
      <header>
        <p className="muted">
          <Link to={`/rounds/${proposal.round.id}/proposals`}>{roundTitle}</Link> · <bdi>{proposal.round.neighbourhood.name}</bdi>
        </p>
        <h1 id="proposal-title" {...languageAttributes(text?.locale)}>
          {proposal.number ? <span className="proposal-number">#{proposal.number} </span> : null}
          {hidden && !mayModerate ? t("common:content.hiddenByModeration") : (text?.text.title ?? t("untitled"))}
        </h1>
        {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
        <p>
          <StatusBadge status={proposal.status} />
          {proposal.category ? <span className="muted"> · {localizedName(proposal.category.names, locale)}</span> : null}
        </p>
      </header>
      {following !== null && proposal.number !== null ? <FollowBox what="proposal" following={following} /> : null}

      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      {formError ? (
        <p className="alert alert-error" role="alert">
          {t(formError, { ns: ["proposals", "common"] })}
        </p>
      ) : null}

      {hidden ? (
        <div className="alert" role="note">
          <p>
            {t("comments:hidden")} <bdi {...languageAttributes(hidden.locale)}>{hidden.reason}</bdi>
          </p>
          {mayModerate ? <p>{hidden.erased ? t("comments:hiddenProposal.erased") : t("comments:hiddenProposal.staffNote")}</p> : null}
        </div>
      ) : null}
      {insider ? <ProposalLinks proposalId={proposal.id} status={proposal.status} may={may} /> : null}
      <StatusNotes proposal={proposal} insider={insider} panelReport={panelReport} />

      {text?.text.summary ? (
        <p className="lead" {...languageAttributes(text.locale)}>
          {text.text.summary}
        </p>
      ) : null}
      {text?.text.description ? <Paragraphs text={text.text.description} locale={text.locale} /> : null}

      {hidden && !mayModerate ? null : (
        <>
          <ProposalPhotos photos={proposal.photos} mayEdit={may.edit} photoError={photoError} />
          <ProposalCosts
            costLines={proposal.costLines}
            originalLocale={proposal.originalLocale}
            requestedCents={proposal.requestedCents}
            cityCostCents={proposal.cityCostCents}
          />

          <section aria-labelledby="where-title">
            <h2 id="where-title">{t("detail.where")}</h2>
            <p>{proposal.locationText || t("detail.noLocation")}</p>
            {proposal.latitude !== null && proposal.longitude !== null ? (
              <>
                <p className="muted" id="where-point">
                  {t("detail.point", { latitude: proposal.latitude.toFixed(5), longitude: proposal.longitude.toFixed(5) })}
                </p>
                {hydrated && map ? (
                  <ProposalsMap
                    boundary={null}
                    map={map}
                    proposals={[{ id: proposal.id, latitude: proposal.latitude, longitude: proposal.longitude, label: text?.text.title ?? t("untitled") }]}
                    label={t("detail.mapLabel")}
                    describedBy="where-point"
                    size="small"
                  />
                ) : null}
              </>
            ) : null}
          </section>
        </>
      )}
      <ProposalPeople proposal={proposal} relation={relation} viewerId={viewerId} may={may} />
      <RealisationSection proposalId={proposal.id} status={proposal.status} updates={updates} mayPost={may.coach} />
      <ProposalHistory events={proposal.events} />
      {comments.signedIn && !insider && proposal.status !== "DRAFT" ? (
        <details open={actionData && "intent" in actionData && actionData.intent === "report:proposal" ? true : undefined}>
          <summary>{t("comments:report.proposalSummary")}</summary>
          <ReportForm />
        </details>
      ) : null}
      <CommentSection
        proposalId={proposal.id}
        thread={comments.thread}
        shut={comments.shut}
        closedReason={proposal.commentsClosedReason}
        closedReasonLocale={storedLocale(proposal.commentsClosedReasonLocale)}
        signedIn={comments.signedIn}
        mayPostAsPanel={comments.mayPostAsPanel}
        hideForm={mayModerate ? (commentId) => <ModerateForm intent="hide" kind="comment" itemId={commentId} /> : undefined}
      />
      {mayModerate && proposal.status !== "DRAFT" ? (
        <section className="card" aria-labelledby="comments-switch-title">
          <h2 id="comments-switch-title">{t("comments:moderation.comments")}</h2>
          <CommentsSwitchForm proposalId={proposal.id} closed={proposal.commentsClosedAt !== null} />
        </section>
      ) : null}

      {insider ? <CoachBox proposal={proposal} staff={staff} mayCoach={may.coach} /> : null}
      {may.verdict ? (
        <section className="card" aria-labelledby="verdict-title">
          <h2 id="verdict-title">{t("verdict.title")}</h2>
          <VerdictForm />
        </section>
      ) : null}
      {may.withdraw ? <WithdrawBox error={withdrawError} /> : null}
    </article>
  );
}
