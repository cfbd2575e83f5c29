/** Any path no route claims: the root error boundary renders the 404 page in the user's language. */
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export async function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
