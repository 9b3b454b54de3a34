#!/usr/bin/env node
// Generates the `orders:` block of scenarios/demo-plant.yaml, about 100 sales orders over two weeks, the same
// block every run (seeded). The plant (start, working days, shift times, bills of materials, routings) is
// read from that YAML, so only the order-book policy lives here. On stderr it reports the load per machine
// from the product's own `inspectScenario` (the figures of `twin inspect`; needs `npm run build`).
//
//   node scripts/generate-demo-orders.mjs > /tmp/orders.yaml   # then paste over the orders: block
//   node scripts/generate-demo-orders.mjs --no-load            # without the load report (no build needed)

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const plant = parse(readFileSync(new URL('../scenarios/demo-plant.yaml', import.meta.url), 'utf8'));

// ---------------------------------------------------------------------------------------------------------
// Order-book policy. Days count from the start date; an order falling on a day off moves to the next working
// day, and nothing is due after the last working day of the horizon.

const SEED = 20261123;
const ORDER_COUNT = 100;
const ID_PREFIX = 'SO-2611-';
const MAX_QUANTITY = 400;
const SCRAP_ALLOWANCE = 1.03; // internal orders make ~3 % extra
const INTERNAL = 'internal: reducer assembly';

/** Customers with the tardiness weight of their orders; the first three are the key accounts. */
const CUSTOMERS = {
  'Huadong EV Drive (Ningbo)': 1.5,
  'Yangtze Transmission (Wuhan)': 1,
  'Jinling Motors (Nanjing)': 2,
  'Pearl River Powertrain (Guangzhou)': 1,
  'Northstar Axle (Changchun)': 1,
  'Aftermarket spares': 0.5,
};
const [HUADONG, YANGTZE, JINLING] = Object.keys(CUSTOMERS);

/** Parts sold to outside customers: quantity range and share of the regular orders. */
const EXTERNAL = [
  { product: 'shaft-in-22', qty: [80, 260], share: 11 },
  { product: 'shaft-out-28', qty: [80, 260], share: 9 },
  { product: 'shaft-ctr-35', qty: [60, 200], share: 7 },
  { product: 'gear-m2-z61', qty: [100, 300], share: 9 },
  { product: 'gear-m2.5-z47', qty: [100, 300], share: 9 },
  { product: 'gear-m3-z71', qty: [60, 160], share: 5 },
  { product: 'housing-main', qty: [40, 120], share: 4 },
  { product: 'cover-rear', qty: [60, 200], share: 5 },
  { product: 'flange-out', qty: [100, 300], share: 6 },
];
/** Release weights of the first working days (about ten calendar days): a backlog on day one, tapering. */
const RELEASE_WEIGHTS = [16, 11, 11, 11, 10, 11, 9, 6];
const PRIORITIES = [3, 4, 5, 6, 7];
const PRIORITY_WEIGHTS = [2, 3, 6, 3, 1];

/** Reducers are released mid-week, after their components got through heat treatment; ER-1 sells 2:1. */
const REDUCER_DAYS = [3, 3, 3, 4, 4, 4, 7, 8, 8, 8, 9, 9, 9];
const REDUCER_MIX = ['gbx-er1', 'gbx-er2', 'gbx-er1'];
const REDUCER_CUSTOMERS = [HUADONG, JINLING];
/** Internal component orders for each week's reducers: released on these days, due on those. */
const COMPONENT_RELEASE_DAYS = [0, 4];
const COMPONENT_DUE_DAYS = [2, 7];
/** Rush orders from key accounts for shafts and gears: short lead time, top priority, heavy weight. */
const RUSH_DAYS = [1, 4, 7, 8];
const RUSH_CUSTOMERS = [HUADONG, YANGTZE, JINLING];
const RUSH_PRODUCTS = EXTERNAL.slice(0, 6).map((e) => e.product);

// Orders already on the floor: the first `done` operations of the routing are finished and the next one
// is running, `units` of it done, since `since` ([day, clock], before the start).
// prettier-ignore
const ON_THE_FLOOR = [
  { product: 'shaft-in-22', quantity: 240, due: [2, 'late'], priority: 6, weight: 1.5, customer: HUADONG,
    done: 3, running: { units: 0, since: [0, '01:30'] } },
  { product: 'gear-m2-z61', quantity: 200, due: [3, 'late'], priority: 5, weight: 1, customer: INTERNAL,
    done: 1, running: { units: 130, since: [-2, '10:40'] } },
  { product: 'housing-main', quantity: 120, due: [3, 'early'], priority: 5, weight: 1, customer: JINLING,
    done: 1, running: { units: 45, since: [-3, '17:10'] } },
  { product: 'shaft-out-28', quantity: 160, due: [1, 'late'], priority: 7, weight: 2, customer: YANGTZE,
    done: 6, running: { units: 62, since: [-3, '19:05'] } },
  { product: 'gbx-er1', quantity: 40, due: [1, 'early'], priority: 8, weight: 3, customer: HUADONG,
    done: 2, running: { units: 14, since: [-3, '20:30'] } },
];

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (items) => items[Math.floor(rand() * items.length)];
function pickWeighted(values, weights) {
  let r = rand() * weights.reduce((sum, w) => sum + w, 0);
  for (const [i, w] of weights.entries()) if ((r -= w) < 0) return values[i];
  return values.at(-1);
}
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
const roundTo = (n, step) => Math.max(step, Math.round(n / step) * step);

