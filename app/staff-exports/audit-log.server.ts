// The audit log as a spreadsheet file (issue #21): the entries a filter of /staff/audit matches, each
// as when (ISO, UTC), who, the action, the sentence and its changes, in the staff member's language.
import { auditLogEntries } from "~/audit/audit.server";
import type { AuditFilter } from "~/audit/filter-links";
import { rowsAsText } from "~/audit/sentences";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { fixedT } from "~/i18n/i18n.server";
import { cityToday } from "~/kernel/city-time";
import { isolated, spreadsheetFile, type DownloadName } from "~/results/spreadsheet";

export async function auditLogDownload(db: Db, filter: AuditFilter, locale: Locale): Promise<{ text: string; name: DownloadName }> {
  const [entries, t] = await Promise.all([auditLogEntries(db, filter, locale), fixedT(locale, ["audit", "rounds"])]);
  const header = [t("audit:csv.when"), t("audit:csv.who"), t("audit:csv.action"), t("audit:csv.sentence"), t("audit:csv.changes")];
  const lines = entries.map((entry) => [
    entry.at.toISOString(),
    isolated(entry.actor ?? t("audit:actor.system")),
    t(`rounds:audit.${entry.action}`, { defaultValue: entry.action }),
    entry.sentence,
    rowsAsText(entry.rows.map((row) => ({ ...row, before: row.before === undefined ? undefined : isolated(row.before), after: isolated(row.after) }))),
  ]);
  const name = `wijkbudget-audit-${cityToday()}.csv`;
  return { text: spreadsheetFile([header, ...lines]), name: { ascii: name, unicode: name } };
}
