// Notes, inside the page, the wall-clock moment an element appears or disappears, so a bench
// can time "state changed at t0 → the user sees it" without Playwright's polling granularity.
// Date.now() is the same clock in the bench and in Chromium on one machine.
import type { Page } from 'playwright-core';
import { z } from 'zod';

const marksSchema = z.array(z.object({ present: z.boolean(), at: z.number() }));
export type PresenceMark = z.infer<typeof marksSchema>[number];

/** Starts recording presence changes of `selector` under a global named by `key`. */
export async function watchPresence(page: Page, selector: string, key: string): Promise<void> {
  // A string, because the node tsconfig has no DOM types; the values are JSON-quoted.
  await page.evaluate(`(() => {
    const selector = ${JSON.stringify(selector)};
    const marks = [];
    window[${JSON.stringify(key)}] = marks;
    let present = document.querySelector(selector) !== null;
    new MutationObserver(() => {
      const now = document.querySelector(selector) !== null;
      if (now !== present) {
        present = now;
        marks.push({ present: now, at: Date.now() });
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
}

export async function presenceMarks(page: Page, key: string): Promise<PresenceMark[]> {
  return marksSchema.parse(await page.evaluate(`window[${JSON.stringify(key)}]`));
}

/**
 * Waits (polling every 20 ms, at most `limitMs`) for the element to become `present` at or
 * after `since`; the moment it did, or null when it did not in time.
 */
export async function waitForPresence(
  page: Page,
  key: string,
  present: boolean,
  since: number,
  limitMs: number,
): Promise<number | null> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const mark = (await presenceMarks(page, key)).find(
      (m) => m.present === present && m.at >= since,
    );
    if (mark) return mark.at;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}
