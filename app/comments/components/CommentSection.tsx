import { Link, useActionData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { languageAttributes, NAMESPACES, type Locale } from "~/i18n/config";
import { formatDateTime } from "~/i18n/format";
import { LanguageNote } from "~/ui/LanguageNote";
import { Paragraphs } from "~/ui/Paragraphs";
import { useLocale } from "~/ui/useLocale";
import type { CommentsShut, CommentSort } from "../rules";
import { CommentForm, DeleteCommentForm, EditCommentForm, ReportForm } from "./CommentForms";

interface Comment {
  id: string;
  state: "shown" | "hidden" | "deleted";
  body: string;
  locale: Locale | null;
  authorName: string;
  byFormerResident: boolean;
  marks: ("author" | "panel" | "staff")[];
  createdAt: Date | string;
  edited: boolean;
  hiddenReason: string;
  hiddenReasonLocale: Locale | null;
  mayEdit: boolean;
  mayDelete: boolean;
  mayReply: boolean;
  mayReport: boolean;
}

// A staff member's "hide" refused because someone else hid the comment first comes back to a page without its form.
const COMMENT_FORMS = ["comment", "reply", "edit-comment", "delete-comment", "report", "hide"];

/**
 * A refusal of one of the section's forms for the whole form ("comments are closed", "already
 * reported"), shown once at the top of the section: the form it answers may no longer be on the page.
 */
function useCommentRefusal() {
  const answer = useActionData<{ intent?: string; formError?: string; formErrorValues?: Record<string, string | number> }>();
  const form = answer?.intent?.split(":")[0];
  return answer?.formError && form && COMMENT_FORMS.includes(form) ? { formError: answer.formError, formErrorValues: answer.formErrorValues } : null;
}

export interface CommentSectionProps {
  proposalId: string;
  thread: { total: number; page: number; pages: number; sort: CommentSort; comments: (Comment & { replies: Comment[] })[] };
  shut: CommentsShut | null;
  closedReason: string;
  closedReasonLocale: Locale | null;
  signedIn: boolean;
  mayPostAsPanel: boolean;
  /** For staff who moderate: the form that hides a comment with a public reason (the moderation capability's). */
  hideForm?: (commentId: string) => ReactNode;
}

const NOTICES = ["commented", "replied", "commentEdited", "commentDeleted", "reported"] as const;
/** Staff's moderation forms on the proposal page come back with these. */
const MODERATION_NOTICES = ["commentsClosed", "commentsReopened", "hidden", "restored", "redacted", "dismissed"] as const;

/** The thread under a proposal: sort, pages, the forms of whoever may use them, and what moderation hid. */
export function CommentSection({ proposalId, thread, shut, closedReason, closedReasonLocale, signedIn, mayPostAsPanel, hideForm }: CommentSectionProps) {
  const { t } = useTranslation("comments");
  const [params] = useSearchParams();
  const notice = NOTICES.find((name) => params.get(name));
  const refusal = useCommentRefusal();
  const moderationNotice = MODERATION_NOTICES.find((name) => params.get(name));
  const open = shut === null;
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const name of [...NOTICES, ...MODERATION_NOTICES]) next.delete(name);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) next.delete(name);
      else next.set(name, value);
    }
    const query = next.toString();
    return `/proposals/${proposalId}${query ? `?${query}` : ""}#comments`;
  };
  return (
    <section aria-labelledby="comments-title" id="comments" className="stack">
      <h2 id="comments-title">{t("title", { count: thread.total })}</h2>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`notices.${notice}`)}
        </p>
      ) : null}
      {moderationNotice ? (
        <p className="alert alert-success" role="status">
          {t(`moderation.notices.${moderationNotice}`)}
        </p>
      ) : null}
      {refusal ? (
        <p className="alert alert-error" role="alert">
          {t(refusal.formError, { ...refusal.formErrorValues, ns: NAMESPACES })}
        </p>
      ) : null}
      {shut === "closed" ? (
        <p className="alert">
          {t("closed")} <bdi {...languageAttributes(closedReasonLocale)}>{closedReason}</bdi>
        </p>
      ) : shut === "phase" ? (
        <p className="muted">{t("notOpen")}</p>
      ) : null}
      {open && signedIn ? <CommentForm mayPostAsPanel={mayPostAsPanel} /> : null}
      {open && !signedIn ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(`/proposals/${proposalId}`)}`}>{t("logInToComment")}</Link>
        </p>
      ) : null}

      {thread.total === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <>
          <nav aria-label={t("sort.label")} className="inline-links">
            <span>{t("sort.label")}:</span>{" "}
            {(["newest", "oldest"] as const).map((sort) => (
              <Link
                key={sort}
                to={link({ comments: sort === "newest" ? null : sort, commentsPage: null })}
                aria-current={thread.sort === sort ? "true" : undefined}
                preventScrollReset
              >
                {t(`sort.${sort}`)}
              </Link>
            ))}
          </nav>
          <ol className="comment-list">
            {thread.comments.map((comment) => (
              <li key={comment.id}>
                <CommentItem comment={comment} open={open} signedIn={signedIn} mayPostAsPanel={mayPostAsPanel} hideForm={hideForm} />
                {comment.replies.length ? (
                  <ol className="comment-replies" aria-label={t("replies", { count: comment.replies.length })}>
                    {comment.replies.map((reply) => (
                      <li key={reply.id}>
                        <CommentItem comment={reply} open={open} signedIn={signedIn} mayPostAsPanel={mayPostAsPanel} hideForm={hideForm} />
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
          {thread.pages > 1 ? (
            <nav aria-label={t("pages.label")} className="inline-links">
              {thread.page > 1 ? <Link to={link({ commentsPage: String(thread.page - 1) })}>{t("pages.previous")}</Link> : null}{" "}
              <span>{t("pages.position", { page: thread.page, pages: thread.pages })}</span>{" "}
              {thread.page < thread.pages ? <Link to={link({ commentsPage: String(thread.page + 1) })}>{t("pages.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

function CommentItem({
  comment,
  open,
  signedIn,
  mayPostAsPanel,
  hideForm,
}: {
  comment: Comment;
  open: boolean;
  signedIn: boolean;
  mayPostAsPanel: boolean;
  hideForm?: (commentId: string) => ReactNode;
}) {
  const { t } = useTranslation("comments");
  const locale = useLocale();
  // A refused form stays open (without JavaScript the page comes back with its answer inside).
  const answered = useActionData<{ intent?: string }>()?.intent;
  const refusedHere = (form: string) => answered === `${form}:${comment.id}` || undefined;
  if (comment.state === "deleted") {
    return (
      <article className="comment comment-gone" aria-label={t("deletedLabel")}>
        <p className="muted">{t("deleted")}</p>
      </article>
    );
  }
  if (comment.state === "hidden") {
    return (
      <article className="comment comment-gone" aria-label={t("hiddenLabel")}>
        <p className="muted">
          {t("hidden")} <bdi {...languageAttributes(comment.hiddenReasonLocale)}>{comment.hiddenReason}</bdi>
        </p>
      </article>
    );
  }
  const author = comment.byFormerResident ? t("formerResident") : comment.authorName;
  return (
    <article className="comment" aria-label={t("byLabel", { name: author })}>
      <p className="comment-meta">
        <strong>
          <bdi>{author}</bdi>
        </strong>
        {comment.marks.map((mark) => (
          <span key={mark} className="badge">
            {t(`marks.${mark}`)}
          </span>
        ))}{" "}
        <span className="muted">
          <time dateTime={new Date(comment.createdAt).toISOString()}>{formatDateTime(comment.createdAt, locale)}</time>
          {comment.edited ? ` · ${t("edited")}` : ""}
        </span>
      </p>
      <Paragraphs text={comment.body} locale={comment.locale} />
      <LanguageNote locale={comment.locale} />
      {signedIn ? (
        <div className="comment-actions">
          {open && comment.mayReply ? (
            <details open={refusedHere("reply")}>
              <summary>{t("form.replyTo")}</summary>
              <CommentForm parentId={comment.id} mayPostAsPanel={mayPostAsPanel} />
            </details>
          ) : null}
          {comment.mayEdit ? (
            <details open={refusedHere("edit-comment")}>
              <summary>{t("form.edit")}</summary>
              <EditCommentForm commentId={comment.id} body={comment.body} locale={comment.locale} />
            </details>
          ) : null}
          {comment.mayDelete ? <DeleteCommentForm commentId={comment.id} /> : null}
          {comment.mayReport ? (
            <details open={refusedHere("report")}>
              <summary>{t("report.summary")}</summary>
              <ReportForm commentId={comment.id} />
            </details>
          ) : null}
          {hideForm ? (
            <details open={refusedHere("hide")}>
              <summary>{t("moderation.hideComment")}</summary>
              {hideForm(comment.id)}
            </details>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
