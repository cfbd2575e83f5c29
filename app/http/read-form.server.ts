import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { cleanFormData } from "~/kernel/form-data";

const unreadable = () => new Response("The form could not be read", { status: 400 });

/**
 * The posted form with its text cleaned (cleanFormData: control characters refused, CRLF → LF), or
 * a 400 answer when the body cannot be read as one (broken multipart, a body that does not match its
 * Content-Type). The server already refuses other content types (415). Every action reads its form
 * through this or readUploadForm.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw unreadable();
  }
  return cleanFormData(formData);
}

/**
 * A form that may carry a file: multipart with each part held in memory up to `maxPartBytes`, or a
 * plain form. "too-large" when a part is larger (the server reads the rest of the body before the
 * answer goes out, so a client still sending it sees the 413 page).
 */
export async function readUploadForm(request: Request, maxPartBytes: number): Promise<FormData | "too-large"> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return readFormData(request);
  try {
    return cleanFormData(await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxPartBytes })));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    throw unreadable();
  }
}
