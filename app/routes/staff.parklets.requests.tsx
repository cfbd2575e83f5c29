import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { localeFor } from "~/auth/locale.server";
import { RequestBadge } from "~/parklets/components/Badges";
import { DeclineForm, RequestPlanForm } from "~/parklets/components/StaffForms";
import { declineRequest, listAnsweredRequests, listOpenRequests, listParklets, MANAGE_PARKLETS, planFromRequest } from "~/parklets/parklets.server";
import { declineSchema, planRequestSchema } from "~/parklets/schema";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { formatDay } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { useLocale } from "~/ui/useLocale";
import { siteUrl } from "~/security/hosts.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

export const meta: MetaFunction = (args) => pageTitle(args, "parklets:requests.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, MANAGE_PARKLETS);
  const [open, answered, parklets] = await Promise.all([listOpenRequests(db()), listAnsweredRequests(db()), listParklets(db())]);
  return {
    open: open.map((request) => ({
      id: request.id,
      street: request.street,
      neighbourhood: `${request.neighbourhood.name} (${request.neighbourhood.city})`,
      requester: request.user.name,
      wishedFrom: request.wishedFrom,
      wishedUntil: request.wishedUntil,
      reason: request.reason,
      supporters: request.supporters,
    })),
    answered: answered.map((request) => ({
      id: request.id,
      street: request.street,
      neighbourhood: `${request.neighbourhood.name} (${request.neighbourhood.city})`,
      requester: request.user.name,
      status: request.status,
      declineReason: request.declineReason,
      placement: request.placement
        ? { parklet: request.placement.parklet.name, firstDay: request.placement.firstDay, lastDay: request.placement.lastDay }
        : null,
    })),
    parklets: parklets.map((parklet) => ({ value: parklet.id, label: parklet.name })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, MANAGE_PARKLETS);
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  const answerTo = `${intent}:${postedId(formData, "requestId")}`;
  const options = { baseUrl: siteUrl(), locale: await localeFor(args.request, args.context) };
  const done = (flag: string) => redirect(`/staff/parklets/requests?${flag}=1`);

  if (intent === "plan-request") {
    const parsed = parseFormData(planRequestSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, answerTo);
    const { requestId, parkletId, firstDay, lastDay } = parsed.data;
    const result = await planFromRequest(db(), user, requestId, { parkletId, firstDay, lastDay }, options);
    return result.ok ? done("requestPlanned") : refusedAnswer(result, { intent: answerTo, values: formData });
  }
  if (intent === "decline") {
    const parsed = parseFormData(declineSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, answerTo);
    const result = await declineRequest(db(), user, parsed.data.requestId, parsed.data.reason, options);
    return result.ok ? done("declined") : refusedAnswer(result, { intent: answerTo, values: formData });
  }
  throw new Response("Unknown form", { status: 400 });
}

const NOTICES = ["requestPlanned", "declined"] as const;

export default function StaffParkletRequestsPage() {
  const { t } = useTranslation("parklets");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { open, answered, parklets } = useLoaderData<typeof loader>();
  const answeredIntent = useActionData<{ intent?: string }>()?.intent;
  const notice = NOTICES.find((name) => params.get(name));
  const day = (value: string) => formatDay(value, locale);
  return (
    <div className="stack">
      <h1>{t("requests.title")}</h1>
      <p>{t("requests.intro")}</p>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`staff.notices.${notice}`)}
        </p>
      ) : null}
      {open.length === 0 ? (
        <p className="empty-state">{t("requests.empty")}</p>
      ) : (
        <ul className="card-list">
          {open.map((request) => (
            <li key={request.id} className="card stack">
              <h2 className="card-title">{request.street}</h2>
              <p className="muted">
                <bdi>{request.neighbourhood}</bdi> · {t("requests.by", { name: request.requester })}
              </p>
              <p>{t("request.wished", { firstDay: day(request.wishedFrom), lastDay: day(request.wishedUntil) })}</p>
              <p>{t("requests.supporters", { count: request.supporters })}</p>
              <p dir="auto">{request.reason}</p>
              <details open>
                <summary>{t("requests.plan")}</summary>
                {parklets.length === 0 ? (
                  <p className="empty-state">{t("plan.noParklets")}</p>
                ) : (
                  <RequestPlanForm requestId={request.id} wishedFrom={request.wishedFrom} wishedUntil={request.wishedUntil} parklets={parklets} />
                )}
              </details>
              <details open={answeredIntent === `decline:${request.id}`}>
                <summary>{t("requests.decline")}</summary>
                <DeclineForm requestId={request.id} />
              </details>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="answered-title" className="stack">
        <h2 id="answered-title">{t("requests.answered")}</h2>
        {answered.length === 0 ? (
          <p className="empty-state">{t("requests.answeredEmpty")}</p>
        ) : (
          <ul className="audit-list">
            {answered.map((request) => (
              <li key={request.id}>
                <strong>{request.street}</strong> <RequestBadge status={request.status} />
                <p className="muted">
                  <bdi>{request.neighbourhood}</bdi> · {t("requests.by", { name: request.requester })}
                </p>
                {request.placement ? (
                  <p>
                    {t("request.plannedAs", {
                      parklet: request.placement.parklet,
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
