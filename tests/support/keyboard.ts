import type { Page } from "playwright-core";
import { expect } from "vitest";

/** What has the keyboard focus, and whether it is drawn (an outline or a ring of box-shadow). */
export function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { name: "(nothing)", visible: false };
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${element.getAttribute("name") ? `[name=${element.getAttribute("name")}]` : ""} “${(element.textContent ?? "").trim().slice(0, 40)}”`;
    return { name, visible: outlined || style.boxShadow !== "none" };
  });
}

/** Fails unless the element with the focus shows it. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const now = await focused(page);
  expect(now.visible, `no visible focus on ${now.name}`).toBe(true);
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focus is on an element matching `selector`
 * (and showing `withText`, when given), checking at every stop that the focus is visible. Fails
 * after `limit` presses.
 */
export async function tabTo(page: Page, selector: string, { backwards = false, limit = 120, withText = "" } = {}): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    await expectVisibleFocus(page);
    const reached = await page.evaluate(
      ([wanted, text]) => !!document.activeElement?.matches(wanted) && (document.activeElement.textContent ?? "").includes(text),
      [selector, withText] as const,
    );
    if (reached) return;
  }
  throw new Error(`Tab never reached ${selector} ${withText}`);
}

/** The focused field's error, as a screen reader finds it: aria-invalid, and the text its aria-describedby points at. */
export function fieldError(page: Page, selector: string) {
  return page.evaluate((wanted) => {
    const field = document.querySelector(wanted);
    if (!field) return null;
    const described = (field.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter((element) => element?.classList.contains("field-error"))
      .map((element) => element!.textContent);
    return { invalid: field.getAttribute("aria-invalid") === "true", message: described.join(" ") };
  }, selector);
}
