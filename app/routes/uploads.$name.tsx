import type { LoaderFunctionArgs } from "@remix-run/node";
import { currentUser } from "~/auth/guard.server";
import { can } from "~/auth/permissions";
import { db } from "~/db.server";
import { notFound, notFoundUnless } from "~/http/answer.server";
import { proposalPhotoState } from "~/moderation/hidden.server";
import { uploadStore } from "~/uploads/store.server";
import { revocableUploadHeaders, uploadHeaders, uploadValidator } from "~/uploads/upload";

/**
 * Serves a stored upload by its random name, with headers that keep it from running as a page. A photo
 * of a proposal hidden by moderation is unknown (404) to everyone but staff who moderate (decision
 * 0036); a proposal's photos are revalidated on every use, so no cache serves one past its hiding.
 */
export async function loader(args: LoaderFunctionArgs) {
  const name = args.params.name ?? "";
  const photo = await proposalPhotoState(db(), name);
  const staffOnly = photo === "hidden";
  if (staffOnly && !can(await currentUser(args), "moderation:manage")) throw notFound();
  if (photo === "shown" && args.request.headers.get("If-None-Match") === uploadValidator(name)) {
    return new Response(null, { status: 304, headers: { ETag: uploadValidator(name), ...revocableUploadHeaders(false) } });
  }
  const upload = notFoundUnless(await uploadStore(db()).read(name));
  const headers = new Headers(uploadHeaders(upload.type, upload.bytes.byteLength));
  if (photo) {
    for (const [header, value] of Object.entries(revocableUploadHeaders(staffOnly))) headers.set(header, value);
    if (!staffOnly) headers.set("ETag", uploadValidator(name));
  }
  return new Response(upload.bytes, { headers });
}
