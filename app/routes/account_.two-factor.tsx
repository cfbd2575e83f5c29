import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { invalidForm, refusedAnswer } from "~/http/answer.server";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import QRCode from "qrcode";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { hasRole } from "~/auth/permissions";
import { clientAddress } from "~/auth/rate-limit.server";
import { confirmTwoFactorSchema } from "~/auth/schema";
import { confirmEnrolment, enrolment, recoveryCodesLeft } from "~/auth/two-factor.server";
import { db } from "~/db.server";
import { parseFormData } from "~/kernel/form-data";
import { FormError, TextField, useValidatedForm } from "~/ui/form";
import { pageTitle } from "~/http/meta";
import { readFormData } from "~/http/read-form.server";
import { actionHeaders } from "~/http/route-headers";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["auth"] };

export const headers = actionHeaders;

export const meta: MetaFunction = (args) => pageTitle(args, "auth:twoFactor.setup.title");

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const state = await enrolment(db(), user.id, false);
  return {
    staff: hasRole(user.role, "STAFF"),
    enabled: state?.enabled ?? false,
    pending:
      state && !state.enabled
        ? { typeableKey: state.typeableKey, qr: await QRCode.toString(state.keyUri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) }
        : null,
    recoveryCodesLeft: state?.enabled ? await recoveryCodesLeft(db(), user.id) : 0,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  if (intent === "start") {
    await enrolment(db(), user.id, true);
    return { intent, started: true };
  }
  if (intent === "confirm") {
    const parsed = parseFormData(confirmTwoFactorSchema, formData);
    if (!parsed.ok) return invalidForm({ errors: parsed.errors, values: {} }, intent);
    const result = await confirmEnrolment(db(), user, parsed.data.code, clientAddress(args.request));
    if (!result.ok) return refusedAnswer(result, { intent });
    // Shown once: only their hashes are kept.
    return { intent, recoveryCodes: result.recoveryCodes };
  }
  throw new Response("Unknown form", { status: 400 });
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  const { t } = useTranslation("auth");
  const { staff } = useLoaderData<typeof loader>();
  return (
    <section className="stack" aria-labelledby="recovery-title">
      <p className="alert alert-success" role="status">
        {t("twoFactor.setup.done")}
      </p>
      <h2 id="recovery-title">{t("twoFactor.setup.recoveryTitle")}</h2>
      <p>{t("twoFactor.setup.recoveryIntro")}</p>
      <ol className="recovery-codes" dir="ltr">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <Link to={staff ? "/staff" : "/account"} className="button">
          {t("twoFactor.setup.saved")}
        </Link>
      </p>
    </section>
  );
}

function ConfirmForm() {
  const { t } = useTranslation("auth");
  const { form, onSubmit, failure } = useValidatedForm(confirmTwoFactorSchema, { defaultValues: { intent: "confirm" }, intent: "confirm" });
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="stack">
      <input type="hidden" name="intent" value="confirm" />
      <FormError failure={failure} />
      <TextField
        form={form}
        failure={failure}
        name="code"
        label={t("twoFactor.code")}
        hint={t("twoFactor.setup.confirmHint")}
        inputMode="numeric"
        autoComplete="one-time-code"
      />
      <div>
        <button type="submit" className="button">
          {t("twoFactor.setup.confirm")}
        </button>
      </div>
    </Form>
  );
}

export default function TwoFactorPage() {
  const { t } = useTranslation("auth");
  const [params] = useSearchParams();
  const { enabled, pending, recoveryCodesLeft, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const recoveryCodes = result && "recoveryCodes" in result ? result.recoveryCodes : null;
  return (
    <section className="narrow stack" aria-labelledby="two-factor-title">
      <p>
        <Link to="/account">{t("twoFactor.setup.back")}</Link>
      </p>
      <h1 id="two-factor-title">{t("twoFactor.setup.title")}</h1>
      {params.get("required") && !enabled ? (
        <p className="alert alert-info" role="status">
          {t("twoFactor.setup.required")}
        </p>
      ) : null}
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} />
      ) : enabled ? (
        <>
          <p className="alert alert-success" role="status">
            {t("twoFactor.setup.on")}
          </p>
          <p>{t("twoFactor.setup.codesLeft", { count: recoveryCodesLeft })}</p>
          <p className="muted">{staff ? t("twoFactor.setup.lostStaff") : t("twoFactor.setup.lostResident")}</p>
        </>
      ) : pending ? (
        <>
          <p>{t("twoFactor.setup.scan")}</p>
          {/* The QR code is an SVG the qrcode library drew from the otpauth address we made. */}
          <div className="two-factor-qr" role="img" aria-label={t("twoFactor.setup.qrLabel")} dangerouslySetInnerHTML={{ __html: pending.qr }} />
          <p>
            {t("twoFactor.setup.typeKey")} <code dir="ltr">{pending.typeableKey}</code>
          </p>
          <ConfirmForm />
        </>
      ) : (
        <>
          <p>{staff ? t("twoFactor.setup.introStaff") : t("twoFactor.setup.introResident")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <button type="submit" className="button">
              {t("twoFactor.setup.start")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
