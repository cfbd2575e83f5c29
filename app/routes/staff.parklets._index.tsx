import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { FeatureList } from "~/parklets/components/Badges";
import { listParklets, MANAGE_PARKLETS } from "~/parklets/parklets.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

export const meta: MetaFunction = (args) => pageTitle(args, "parklets:staff.catalogueTitle");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, MANAGE_PARKLETS);
  const parklets = await listParklets(db());
  return {
    parklets: parklets.map((parklet) => ({
      id: parklet.id,
      name: parklet.name,
      builtBy: parklet.builtBy,
      features: parklet.features,
      photoFileName: parklet.photoFileName,
      photoAlt: parklet.photoAlt,
      placementCount: parklet.placementCount,
    })),
  };
}

const NOTICES = ["saved", "removed"] as const;

export default function StaffParkletCataloguePage() {
  const { t } = useTranslation("parklets");
  const [params] = useSearchParams();
  const { parklets } = useLoaderData<typeof loader>();
  const notice = NOTICES.find((name) => params.get(name));
  return (
    <section className="stack" aria-labelledby="catalogue-title">
      <div className="row-between">
        <h1 id="catalogue-title">{t("staff.catalogueTitle")}</h1>
        <Link to="/staff/parklets/edit" className="button">
          {t("staff.new")}
        </Link>
      </div>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`staff.notices.${notice}`)}
        </p>
      ) : null}
      {parklets.length === 0 ? (
        <p className="empty-state">{t("staff.empty")}</p>
      ) : (
        <ul className="card-list">
          {parklets.map((parklet) => (
            <li key={parklet.id} className="card">
              <h2 className="card-title">
                <Link to={`/staff/parklets/edit?id=${parklet.id}`}>
                  <bdi>{parklet.name}</bdi>
                </Link>
              </h2>
              {parklet.photoFileName ? (
                <div className="photo-grid">
                  <img src={`/uploads/${parklet.photoFileName}`} alt={parklet.photoAlt} loading="lazy" />
                </div>
              ) : (
                <p className="muted">{t("staff.noPhoto")}</p>
              )}
              <p className="muted">{t("overview.builtBy", { builtBy: parklet.builtBy })}</p>
              <FeatureList features={parklet.features} />
              <p>{t("staff.placementCount", { count: parklet.placementCount })}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
