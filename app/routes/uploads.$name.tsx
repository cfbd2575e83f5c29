import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFoundUnless } from "~/http/answer.server";
import { readUpload, uploadHeaders } from "~/uploads/store.server";

/** Serves a stored upload by its random name, with headers that keep it from running as a page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const upload = notFoundUnless(await readUpload(params.name ?? ""));
  return new Response(new Uint8Array(upload.bytes), { headers: uploadHeaders(upload.type, upload.bytes.byteLength) });
}
