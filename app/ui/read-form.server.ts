/**
 * The posted form, or a 400 answer when the body cannot be read as one (broken multipart, a body
 * that does not match its Content-Type). The server already refuses other content types (415).
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read", { status: 400 });
  }
}
