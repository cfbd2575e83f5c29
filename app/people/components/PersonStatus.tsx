import { useTranslation } from "react-i18next";

/** An account's status in words: active, blocked, deactivated (or both). */
export function PersonStatus({ blocked, deactivated }: { blocked: boolean; deactivated: boolean }) {
  const { t } = useTranslation("people");
  if (!blocked && !deactivated) return <>{t("status.active")}</>;
  return <>{[deactivated ? t("status.deactivated") : null, blocked ? t("status.blocked") : null].filter(Boolean).join(", ")}</>;
}
