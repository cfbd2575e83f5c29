import { readUploadForm } from "~/http/read-form.server";
import { MAX_BOUNDARY_CHARS } from "./schema";

/**
 * The neighbourhood form as posted, its boundary taken from the uploaded GeoJSON file when one was
 * chosen (without JavaScript the file is how an outline arrives; with it, the page has already copied
 * the file into the text field). "too-large" for a file larger than any boundary.
 */
export async function readNeighbourhoodForm(request: Request): Promise<FormData | "too-large"> {
  const formData = await readUploadForm(request, MAX_BOUNDARY_CHARS * 4);
  if (formData === "too-large") return formData;
  const file = formData.get("boundaryFile");
  formData.delete("boundaryFile");
  if (file instanceof Blob && file.size > 0) {
    if (file.size > MAX_BOUNDARY_CHARS * 4) return "too-large";
    formData.set("boundary", await file.text());
  }
  return formData;
}
