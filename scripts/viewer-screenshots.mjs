// Screenshots of the viewer for the docs: starts the built service (dist/, embedded plant) on free ports, makes
// and dispatches a plan, and photographs the page in Debian's chromium (software WebGL) at 1400×900:
//   docs/viewer-live.png                 the plant running, the dispatched plan in the Gantt
//   docs/viewer-machine.png              a machine's side panel, opened by a click in 3D
//   docs/viewer-zh.png                   the page in Simplified Chinese
//   docs/viewer-whatif.png               a what-if (machine down) compared with the baseline
//   docs/viewer-bench-2000x10000.png     the synthetic 2,000-machine, 10,000-WIP plant (?bench=2000x10000)
// Usage: npm run build && npm run build:viewer && node scripts/viewer-screenshots.mjs [--out docs]
/* global window, document */ // inside page.evaluate and waitForFunction callbacks, which run in the page
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir = path.resolve(root, outIndex >= 0 ? args[outIndex + 1] : 'docs');
const viewerDir = path.join(root, 'dist', 'viewer');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const VIEWPORT = { width: 1400, height: 900 };
/** Twenty plant minutes per second: the plant fills up and the plan's operations advance while we wait. */
const SPEED = 1200;
const OPERATOR = 'screenshots-operator-token-41c7d9';

for (const [file, fix] of [
  [path.join(viewerDir, 'index.html'), 'npm run build:viewer'],
  [path.join(root, 'dist', 'connectors', 'main.js'), 'npm run build'],
  [CHROMIUM, 'install chromium (sudo bash scripts/test-servers.sh install) or set CHROMIUM_PATH'],
]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: ${fix}`);
    process.exit(1);
  }
}
const { resolveConfig } = await import('../dist/connectors/config.js');
const { startService } = await import('../dist/connectors/main.js');

/** A port nobody listens on now (the OPC UA server needs a number up front). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function api(base, route, method = 'GET', body) {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${OPERATOR}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Reschedule, validate if the service did not already, dispatch; returns the plan's id. */
async function dispatchAPlan(base) {
  const job = await api(base, '/api/schedules', 'POST', { objective: 'tardiness', timeBudgetS: 2 });
  const deadline = Date.now() + 120_000;
  let view = await api(base, `/api/schedules/${job.id}`);
  while (view.status === 'queued' || view.status === 'running') {
    if (Date.now() > deadline) throw new Error(`schedule job ${job.id} still ${view.status} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    view = await api(base, `/api/schedules/${job.id}`);
  }
  if (!view.plan)
    throw new Error(`schedule job ${job.id} ended ${view.status}: ${JSON.stringify(view.error)}`);
  const id = view.plan.id;
  if (view.plan.status === 'draft') await api(base, `/api/plans/${id}/validate`, 'POST');
  const sent = await api(base, `/api/plans/${id}/dispatch`, 'POST');
  console.log(`plan ${id}: ${sent.status}, ${sent.machines.length} machines`);
  return id;
}

