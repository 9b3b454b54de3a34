// The viewer end to end: the built page (dist/viewer) served by the REAL service (connectors/main.ts
// startService, embedded plant at a fast speed), in Debian's chromium with software WebGL, driven by
// playwright-core. One service and one browser for the file; a page (own context, own token) per role.
// Without chromium the file is skipped, except with CI=true, where it fails.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../viewer/src/i18n/messages.js';
import { translate } from '../../viewer/src/i18n/translate.js';
import { serversAvailable, serverUrls } from '../servers.js';
import {
  chromiumFound,
  chromiumPath,
  launchChromium,
  openPage,
  poll,
  type ViewerPage,
} from './viewer-browser.js';
import {
  colourMismatches,
  ganttInfo,
  machineColours,
  pageState,
  pixelStats,
  webGlInfo,
  type TwinWindow,
} from './viewer-page.js';
import { aimCameraAtLine, CJK, rescheduleFromPanel, visibleLines } from './viewer-actions.js';
import { assertViewerBuilt, startViewerService, TOKENS, type ViewerService } from './viewer-service.js';

const HTTP_PORT = 8301;
const OPCUA_PORT = 4831;
/** Simulated seconds per wall second: machines change state every few wall seconds. */
const SPEED = 6000;

const CHROMIUM = chromiumPath(serversAvailable() ? serverUrls().chromiumPath : undefined);
const CI = process.env.CI === 'true';
if (!chromiumFound(CHROMIUM) && !CI) {
  process.stderr.write(
    `\n[viewer e2e] NOTICE: no chromium at ${CHROMIUM}: the viewer's browser tests are SKIPPED.\n`,
  );
}

interface PlanView {
  plan: { id: string; assignments: unknown[] };
}

