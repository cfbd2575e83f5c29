import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { auditFilterChoices, auditLogPage } from "~/audit/audit.server";
import { auditQueryString } from "~/audit/filter-links";
import { parseAuditQuery } from "~/audit/filters";
import { requirePermission } from "~/auth/guard.server";
import { localeFor } from "~/auth/locale.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import { refusalPage } from "~/http/refusal-page";
import { formatDateTime } from "~/i18n/format";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle = { i18n: ["rounds", "audit"] };

export const meta: MetaFunction = (args) => pageTitle(args, "rounds:staff.audit");

/** The log, filtered by the query (`round`, `actor`, `action`, `from`, `to`, `page`), 50 entries a page, newest first. */
export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "audit:read");
  const query = parseAuditQuery(new URL(args.request.url).searchParams);
  if (!query.ok) throw refusalPage(400, query.messageKey);
  const locale = await localeFor(args.request, args.context);
  const [log, choices] = await Promise.all([auditLogPage(db(), query.filter, query.page, locale), auditFilterChoices(db(), locale, query.filter.actor)]);
  return { filter: query.filter, ...log, choices };
}

/** Actions by their area ("round.phase" → round), in the order they are declared. */
function byArea(actions: readonly string[]): [string, string[]][] {
  const areas = new Map<string, string[]>();
  for (const action of actions) {
    const area = action.split(".")[0]!;
    areas.set(area, [...(areas.get(area) ?? []), action]);
  }
  return [...areas];
}

export default function AuditPage() {
  const { t } = useTranslation("audit");
  const locale = useLocale();
  const { filter, entries, total, page, pages, choices } = useLoaderData<typeof loader>();
  const filtered = Object.values(filter).some(Boolean);
  return (
    <section className="stack" aria-labelledby="audit-page-title">
      <h1 id="audit-page-title">{t("rounds:staff.audit")}</h1>
      <p className="muted">{t("intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("filters.legend")}>
        <div className="field">
          <label htmlFor="audit-round">{t("filters.round")}</label>
          <select id="audit-round" name="round" defaultValue={filter.round ?? ""}>
            <option value="">{t("filters.anyRound")}</option>
            {choices.rounds.map((round) => (
              <option key={round.id} value={round.id} dir="auto">
                {round.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("filters.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={filter.actor ?? ""}>
            <option value="">{t("filters.anyone")}</option>
            {choices.actors.map((person) => (
              <option key={person.id} value={person.id} dir="auto">
                {person.name || t("gone.person")}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-action">{t("filters.action")}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("filters.anyAction")}</option>
            {byArea(choices.actions).map(([area, actions]) => (
              <optgroup key={area} label={t(`areas.${area}`, { defaultValue: area })}>
                {actions.map((action) => (
                  <option key={action} value={action}>
                    {t(`rounds:audit.${action}`, { defaultValue: action })}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("filters.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("filters.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to ?? ""} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary">
            {t("filters.apply")}
          </button>
          {filtered ? <Link to="/staff/audit">{t("filters.clear")}</Link> : null}
        </div>
      </Form>

      {entries.length === 0 ? (
        <p className="empty-state">{t("empty")}</p>
      ) : (
        <>
          <p>
            <a href={`/staff/audit.csv${auditQueryString(filter)}`} download>
              {t("download")}
            </a>
          </p>
          <div className="table-wrap">
            <table className="audit-log">
              <caption>
                {t("count", { count: total })} · {t("pageOf", { page, pages })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("csv.when")}</th>
                  <th scope="col">{t("csv.who")}</th>
                  <th scope="col">{t("csv.sentence")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <time dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at, locale)}</time>
                    </td>
                    <td>
                      <bdi>{entry.actor ?? t("actor.system")}</bdi>
                    </td>
                    <td>
                      <p>{entry.sentence}</p>
                      {entry.rows.length > 0 ? (
                        <details>
                          <summary>{t("changes")}</summary>
                          <table className="audit-changes">
                            <thead>
                              <tr>
                                <th scope="col">{t("field")}</th>
                                <th scope="col">{t("before")}</th>
                                <th scope="col">{t("after")}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {entry.rows.map((row) => (
                                <tr key={row.field}>
                                  <th scope="row">{row.label}</th>
                                  <td>{row.before === undefined ? "–" : <bdi>{row.before}</bdi>}</td>
                                  <td>
                                    <bdi>{row.after}</bdi>
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </details>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {pages > 1 ? (
        <nav aria-label={t("pagination")} className="button-row">
          {page > 1 ? (
            <Link to={`/staff/audit${auditQueryString(filter, page - 1)}`} rel="prev">
              {t("previous")}
            </Link>
          ) : null}
          <span>{t("pageOf", { page, pages })}</span>
          {page < pages ? (
            <Link to={`/staff/audit${auditQueryString(filter, page + 1)}`} rel="next">
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
