import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/http/nul-bytes.server";
import { wholePage } from "~/http/whole-page.server";

describe("a rendered page without React 18's stray zero bytes", () => {
  it("drops the zero bytes a flushed buffer carries and keeps every character whole, across chunks", async () => {
    const text = "Този текст съдържа невидими управляващи знаци. و ادفع €5";
    const bytes = Buffer.from(text);
    // Split in the middle of a two-byte Cyrillic letter, with zero padding after the first part, as React flushes it.
    const chunks = [Buffer.concat([bytes.subarray(0, 7), Buffer.alloc(3)]), bytes.subarray(7, 40), Buffer.from([0]), bytes.subarray(40)];
    const { destination, page } = wholePage();
    for (const chunk of chunks) destination.write(chunk);
    destination.end();
    expect(Buffer.from(await page).toString("utf8")).toBe(text);
  });

  it("passes a page without zero bytes through untouched", () => {
    const page = new Uint8Array(Buffer.from("<p>Bonjour</p>"));
    expect(withoutNulBytes(page)).toBe(page);
  });

  it("gives no page when the render stops before its end", async () => {
    const { destination, page } = wholePage();
    destination.write(Buffer.from("<html><body>"));
    destination.destroy(new Error("aborted"));
    await expect(page).rejects.toThrow("aborted");
  });
});
