import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/http/nul-bytes.server";

describe("a rendered page without React 18's stray zero bytes", () => {
  it("drops the zero bytes a flushed buffer carries and keeps every character whole, across chunks", async () => {
    const text = "Този текст съдържа невидими управляващи знаци. و ادفع €5";
    const bytes = Buffer.from(text);
    // Split in the middle of a two-byte Cyrillic letter, with zero padding after the first part, as React flushes it.
    const chunks = [Buffer.concat([bytes.subarray(0, 7), Buffer.alloc(3)]), bytes.subarray(7, 40), Buffer.from([0]), bytes.subarray(40)];
    const out = await buffer(Readable.from(chunks).pipe(withoutNulBytes()));
    expect(out.toString("utf8")).toBe(text);
  });

  it("passes a chunk without zero bytes through untouched", async () => {
    const chunk = Buffer.from("<p>Bonjour</p>");
    const out = await buffer(Readable.from([chunk]).pipe(withoutNulBytes()));
    expect(out.equals(chunk)).toBe(true);
  });
});
