import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { MANAGE_PARKLETS } from "~/parklets/parklets.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, MANAGE_PARKLETS);
  return null;
}

/** The parklet pages of staff: the catalogue, the schedule and residents' requests. */
export default function StaffParkletsLayout() {
  const { t } = useTranslation("parklets");
  return (
    <div className="stack">
      <nav aria-label={t("staff.navigation")} className="sub-nav">
        <ul className="nav-list">
          <li>
            <NavLink to="/staff/parklets" end>
              {t("staff.catalogue")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/staff/parklets/placements">{t("staff.placements")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/parklets/requests">{t("staff.requests")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
