import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localizedName } from "~/i18n/content";
import { PUBLIC_STATUSES, type ProposalStatus } from "~/proposals/lifecycle";
import { useLocale } from "~/ui/useLocale";

interface ProposalFiltersProps {
  filters: { q?: string; category?: string; status?: ProposalStatus; sort: string };
  categories: { id: string; names: string }[];
}

/** Search, theme, status and order of a round's proposals: a GET form to the page it is on (the list or the map). */
export function ProposalFilters({ filters, categories }: ProposalFiltersProps) {
  const { t } = useTranslation("proposals");
  const locale = useLocale();
  return (
    <Form method="get" className="filters" role="search" aria-label={t("list.filters")}>
      <div className="field">
        <label htmlFor="filter-q">{t("list.search")}</label>
        <p className="field-hint" id="filter-q-hint">
          {t("list.searchHint")}
        </p>
        <input id="filter-q" name="q" type="search" defaultValue={filters.q} aria-describedby="filter-q-hint" maxLength={100} />
      </div>
      {categories.length > 0 ? (
        <div className="field">
          <label htmlFor="filter-category">{t("list.category")}</label>
          <select id="filter-category" name="category" defaultValue={filters.category}>
            <option value="">{t("list.allCategories")}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {localizedName(category.names, locale)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="filter-status">{t("list.status")}</label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("list.allStatuses")}</option>
          {PUBLIC_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-sort">{t("list.sort")}</label>
        <select id="filter-sort" name="sort" defaultValue={filters.sort}>
          <option value="newest">{t("list.sortNewest")}</option>
          <option value="amount">{t("list.sortAmount")}</option>
        </select>
      </div>
      <div>
        <button type="submit" className="button button-secondary">
          {t("list.apply")}
        </button>
      </div>
    </Form>
  );
}
