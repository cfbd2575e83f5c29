import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { languageAttributes } from "~/i18n/config";
import { readUploadForm } from "~/http/read-form.server";
import { useTranslation } from "react-i18next";
import { currentUser, requireUser } from "~/auth/guard.server";
import { rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { localizedName, pickLocalized } from "~/i18n/content";
import { InviteForm, PhotoForm } from "~/proposals/components/AuthorPanels";
import { CoachForm, CoachNoteForm, VerdictForm } from "~/proposals/components/StaffPanel";
import { RealisationTimeline } from "~/proposals/components/RealisationTimeline";
import { StatusBadge } from "~/proposals/components/StatusBadge";
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
import { coachNoteSchema, inviteSchema, photoAltSchema, verdictSchema } from "~/proposals/schema";
import { realisationUpdates } from "~/results/results.server";
import { cityWallTimeToDate } from "~/kernel/city-time";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { fieldRefused } from "~/kernel/result";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { metaLocale, pageTitle } from "~/http/meta";
import { eurosToCents } from "~/kernel/zod";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";

export const meta: MetaFunction<typeof loader> = (args) => {
  const proposal = args.data?.proposal;
  const text = proposal ? pickLocalized(proposal.texts, metaLocale(args), proposal.originalLocale) : null;
  return pageTitle(args, "proposals:untitled", text ? `${proposal?.number ? `#${proposal.number} ` : ""}${text.text.title}` : undefined);
};

async function load(args: LoaderFunctionArgs, user: Awaited<ReturnType<typeof currentUser>>) {
  return notFoundUnless(await proposalForViewer(db(), user, idParam(args.params, "proposalId")));
}

export async function loader(args: LoaderFunctionArgs) {
  const user = await currentUser(args);
  const { proposal, relation, may } = await load(args, user);
  const { boundary: _boundary, ...neighbourhood } = proposal.round.neighbourhood;
  return {
    proposal: { ...proposal, round: { ...proposal.round, neighbourhood } },
    relation,
    may,
    viewerId: user?.id ?? null,
    staff: may.coach ? await staffMembers(db()) : [],
    updates: await realisationUpdates(db(), proposal.id),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const { proposal } = await load(args, user);
  const formData = await readUploadForm(args.request, MAX_PHOTO_BYTES);
  if (formData === "too-large") {
    return refusedAnswer(fieldRefused("photo", "proposals:photos.too-large", 413), { intent: "add-photo" });
  }
  const intent = String(formData.get("intent") ?? "");
  const back = (flag: string) => redirect(`/proposals/${proposal.id}?${flag}=1`);

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
      const result = await revokeInvite(db(), user, proposal.id, String(formData.get("inviteId") ?? "").slice(0, 100));
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
      const parsed = parseFormData(verdictSchema, formData);
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
          cityCostCents: parsed.data.cityCost ? eurosToCents(parsed.data.cityCost) : null,
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

const NOTICES = ["saved", "submitted", "withdrawn", "invited", "inviteRevoked", "memberRemoved", "photo", "photoRemoved", "verdict", "coach", "note", "translated"] as const;

export default function ProposalPage() {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  const [params] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const { proposal, may, staff, relation, updates, viewerId } = useLoaderData<typeof loader>();
  const text = pickLocalized(proposal.texts, locale, proposal.originalLocale);
  const roundTitle = pickLocalized(proposal.round.translations, locale, proposal.round.originalLocale)?.text.title;
  const notice = NOTICES.find((name) => params.get(name));
  const withdrawError = actionData && "intent" in actionData && actionData.intent === "withdraw" && "errors" in actionData ? actionData.errors.confirm : undefined;
  const formError = actionData && "formError" in actionData ? actionData.formError : undefined;
  const photoError = actionData && "intent" in actionData && actionData.intent === "add-photo" && "errors" in actionData ? actionData.errors.photo : undefined;
  const insider = relation !== null;

  return (
    <article className="stack" aria-labelledby="proposal-title">
      <header>
        <p className="muted">
          <Link to={`/rounds/${proposal.round.id}/proposals`}>{roundTitle}</Link> · {proposal.round.neighbourhood.name}
        </p>
        <h1 id="proposal-title" {...languageAttributes(text?.locale)}>
          {proposal.number ? <span className="proposal-number">#{proposal.number} </span> : null}
          {text?.text.title ?? t("untitled")}
        </h1>
        {text && !text.isReaderLanguage ? <LanguageNote locale={text.locale} /> : null}
        <p>
          <StatusBadge status={proposal.status} />
          {proposal.category ? <span className="muted"> · {localizedName(proposal.category.names, locale)}</span> : null}
        </p>
      </header>

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

      {insider && (may.edit || may.translate || may.organiseEvent) ? (
        <nav className="button-row" aria-label={t("detail.actions")}>
          {may.edit ? (
            <Link to={`/proposals/${proposal.id}/edit`} className="button">
              {proposal.status === "DRAFT" || proposal.status === "CHANGES_REQUESTED" ? t("detail.editAndSubmit") : t("detail.edit")}
            </Link>
          ) : null}
          {may.translate ? (
            <Link to={`/proposals/${proposal.id}/translate`} className="button button-secondary">
              {t("detail.translate")}
            </Link>
          ) : null}
          {may.organiseEvent ? (
            <Link to={`/proposals/${proposal.id}/events/new`} className="button button-secondary">
              {t("detail.organiseEvent")}
            </Link>
          ) : null}
        </nav>
      ) : null}

      {proposal.status === "DRAFT" ? <p className="alert alert-info">{t("detail.draftNote")}</p> : null}
      {proposal.status === "CHANGES_REQUESTED" && insider ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.changesRequested")}</strong> {proposal.verdictNote}
          </p>
          {proposal.changesDeadline ? <p>{t("verdict.until", { date: formatDateTime(proposal.changesDeadline, locale) })}</p> : null}
        </div>
      ) : null}
      {proposal.status === "INADMISSIBLE" ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("verdict.inadmissibleReason")}</strong> {proposal.verdictNote}
          </p>
        </div>
      ) : null}

      {proposal.panelRationale ? (
        <div className="alert alert-info">
          <p>
            <strong>{t(proposal.status === "REJECTED" ? "panel:decision.rejectedBy" : "panel:decision.shortlistedBy")}</strong> {proposal.panelRationale}
          </p>
          <p>
            <Link to={`/rounds/${proposal.roundId}/panel`}>{t("panel:report.title")}</Link>
          </p>
        </div>
      ) : null}

      {proposal.status === "WITHDRAWN" && proposal.withdrawnReason ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("results:withdrawnReason")}</strong> {proposal.withdrawnReason}
          </p>
        </div>
      ) : null}

      {text?.text.summary ? (
        <p className="lead" {...languageAttributes(text.locale)}>
          {text.text.summary}
        </p>
      ) : null}
      {text?.text.description ? (
        <Paragraphs text={text.text.description} locale={text.locale} />
      ) : null}

      {proposal.photos.length > 0 ? (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t("photos.title")}</h2>
          <ul className="photo-grid">
            {proposal.photos.map((photo) => (
              <li key={photo.id}>
                <img src={`/uploads/${photo.fileName}`} alt={photo.altText} loading="lazy" />
                {may.edit ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove-photo" />
                    <input type="hidden" name="photoId" value={photo.id} />
                    <button type="submit" className="link-button" aria-label={`${t("photos.remove")}: ${photo.altText}`}>
                      {t("photos.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {may.edit ? (
        <section className="card" aria-labelledby="add-photo-title">
          <h2 id="add-photo-title">{t("photos.addTitle")}</h2>
          <PhotoForm count={proposal.photos.length} photoError={photoError ? t(photoError, { ns: ["proposals", "common"] }) : undefined} />
        </section>
      ) : null}

      <section aria-labelledby="costs-title">
        <h2 id="costs-title">{t("detail.costs")}</h2>
        {proposal.costLines.length === 0 ? (
          <p className="empty-state">{t("detail.noCosts")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("detail.costs")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("detail.item")}</th>
                  <th scope="col" className="numeric">
                    {t("detail.amount")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {proposal.costLines.map((line) => (
                  <tr key={line.id}>
                    <td>{line.label}</td>
                    <td className="numeric">{formatMoney(line.amountCents, locale)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("detail.requested")}</th>
                  <td className="numeric">
                    <strong>{formatMoney(proposal.requestedCents, locale)}</strong>
                  </td>
                </tr>
                {proposal.cityCostCents !== null ? (
                  <tr>
                    <th scope="row">{t("detail.cityCost")}</th>
                    <td className="numeric">
                      <strong>{formatMoney(proposal.cityCostCents, locale)}</strong>
                    </td>
                  </tr>
                ) : null}
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="where-title">
        <h2 id="where-title">{t("detail.where")}</h2>
        <p>{proposal.locationText || t("detail.noLocation")}</p>
        {proposal.latitude !== null && proposal.longitude !== null ? (
          <p className="muted">{t("detail.point", { latitude: proposal.latitude.toFixed(5), longitude: proposal.longitude.toFixed(5) })}</p>
        ) : null}
      </section>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t("people.title")}</h2>
        <ul>
          <li>{t("people.author", { name: proposal.author.name })}</li>
          {proposal.members.map((member) => (
            <li key={member.user.name + member.userId}>
              {member.user.name}
              {may.editPeople && (relation === "author" || member.userId === viewerId) ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="remove-member" />
                  <input type="hidden" name="userId" value={member.userId} />
                  <button type="submit" className="link-button">
                    {member.userId === viewerId ? t("people.leave") : t("people.remove", { name: member.user.name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
          {proposal.carrierNames ? <li>{proposal.carrierNames}</li> : null}
          {proposal.organisationName ? <li>{t("people.organisation", { name: proposal.organisationName })}</li> : null}
        </ul>
        {insider && proposal.invites.length > 0 ? (
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

      {updates.length > 0 || ["FUNDED", "IN_PROGRESS", "REALISED"].includes(proposal.status) ? (
        <section aria-labelledby="realisation-title">
          <h2 id="realisation-title">{t("results:timeline.title")}</h2>
          {may.coach && ["FUNDED", "IN_PROGRESS", "REALISED"].includes(proposal.status) ? (
            <p>
              <Link to={`/staff/proposals/${proposal.id}/updates`}>{t("results:updates.new")}</Link>
            </p>
          ) : null}
          <RealisationTimeline updates={updates} />
        </section>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("detail.history")}</h2>
        <ol className="timeline">
          {proposal.events.map((event) => (
            <li key={event.id} className="timeline-step timeline-done">
              <span className="timeline-name">{t(`status.${event.status}`)}</span>
              <time className="timeline-dates" dateTime={new Date(event.at).toISOString()}>
                {formatDateTime(event.at, locale)}
              </time>
              {event.note ? <span className="timeline-explainer">{event.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      {insider ? (
        <section className="card" aria-labelledby="coach-title">
          <h2 id="coach-title">{t("coach.title")}</h2>
          <p className="muted">{t("coach.private")}</p>
          <p>{proposal.coach ? t("coach.is", { name: proposal.coach.name }) : t("coach.noneYet")}</p>
          {may.coach ? <CoachForm staff={staff} coachId={proposal.coachId} /> : null}
          {proposal.coachNotes.length === 0 ? (
            <p className="empty-state">{t("coach.noNotes")}</p>
          ) : (
            <ul className="audit-list">
              {proposal.coachNotes.map((note) => (
                <li key={note.id}>
                  <strong>{note.author.name}</strong> · <time dateTime={new Date(note.createdAt).toISOString()}>{formatDateTime(note.createdAt, locale)}</time>
                  <p>{note.body}</p>
                </li>
              ))}
            </ul>
          )}
          {may.coach ? <CoachNoteForm /> : null}
        </section>
      ) : null}

      {may.verdict ? (
        <section className="card" aria-labelledby="verdict-title">
          <h2 id="verdict-title">{t("verdict.title")}</h2>
          <VerdictForm />
        </section>
      ) : null}

      {may.withdraw ? (
        <section className="card" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("withdraw.title")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="withdraw" />
            <div className={`field field-checkbox${withdrawError ? " field-invalid" : ""}`}>
              <input type="checkbox" id="field-withdraw-confirm" name="confirm" value="yes" aria-describedby={withdrawError ? "withdraw-error" : undefined} />
              <label htmlFor="field-withdraw-confirm">{t("withdraw.confirm")}</label>
              {withdrawError ? (
                <p className="field-error" id="withdraw-error">
                  {t(withdrawError, { ns: ["proposals", "common"] })}
                </p>
              ) : null}
            </div>
            <div>
              <button type="submit" className="button button-warning">
                {t("withdraw.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
