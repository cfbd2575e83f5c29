import { directionOf } from "~/i18n/config";
import { fixedT, localeFromHeaders } from "~/i18n/i18n.server";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

export type PlainErrorKind = "tooLarge" | "lengthRequired" | "badOrigin" | "badHost" | "unsupportedType" | "notFound";

/**
 * A small page for requests the server refuses before the app sees them (a body over the limit, a
 * form posted from another site), in the language the request's cookie or browser asks for.
 */
export async function plainErrorPage(request: Request, kind: PlainErrorKind): Promise<{ html: string; locale: string }> {
  const locale = localeFromHeaders(request);
  const t = await fixedT(locale, "errors");
  // A path that can name nothing of ours gets the app's own "not found" text.
  const keys = kind === "notFound" ? "notFound" : `plainError.${kind}`;
  const title = escapeHtml(t(`${keys}.title`));
  const body = escapeHtml(t(`${keys}.body`));
  const back = escapeHtml(t("plainError.back"));
  const html = `<!DOCTYPE html><html lang="${locale}" dir="${directionOf(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}a{color:#0b5394}</style></head><body><main><h1>${title}</h1><p>${body}</p><p><a href="/">${back}</a></p></main></body></html>`;
  return { html, locale };
}
