import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { NAMESPACES } from "~/i18n/config";
import { localeFor } from "~/auth/locale.server";
import { PlacementBadge } from "~/parklets/components/Badges";
import { CancelForm, PlanForm } from "~/parklets/components/StaffForms";
import { cancelPlacement, listParklets, listPlacements, MANAGE_PARKLETS, markPlacementDone, planPlacement } from "~/parklets/parklets.server";
import { cancelSchema, doneSchema, placementSchema } from "~/parklets/schema";
import { listNeighbourhoods } from "~/rounds/rounds.server";
import { parseFormData } from "~/kernel/form-data";
import { postedId } from "~/kernel/ids";
import { formatDay } from "~/i18n/format";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { useLocale } from "~/ui/useLocale";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["parklets"] };

export const meta: MetaFunction = (args) => pageTitle(args, "parklets:placements.title");

export async function loader(args: LoaderFunctionArgs) {
  await requirePermission(args, MANAGE_PARKLETS);
  const [{ planned, closed }, parklets, neighbourhoods] = await Promise.all([listPlacements(db()), listParklets(db()), listNeighbourhoods(db())]);
  const row = (placement: (typeof planned)[number]) => ({
    id: placement.id,
    parklet: placement.parklet.name,
    street: placement.street,
    neighbourhood: `${placement.neighbourhood.name} (${placement.neighbourhood.city})`,
    firstDay: placement.firstDay,
    lastDay: placement.lastDay,
    status: placement.status,
    cancelReason: placement.cancelReason,
    fromRequest: placement.request !== null,
  });
  return {
    planned: planned.map(row),
    closed: closed.map(row),
    parklets: parklets.map((parklet) => ({ value: parklet.id, label: parklet.name })),
    neighbourhoods: neighbourhoods.map((neighbourhood) => ({ value: neighbourhood.id, label: `${neighbourhood.name} (${neighbourhood.city})` })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, MANAGE_PARKLETS);
  const formData = await readFormData(args.request);
  const intent = String(formData.get("intent") ?? "");
  const done = (flag: string) => redirect(`/staff/parklets/placements?${flag}=1`);

  if (intent === "plan") {
    const parsed = parseFormData(placementSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, intent);
    const { intent: _intent, ...input } = parsed.data;
    const result = await planPlacement(db(), user, input, await localeFor(args.request, args.context));
    return result.ok ? done("planned") : refusedAnswer(result, { intent, values: formData });
  }
  if (intent === "done") {
    const parsed = parseFormData(doneSchema, formData);
    if (!parsed.ok) throw new Response("Unknown placement", { status: 400 });
    const result = await markPlacementDone(db(), user, parsed.data.placementId);
    return result.ok ? done("done") : refusedAnswer(result, { intent: `done:${parsed.data.placementId}` });
  }
  if (intent === "cancel") {
    const answerTo = `cancel:${postedId(formData, "placementId")}`;
    const parsed = parseFormData(cancelSchema, formData);
    if (!parsed.ok) return invalidForm(parsed, answerTo);
    const result = await cancelPlacement(db(), user, parsed.data.placementId, parsed.data.reason);
    return result.ok ? done("cancelled") : refusedAnswer(result, { intent: answerTo, values: formData });
  }
  throw new Response("Unknown form", { status: 400 });
}

const NOTICES = ["planned", "done", "cancelled"] as const;

export default function StaffPlacementsPage() {
  const { t } = useTranslation("parklets");
  const locale = useLocale();
  const [params] = useSearchParams();
  const { planned, closed, parklets, neighbourhoods } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ intent?: string; formError?: string }>();
  const doneRefusal = actionData?.formError && String(actionData.intent ?? "").startsWith("done:") ? actionData.formError : undefined;
  const notice = NOTICES.find((name) => params.get(name));
  const days = (placement: { firstDay: string; lastDay: string }) =>
    t("placements.days", { firstDay: formatDay(placement.firstDay, locale), lastDay: formatDay(placement.lastDay, locale) });
  return (
    <div className="stack">
      <h1>{t("placements.title")}</h1>
      {notice ? (
        <p className="alert alert-success" role="status">
          {t(`staff.notices.${notice}`)}
        </p>
      ) : null}
      {doneRefusal ? (
        <p className="alert alert-error" role="alert">
          {t(doneRefusal, { ns: NAMESPACES })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">{t("plan.title")}</h2>
        <p>{t("plan.intro")}</p>
        {parklets.length === 0 ? <p className="empty-state">{t("plan.noParklets")}</p> : <PlanForm parklets={parklets} neighbourhoods={neighbourhoods} />}
      </section>

      <section aria-labelledby="planned-title" className="stack">
        <h2 id="planned-title">{t("placements.planned")}</h2>
        {planned.length === 0 ? (
          <p className="empty-state">{t("placements.plannedEmpty")}</p>
        ) : (
          <ul className="card-list">
            {planned.map((placement) => (
              <li key={placement.id} className="card">
                <h3 className="card-title">
                  {placement.parklet} · {placement.street}
                </h3>
                <p className="muted">
                  <bdi>{placement.neighbourhood}</bdi>
                </p>
                <p>{days(placement)}</p>
                <p>
                  <PlacementBadge status={placement.status} />
                  {placement.fromRequest ? <span className="muted"> · {t("placements.fromRequest")}</span> : null}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="done" />
                  <input type="hidden" name="placementId" value={placement.id} />
                  <button
                    type="submit"
                    className="button button-secondary"
                    aria-label={`${t("placements.markDone")}: ${placement.parklet} · ${placement.street}`}
                  >
                    {t("placements.markDone")}
                  </button>
                </Form>
                <details open={actionData?.intent === `cancel:${placement.id}`}>
                  <summary>{t("placements.cancel")}</summary>
                  <CancelForm placementId={placement.id} label={`${placement.parklet} · ${placement.street}`} />
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="closed-title" className="stack">
        <h2 id="closed-title">{t("placements.closed")}</h2>
        {closed.length === 0 ? (
          <p className="empty-state">{t("placements.closedEmpty")}</p>
        ) : (
          <ul className="audit-list">
            {closed.map((placement) => (
              <li key={placement.id}>
                <strong>
                  {placement.parklet} · {placement.street}
                </strong>{" "}
                <PlacementBadge status={placement.status} />
                <p className="muted">
                  <bdi>{placement.neighbourhood}</bdi> · {days(placement)}
                </p>
                {placement.status === "CANCELLED" ? <p>{t("placements.cancelledBecause", { reason: placement.cancelReason })}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
