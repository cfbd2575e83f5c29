import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { db } from "~/db.server";
import { pageTitle } from "~/http/meta";
import { receiptCounted } from "~/voting/voting.server";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["voting"] };

export const meta: MetaFunction = (args) => pageTitle(args, "voting:receipt.title");

/** Anyone may check a receipt: it says that a ballot is stored, never what is on it. */
export async function loader(args: LoaderFunctionArgs) {
  const typed = (new URL(args.request.url).searchParams.get("receipt") ?? "").trim();
  if (!typed) return { typed: "", counted: null, roundId: null };
  if (typed.length > 40) return { typed: typed.slice(0, 40), counted: false, roundId: null };
  const found = await receiptCounted(db(), typed);
  return { typed, counted: !!found, roundId: found?.roundId ?? null };
}

export default function ReceiptPage() {
  const { t } = useTranslation("voting");
  const { typed, counted, roundId } = useLoaderData<typeof loader>();
  return (
    <section className="narrow stack" aria-labelledby="receipt-title">
      <h1 id="receipt-title">{t("receipt.title")}</h1>
      <p>{t("receipt.intro")}</p>
      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="field-receipt">{t("receipt.label")}</label>
          <input id="field-receipt" name="receipt" defaultValue={typed} autoComplete="off" spellCheck={false} maxLength={40} className="code-input" />
        </div>
        <div>
          <button type="submit" className="button">
            {t("receipt.check")}
          </button>
        </div>
      </Form>
      {counted === true ? (
        <p className="alert alert-success" role="status">
          {t("receipt.counted")} {roundId ? <Link to={`/rounds/${roundId}`}>{t("receipt.round")}</Link> : null}
        </p>
      ) : counted === false ? (
        <p className="alert alert-error" role="status">
          {t("receipt.notFound")}
        </p>
      ) : null}
    </section>
  );
}
