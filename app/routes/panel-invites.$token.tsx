import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { db } from "~/db.server";
import { acceptPanelInvite, checkPanelInvite } from "~/panel/panel.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["panel"] };

export const meta: MetaFunction = (args) => pageTitle(args, "panel:invite.title");

// Joining needs an account: requireUser sends visitors to log in (or register) and back here.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const check = await checkPanelInvite(db(), user, args.params.token ?? "");
  return data({ problem: check.ok ? null : check.problem }, { status: check.ok ? 200 : check.status });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const result = await acceptPanelInvite(db(), user, args.params.token ?? "");
  if (!result.ok) return data({ problem: result.problem }, { status: result.status });
  return redirect(`/panel/${result.roundId}`);
}

export default function PanelInvitePage() {
  const { t } = useTranslation("panel");
  const answer = useActionData<typeof action>();
  const page = useLoaderData<typeof loader>();
  const problem = answer ? answer.problem : page.problem;
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.title")}</h1>
      {!problem ? (
        <>
          <p>{t("invite.intro")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("invite.accept")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t(`invite.${problem}`)}</p>
      )}
    </section>
  );
}
