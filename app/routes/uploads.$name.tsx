import type { LoaderFunctionArgs } from "@remix-run/node";
import { readUpload, uploadHeaders } from "~/uploads/store.server";

/** Serves a stored upload by its random name, with headers that keep it from running as a page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const upload = await readUpload(params.name ?? "");
  if (!upload) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(upload.bytes), { headers: uploadHeaders(upload.type, upload.bytes.byteLength) });
}
