import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { idParam, invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { LOCALE_NAMES, LOCALES } from "~/i18n/config";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { fieldRefused } from "~/kernel/result";
import { parseFormData } from "~/kernel/form-data";
import { NeighbourhoodForm } from "~/neighbourhoods/components/NeighbourhoodForm";
import { readNeighbourhoodForm } from "~/neighbourhoods/http.server";
import { deleteNeighbourhood, neighbourhoodForStaff, setNeighbourhoodArchived, updateNeighbourhood } from "~/neighbourhoods/neighbourhoods.server";
import { neighbourhoodSchema, neighbourhoodStateSchema } from "~/neighbourhoods/schema";
import { mapSettings } from "~/proposals/map";
import { FormError, isFormFailure } from "~/ui/form";

export const handle: I18nHandle = { i18n: ["workspace"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "workspace:neighbourhoods.edit");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "staff:access");
  const neighbourhood = notFoundUnless(await neighbourhoodForStaff(db(), idParam(args.params, "neighbourhoodId")));
  return { neighbourhood, mayManage: can(user, "neighbourhood:manage"), map: mapSettings() };
}

export async function action(args: ActionFunctionArgs) {
  // Staff read this page; only admins change a neighbourhood (403 for anyone else, before the form is read).
  const user = await requirePermission(args, "neighbourhood:manage");
  const id = idParam(args.params, "neighbourhoodId");
  const formData = await readNeighbourhoodForm(args.request);
  if (formData === "too-large") return refusedAnswer(fieldRefused("boundary", "workspace:neighbourhoods.boundary.tooManyPoints", 413), { intent: "save" });
  if (formData.get("intent") === "save") {
    const parsed = parseFormData(neighbourhoodSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, "save");
    const result = await updateNeighbourhood(db(), user.id, id, parsed.data);
    if (!result.ok) return refusedAnswer(result, { intent: "save", values: formData });
    return redirect(`/staff/neighbourhoods/${id}?saved=1`);
  }
  const parsed = parseFormData(neighbourhoodStateSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "state");
  const { intent } = parsed.data;
  const result = intent === "delete" ? await deleteNeighbourhood(db(), user.id, id) : await setNeighbourhoodArchived(db(), user.id, id, intent === "archive");
  if (!result.ok) return refusedAnswer(result, { intent: "state" });
  return redirect(intent === "delete" ? "/staff/neighbourhoods" : `/staff/neighbourhoods/${id}?saved=1`);
}

export default function NeighbourhoodPage() {
  const { t } = useTranslation("workspace");
  const { neighbourhood, mayManage, map } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // Archive, restore and delete answer with intent "state"; the edit form reads its own ("save").
  const stateFailure = isFormFailure(answer) && (answer as { intent?: string }).intent !== "save" ? answer : undefined;
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <header>
        <p>
          <Link to="/staff/neighbourhoods">{t("neighbourhoods.title")}</Link>
        </p>
        <h1>
          <bdi>{neighbourhood.name}</bdi> (<bdi>{neighbourhood.city}</bdi>)
        </h1>
        <p className="muted">
          {neighbourhood.archivedAt ? t("neighbourhoods.archived") : t("neighbourhoods.active")} ·{" "}
          {t("neighbourhoods.roundCount", { count: neighbourhood.rounds })}
        </p>
      </header>
      {params.get("saved") ? (
        <p className="alert alert-success" role="status">
          {t("neighbourhoods.saved")}
        </p>
      ) : null}
      {mayManage ? (
        <>
          <section className="card stack" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("neighbourhoods.edit")}</h2>
            <NeighbourhoodForm
              defaultValues={{
                name: neighbourhood.name,
                city: neighbourhood.city,
                slug: neighbourhood.slug,
                names: Object.fromEntries(LOCALES.map((locale) => [locale, neighbourhood.names[locale] ?? ""])),
                boundary: neighbourhood.boundary,
              }}
              submitLabel={t("neighbourhoods.save")}
              map={map}
            />
          </section>
          <section className="card stack" aria-labelledby="state-title">
            <h2 id="state-title">{neighbourhood.mayDelete ? t("neighbourhoods.deleteTitle") : t("neighbourhoods.archiveTitle")}</h2>
            <FormError failure={stateFailure} />
            <p>{neighbourhood.mayDelete ? t("neighbourhoods.deleteHint") : t("neighbourhoods.archiveHint")}</p>
            <Form method="post" className="button-row">
              {neighbourhood.archivedAt ? (
                <button type="submit" name="intent" value="restore" className="button button-secondary">
                  {t("neighbourhoods.restore")}
                </button>
              ) : (
                <button type="submit" name="intent" value="archive" className="button button-secondary">
                  {t("neighbourhoods.archive")}
                </button>
              )}
              {neighbourhood.mayDelete ? (
                <button type="submit" name="intent" value="delete" className="button button-warning">
                  {t("neighbourhoods.delete")}
                </button>
              ) : null}
            </Form>
          </section>
        </>
      ) : (
        <dl className="card">
          <dt>{t("neighbourhoods.form.slug")}</dt>
          <dd dir="ltr">{neighbourhood.slug}</dd>
          {LOCALES.filter((locale) => neighbourhood.names[locale]).map((locale) => (
            <div key={locale}>
              <dt>{LOCALE_NAMES[locale]}</dt>
              <dd lang={locale} dir="auto">
                {neighbourhood.names[locale]}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
