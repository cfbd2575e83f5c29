import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guard.server";
import { db } from "~/db.server";
import { acceptInvite, checkInvite } from "~/proposals/proposals.server";
import { pageTitle } from "~/http/meta";
import type { I18nHandle } from "~/i18n/page-namespaces";

export const handle: I18nHandle = { i18n: ["proposals"] };

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:invite.title");

// Accepting needs an account that may post: visitors are sent to log in (or register) and back here; a blocked account is told why not.
export async function loader(args: LoaderFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const check = await checkInvite(db(), user, args.params.token ?? "");
  return data({ problem: check.ok ? null : check.problem }, { status: check.ok ? 200 : check.status });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requirePermission(args, "proposal:create");
  const result = await acceptInvite(db(), user, args.params.token ?? "");
  if (!result.ok) return data({ problem: result.problem }, { status: result.status });
  return redirect(`/proposals/${result.proposalId}`);
}

export default function InvitePage() {
  const { t } = useTranslation("proposals");
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
        <p>{t(problem === "otherEmail" ? "invite.otherEmail" : "invite.invalid")}</p>
      )}
    </section>
  );
}
