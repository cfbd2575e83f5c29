import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditTrail } from "~/audit/audit.server";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { formatDateTime } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["rounds"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.audit");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "audit:read");
  const entries = await auditTrail(db(), { take: 200 });
  return {
    entries: entries.map((entry) => ({ ...entry, actor: entry.actor?.name ?? null })),
  };
}

export default function AuditPage() {
  const { t } = useTranslation("rounds");
  const locale = useLocale();
  const { entries } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="audit-page-title">
      <h1 id="audit-page-title">{t("staff.audit")}</h1>
      {entries.length === 0 ? (
        <p className="empty-state">{t("staff.noHistory")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("staff.audit")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, locale)}</time>
                  </td>
                  <td>{entry.actor ?? t("audit.system")}</td>
                  <td>
                    {t(`audit.${entry.action}`, { defaultValue: entry.action })} ({t(`audit.entity.${entry.entityType}`, { defaultValue: entry.entityType })})
                  </td>
                  <td>
                    <code className="audit-details">{entry.details}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
