import { createContext, useContext } from "react";

/** The id of the script that carries a document's translations (decision 0046). */
export const PAGE_TRANSLATIONS_ID = "i18n-resources";

/**
 * The page's translations as the text of a JSON script: made once per language and set of namespaces on the
 * server (entry.server), and read back from the document in the browser (entry.client), so that hydration
 * renders the same script.
 */
const PageTranslationsContext = createContext<string>("");
export const PageTranslationsProvider = PageTranslationsContext.Provider;

/**
 * A document's translations, in a script of their own instead of inside Remix's encoded data: the text is
 * prepared once and written as it is, where encoding the same object for every page cost a sixth of a
 * rendered page's time. Client-side navigations still bring the next page's namespaces in the root's data.
 */
export function PageTranslationsScript() {
  const text = useContext(PageTranslationsContext);
  return <script id={PAGE_TRANSLATIONS_ID} type="application/json" dangerouslySetInnerHTML={{ __html: text }} />;
}
