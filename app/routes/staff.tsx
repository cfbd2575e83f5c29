import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { db } from "~/db.server";
import { openReportCount } from "~/moderation/moderation.server";

export const handle: I18nHandle = { i18n: ["rounds", "workspace", "people"] };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "staff:access");
  return { managesUsers: can(user, "user:manage"), openReports: can(user, "moderation:manage") ? await openReportCount(db()) : 0 };
}

export default function StaffLayout() {
  const { t } = useTranslation("rounds");
  const { managesUsers, openReports } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <nav aria-label={t("staff.navigation")} className="sub-nav">
        <ul className="nav-list">
          <li>
            <NavLink to="/staff" end>
              {t("workspace:dashboard.title")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/staff/neighbourhoods">{t("workspace:neighbourhoods.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/proposals">{t("staff.feasibility")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/events">{t("staff.events")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/parklets">{t("staff.parklets")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/people">{t("people:list.title")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/moderation">{openReports ? t("staff.moderationCount", { count: openReports }) : t("staff.moderation")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/audit">{t("staff.audit")}</NavLink>
          </li>
          {managesUsers ? (
            <li>
              <NavLink to="/staff/two-factor">{t("staff.twoFactor")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
