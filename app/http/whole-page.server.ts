import { Writable } from "node:stream";
import { withoutNulBytes } from "~/http/nul-bytes.server";

/**
 * Where React's `pipe()` writes a page that is sent in one piece (decision 0047): `destination` keeps
 * every chunk, and `page` is the whole page, without React's stray zero bytes, once React has ended it.
 */
export function wholePage(): { destination: Writable; page: Promise<Uint8Array<ArrayBuffer>> } {
  const chunks: Buffer[] = [];
  let destination!: Writable;
  const page = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        // Buffer.concat always allocates a plain ArrayBuffer (never a shared one).
        resolve(withoutNulBytes(Buffer.concat(chunks) as Uint8Array<ArrayBuffer>));
        done();
      },
      destroy(error, done) {
        reject(error ?? new Error("The page was not rendered to its end"));
        done(error);
      },
    });
  });
  // A render that fails rejects `page`, which the caller awaits: the stream's own error event adds nothing.
  destination.on("error", () => {});
  return { destination, page };
}
