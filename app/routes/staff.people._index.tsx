import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { formatNumber } from "~/i18n/format";
import { searchPeople } from "~/people/people.server";
import { pageCount } from "~/people/rules";
import { peopleSearchSchema } from "~/people/schema.server";
import { PersonStatus } from "~/people/components/PersonStatus";
import { useLocale } from "~/ui/useLocale";

export const handle: I18nHandle = { i18n: ["people"] };

export const meta: MetaFunction = (args) => pageTitle(args, "people:list.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "user:moderate");
  const url = new URL(args.request.url);
  const { q, page } = peopleSearchSchema.parse({ q: url.searchParams.get("q") ?? "", page: url.searchParams.get("page") ?? 1 });
  const { total, people } = await searchPeople(db(), q, page);
  return { q, page, pages: pageCount(total), total, people };
}

export default function PeoplePage() {
  const { t } = useTranslation("people");
  const locale = useLocale();
  const { q, page, pages, total, people } = useLoaderData<typeof loader>();
  const pageLink = (to: number) => `/staff/people?${new URLSearchParams({ ...(q ? { q } : {}), page: String(to) })}`;
  return (
    <section className="stack" aria-labelledby="people-title">
      <h1 id="people-title">{t("list.title")}</h1>
      <p>{t("list.intro")}</p>
      <Form method="get" role="search" className="stack" aria-label={t("list.search")}>
        <div className="field">
          <label htmlFor="people-q">{t("list.query")}</label>
          <input id="people-q" name="q" type="search" defaultValue={q} maxLength={100} autoComplete="off" />
        </div>
        <div>
          <button type="submit" className="button">
            {t("list.searchButton")}
          </button>
        </div>
      </Form>
      <p role="status">{t("list.found", { count: total, formatted: formatNumber(total, locale) })}</p>
      {people.length === 0 ? (
        <p className="empty-state">{q ? t("list.noneFound") : t("list.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>
                    <Link to={`/staff/people/${person.id}`}>
                      <bdi>{person.name}</bdi>
                    </Link>
                  </td>
                  <td dir="ltr">{person.email}</td>
                  <td>{t(`roles.${person.role}`)}</td>
                  <td>
                    <PersonStatus blocked={!!person.blockedAt} deactivated={!!person.deactivatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("list.pages")} className="button-row">
          {page > 1 ? (
            <Link to={pageLink(page - 1)} rel="prev">
              {t("list.previous")}
            </Link>
          ) : null}
          <span>{t("list.pageOf", { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} rel="next">
              {t("list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
