import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { readFormData } from "~/http/read-form.server";
import { saveLocale } from "~/auth/accounts.server";
import { currentUser, safeRedirectPath } from "~/auth/guard.server";
import { db } from "~/db.server";
import { isLocale } from "~/i18n/config";
import { cookieForLocale } from "~/auth/locale.server";

/** The language switcher posts here (a plain form, so it works without JavaScript). */
export async function action(args: ActionFunctionArgs) {
  const formData = await readFormData(args.request);
  const locale = formData.get("locale");
  const back = safeRedirectPath(formData.get("redirectTo"));
  if (!isLocale(locale)) throw new Response("Unknown language", { status: 400 });
  const user = await currentUser(args);
  if (user) await saveLocale(db(), user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": cookieForLocale(locale) } });
}

export async function loader() {
  return redirect("/");
}
