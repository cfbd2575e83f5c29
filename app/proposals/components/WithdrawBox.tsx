import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * Its carriers withdraw a proposal, after ticking that they mean it. `error`: the message key when that tick
 * was missing.
 */
export function WithdrawBox({ error }: { error?: string }) {
  const { t } = useTranslation("proposals");
  return (
    <section className="card" aria-labelledby="withdraw-title">
      <h2 id="withdraw-title">{t("withdraw.title")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="withdraw" />
        <div className={`field field-checkbox${error ? " field-invalid" : ""}`}>
          <input type="checkbox" id="field-withdraw-confirm" name="confirm" value="yes" aria-describedby={error ? "withdraw-error" : undefined} />
          <label htmlFor="field-withdraw-confirm">{t("withdraw.confirm")}</label>
          {error ? (
            <p className="field-error" id="withdraw-error">
              {t(error, { ns: ["proposals", "common"] })}
            </p>
          ) : null}
        </div>
        <div>
          <button type="submit" className="button button-warning">
            {t("withdraw.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}
