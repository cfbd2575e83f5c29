import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { notFoundUnless } from "~/http/answer.server";
import { uploadStore } from "~/uploads/store.server";
import { uploadHeaders } from "~/uploads/upload";

/** Serves a stored upload by its random name, with headers that keep it from running as a page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const upload = notFoundUnless(await uploadStore(db()).read(params.name ?? ""));
  return new Response(upload.bytes, { headers: uploadHeaders(upload.type, upload.bytes.byteLength) });
}
