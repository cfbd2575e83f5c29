import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearedSessionCookie, invalidateSession, sessionTokenFrom } from "~/auth/session.server";
import { db } from "~/db.server";

export async function action({ request }: ActionFunctionArgs) {
  const token = sessionTokenFrom(request);
  if (token) await invalidateSession(db(), token);
  return redirect("/", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export async function loader() {
  // Logging out changes state, so it is a POST (the header's button); a typed URL just goes home.
  return redirect("/");
}
