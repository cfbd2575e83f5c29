/**
 * A rendered page without zero bytes. React 18.3's streaming renderer fills a 2048-byte buffer with
 * `TextEncoder.encodeInto` and, when a multi-byte character (Cyrillic, Arabic, "€") would straddle its
 * end, flushes the whole buffer with up to three unwritten zero bytes inside the page (facebook/react#26228,
 * fixed in React 19 only): a Bulgarian error message came out as "о\0питайте". No 0x00 byte belongs in our
 * HTML — UTF-8 never uses it inside a character, and every form refuses NUL — so none is lost.
 */
export function withoutNulBytes(page: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  return page.includes(0) ? page.filter((byte) => byte !== 0) : page;
}
