// What the viewer's end-to-end tests do with the page as a user would: aim the camera at a line, reschedule
// from the planner tools, read the visible text.
import type { Page } from 'playwright-core';
import { poll } from './viewer-browser.js';
import type { TwinWindow } from './viewer-page.js';

/** Chinese characters (the CJK unified ideographs block). */
export const CJK = /[\u4e00-\u9fff]/;

export interface OnScreen {
  id: string;
  /** Page CSS pixels of the machine's top centre. */
  at: { x: number; y: number };
}

/**
 * Clicks the line's camera preset and waits until the camera has glided there (the machines stand still,
 * somewhere else than before). Returns the line's machines well inside the scene, nearest the camera (lowest on
 * the screen) first: nothing stands in front of those.
 */
export async function aimCameraAtLine(page: Page, line: string, machines: string[]): Promise<OnScreen[]> {
  const positions = () =>
    page.evaluate(
      (ids) => ids.map((id) => (globalThis as unknown as TwinWindow).__twinScene?.machineScreenPosition(id)),
      machines,
    );
  const before = JSON.stringify(await positions());
  await page.getByTestId(`camera-preset-${line}`).click();
  let previous = before;
  const settled = await poll(
    `the camera aimed at line ${line}`,
    async () => {
      const now = await positions();
      const text = JSON.stringify(now);
      const still = text === previous && text !== before;
      previous = text;
      return { now, still };
    },
    (r) => r.still,
    15_000,
    300,
  );
  const box = (await page.getByTestId('scene').boundingBox())!;
  // Margins: the camera buttons run along the top of the scene.
  const inside = ({ x, y }: { x: number; y: number }) =>
    x > box.x + 20 && x < box.x + box.width - 20 && y > box.y + 60 && y < box.y + box.height - 20;
  return machines
    .map((id, i) => ({ id, at: settled.now[i] }))
    .filter((m): m is OnScreen => m.at !== undefined && inside(m.at))
    .sort((a, b) => b.at.y - a.at.y);
}

/** Reschedule from the planner tab with a 1 s budget; returns the new plan's id once its result is shown. */
export async function rescheduleFromPanel(page: Page): Promise<string> {
  await page.getByTestId('tab-planner').click();
  await page.locator('input[name=timeBudgetS]').fill('1');
  await page.getByTestId('reschedule').click();
  const { plan, status } = await poll(
    'the plan of the reschedule',
    async () => ({
      plan: await page
        .getByTestId('plan-result')
        .getAttribute('data-plan', { timeout: 100 })
        .catch(() => null),
      status: await page.getByTestId('reschedule-status').getAttribute('data-status'),
    }),
    (r) => r.plan !== null || r.status === 'failed',
    90_000,
    500,
  );
  if (plan === null) throw new Error(`the reschedule job ended ${status} without a plan`);
  return plan;
}

/** The page's visible text, line by line, trimmed. */
export async function visibleLines(page: Page): Promise<Set<string>> {
  const text = await page.locator('body').innerText();
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
}
