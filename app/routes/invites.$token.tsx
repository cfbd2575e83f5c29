import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guard.server";
import { hashToken } from "~/auth/tokens.server";
import { db } from "~/db.server";
import { acceptInvite } from "~/proposals/proposals.server";
import { pageTitle } from "~/ui/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "proposals:invite.title");

const usable = (token: string | undefined): token is string => !!token && token.length <= 100;

// Accepting needs an account: requireUser sends visitors to log in (or register) and back here.
export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  const token = args.params.token;
  const invite = usable(token) ? await db().proposalInvite.findUnique({ where: { id: hashToken(token) } }) : null;
  const valid = !!invite && !invite.acceptedAt;
  return data({ valid }, { status: valid ? 200 : 410 });
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const proposalId = usable(args.params.token) ? await acceptInvite(db(), user, args.params.token) : null;
  if (!proposalId) return data({ valid: false }, { status: 410 });
  return redirect(`/proposals/${proposalId}`);
}

export default function InvitePage() {
  const { t } = useTranslation("proposals");
  const { valid } = useLoaderData<typeof loader>();
  return (
    <section className="narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t("invite.title")}</h1>
      {valid ? (
        <>
          <p>{t("invite.intro")}</p>
          <Form method="post">
            <button type="submit" className="button">
              {t("invite.accept")}
            </button>
          </Form>
        </>
      ) : (
        <p>{t("invite.invalid")}</p>
      )}
    </section>
  );
}
