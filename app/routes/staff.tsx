import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "staff:access");
  return null;
}

export default function StaffLayout() {
  const { t } = useTranslation("rounds");
  return (
    <div className="stack">
      <nav aria-label={t("staff.navigation")} className="sub-nav">
        <ul className="nav-list">
          <li>
            <NavLink to="/staff" end>
              {t("staff.rounds")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/staff/proposals">{t("staff.feasibility")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/events">{t("staff.events")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/parklets">{t("parklets:nav.link")}</NavLink>
          </li>
          <li>
            <NavLink to="/staff/audit">{t("staff.audit")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
