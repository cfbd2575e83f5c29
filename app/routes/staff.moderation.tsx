import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { languageAttributes, storedLocale } from "~/i18n/config";
import { formatDate, formatDateTime } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { CommentsSwitchForm, ItemActionForm, ModerateForm } from "~/moderation/components/ModerationForms";
import { MODERATION_INTENTS, moderationAction } from "~/moderation/http.server";
import { hiddenItems, openReports } from "~/moderation/moderation.server";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle = { i18n: ["comments"] };

export const meta: MetaFunction = (args) => pageTitle(args, "comments:moderation.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "moderation:manage");
  const [open, hidden] = await Promise.all([openReports(db()), hiddenItems(db())]);
  return {
    open: open.map((item) => ({ ...item, textLocale: storedLocale(item.textLocale) })),
    hidden: hidden.map((item) => ({ ...item, textLocale: storedLocale(item.textLocale) })),
  };
}

export async function action(args: ActionFunctionArgs) {
  await requirePermission(args, "moderation:manage");
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  if (!MODERATION_INTENTS.has(intent)) throw new Response("Unknown form", { status: 400 });
  return moderationAction(args, intent, formData, (notice) => redirect(`/staff/moderation?${notice}=1`));
}

const NOTICES = ["hidden", "restored", "redacted", "dismissed", "commentsClosed", "commentsReopened"] as const;

export default function ModerationPage() {
  const { t } = useTranslation("comments");
  const locale = useLocale();
  const { open, hidden } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const notice = NOTICES.find((name) => params.get(name));
  return (
    <div className="stack">
      <h1>{t("moderation.title")}</h1>
      <p>{t("moderation.intro")}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`moderation.notices.${notice}`)}
        </p>
      ) : null}

      <section aria-labelledby="open-reports" className="stack">
        <h2 id="open-reports">{t("moderation.openReports")}</h2>
        {open.length === 0 ? <p className="muted">{t("moderation.empty")}</p> : null}
        {open.map((item) => {
          const heading = t(`moderation.${item.kind}`, { number: item.number ?? "" });
          return (
            <article key={`${item.kind}:${item.itemId}`} className="card stack" aria-labelledby={`item-${item.itemId}`}>
              <h3 id={`item-${item.itemId}`}>
                <Link to={`/proposals/${item.proposalId}${item.kind === "comment" ? "#comments" : ""}`}>{heading}</Link>
              </h3>
              <p className="muted">
                {t("moderation.reportCount", { count: item.reports.length })} · {t("moderation.firstReported", { date: formatDateTime(item.firstAt, locale) })}
              </p>
              <blockquote dir="auto" {...languageAttributes(item.textLocale)}>
                {item.text}
              </blockquote>
              <ul>
                {item.reports.map((report, index) => (
                  <li key={index}>
                    <strong>{t(`report.reasons.${report.reason}`)}</strong>
                    {report.text ? (
                      <>
                        {": "}
                        <bdi>{report.text}</bdi>
                      </>
                    ) : null}{" "}
                    <span className="muted">({formatDateTime(report.at, locale)})</span>
                  </li>
                ))}
              </ul>
              {item.hidden ? null : <ModerateForm intent="hide" kind={item.kind} itemId={item.itemId} />}
              <ItemActionForm intent="dismiss" kind={item.kind} itemId={item.itemId} />
              {item.kind === "proposal" ? (
                <section aria-label={t("moderation.comments")}>
                  <CommentsSwitchForm proposalId={item.proposalId} closed={item.commentsClosed} />
                </section>
              ) : null}
            </article>
          );
        })}
      </section>

      <section aria-labelledby="hidden-items" className="stack">
        <h2 id="hidden-items">{t("moderation.hiddenItems")}</h2>
        {hidden.length === 0 ? <p className="muted">{t("moderation.noHidden")}</p> : null}
        {hidden.map((item) => (
          <article key={`${item.kind}:${item.itemId}`} className="card stack" aria-labelledby={`hidden-${item.itemId}`}>
            <h3 id={`hidden-${item.itemId}`}>
              <Link to={`/proposals/${item.proposalId}${item.kind === "comment" ? "#comments" : ""}`}>
                {t(`moderation.${item.kind}`, { number: item.number ?? "" })}
              </Link>
            </h3>
            <p>
              {t("moderation.hiddenNow")} <bdi>{item.reason}</bdi>
            </p>
            {item.erased ? (
              <p className="muted">{t("moderation.erased")}</p>
            ) : (
              <>
                <blockquote dir="auto" {...languageAttributes(item.textLocale)}>
                  {item.text}
                </blockquote>
                {item.eraseAfter ? <p className="muted">{t("moderation.keptUntil", { date: formatDate(item.eraseAfter, locale) })}</p> : null}
                <p className="field-hint">{t("moderation.redactHint")}</p>
                <ItemActionForm intent="redact" kind={item.kind} itemId={item.itemId} />
                <ModerateForm intent="restore" kind={item.kind} itemId={item.itemId} />
              </>
            )}
          </article>
        ))}
      </section>
    </div>
  );
}