async function shoot(page, name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(root, file)}`);
}

/** Clicks the machine nearest the camera (lowest on the screen, so nothing hides it); returns its id. */
async function clickNearestMachine(page) {
  const target = await page.evaluate(() => {
    const s = window.__twinStore.getState();
    const box = document.querySelector('[data-testid=scene]').getBoundingClientRect();
    return s.layout.machines
      .map((m) => ({ id: m.id, at: window.__twinScene.machineScreenPosition(m.id) }))
      .filter((m) => m.at && m.at.x > box.left + 20 && m.at.x < box.right - 20 && m.at.y < box.bottom - 20)
      .sort((a, b) => b.at.y - a.at.y)[0];
  });
  await page.mouse.click(target.at.x, target.at.y + 4);
  await page.waitForFunction((id) => window.__twinStore.getState().selection.machine === id, target.id);
  return target.id;
}

const pkiDir = await mkdtemp(path.join(tmpdir(), 'shopfloor-twin-screenshots-'));
const config = resolveConfig(
  {
    http: { port: 0 },
    auth: { tokens: [{ role: 'operator', token: OPERATOR, name: 'screenshots' }] },
    plant: { options: { speed: SPEED, opcua: { port: await freePort(), pkiDir } } },
    // Finished jobs expire by the plant's clock: keep them for the page's polling.
    limits: { jobTtlS: 1e9 },
    viewer: { dir: viewerDir },
    log: { level: 'warn' },
    state: { file: null },
  },
  {},
);
const service = await startService(config, pino({ level: 'warn' }));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--no-sandbox'],
});
const errors = [];
let failed = false;
try {
  console.log(`service at ${service.url}`);
  const planId = await dispatchAPlan(service.url);
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`uncaught ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console ${m.text()}`));
  await page.goto(`${service.url}/?token=${OPERATOR}`);
  await page.waitForFunction(
    (id) => document.querySelector('[data-testid=gantt]')?.dataset.planId === id,
    planId,
    { timeout: 60_000 },
  );
  await page.getByTestId('gantt-fit').click();
  // KPI trends need a few of the 2 s KPI messages, and the plant a few hours to fill up.
  await page.waitForTimeout(15_000);
  await shoot(page, 'viewer-live.png');

  const machine = await clickNearestMachine(page);
  // Away from the machine: its hover label would cover it.
  await page.mouse.move(700, 12);
  await page.getByTestId('machine-signals').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(4000);
  console.log(`machine panel of ${machine}`);
  await shoot(page, 'viewer-machine.png');

  await page.getByTestId('language').selectOption('zh');
  await page.getByTestId('tab-machine').click();
  await page.locator('.side-area').evaluate((el) => el.scrollTo(0, 0));
  await page.waitForTimeout(2000);
  await shoot(page, 'viewer-zh.png');
  await page.getByTestId('language').selectOption('en');

  await page.getByTestId('tab-planner').click();
  const form = page.getByTestId('whatif-form');
  const bottleneck = await page.getByTestId('kpi-bottleneck').getAttribute('data-value');
  await form.locator('select[name=machine]').selectOption(bottleneck || machine);
  await form.locator('input[name=durationH]').fill('24');
  await page.getByTestId('whatif-add').click();
  await form.locator('input[name=name]').fill('Bottleneck down for a day');
  await form.locator('input[name=replications]').fill('5');
  await page.getByTestId('whatif-run').click();
  await page.getByTestId('whatif-result').waitFor({ timeout: 300_000 });
  // The side panel scrolls: bring the comparison's heading just under the tabs.
  await page.locator('.side-area').evaluate((area) => {
    const result = area.querySelector('[data-testid=whatif-result]');
    const tabs = area.querySelector('[role=tablist]'); // sticky at the panel's top
    area.scrollTop += result.getBoundingClientRect().top - tabs.getBoundingClientRect().bottom - 4;
  });
  await page.waitForTimeout(500);
  await shoot(page, 'viewer-whatif.png');

  await context.close();

  const bench = await browser.newPage({ viewport: VIEWPORT });
  bench.on('pageerror', (e) => errors.push(`bench: uncaught ${e.message}`));
  await bench.goto(`${service.url}/?bench=2000x10000`);
  await bench.waitForFunction(() => window.__twinScene?.counts().machines === 2000, null, {
    timeout: 120_000,
  });
  // The planner tab would ask the service for scenarios without a token: show the machine tab's hint instead.
  await bench.getByTestId('tab-machine').click();
  await bench.waitForTimeout(5000);
  const stats = await bench.evaluate(() => ({
    ...window.__twinScene.counts(),
    ...window.__twinScene.frameStats(),
  }));
  console.log(`bench: ${JSON.stringify(stats)}`);
  await shoot(bench, 'viewer-bench-2000x10000.png');
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await browser.close();
  await service.close();
  await rm(pkiDir, { recursive: true, force: true });
}
if (errors.length > 0) console.error(`errors in the page:\n  ${errors.join('\n  ')}`);
process.exit(failed || errors.length > 0 ? 1 : 0);
