import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// Cancel links mailed before RSVPs needed confirming: their token now opens the one page of an
// emailed RSVP link, which confirms and cancels (with buttons: opening a link changes nothing).
export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/events/rsvp/${encodeURIComponent(params.token ?? "")}`, 301);
}
