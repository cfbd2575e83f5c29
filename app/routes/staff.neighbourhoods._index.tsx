import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { listNeighbourhoodsForStaff } from "~/neighbourhoods/neighbourhoods.server";

export const handle: I18nHandle = { i18n: ["workspace"] };

export const meta: MetaFunction = (args) => pageTitle(args, "workspace:neighbourhoods.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "staff:access");
  return { neighbourhoods: await listNeighbourhoodsForStaff(db()), mayManage: can(user, "neighbourhood:manage") };
}

export default function NeighbourhoodsPage() {
  const { t } = useTranslation("workspace");
  const { neighbourhoods, mayManage } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="neighbourhoods-title">
      <div className="row-between">
        <h1 id="neighbourhoods-title">{t("neighbourhoods.title")}</h1>
        {mayManage ? (
          <Link to="/staff/neighbourhoods/new" className="button">
            {t("neighbourhoods.new")}
          </Link>
        ) : null}
      </div>
      {mayManage ? null : <p className="muted">{t("neighbourhoods.adminsOnly")}</p>}
      {neighbourhoods.length === 0 ? (
        <p className="empty-state">{t("neighbourhoods.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("neighbourhoods.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("neighbourhoods.form.name")}</th>
                <th scope="col">{t("neighbourhoods.form.city")}</th>
                <th scope="col">{t("neighbourhoods.form.slug")}</th>
                <th scope="col">{t("neighbourhoods.rounds")}</th>
                <th scope="col">{t("neighbourhoods.state")}</th>
              </tr>
            </thead>
            <tbody>
              {neighbourhoods.map((neighbourhood) => (
                <tr key={neighbourhood.id}>
                  <td>
                    <Link to={`/staff/neighbourhoods/${neighbourhood.id}`}>
                      <bdi>{neighbourhood.name}</bdi>
                    </Link>
                  </td>
                  <td>
                    <bdi>{neighbourhood.city}</bdi>
                  </td>
                  <td dir="ltr">{neighbourhood.slug}</td>
                  <td className="numeric">{neighbourhood.rounds}</td>
                  <td>{neighbourhood.archivedAt ? t("neighbourhoods.archived") : t("neighbourhoods.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