// ---------------------------------------------------------------------------------------------------------
// The plant's calendar, from the YAML. A day index becomes a local date by date arithmetic on the start's
// date, and instants carry the start's UTC offset, so no time zone database is involved.

const products = new Map(plant.products.map((p) => [p.id, p]));
for (const id of [...EXTERNAL.map((e) => e.product), ...REDUCER_MIX, ...ON_THE_FLOOR.map((o) => o.product)])
  if (!products.has(id)) throw new Error(`generate-demo-orders: no product ${id} in demo-plant.yaml`);

const siteCalendar = plant.calendars.find((c) => c.id === plant.site.calendar);
const shifts = [...siteCalendar.shifts].sort((a, b) => a.start.localeCompare(b.start));
const SHIFT = { early: shifts[0], late: shifts.at(-1) };
const OFFSET = /(Z|[+-]\d\d:\d\d)$/.exec(plant.start)[1];
const [year, month, date] = plant.start.slice(0, 10).split('-').map(Number);
const localDate = (day) => new Date(Date.UTC(year, month - 1, date + day)).toISOString().slice(0, 10);
/** ISO instant of `clock` (HH:MM, local time) on day `day`. */
const at = (day, clock) => `${localDate(day)}T${clock}:00${OFFSET}`;

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const isWorkingDay = (day) =>
  !(siteCalendar.holidays ?? []).includes(localDate(day)) &&
  shifts.some((s) => s.days.includes(WEEKDAYS[new Date(localDate(day)).getUTCDay()]));
const workingDayFrom = (day) => (isWorkingDay(day) ? day : workingDayFrom(day + 1));
const HORIZON_DAYS = (plant.experiment?.horizonS ?? 14 * 86_400) / 86_400;
const WORKING_DAYS = Array.from({ length: HORIZON_DAYS }, (_, day) => day).filter(isWorkingDay);
const LAST_DUE_DAY = WORKING_DAYS.at(-1);

/** Due at `clock` on the first working day `days` after `releaseDay`, or at the end of the last due day. */
function dueAfter(releaseDay, days, clock) {
  const day = workingDayFrom(releaseDay + days);
  return day > LAST_DUE_DAY ? at(LAST_DUE_DAY, SHIFT.late.end) : at(day, clock);
}

// ---------------------------------------------------------------------------------------------------------
// The order book. The random draws happen in a fixed order: changing it changes the whole book.

/** One step of an order's progress, on the operation's first (preferred) machine. */
function step(op, status, units) {
  const counted = units > 0 ? { completedUnits: units } : {}; // a furnace load counts no units while it runs
  return { operation: op.id, status, ...counted, machine: op.alternatives[0].machine };
}

/** Orders on the floor, their operations and machines taken from the routing. */
function ordersOnTheFloor() {
  return ON_THE_FLOOR.map(({ due: [day, shift], done, running, ...o }) => {
    const routing = products.get(o.product).routing;
    const finished = routing.slice(0, done).map((op) => step(op, 'done', o.quantity));
    const current = { ...step(routing[done], 'running', running.units), startedAt: at(...running.since) };
    return { ...o, release: plant.start, due: at(day, SHIFT[shift].end), progress: [...finished, current] };
  });
}

function reducerOrders() {
  return REDUCER_DAYS.map(workingDayFrom).map((day, k) => ({
    due: dueAfter(day, between(2, 4), SHIFT.late.end),
    product: REDUCER_MIX[k % REDUCER_MIX.length],
    quantity: roundTo(between(20, 60), 5),
    releaseDay: day,
    release: at(day, SHIFT.early.start),
    priority: between(5, 7),
    weight: pick([1.5, 2, 2]),
    customer: pick(REDUCER_CUSTOMERS),
  }));
}

/** One order per component and week for that week's reducers, per their bills of materials. */
function componentOrders(reducers) {
  return COMPONENT_RELEASE_DAYS.flatMap((releaseDay, week) => {
    const need = new Map();
    for (const r of reducers.filter((o) => Math.floor(o.releaseDay / 7) === week))
      for (const item of products.get(r.product).bom ?? [])
        need.set(item.product, (need.get(item.product) ?? 0) + r.quantity * (item.quantity ?? 1));
    return [...need].map(([component, units]) => ({
      product: component,
      quantity: Math.min(MAX_QUANTITY, roundTo(units * SCRAP_ALLOWANCE, 10)),
      release: at(workingDayFrom(releaseDay), SHIFT.early.start),
      due: at(workingDayFrom(COMPONENT_DUE_DAYS[week]), SHIFT.late.end),
      priority: 6,
      weight: 1,
      customer: INTERNAL,
    }));
  });
}

