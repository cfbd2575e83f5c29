import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
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
 * Remix's memory upload handler, except that a part over `maxPartBytes` is read to its end and
 * dropped instead of throwing: throwing stops reading the body while the client is still sending
 * it, and a client that sends the whole body before reading the answer then sees a reset connection
 * instead of the 413 page. (The server has already bounded the whole body's size.)
 */
function boundedMemoryUploadHandler(maxPartBytes: number, oversized: Set<string>): UploadHandler {
  return async ({ name, filename, contentType, data }) => {
    let size = 0;
    const chunks: Uint8Array[] = [];
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= maxPartBytes) chunks.push(chunk);
    }
    if (size > maxPartBytes) {
      oversized.add(name);
      return undefined;
    }
    // The parser yields plain (never shared) buffers; TypeScript cannot know that.
    const blob = new Blob(chunks as BlobPart[], { type: contentType });
    return typeof filename === "string" ? new File([blob], filename, { type: contentType }) : await blob.text();
  };
}

/**
 * A form that may carry a file: multipart with each part held in memory up to `maxPartBytes`, or a
 * plain form. "too-large" when a part is larger, answered only once the whole body has been read.
 */
export async function readUploadForm(request: Request, maxPartBytes: number): Promise<FormData | "too-large"> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return readFormData(request);
  const oversized = new Set<string>();
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, boundedMemoryUploadHandler(maxPartBytes, oversized));
  } catch {
    throw unreadable();
  }
  return oversized.size ? "too-large" : cleanFormData(formData);
}
