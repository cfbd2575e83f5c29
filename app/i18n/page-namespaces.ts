import { EVERY_PAGE_NAMESPACES, NAMESPACES, type Namespace } from "./config";

/**
 * What a route module exports as `handle`: the namespaces its page uses besides every page's
 * (decision 0018). Only these reach the browser.
 */
export interface I18nHandle {
  i18n: readonly Namespace[];
}

/** The namespaces a page needs, from the handles of the routes that render it; in NAMESPACES order. */
export function pageNamespaces(handles: readonly unknown[]): Namespace[] {
  const wanted = new Set<string>(EVERY_PAGE_NAMESPACES);
  for (const handle of handles) {
    const declared = (handle as Partial<I18nHandle> | null | undefined)?.i18n;
    if (Array.isArray(declared)) for (const namespace of declared) wanted.add(namespace);
  }
  return NAMESPACES.filter((namespace) => wanted.has(namespace));
}
