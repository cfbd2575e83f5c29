import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { db } from "~/db.server";
import { acceptPanelInvite, checkPanelInvite } from "~/panel/panel.server";
import { pageTitle } from "~/http/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "panel:invite.title");

const usable = (token: string | undefined): token is string => !!token && token.length <= 100;
const statusOf = (reason: string) => (reason === "otherEmail" ? 403 : 410);

// Joining needs an account: requireUser sends visitors to log in (or register) and back here.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  const check = usable(args.params.token) ? await checkPanelInvite(db(), user, args.params.token) : ({ ok: false, reason: "invalid" } as const);
  return data({ problem: check.ok ? null : check.reason }, { status: check.ok ? 200 : statusOf(check.reason) });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const result = usable(args.params.token) ? await acceptPanelInvite(db(), user, args.params.token) : ({ ok: false, reason: "invalid" } as const);
  if (!result.ok) return data({ problem: result.reason }, { status: statusOf(result.reason) });
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
