/**
 * Our ids (cuid, about 25 characters) are well under this. A longer id from a URL or a form names
 * nothing, so it is answered as unknown before any query is made with it.
 */
export const MAX_ID_LENGTH = 50;

export function isPlausibleId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_ID_LENGTH;
}

/** The id a form posted under `name`, or "" (which names nothing) when it is missing or too long. */
export function postedId(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" && isPlausibleId(value) ? value : "";
}
