import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import leafletStyles from "leaflet/dist/leaflet.css";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";
import { fieldRefused } from "~/kernel/result";
import { parseFormData } from "~/kernel/form-data";
import { NeighbourhoodForm } from "~/neighbourhoods/components/NeighbourhoodForm";
import { readNeighbourhoodForm } from "~/neighbourhoods/http.server";
import { createNeighbourhood } from "~/neighbourhoods/neighbourhoods.server";
import { neighbourhoodSchema } from "~/neighbourhoods/schema";
import { mapSettings } from "~/proposals/map";

export const handle: I18nHandle = { i18n: ["workspace"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: leafletStyles }];

export const meta: MetaFunction = (args) => pageTitle(args, "workspace:neighbourhoods.new");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "neighbourhood:manage");
  return { map: mapSettings() };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "neighbourhood:manage");
  const formData = await readNeighbourhoodForm(args.request);
  if (formData === "too-large") return refusedAnswer(fieldRefused("boundary", "workspace:neighbourhoods.boundary.tooManyPoints", 413), { intent: "save" });
  const parsed = parseFormData(neighbourhoodSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, "save");
  const result = await createNeighbourhood(db(), user.id, parsed.data);
  if (!result.ok) return refusedAnswer(result, { intent: "save", values: formData });
  return redirect(`/staff/neighbourhoods/${result.id}?saved=1`);
}

export default function NewNeighbourhoodPage() {
  const { t } = useTranslation("workspace");
  const { map } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="new-neighbourhood-title">
      <h1 id="new-neighbourhood-title">{t("neighbourhoods.new")}</h1>
      <NeighbourhoodForm defaultValues={{}} submitLabel={t("neighbourhoods.create")} map={map} />
    </section>
  );
}
