// Right-to-left in Chromium (issue #18): an Arabic page lays itself out right to left, a Dutch panel
// rationale inside it is isolated and keeps its full stop at the end of the Dutch words (on their
// right, not flung to the left as the bidi algorithm does with an unisolated neutral), and keyboard
// focus shows on the right-hand side where the page starts.
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/db.server";
import { FSI, PDI } from "~/kernel/text";
import { browserTests } from "../support/browser";
import { aProposal, aRound, aUser } from "../support/builders";
import { translation } from "../support/locales";

const app = browserTests();
const RATIONALE = "Goed plan voor de buurt.";
let proposalId: string;

beforeAll(async () => {
  const db = createPrismaClient(app.server.databaseUrl);
  const round = await aRound(db, { phase: "VOTING" });
  const author = await aUser(db);
  proposalId = (await aProposal(db, { round, author, title: "Bankjes in het park", status: "SHORTLISTED", panelRationale: RATIONALE })).id;
  await db.$disconnect();
});

/** Where the Dutch text's characters are drawn, and how it is isolated from the Arabic around it. */
type Rendering = {
  /** The computed unicode-bidi of the element holding the text. */
  unicodeBidi: string;
  /** Whether the text node wraps the text in FSI…PDI. */
  inIsolates: boolean;
  /** The left and right edges of the first letter, the last letter and the full stop. */
  first: { left: number; right: number };
  last: { left: number; right: number };
  stop: { left: number; right: number };
  /** Whether the three sit on one line (same top). */
  oneLine: boolean;
};

describe("an Arabic page", () => {
  it("is right to left and keeps a Dutch rationale's full stop at the right-hand end of the Dutch run", async () => {
    const { page, errors } = await app.page({ locale: "ar" });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`/proposals/${proposalId}`);
    await page.getByText(translation("ar", "panel:decision.shortlistedBy")).waitFor();

    const root = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
    }));
    expect(root).toEqual({ lang: "ar", dir: "rtl", direction: "rtl" });

    const rendering = await page.evaluate(
      ({ text, fsi, pdi }): Rendering | null => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const data = node.textContent ?? "";
          const start = data.indexOf(text);
          if (start < 0) continue;
          const box = (offset: number) => {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            const { left, right, top } = range.getBoundingClientRect();
            return { left, right, top };
          };
          const first = box(start);
          const last = box(start + text.length - 2);
          const stop = box(start + text.length - 1);
          return {
            unicodeBidi: getComputedStyle(node.parentElement!).unicodeBidi,
            inIsolates: data.slice(0, start).endsWith(fsi) && data.slice(start + text.length).startsWith(pdi),
            first: { left: first.left, right: first.right },
            last: { left: last.left, right: last.right },
            stop: { left: stop.left, right: stop.right },
            oneLine: first.top === last.top && last.top === stop.top,
          };
        }
        return null;
      },
      { text: RATIONALE, fsi: FSI, pdi: PDI },
    );
    expect(rendering, `"${RATIONALE}" is on the page`).not.toBeNull();
    const { unicodeBidi, inIsolates, first, last, stop, oneLine } = rendering!;
    // Isolated: a <bdi> or dir="auto" (unicode-bidi: isolate) or FSI…PDI in the text itself.
    expect(unicodeBidi === "isolate" || unicodeBidi === "plaintext" || inIsolates, `isolated (unicode-bidi: ${unicodeBidi})`).toBe(true);
    expect(oneLine).toBe(true);
    // The Dutch run reads left to right: its first letter left of its last one…
    expect(first.right).toBeLessThanOrEqual(last.left);
    // …and the full stop follows the last letter on its right, not before the first on its left.
    expect(stop.left, "the full stop is right of the last letter").toBeGreaterThanOrEqual(last.right - 0.5);
    expect(stop.left).toBeLessThan(last.right + 8);
    expect(errors).toEqual([]);
  });

  it("shows keyboard focus, on the right-hand side where the page starts", async () => {
    const { page, errors } = await app.page({ locale: "ar" });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`/proposals/${proposalId}`);
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      const { left, right, width } = element.getBoundingClientRect();
      return {
        text: element.textContent?.trim(),
        focusVisible: element.matches(":focus-visible"),
        outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth) },
        left,
        right,
        width,
        viewport: document.documentElement.clientWidth,
      };
    });
    expect(focused.text).toBe(translation("ar", "layout.skipToContent"));
    expect(focused.focusVisible).toBe(true);
    expect(focused.outline.style).not.toBe("none");
    expect(focused.outline.width).toBeGreaterThanOrEqual(2);
    // Shown on screen, at the start of the line: the right in Arabic.
    expect(focused.width).toBeGreaterThan(0);
    expect(focused.left).toBeGreaterThan(focused.viewport / 2);
    expect(focused.right).toBeLessThanOrEqual(focused.viewport);
    expect(errors).toEqual([]);
  });
});
