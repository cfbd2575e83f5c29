import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { NAMESPACES } from "~/i18n/config";
import { localeFor } from "~/auth/locale.server";
import { ParkletForm } from "~/parklets/components/ParkletForm";
import { PARKLET_FEATURES } from "~/parklets/features";
import { createParklet, MANAGE_PARKLETS, MAX_PARKLET_PHOTO_BYTES, parkletById, removeParklet, updateParklet } from "~/parklets/parklets.server";
import { parkletSchema } from "~/parklets/schema";
import { parseFormData } from "~/kernel/form-data";
import { fieldRefused } from "~/kernel/result";
import { pageTitle } from "~/http/meta";
import { readUploadForm } from "~/http/read-form.server";
import { invalidForm, notFoundUnless, refusedAnswer } from "~/http/answer.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data?.parklet ? "parklets:form.editTitle" : "parklets:form.newTitle");

/** The parklet named by ?id= (a 404 for an unknown one), or null for the form of a new parklet. */
async function parkletOf(request: Request) {
  const id = new URL(request.url).searchParams.get("id");
  if (id === null) return null;
  return notFoundUnless(await parkletById(db(), id));
}

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, MANAGE_PARKLETS);
  const parklet = await parkletOf(args.request);
  const features = Object.fromEntries(PARKLET_FEATURES.map((feature) => [feature, parklet?.features.includes(feature) ?? false]));
  return {
    parklet: parklet ? { id: parklet.id, name: parklet.name, photoFileName: parklet.photoFileName, photoAlt: parklet.photoAlt } : null,
    values: parklet
      ? {
          intent: "save",
          originalLocale: parklet.originalLocale,
          name: parklet.name,
          description: parklet.description,
          builtBy: parklet.builtBy,
          features,
          photoAlt: parklet.photoAlt,
          removePhoto: false,
        }
      : { intent: "save", originalLocale: await localeFor(args.request, args.context), features },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, MANAGE_PARKLETS);
  const parklet = await parkletOf(args.request);
  const formData = await readUploadForm(args.request, MAX_PARKLET_PHOTO_BYTES);
  if (formData === "too-large") return refusedAnswer(fieldRefused("photo", "parklets:photo.too-large", 413), { intent: "save" });
  const intent = String(formData.get("intent") ?? "");
  if (intent === "remove" && parklet) {
    const result = await removeParklet(db(), user, parklet.id);
    if (!result.ok) return refusedAnswer(result, { intent });
    return redirect("/staff/parklets?removed=1");
  }
  if (intent !== "save") throw new Response("Unknown form", { status: 400 });
  const parsed = parseFormData(parkletSchema, formData);
  if (!parsed.ok) return invalidForm(parsed, intent);
  const file = formData.get("photo");
  const photo = file instanceof Blob && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  const result = parklet ? await updateParklet(db(), user, parklet.id, parsed.data, photo) : await createParklet(db(), user, parsed.data, photo);
  if (!result.ok) {
    const values = { ...parsed.data, features: Object.fromEntries(parsed.data.features.map((feature) => [feature, true])) };
    return refusedAnswer(result, { intent, values });
  }
  return redirect("/staff/parklets?saved=1");
}

export default function StaffParkletEditPage() {
  const { t } = useTranslation("parklets");
  const { parklet, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const removeError = actionData && actionData.intent === "remove" && "formError" in actionData ? actionData.formError : undefined;
  return (
    <section className="stack" aria-labelledby="parklet-form-title">
      <p>
        <Link to="/staff/parklets">{t("form.back")}</Link>
      </p>
      <h1 id="parklet-form-title">{parklet ? t("form.editTitle") : t("form.newTitle")}</h1>
      <ParkletForm
        key={parklet?.id ?? "new"}
        parkletId={parklet?.id ?? null}
        defaultValues={values}
        photo={parklet?.photoFileName ? { fileName: parklet.photoFileName, alt: parklet.photoAlt } : null}
      />
      {parklet ? (
        <section className="card" aria-labelledby="remove-title">
          <h2 id="remove-title">{t("form.remove")}</h2>
          <p className="muted">{t("form.removeHint")}</p>
          {removeError ? (
            <p className="alert alert-error" role="alert">
              {t(removeError, { ns: NAMESPACES })}
            </p>
          ) : null}
          <Form method="post" action={`/staff/parklets/edit?id=${encodeURIComponent(parklet.id)}`}>
            <input type="hidden" name="intent" value="remove" />
            <button type="submit" className="button button-warning">
              {t("form.remove")}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
