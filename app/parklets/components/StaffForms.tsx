import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextAreaField, TextField, useValidatedForm } from "~/ui/form";
import { cancelSchema, declineSchema, placementSchema, planRequestSchema } from "../schema";

type Option = { value: string; label: string };

/** Staff plan a parklet in a street for a span of days; a clash is refused by the server with a message naming it. */
export function PlanForm({ parklets, neighbourhoods }: { parklets: Option[]; neighbourhoods: Option[] }) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(placementSchema, {
    defaultValues: { intent: "plan", neighbourhoodId: neighbourhoods.length === 1 ? neighbourhoods[0]!.value : "" },
    intent: "plan",
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="plan" />
      <FormError failure={failure} />
      <div className="grid-2">
        <SelectField form={form} failure={failure} name="parkletId" label={t("plan.parklet")} placeholder={t("plan.chooseParklet")} options={parklets} />
        <SelectField
          form={form}
          failure={failure}
          name="neighbourhoodId"
          label={t("plan.neighbourhood")}
          placeholder={t("plan.chooseNeighbourhood")}
          options={neighbourhoods}
        />
      </div>
      <TextField form={form} failure={failure} name="street" label={t("plan.street")} hint={t("plan.streetHint")} maxLength={150} />
      <div className="grid-2">
        <TextField form={form} failure={failure} name="firstDay" type="date" label={t("plan.firstDay")} />
        <TextField form={form} failure={failure} name="lastDay" type="date" label={t("plan.lastDay")} hint={t("plan.lastDayHint")} />
      </div>
      <p className="field-hint">{t("plan.pointHint")}</p>
      <div className="grid-2">
        <TextField form={form} failure={failure} name="latitude" label={t("plan.latitude")} inputMode="decimal" />
        <TextField form={form} failure={failure} name="longitude" label={t("plan.longitude")} inputMode="decimal" />
      </div>
      <div>
        <button type="submit" className="button">
          {t("plan.submit")}
        </button>
      </div>
    </Form>
  );
}

/** Cancelling a planned placement needs a reason (kept with the placement and in the audit log). */
export function CancelForm({ placementId, label }: { placementId: string; label: string }) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(cancelSchema, {
    defaultValues: { intent: "cancel", placementId },
    intent: `cancel:${placementId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="placementId" value={placementId} />
      <FormError failure={failure} />
      <TextAreaField
        form={form}
        failure={failure}
        id={`field-cancel-reason-${placementId}`}
        name="reason"
        label={t("placements.cancelReason")}
        rows={2}
        maxLength={500}
      />
      <div>
        <button type="submit" className="button button-warning" aria-label={`${t("placements.cancelSubmit")}: ${label}`}>
          {t("placements.cancelSubmit")}
        </button>
      </div>
    </Form>
  );
}

/** Turns a resident's request into a placement: a parklet and the days (the wished ones to start with). */
export function RequestPlanForm({
  requestId,
  wishedFrom,
  wishedUntil,
  parklets,
}: {
  requestId: string;
  wishedFrom: string;
  wishedUntil: string;
  parklets: Option[];
}) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(planRequestSchema, {
    defaultValues: {
      intent: "plan-request",
      requestId,
      firstDay: wishedFrom,
      lastDay: wishedUntil,
      parkletId: parklets.length === 1 ? parklets[0]!.value : "",
    },
    intent: `plan-request:${requestId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="plan-request" />
      <input type="hidden" name="requestId" value={requestId} />
      <FormError failure={failure} />
      <SelectField
        form={form}
        failure={failure}
        id={`field-parkletId-${requestId}`}
        name="parkletId"
        label={t("plan.parklet")}
        placeholder={t("plan.chooseParklet")}
        options={parklets}
      />
      <div className="grid-2">
        <TextField form={form} failure={failure} id={`field-firstDay-${requestId}`} name="firstDay" type="date" label={t("plan.firstDay")} />
        <TextField form={form} failure={failure} id={`field-lastDay-${requestId}`} name="lastDay" type="date" label={t("plan.lastDay")} />
      </div>
      <div>
        <button type="submit" className="button">
          {t("requests.planSubmit")}
        </button>
      </div>
    </Form>
  );
}

export function DeclineForm({ requestId }: { requestId: string }) {
  const { t } = useTranslation("parklets");
  const { form, onSubmit, failure } = useValidatedForm(declineSchema, {
    defaultValues: { intent: "decline", requestId },
    intent: `decline:${requestId}`,
  });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="decline" />
      <input type="hidden" name="requestId" value={requestId} />
      <FormError failure={failure} />
      <TextAreaField
        form={form}
        failure={failure}
        id={`field-decline-reason-${requestId}`}
        name="reason"
        label={t("requests.declineReason")}
        hint={t("requests.declineHint")}
        rows={2}
        maxLength={1000}
      />
      <div>
        <button type="submit" className="button button-warning">
          {t("requests.declineSubmit")}
        </button>
      </div>
    </Form>
  );
}
