import { notFound } from "~/http/answer.server";

/** Any path no route claims: the root error boundary renders the 404 page in the user's language. */
export async function loader() {
  throw notFound();
}

export async function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
