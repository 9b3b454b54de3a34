/* global window, document -- these run inside the page (page.evaluate) */
// Drives the Gantt in Debian chromium and reports the draw time per frame (performance.now inside the page)
// in three phases: panning the whole plan (zoom to fit), panning a zoomed-in day, scrolling the machine rows.
// Usage: node scripts/bench-gantt.mjs '<service url with ?token=…>' [operations=10000] [out.png]
// With operations > 0 the page shows a seeded synthetic plan (?ganttBench=N); 0 uses the active plan.
import { chromium } from 'playwright-core';

const [base, operationsArg = '10000', out] = process.argv.slice(2);
if (!base) throw new Error('usage: node scripts/bench-gantt.mjs <url> [operations] [out.png]');
const operations = Number(operationsArg);
const url = new URL(base);
if (operations > 0) url.searchParams.set('ganttBench', String(operations));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
page.on('pageerror', (e) => console.log('[pageerror]', e.message));
await page.goto(url.href);
await page.waitForFunction(
  (n) => {
    const el = document.querySelector('[data-testid=gantt]');
    return Number(el?.dataset.barsDrawn) > 0 && (n === 0 || el?.dataset.planId.startsWith('bench-'));
  },
  operations,
  { timeout: 60_000 },
);
const box = await page.locator('[data-testid=gantt-canvas]').boundingBox();
const cx = box.x + box.width * 0.6;
const cy = box.y + box.height * 0.5;
const pause = () => page.waitForTimeout(20);

/** Runs one phase and returns the page's draw statistics for it. */
async function phase(name, act) {
  await page.evaluate(() => window.__twinGantt.resetStats());
  const t0 = Date.now();
  await act();
  const elapsedS = (Date.now() - t0) / 1000;
  const s = await page.evaluate(() => window.__twinGantt.stats());
  return {
    phase: name,
    frames: s.frames,
    fps: Number((s.frames / elapsedS).toFixed(1)),
    drawMsMean: Number(s.meanMs.toFixed(2)),
    drawMsP95: Number(s.p95Ms.toFixed(2)),
    drawMsMax: Number(s.maxMs.toFixed(2)),
    barsDrawn: s.barsDrawn,
  };
}

async function drag(dx, dy, steps) {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(cx + (dx * i) / steps, cy + (dy * i) / steps);
    await pause();
  }
  await page.mouse.up();
}

const results = [];
await page.click('[data-testid=gantt-fit]');
results.push(await phase('pan whole plan', () => drag(-300, 0, 60)));
await page.click('[data-testid=gantt-fit]');
results.push(
  await phase('zoom in to ~1 day', async () => {
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, -120);
      await pause();
    }
  }),
);
results.push(await phase('pan zoomed in', () => drag(-400, 0, 60)));
results.push(
  await phase('scroll rows', async () => {
    await page.keyboard.down('Shift');
    for (let i = 0; i < 40; i++) {
      await page.mouse.wheel(0, 120);
      await pause();
    }
    await page.keyboard.up('Shift');
  }),
);
const attrs = await page.evaluate(() => ({ ...document.querySelector('[data-testid=gantt]').dataset }));
console.log(JSON.stringify({ operations, planId: attrs.planId, results }, null, 1));
if (out) await page.screenshot({ path: out });
await browser.close();
