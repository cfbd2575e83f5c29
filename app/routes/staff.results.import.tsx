import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { NAMESPACES } from "~/i18n/config";
import { importSchema } from "~/results/schema";
import { importPabulib, MAX_PABULIB_BYTES } from "~/results/import.server";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { FormError, SelectField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { fieldRefused } from "~/kernel/result";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { pageTitle } from "~/http/meta";
import { readUploadForm } from "~/http/read-form.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["results"] };

export const meta: MetaFunction = (args) => pageTitle(args, "results:import.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, "round:manage");
  return { neighbourhoods: await listNeighbourhoods(db()) };
}

/** A file name as shown and stored: no path, no control characters, at most 200 characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return (
    base
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u001f\u007f]/g, "")
      .trim()
      .slice(0, 200) || "upload.pb"
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "round:manage");
  const formData = await readUploadForm(args.request, MAX_PABULIB_BYTES);
  if (formData === "too-large") return refusedAnswer(fieldRefused("file", "results:import.errors.tooLarge", 413));
  const parsed = parseFormData(importSchema, formData);
  const file = formData.get("file");
  if (!parsed.ok) return invalidForm(parsed);
  if (!(file instanceof Blob) || file.size === 0) return refusedAnswer(fieldRefused("file", "results:import.errors.fileRequired"), { values: parsed.data });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return refusedAnswer(fieldRefused("file", "results:import.errors.notText"), { values: parsed.data });
  }
  const fileName = cleanFileName("name" in file && typeof file.name === "string" ? file.name : "");
  const result = await importPabulib(db(), user.id, { neighbourhoodId: parsed.data.neighbourhoodId, fileName, text });
  if (!result.ok) return refusedAnswer(result, { values: parsed.data });
  return redirect(`/staff/rounds/${result.roundId}/results`);
}

export default function ImportPage() {
  const { t } = useTranslation("results");
  const { neighbourhoods } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { form, failure } = useValidatedForm(importSchema);
  const fileError = actionData && "errors" in actionData ? (actionData.errors as Record<string, string>).file : undefined;
  return (
    <div className="stack narrow">
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <p className="muted">{t("import.numbering")}</p>
      {/* A plain multipart post (no client-side submit): the file goes as the browser sends it. */}
      <Form method="post" encType="multipart/form-data" className="stack" noValidate>
        <FormError failure={failure} />
        <SelectField
          form={form}
          failure={failure}
          name="neighbourhoodId"
          label={t("import.neighbourhood")}
          placeholder={t("import.chooseNeighbourhood")}
          options={neighbourhoods.map((neighbourhood) => ({ value: neighbourhood.id, label: `${neighbourhood.name} (${neighbourhood.city})` }))}
        />
        <div className={`field${fileError ? " field-invalid" : ""}`}>
          <label htmlFor="field-file">{t("import.file")}</label>
          <p className="field-hint" id="field-file-hint">
            {t("import.fileHint")}
          </p>
          <input
            type="file"
            id="field-file"
            name="file"
            accept=".pb,text/plain"
            required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "field-file-hint field-file-error" : "field-file-hint"}
          />
          {fileError ? (
            <p className="field-error" id="field-file-error">
              {t(fileError, { ns: NAMESPACES })}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button">
            {t("import.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
