import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { rateLimited } from "~/auth/http.server";
import { RATE_LIMITS } from "~/auth/rate-limit.server";
import { db } from "~/db.server";
import { RequestBadge } from "~/parklets/components/Badges";
import { fileRequest, myRequests } from "~/parklets/parklets.server";
import { MAX_SUPPORTERS, requestSchema } from "~/parklets/schema";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { FormError, SelectField, TextAreaField, TextField, useValidatedForm } from "~/ui/form";
import { parseFormData } from "~/kernel/form-data";
import { cityToday } from "~/kernel/city-time";
import { formatDay } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { actionHeaders } from "~/http/route-headers";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

/** A refused post carries Retry-After (rate limit) into the document response. */
export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "parklets:request.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "parklet:request");
  const [neighbourhoods, requests] = await Promise.all([listNeighbourhoods(db()), myRequests(db(), user.id)]);
  return { neighbourhoods, requests, today: cityToday() };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "parklet:request");
  const formData = await readFormData(args.request);
  const parsed = parseFormData(requestSchema, formData);
  if (!parsed.ok) return invalidForm(parsed);
  // No dedicated rule yet: requests share the generous limit of proposal saves, under their own key.
  const limited = await rateLimited(db(), [{ key: `parklet-request:account:${user.id}`, rule: RATE_LIMITS.parkletRequestsPerAccount }], parsed.data);
  if (limited) return limited;
  const result = await fileRequest(db(), user, parsed.data);
  if (!result.ok) return refusedAnswer(result, { values: parsed.data });
  return redirect("/parklets/request?sent=1");
}

function RequestForm({ neighbourhoods, today }: { neighbourhoods: { id: string; name: string; city: string }[]; today: string }) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(requestSchema, {
    defaultValues: { neighbourhoodId: neighbourhoods.length === 1 ? neighbourhoods[0]!.id : "", supporters: "0" },
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        name="neighbourhoodId"
        label={t("request.neighbourhood")}
        placeholder={t("request.chooseNeighbourhood")}
        options={neighbourhoods.map((neighbourhood) => ({ value: neighbourhood.id, label: `${neighbourhood.name} (${neighbourhood.city})` }))}
      />
      <TextField
        form={form}
        failure={failure}
        name="street"
        label={t("request.street")}
        hint={t("request.streetHint")}
        maxLength={150}
        autoComplete="address-line1"
      />
      <div className="grid-2">
        <TextField form={form} failure={failure} name="wishedFrom" type="date" min={today} label={t("request.wishedFrom")} />
        <TextField form={form} failure={failure} name="wishedUntil" type="date" min={today} label={t("request.wishedUntil")} />
      </div>
      <TextAreaField form={form} failure={failure} name="reason" label={t("request.reason")} hint={t("request.reasonHint")} rows={4} maxLength={2000} />
      <TextField
        form={form}
        failure={failure}
        name="supporters"
        type="number"
        min={0}
        max={MAX_SUPPORTERS}
        inputMode="numeric"
        label={t("request.supporters")}
        hint={t("request.supportersHint", { max: MAX_SUPPORTERS })}
      />
      <div>
        <button type="submit" className="button">
          {t("request.submit")}
        </button>
      </div>
    </Form>
  );
}

export default function ParkletRequestPage() {
  const { t } = useTranslation("parklets");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { neighbourhoods, requests, today } = useLoaderData<typeof loader>();
  const day = (value: string) => formatDay(value, locale);
  return (
    <div className="stack">
      <p>
        <Link to="/parklets">{t("request.back")}</Link>
      </p>
      <h1>{t("request.title")}</h1>
      <p>{t("request.intro")}</p>
      {params.get("sent") ? (
        <p className="alert alert-success" role="status">
          {t("request.sent")}
        </p>
      ) : null}
      <RequestForm neighbourhoods={neighbourhoods} today={today} />
      <section aria-labelledby="my-requests-title" className="stack">
        <h2 id="my-requests-title">{t("request.mine")}</h2>
        {requests.length === 0 ? (
          <p className="empty-state">{t("request.mineEmpty")}</p>
        ) : (
          <ul className="card-list">
            {requests.map((request) => (
              <li key={request.id} className="card">
                <h3 className="card-title">{request.street}</h3>
                <p className="muted">
                  {request.neighbourhood.name} ({request.neighbourhood.city})
                </p>
                <p>
                  <RequestBadge status={request.status} />
                </p>
                <p>{t("request.wished", { firstDay: day(request.wishedFrom), lastDay: day(request.wishedUntil) })}</p>
                {request.status === "PLANNED" && request.placement ? (
                  <p>
                    {t("request.plannedAs", {
                      parklet: request.placement.parklet.name,
                      firstDay: day(request.placement.firstDay),
                      lastDay: day(request.placement.lastDay),
                    })}
                  </p>
                ) : null}
                {request.status === "DECLINED" ? <p>{t("request.declinedBecause", { reason: request.declineReason })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