function rushOrders() {
  return RUSH_DAYS.map(workingDayFrom).map((day) => ({
    product: pick(RUSH_PRODUCTS),
    quantity: roundTo(between(30, 90), 10),
    release: at(day, SHIFT.late.start),
    due: dueAfter(day, 2, SHIFT.late.end),
    priority: 9,
    weight: 4,
    customer: `${pick(RUSH_CUSTOMERS)} - rush`,
  }));
}

/** `count` products in shuffled order, each with its share of the count (largest remainder). */
function productSequence(count) {
  const totalShare = EXTERNAL.reduce((sum, e) => sum + e.share, 0);
  const quota = EXTERNAL.map((e) => ({ e, exact: (count * e.share) / totalShare }));
  quota.forEach((q) => (q.n = Math.floor(q.exact)));
  const short = count - quota.reduce((sum, q) => sum + q.n, 0);
  const byRemainder = [...quota].sort((a, b) => b.exact - b.n - (a.exact - a.n));
  byRemainder.slice(0, short).forEach((q) => q.n++);
  return shuffle(quota.flatMap((q) => Array.from({ length: q.n }, () => q.e)));
}

function regularOrders(count) {
  return productSequence(count).map((spec) => {
    const day = pickWeighted(WORKING_DAYS, RELEASE_WEIGHTS);
    const due = dueAfter(day, between(2, 6), pick([SHIFT.early.end, SHIFT.late.end, SHIFT.late.end]));
    const [customer, weight] = pick(Object.entries(CUSTOMERS));
    return {
      product: spec.product,
      quantity: roundTo(between(...spec.qty), 10),
      release: at(day, pick([SHIFT.early.start, SHIFT.early.start, SHIFT.late.start])),
      due,
      priority: pickWeighted(PRIORITIES, PRIORITY_WEIGHTS),
      weight,
      customer,
    };
  });
}

/** The whole book, numbered in release order with the orders on the floor first. */
function orderBook() {
  const reducers = reducerOrders();
  const orders = [...ordersOnTheFloor(), ...reducers, ...componentOrders(reducers), ...rushOrders()];
  orders.push(...regularOrders(ORDER_COUNT - orders.length));
  const onFloorFirst = (a, b) => (a.progress ? 0 : 1) - (b.progress ? 0 : 1);
  const byInstant = (field) => (a, b) => Date.parse(a[field]) - Date.parse(b[field]);
  orders.sort((a, b) => onFloorFirst(a, b) || byInstant('release')(a, b) || byInstant('due')(a, b));
  orders.forEach((o, i) => (o.id = ID_PREFIX + String(i + 1).padStart(3, '0')));
  return orders;
}

// ---------------------------------------------------------------------------------------------------------
// Output: the YAML block on stdout, the load it puts on the machines on stderr.

const HEADER =
  '# Generated by scripts/generate-demo-orders.mjs (seeded, deterministic): regenerate rather than edit.';
const FIELDS = ['id', 'product', 'quantity', 'release', 'due', 'priority', 'weight', 'customer'];
const flow = (entries) => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;

/** One flow mapping per order; an order in progress gets a line per field and per step, to stay readable. */
function toYaml(orders) {
  const lines = [HEADER, 'orders:'];
  for (const o of orders) {
    const fields = FIELDS.map((k) => [k, k === 'customer' ? `"${o[k]}"` : o[k]]);
    if (!o.progress) {
      lines.push(`  - ${flow(fields)}`);
      continue;
    }
    lines.push(...fields.map(([k, v], i) => `${i === 0 ? '  - ' : '    '}${k}: ${v}`), '    progress:');
    lines.push(...o.progress.map((p) => `      - ${flow(Object.entries(p))}`));
  }
  return lines.join('\n') + '\n';
}

/** The load per machine, from the product's own estimate (as `twin inspect` prints it), on stderr. */
async function reportLoad(orders) {
  const inspect = new URL('../dist/scenarios/inspect.js', import.meta.url);
  const { inspectScenario } = await import(inspect.href).catch((err) => {
    if (err.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    console.error('generate-demo-orders: the load report uses dist/: run `npm run build` or pass --no-load');
    process.exit(1);
  });
  const cells = (...values) => values.map((v) => String(v).padStart(12)).join('');
  const hours = (s) => (s / 3600).toFixed(1);
  const percent = (u) => `${(100 * u).toFixed(1)} %`;
  console.error('Load from the first release to the last due date:');
  console.error('machine ' + cells('load h', 'available h', 'utilisation'));
  for (const m of inspectScenario({ ...plant, orders }).load)
    console.error(m.machine.padEnd(8) + cells(hours(m.loadS), hours(m.availableS), percent(m.utilisation)));
}

const orders = orderBook();
process.stdout.write(toYaml(orders));
if (!process.argv.includes('--no-load')) await reportLoad(orders);