describe.skipIf(!chromiumFound(CHROMIUM) && !CI)('the viewer in chromium against the real service', () => {
  let service: ViewerService | undefined;
  let browser: Browser | undefined;
  const pages: ViewerPage[] = [];
  /** The operator's page, shared by the tests in order (the plan it dispatches is the Gantt's). */
  let page: Page;
  let layoutIds: string[] = [];

  const open = async (name: string, role: keyof typeof TOKENS): Promise<ViewerPage> => {
    const p = await openPage(browser!, name, service!.pageUrl(role));
    pages.push(p);
    await poll(
      `${name}: the page connected, with the layout and every machine's state`,
      () => pageState(p.page),
      (s) =>
        s.connection === 'open' &&
        s.role === role &&
        s.layout?.machines.length === layoutIds.length &&
        layoutIds.every((id) => s.machines[id] !== undefined),
      30_000,
    );
    return p;
  };

  beforeAll(async () => {
    assertViewerBuilt();
    browser = await launchChromium(CHROMIUM);
    service = await startViewerService({ httpPort: HTTP_PORT, opcuaPort: OPCUA_PORT, speed: SPEED });
    const layout = await service.api<{ machines: { id: string }[] }>('/api/layout', { token: TOKENS.viewer });
    expect(layout.status).toBe(200);
    layoutIds = layout.body.machines.map((m) => m.id).sort();
    expect(layoutIds.length).toBeGreaterThan(1);
    page = (await open('operator', 'operator')).page;
  });

  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => {});
    await browser?.close();
    await service?.close();
  });

  it('loads against the real service: live connection, the layout and state of every machine', async () => {
    const state = await pageState(page);
    expect(state.layout!.machines.map((m) => m.id).sort()).toEqual(layoutIds);
    const twin = await service!.api<{ machines: { id: string }[] }>('/api/twin', { token: TOKENS.viewer });
    expect(Object.keys(state.machines).sort()).toEqual(twin.body.machines.map((m) => m.id).sort());
    await expect
      .poll(() => page.getByTestId('connection').textContent(), { timeout: 5000 })
      .toBe(translate('en', 'app.connection.open'));
    // KPIs come every 2 s over the stream.
    const oee = await poll(
      'an OEE figure in the KPI strip',
      () => page.getByTestId('kpi-oee').getAttribute('data-value'),
      (v) => v !== null && v !== '',
      15_000,
    );
    expect(Number(oee)).toBeGreaterThanOrEqual(0);
    expect(Number(oee)).toBeLessThanOrEqual(1);
  });

  it('draws the plant with WebGL: a live context, draw calls, every machine, and a picture that is not blank', async () => {
    const canvas = page.getByTestId('scene').locator('canvas');
    const gl = await webGlInfo(canvas);
    expect(gl, 'a WebGL context on the scene canvas').not.toBeNull();
    expect(gl!.lost).toBe(false);
    expect(gl!.width).toBeGreaterThan(100);
    const scene = await poll(
      'the scene to draw every machine',
      () =>
        page.evaluate(() => {
          const s = (globalThis as unknown as TwinWindow).__twinScene;
          return s ? { counts: s.counts(), frame: s.frameStats() } : undefined;
        }),
      (s) => s !== undefined && s.counts.machines === layoutIds.length && s.frame.drawCalls > 0,
      15_000,
    );
    expect(scene!.frame.triangles).toBeGreaterThan(0);
    // The canvas alone (the camera buttons over it hidden): floor, machines and shading give many colours.
    const png = await canvas.screenshot({ style: '[data-testid=scene] button { visibility: hidden; }' });
    const pixels = await pixelStats(page, png);
    expect(pixels.pixels).toBeGreaterThan(10_000);
    expect(pixels.distinct, JSON.stringify(pixels)).toBeGreaterThan(30);
    expect(pixels.topShare, JSON.stringify(pixels)).toBeLessThan(0.9);
  });

  it('colours every machine by its state, and the colours change as the plant runs', async () => {
    const before = await machineColours(page);
    expect(before.palette).toBe('colour');
    expect(before.machines.filter((m) => m.colour === undefined)).toEqual([]);
    await poll(
      'a machine drawn in another colour as the plant runs',
      () => machineColours(page),
      (now) => now.machines.some((m, i) => m.colour !== before.machines[i]!.colour),
      20_000,
    );
    // Frames follow the store: at some moment every colour is its machine's state colour.
    await poll(
      'every machine drawn in its state colour',
      async () => colourMismatches(await machineColours(page)),
      (mismatches) => mismatches.length === 0,
      10_000,
      100,
    );
  });

  it('recolours the machines with the ISA-101 palette, and back', async () => {
    await page.getByTestId('palette').selectOption('isa101');
    const isa = await poll(
      'every machine drawn in the ISA-101 colour of its state',
      () => machineColours(page),
      (s) => s.palette === 'isa101' && colourMismatches(s).length === 0,
      10_000,
      100,
    );
    // Running machines are the usual majority: green in the colour palette, grey in ISA-101.
    expect(isa.machines.some((m) => m.colour !== undefined && /^#([0-9a-f]{2})\1\1$/.test(m.colour))).toBe(
      true,
    );
    await page.getByTestId('palette').selectOption('colour');
    await poll(
      'every machine drawn in its state colour again',
      () => machineColours(page),
      (s) => s.palette === 'colour' && colourMismatches(s).length === 0,
      10_000,
      100,
    );
  });

  it('opens the panel of the machine clicked in 3D, after aiming the camera at its line', async () => {
    const state = await pageState(page);
    const line = state.layout!.lines[0]!.id;
    const ofLine = state.layout!.machines.filter((m) => m.line === line).map((m) => m.id);
    expect(ofLine.length).toBeGreaterThan(1);
    const onScreen = await aimCameraAtLine(page, line, ofLine);
    expect(onScreen.length, JSON.stringify(onScreen)).toBeGreaterThan(1);
    const first = onScreen[0]!;
    const second = onScreen.find((m) => Math.abs(m.at.x - first.at.x) > 60) ?? onScreen[1]!;
    for (const target of [first, second]) {
      await page.mouse.click(target.at.x, target.at.y + 4);
      const panel = page.getByTestId('machine-panel');
      await expect.poll(() => panel.getAttribute('data-machine-id'), { timeout: 5000 }).toBe(target.id);
      expect((await pageState(page)).selection.machine).toBe(target.id);
      expect(await page.getByTestId('tab-machine').getAttribute('aria-selected')).toBe('true');
    }
    await page.getByTestId('camera-preset-all').click();
  });

  it('reschedules and dispatches from the planner tools; the Gantt shows that plan, and a bar opens its order', async () => {
    const planId = await rescheduleFromPanel(page);
    const result = page.getByTestId('plan-result');
    // The service validates a new plan at once (checker and risk): validate is only there for a draft.
    if ((await result.getAttribute('data-status')) === 'draft')
      await page.getByTestId('plan-validate').click();
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 30_000 }).toBe('validated');
    expect(await result.locator('.planner-ok').textContent()).toBe(
      translate('en', 'reschedule.validation.ok'),
    );
    expect(await page.getByTestId('plan-validate').isDisabled()).toBe(true);

    await page.getByTestId('plan-dispatch').click();
    await expect.poll(() => result.getAttribute('data-status'), { timeout: 30_000 }).toBe('acknowledged');
    const plan = await service!.api<PlanView>(`/api/plans/${planId}`, { token: TOKENS.viewer });
    const planMachines = new Set(plan.body.plan.assignments.map((a) => (a as { machine: string }).machine));
    expect(Number(await page.getByTestId('dispatch-status').getAttribute('data-total'))).toBe(
      planMachines.size,
    );
    const twin = await service!.api<{ activePlan?: { id: string } }>('/api/twin', { token: TOKENS.viewer });
    expect(twin.body.activePlan?.id).toBe(planId);

    const gantt = await poll(
      `the Gantt drawing plan ${planId}`,
      () => ganttInfo(page),
      (g) => g.planId === planId && g.barsDrawn > 0,
      15_000,
    );
    expect(gantt.barsDrawn).toBeLessThanOrEqual(plan.body.plan.assignments.length);

    const state = await pageState(page);
    expect(state.activePlan?.id).toBe(planId);
    const target = state.activePlan!.assignments.find((a) => a.order !== state.selection.order)!;
    const at = await page.evaluate(
      (a) => (globalThis as unknown as TwinWindow).__twinGantt?.barScreenPosition(a.order, a.operation),
      target,
    );
    expect(at, `a bar of ${target.order} / ${target.operation}`).toBeDefined();
    await page.mouse.click(at!.x, at!.y);
    await expect
      .poll(() => page.getByTestId('order-panel').getAttribute('data-order-id'), { timeout: 5000 })
      .toBe(target.order);
    expect((await pageState(page)).sidePanel).toBe('order');
  }, 120_000);

  it('runs a what-if (machine down) against the baseline and shows the comparison', async () => {
    await page.getByTestId('tab-planner').click();
    const form = page.getByTestId('whatif-form');
    await form.locator('select[name=kind]').selectOption('machineDown');
    const machine = layoutIds[0]!;
    await form.locator('select[name=machine]').selectOption(machine);
    await form.locator('input[name=durationH]').fill('8');
    await page.getByTestId('whatif-add').click();
    await expect
      .poll(() => page.getByTestId('whatif-edits').locator('li').count(), { timeout: 5000 })
      .toBe(1);
    await form.locator('input[name=replications]').fill('3');
    await page.getByTestId('whatif-run').click();

    const rows = page.getByTestId('whatif-result').locator('tbody tr');
    await poll(
      'the comparison table of the what-if',
      async () => ({
        rows: await rows.count(),
        failed: await page.locator('.planner-whatif .planner-error').allTextContents(),
      }),
      (r) => r.rows > 0 || r.failed.length > 0,
      150_000,
      1000,
    ).then((r) => expect(r.failed).toEqual([]));
    const kpis = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr as unknown as { dataset: { kpi?: string } }).dataset.kpi),
    );
    expect(kpis.length).toBeGreaterThanOrEqual(3);
    expect(kpis.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toMatch(/\d/);
    expect(cells[1]).toMatch(/\d/);
    // The scenario the page made holds the edit the form described.
    const scenarios = await service!.api<{ base?: string; edits: { kind: string; machine?: string }[] }[]>(
      '/api/scenarios',
      { token: TOKENS.viewer },
    );
    expect(scenarios.body.filter((s) => s.base === 'baseline').map((s) => s.edits)).toContainEqual([
      expect.objectContaining({ kind: 'machineDown', machine }),
    ]);
  }, 180_000);

  it('speaks Simplified Chinese when switched, every visible catalogue text translated, and English again', async () => {
    const enLines = await visibleLines(page);
    await page.getByTestId('language').selectOption('zh');
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 5000 }).toMatch(CJK);
    const zhLines = await visibleLines(page);
    const tabs = await page.locator('[data-testid^=tab-]').allTextContents();
    expect(tabs).toHaveLength(3);
    for (const tab of tabs) expect(tab).toMatch(CJK);
    for (const name of ['machine', 'order', 'planner'] as const) {
      const en = translate('en', `panels.tab.${name}`);
      expect(tabs.filter((tab) => tab.startsWith(en))).toEqual([]);
    }
    expect(zhLines).toContain(translate('zh', 'app.role', { role: translate('zh', 'role.operator') }));
    // Every English catalogue text shown as a line of its own before is gone after the switch (but those the
    // Chinese catalogue uses as well, such as OEE).
    const zhTexts = new Set(Object.values(MESSAGES.zh));
    const shown = Object.values(MESSAGES.en).filter((text) => enLines.has(text) && !zhTexts.has(text));
    expect(shown.length, 'English catalogue texts on the page before the switch').toBeGreaterThan(10);
    expect(shown.filter((text) => zhLines.has(text))).toEqual([]);

    await page.getByTestId('language').selectOption('en');
    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 5000 })
      .toContain(translate('en', 'app.title'));
    expect(
      (await page.locator('[data-testid^=tab-]').allTextContents()).map((t) => t.split(' · ')[0]),
    ).toEqual(
      ['machine', 'order', 'planner'].map((n) => translate('en', `panels.tab.${n}` as 'panels.tab.machine')),
    );
  });

  it('lets a planner reschedule but not dispatch, and a viewer neither (nothing to validate or dispatch)', async () => {
    // One page drawing at a time: software WebGL shares the two cores with the service.
    await pages[0]!.close();
    const plannerPage = await open('planner', 'planner');
    const planner = plannerPage.page;
    const planId = await rescheduleFromPanel(planner);
    const dispatch = planner.getByTestId('plan-dispatch');
    expect(await dispatch.isDisabled()).toBe(true);
    expect(await dispatch.getAttribute('title')).toBe(
      translate('en', 'plan.needOperator', { role: translate('en', 'role.planner') }),
    );

    await plannerPage.close();
    const viewer = (await open('viewer', 'viewer')).page;
    await viewer.getByTestId('tab-planner').click();
    await viewer.getByTestId('reschedule').waitFor();
    expect(await viewer.getByTestId('reschedule').isDisabled()).toBe(true);
    expect(await viewer.getByTestId('whatif-run').isDisabled()).toBe(true);
    expect(await viewer.getByTestId('reschedule').getAttribute('title')).toBe(
      translate('en', 'reschedule.needPlanner', { role: translate('en', 'role.viewer') }),
    );
    expect(await viewer.getByTestId('plan-validate').count()).toBe(0);
    expect(await viewer.getByTestId('plan-dispatch').count()).toBe(0);

    // The service refuses them too, whatever a page sends.
    const refused = async (role: 'viewer' | 'planner', action: string) =>
      (await service!.api(`/api/plans/${planId}/${action}`, { method: 'POST', token: TOKENS[role] })).status;
    expect(await refused('viewer', 'validate')).toBe(403);
    expect(await refused('viewer', 'dispatch')).toBe(403);
    expect(await refused('planner', 'dispatch')).toBe(403);
  }, 150_000);

  it('raised no uncaught error and logged no console error in any page', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
