// Frame benchmark of the viewer's 3D scene: serves dist/viewer, opens it in Debian's chromium with
// `?bench=<machines>x<wip>` (a synthetic plant changing ~5 % of machine states and moving WIP every 100 ms,
// rendering continuously) and reads window.__twinScene.frameStats(): frames per second and JavaScript time per
// frame (the scene's store updates + the frame loop + the render call), and long tasks.
// Headless chromium renders WebGL in software (SwiftShader): fps measures the rasteriser; JS ms/frame is the
// viewer's own cost. Usage: npm run build:viewer && node scripts/bench-viewer.mjs [--sample-s 10] [500x2000 ...]
/* global window */ // inside page.evaluate and waitForFunction callbacks, which run in the page
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path, { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// VIEWER_DIR compares another build (say, a copy of dist/viewer made before a change) in the same session.
const root = process.env.VIEWER_DIR
  ? path.resolve(process.env.VIEWER_DIR) + path.sep
  : fileURLToPath(new URL('../dist/viewer/', import.meta.url));
const args = process.argv.slice(2);
const sampleIndex = args.indexOf('--sample-s');
const sampleS = sampleIndex >= 0 ? Number(args[sampleIndex + 1]) : 10;
if (!(sampleS > 0)) {
  console.error(`--sample-s wants a positive number of seconds, got ${args[sampleIndex + 1]}`);
  process.exit(1);
}
const sizes = args.filter((a, i) => /^\d+x\d+$/.test(a) && (sampleIndex < 0 || i !== sampleIndex + 1));
const CASES = sizes.length > 0 ? sizes : ['500x2000', '2000x10000'];
const WARM_UP_MS = 4000;

if (!existsSync(join(root, 'index.html'))) {
  console.error('dist/viewer/index.html is missing: run `npm run build:viewer` first.');
  process.exit(1);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  // No service behind this server: the page runs on its synthetic plant.
  if (path.startsWith('/api/'))
    return void res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
  const file = join(root, path === '/' ? 'index.html' : path);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile())
    return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--no-sandbox'],
});
const rows = [];
try {
  for (const size of CASES) {
    const [machines, wip] = size.split('x').map(Number);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/?bench=${size}`);
    await page.waitForFunction((n) => window.__twinScene?.counts().machines === n, machines, {
      timeout: 120_000,
    });
    await page.waitForTimeout(WARM_UP_MS);
    await page.evaluate(() => window.__twinScene.resetFrameStats());
    await page.waitForTimeout(sampleS * 1000);
    const stats = await page.evaluate(() => window.__twinScene.frameStats());
    const counts = await page.evaluate(() => window.__twinScene.counts());
    rows.push({ machines, wip, shownWip: counts.wip, agvs: counts.agvs, ...stats, errors: errors.length });
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}

const cols = [
  ['machines', 'machines'],
  ['WIP', 'shownWip'],
  ['AGVs', 'agvs'],
  ['fps', 'fps'],
  ['JS ms/frame mean', 'jsMsMean'],
  ['p95', 'jsMsP95'],
  ['of it store updates', 'updateMsMean'],
  ['of it render call', 'renderMsMean'],
  ['WIP updates', 'wipUpdates'],
  ['placed/update', 'placedPerUpdate'],
  ['changed/update', 'changedPerUpdate'],
  ['instances written/frame', 'instancesWrittenPerFrame'],
  ['long tasks', 'longTasks'],
  ['long-task ms', 'longTaskMs'],
  ['draw calls', 'drawCalls'],
  ['frames', 'frames'],
];
console.log(
  `viewer frame benchmark (headless chromium, SwiftShader), ${sampleS} s sampled after ${WARM_UP_MS / 1000} s warm-up`,
);
console.log(cols.map(([h]) => h).join(' | '));
console.log(cols.map(() => '---').join(' | '));
for (const r of rows) console.log(cols.map(([, k]) => String(r[k])).join(' | '));
if (rows.some((r) => r.errors > 0)) {
  console.error(
    'page errors:',
    rows.map((r) => r.errors),
  );
  process.exitCode = 1;
}
