#!/usr/bin/env node
// Generates the `orders:` block of scenarios/demo-plant.yaml: about 100 sales orders over two weeks for the
// demo gearbox-components plant. Deterministic (mulberry32, fixed seed): running it again prints the same
// block. It also prints to stderr the load each machine gets from these orders against the working time of
// its calendar over the two-week horizon, so the order book can be kept busy but feasible.
//
//   node scripts/generate-demo-orders.mjs > /tmp/orders.yaml   # then paste over the orders: block
//
// The routing figures below mirror the products in demo-plant.yaml (mean times only matter here); change
// both together. scenarios/demo-plant.test.ts recomputes the load from the YAML itself.

const SEED = 20261123;
const START = '2026-11-23T06:00:00+08:00'; // a Monday, 06:00 China Standard Time
const OFFSET = '+08:00';
const HORIZON_DAYS = 14;
/** Last due date: the end of the late shift on the second Friday. */
const LAST_DUE_DAY = 11;
const ORDER_COUNT = 100;

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
function pickWeighted(entries) {
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1][0];
}
const roundTo = (n, step) => Math.max(step, Math.round(n / step) * step);

// ---------------------------------------------------------------------------------------------------------
// The plant, as far as the load estimate needs it (mirrors demo-plant.yaml).

const tri = (min, mode, max) => (min + mode + max) / 3;
const uni = (min, max) => (min + max) / 2;
const mean = (m) => m; // normal / lognormal / fixed: the mean as written

const SHIFTS = {
  early: {
    start: 6 * 60,
    end: 14 * 60,
    breaks: [
      [9 * 60, 9 * 60 + 15],
      [11 * 60 + 30, 12 * 60],
    ],
  },
  late: {
    start: 14 * 60,
    end: 22 * 60,
    breaks: [
      [17 * 60 + 30, 18 * 60],
      [20 * 60, 20 * 60 + 15],
    ],
  },
  allDay: { start: 0, end: 24 * 60, breaks: [] },
};
const MON_FRI = [1, 2, 3, 4, 5];
const MON_SAT = [1, 2, 3, 4, 5, 6];
const CALENDARS = {
  'two-shifts': [
    { ...SHIFTS.early, days: MON_FRI },
    { ...SHIFTS.late, days: MON_FRI },
  ],
  'two-shifts-sat': [
    { ...SHIFTS.early, days: MON_SAT },
    { ...SHIFTS.late, days: MON_FRI },
  ],
  continuous: [{ ...SHIFTS.allDay, days: [0, 1, 2, 3, 4, 5, 6] }],
};
const HOLIDAYS = ['2027-01-01'];

const SETUP_MATRICES = {
  'lathe-chucking': { defaultS: 2700, sameFamilyS: 300 },
  'hob-modules': { defaultS: 3000, sameFamilyS: 600 },
  'grinder-diameters': { defaultS: 1800, sameFamilyS: 240 },
  'gear-grind-modules': { defaultS: 2400, sameFamilyS: 900 },
  'hmc-fixtures': { defaultS: 2700, sameFamilyS: 120 },
  'reducer-variants': { defaultS: 900, sameFamilyS: 0 },
};

const twoShift = (extra = {}) => ({ calendar: 'two-shifts', ...extra });
const MACHINES = {
  L1: twoShift({ setup: 'lathe-chucking' }),
  L2: twoShift({ setup: 'lathe-chucking' }),
  L3: twoShift({ setup: 'lathe-chucking' }),
  L4: twoShift({ setup: 'lathe-chucking' }),
  HB1: {
    calendar: 'two-shifts-sat',
    setup: 'hob-modules',
    maintenance: [['2026-12-05T06:00:00+08:00', '2026-12-05T12:00:00+08:00']],
  },
  HB2: { calendar: 'two-shifts-sat', setup: 'hob-modules' },
  MC1: twoShift({ setup: 'hmc-fixtures' }),
  MC2: twoShift({
    setup: 'hmc-fixtures',
    maintenance: [['2026-11-26T06:00:00+08:00', '2026-11-26T10:00:00+08:00']],
  }),
  MC3: twoShift({ setup: 'hmc-fixtures' }),
  MC4: twoShift({ setup: 'hmc-fixtures' }),
  DR1: twoShift(),
  RB1: twoShift(),
  WS1: twoShift(),
  WS2: twoShift({ capacity: 2 }),
  OV1: {
    calendar: 'continuous',
    batch: 400,
    maintenance: [['2026-11-28T06:00:00+08:00', '2026-11-28T14:00:00+08:00']],
  },
  OV2: {
    calendar: 'continuous',
    batch: 400,
    maintenance: [['2026-12-05T06:00:00+08:00', '2026-12-05T14:00:00+08:00']],
  },
  OV3: { calendar: 'continuous', batch: 800 },
  PR1: twoShift(),
  GR1: twoShift({ setup: 'grinder-diameters' }),
  GR2: twoShift({ setup: 'grinder-diameters' }),
  GR3: {
    calendar: 'two-shifts-sat',
    setup: 'gear-grind-modules',
    maintenance: [['2026-12-01T14:00:00+08:00', '2026-12-01T18:00:00+08:00']],
  },
  GR4: { calendar: 'two-shifts-sat', setup: 'gear-grind-modules' },
  CMM1: twoShift(),
  AS1: twoShift(),
  AS2: twoShift({ setup: 'reducer-variants' }),
  AS3: twoShift(),
  TS1: twoShift({
    setup: 'reducer-variants',
    maintenance: [['2026-12-03T06:00:00+08:00', '2026-12-03T08:00:00+08:00']],
  }),
  PK1: twoShift(),
};
/** A batch is assumed to be filled to this share of maxUnits on average. */
const BATCH_FILL = 0.8;

// Routing per product: operation id → { alternatives: machine → mean time (s), per lot or unit, ... }.
const heatTreat = (family, carburiseS) => [
  { id: 'carburise', alts: { OV1: carburiseS, OV2: carburiseS }, lot: true, batch: family },
  { id: 'temper', alts: { OV3: 9000 }, lot: true, batch: 'temper-180' },
];
const PRODUCTS = {
  'shaft-in-22': [
    { id: 'turn', alts: { L1: tri(80, 90, 115), L2: tri(80, 90, 115) }, fam: 'd22' },
    { id: 'hob', alts: { HB1: tri(48, 55, 70), HB2: tri(50, 58, 74) }, fam: 'm2' },
    { id: 'wash', alts: { WS2: uni(8, 12) } },
    ...heatTreat('case-deep', 28800),
    { id: 'straighten', alts: { PR1: mean(30) } },
    { id: 'grind', alts: { GR1: tri(95, 105, 135), GR2: tri(95, 105, 135) }, fam: 'd22', rework: 0.01 },
    { id: 'inspect', alts: { CMM1: mean(1200) }, lot: true },
  ],
  'shaft-out-28': [
    { id: 'turn', alts: { L1: tri(100, 112, 140), L2: tri(100, 112, 140) }, fam: 'd28' },
    { id: 'hob', alts: { HB1: tri(40, 45, 58), HB2: tri(42, 48, 62) }, fam: 'spline' },
    { id: 'wash', alts: { WS2: uni(9, 13) } },
    ...heatTreat('case-deep', 28800),
    { id: 'straighten', alts: { PR1: mean(34) } },
    { id: 'grind', alts: { GR1: tri(120, 130, 165), GR2: tri(120, 130, 165) }, fam: 'd28', rework: 0.012 },
    { id: 'inspect', alts: { CMM1: mean(1500) }, lot: true },
  ],
  'shaft-ctr-35': [
    {
      id: 'turn',
      alts: { L1: tri(120, 135, 170), L2: tri(120, 135, 170), L3: tri(115, 128, 160) },
      fam: 'd35',
    },
    { id: 'hob', alts: { HB1: tri(80, 90, 115), HB2: tri(70, 78, 100) }, fam: 'm3' },
    { id: 'wash', alts: { WS2: uni(10, 14) } },
    ...heatTreat('case-deep', 28800),
    { id: 'grind', alts: { GR1: tri(130, 145, 180), GR2: tri(130, 145, 180) }, fam: 'd35', rework: 0.01 },
    { id: 'inspect', alts: { CMM1: mean(1500) }, lot: true },
  ],
  'gear-m2-z61': [
    { id: 'turn', alts: { L3: tri(75, 85, 105), L4: tri(65, 72, 90) }, fam: 'blank-130' },
    { id: 'hob', alts: { HB1: tri(62, 70, 88), HB2: tri(66, 74, 94) }, fam: 'm2' },
    { id: 'wash', alts: { WS2: uni(6, 9) } },
    ...heatTreat('case-shallow', 21600),
    { id: 'gear-grind', alts: { GR3: tri(75, 85, 110), GR4: tri(75, 85, 110) }, fam: 'm2', rework: 0.01 },
    { id: 'inspect', alts: { CMM1: mean(1800) }, lot: true },
  ],
  'gear-m2.5-z47': [
    { id: 'turn', alts: { L3: tri(70, 78, 98), L4: tri(60, 68, 85) }, fam: 'blank-130' },
    { id: 'hob', alts: { HB1: tri(55, 62, 78), HB2: tri(58, 65, 82) }, fam: 'm2.5' },
    { id: 'wash', alts: { WS2: uni(6, 9) } },
    ...heatTreat('case-shallow', 21600),
    { id: 'gear-grind', alts: { GR3: tri(70, 78, 100), GR4: tri(70, 78, 100) }, fam: 'm2.5', rework: 0.01 },
    { id: 'inspect', alts: { CMM1: mean(1800) }, lot: true },
  ],
  'gear-m3-z71': [
    { id: 'turn', alts: { L4: tri(140, 155, 190) }, fam: 'blank-220' },
    { id: 'hob', alts: { HB2: tri(110, 122, 150), HB1: tri(125, 140, 175) }, fam: 'm3' },
    { id: 'wash', alts: { WS2: uni(10, 14) } },
    ...heatTreat('case-shallow', 21600),
    { id: 'gear-grind', alts: { GR3: tri(120, 135, 170), GR4: tri(120, 135, 170) }, fam: 'm3', rework: 0.01 },
    { id: 'inspect', alts: { CMM1: mean(2100) }, lot: true },
  ],
  'housing-main': [
    { id: 'mill-a', alts: { MC1: mean(390), MC2: mean(390), MC3: mean(390) }, fam: 'hsg-a' },
    { id: 'mill-b', alts: { MC1: mean(450), MC2: mean(450), MC3: mean(450) }, fam: 'hsg-b' },
    { id: 'drill-tap', alts: { DR1: tri(140, 155, 190), MC4: tri(160, 175, 220) }, fam: 'hsg-drill' },
    { id: 'deburr', alts: { RB1: tri(60, 70, 90) } },
    { id: 'wash', alts: { WS1: uni(50, 70) } },
    { id: 'inspect', alts: { CMM1: mean(2400) }, lot: true },
  ],
  'cover-rear': [
    { id: 'mill', alts: { MC4: tri(180, 200, 250), MC3: tri(160, 175, 220) }, fam: 'cover' },
    { id: 'drill-tap', alts: { DR1: tri(70, 80, 100), MC4: tri(80, 90, 115) }, fam: 'cover' },
    { id: 'deburr', alts: { RB1: tri(30, 35, 45) } },
    { id: 'wash', alts: { WS1: uni(30, 40) } },
    { id: 'inspect', alts: { CMM1: mean(1200) }, lot: true },
  ],
  'flange-out': [
    { id: 'turn', alts: { L2: tri(78, 86, 108), L3: tri(70, 78, 98) }, fam: 'flange-90' },
    { id: 'drill', alts: { DR1: tri(45, 50, 62) } },
    { id: 'wash', alts: { WS2: uni(5, 8) } },
    { id: 'inspect', alts: { CMM1: mean(900) }, lot: true },
  ],
  'gbx-er1': [
    { id: 'shaft-subassy', alts: { AS1: tri(150, 165, 200) } },
    { id: 'gear-train', alts: { AS2: tri(190, 210, 260) }, fam: 'er1' },
    { id: 'close', alts: { AS3: tri(140, 155, 190) } },
    { id: 'eol-test', alts: { TS1: mean(260) }, fam: 'er1', rework: 0.03 },
    { id: 'pack', alts: { PK1: uni(45, 65) } },
  ],
  'gbx-er2': [
    { id: 'shaft-subassy', alts: { AS1: tri(150, 165, 200) } },
    { id: 'gear-train', alts: { AS2: tri(190, 210, 260) }, fam: 'er2' },
    { id: 'close', alts: { AS3: tri(140, 155, 190) } },
    { id: 'eol-test', alts: { TS1: mean(280) }, fam: 'er2', rework: 0.03 },
    { id: 'pack', alts: { PK1: uni(45, 65) } },
  ],
};
/** Components per reducer (the `bom` of gbx-er1 / gbx-er2). */
const BOM = {
  'gbx-er1': [
    'shaft-in-22',
    'shaft-ctr-35',
    'shaft-out-28',
    'gear-m2-z61',
    'gear-m3-z71',
    'housing-main',
    'cover-rear',
    'flange-out',
  ],
  'gbx-er2': [
    'shaft-in-22',
    'shaft-ctr-35',
    'shaft-out-28',
    'gear-m2.5-z47',
    'gear-m3-z71',
    'housing-main',
    'cover-rear',
    'flange-out',
  ],
};

// ---------------------------------------------------------------------------------------------------------
// Time helpers: the plant is in China Standard Time (UTC+8, no daylight saving), so a day index and an
// HH:MM give the instant directly.

const startMs = Date.parse(START);
const DAY_MS = 86_400_000;
/** ISO instant of `day` days after the start date at `hh:mm` local time. */
function at(day, hh, mm = 0) {
  const localMidnight = Date.parse(START.slice(0, 10) + 'T00:00:00' + OFFSET) + day * DAY_MS;
  const d = new Date(localMidnight + (hh * 60 + mm) * 60_000 + 8 * 3_600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00${OFFSET}`;
}
/** Weekday (0 = Sunday) of day index `day`. */
const weekday = (day) => (1 + day) % 7; // day 0 is a Monday

// ---------------------------------------------------------------------------------------------------------
// The order book.

const CUSTOMERS = [
  ['Huadong EV Drive (Ningbo)', 1.5],
  ['Yangtze Transmission (Wuhan)', 1],
  ['Jinling Motors (Nanjing)', 2],
  ['Pearl River Powertrain (Guangzhou)', 1],
  ['Northstar Axle (Changchun)', 1],
  ['Aftermarket spares', 0.5],
];
const INTERNAL = 'internal: reducer assembly';

/** Products sold to outside customers, with their quantity range and share of the order count. */
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
/** Release day (index from the start) weights: working days of the first ~10 days, front-loaded. */
const RELEASE_DAYS = [
  [0, 16],
  [1, 11],
  [2, 11],
  [3, 11],
  [4, 10],
  [7, 11],
  [8, 9],
  [9, 6],
];

function dueAfter(releaseDay, days, hh) {
  let d = releaseDay + days;
  if (weekday(d) === 6) d += 2; // Saturday → Monday
  if (weekday(d) === 0) d += 1; // Sunday → Monday
  if (d > LAST_DUE_DAY) return { day: LAST_DUE_DAY, hh: 22 };
  return { day: d, hh };
}

const orders = [];

// 1. Orders already on the floor when the horizon starts (released before, now partly done).
const wip = [
  {
    product: 'shaft-in-22',
    quantity: 240,
    due: [2, 22],
    priority: 6,
    weight: 1.5,
    customer: 'Huadong EV Drive (Ningbo)',
    progress: [
      { operation: 'turn', status: 'done', completedUnits: 240, machine: 'L1' },
      { operation: 'hob', status: 'done', completedUnits: 240, machine: 'HB1' },
      { operation: 'wash', status: 'done', completedUnits: 240, machine: 'WS2' },
      { operation: 'carburise', status: 'running', machine: 'OV1', startedAt: '2026-11-23T01:30:00+08:00' },
    ],
  },
  {
    product: 'gear-m2-z61',
    quantity: 200,
    due: [3, 22],
    priority: 5,
    weight: 1,
    customer: INTERNAL,
    progress: [
      { operation: 'turn', status: 'done', completedUnits: 200, machine: 'L4' },
      {
        operation: 'hob',
        status: 'running',
        completedUnits: 130,
        machine: 'HB2',
        startedAt: '2026-11-21T10:40:00+08:00',
      },
    ],
  },
  {
    product: 'housing-main',
    quantity: 120,
    due: [3, 14],
    priority: 5,
    weight: 1,
    customer: 'Jinling Motors (Nanjing)',
    progress: [
      { operation: 'mill-a', status: 'done', completedUnits: 120, machine: 'MC1' },
      {
        operation: 'mill-b',
        status: 'running',
        completedUnits: 45,
        machine: 'MC2',
        startedAt: '2026-11-20T17:10:00+08:00',
      },
    ],
  },
  {
    product: 'shaft-out-28',
    quantity: 160,
    due: [1, 22],
    priority: 7,
    weight: 2,
    customer: 'Yangtze Transmission (Wuhan)',
    progress: [
      { operation: 'turn', status: 'done', completedUnits: 160, machine: 'L2' },
      { operation: 'hob', status: 'done', completedUnits: 160, machine: 'HB1' },
      { operation: 'wash', status: 'done', completedUnits: 160, machine: 'WS2' },
      { operation: 'carburise', status: 'done', completedUnits: 160, machine: 'OV2' },
      { operation: 'temper', status: 'done', completedUnits: 160, machine: 'OV3' },
      { operation: 'straighten', status: 'done', completedUnits: 160, machine: 'PR1' },
      {
        operation: 'grind',
        status: 'running',
        completedUnits: 62,
        machine: 'GR1',
        startedAt: '2026-11-20T19:05:00+08:00',
      },
    ],
  },
  {
    product: 'gbx-er1',
    quantity: 40,
    due: [1, 14],
    priority: 8,
    weight: 3,
    customer: 'Huadong EV Drive (Ningbo)',
    progress: [
      { operation: 'shaft-subassy', status: 'done', completedUnits: 40, machine: 'AS1' },
      { operation: 'gear-train', status: 'done', completedUnits: 40, machine: 'AS2' },
      {
        operation: 'close',
        status: 'running',
        completedUnits: 14,
        machine: 'AS3',
        startedAt: '2026-11-20T20:30:00+08:00',
      },
    ],
  },
];
for (const w of wip) {
  orders.push({
    product: w.product,
    quantity: w.quantity,
    releaseDay: 0,
    release: START,
    due: at(w.due[0], w.due[1]),
    priority: w.priority,
    weight: w.weight,
    customer: w.customer,
    progress: w.progress,
  });
}

// 2. Reducer assembly orders, released mid-week so that their components can come through heat treatment.
const assemblyReleaseDays = [3, 3, 3, 4, 4, 4, 7, 8, 8, 8, 9, 9, 9];
const assemblyProducts = ['gbx-er1', 'gbx-er2', 'gbx-er1'];
for (const [k, day] of assemblyReleaseDays.entries()) {
  const product = assemblyProducts[k % assemblyProducts.length];
  const due = dueAfter(day, between(2, 4), 22);
  orders.push({
    product,
    quantity: roundTo(between(20, 60), 5),
    releaseDay: day,
    release: at(day, 6),
    due: at(due.day, due.hh),
    priority: between(5, 7),
    weight: pick([1.5, 2, 2]),
    customer: pick(['Huadong EV Drive (Ningbo)', 'Jinling Motors (Nanjing)']),
  });
}

// 3. Internal component orders that feed those assemblies: one per component and week, due the day the
//    week's first reducers are released.
for (const [week, releaseDay, dueDay] of [
  [0, 0, 2],
  [1, 4, 7],
]) {
  const weekAssemblies = orders.filter(
    (o) => o.product.startsWith('gbx-') && !o.progress && (week === 0 ? o.releaseDay < 7 : o.releaseDay >= 7),
  );
  const need = new Map();
  for (const o of weekAssemblies)
    for (const c of BOM[o.product]) need.set(c, (need.get(c) ?? 0) + o.quantity);
  for (const [product, units] of need) {
    orders.push({
      product,
      quantity: Math.min(400, roundTo(units * 1.03, 10)), // about 3 % extra for scrap
      releaseDay,
      release: at(releaseDay, 6),
      due: at(dueDay, 22),
      priority: 6,
      weight: 1,
      customer: INTERNAL,
    });
  }
}

// 4. Rush orders from key customers: short lead time, top priority, heavy tardiness weight.
for (const day of [1, 4, 7, 8]) {
  const spec = pick(EXTERNAL.slice(0, 6));
  orders.push({
    product: spec.product,
    quantity: roundTo(between(30, 90), 10),
    releaseDay: day,
    release: at(day, 14),
    due: at(dueAfter(day, 2, 22).day, 22),
    priority: 9,
    weight: 4,
    customer: `${pick(CUSTOMERS.slice(0, 3))[0]} - rush`,
  });
}

// 5. The regular external order book fills up to ORDER_COUNT: each product gets its share of the remaining
//    orders (largest remainder), in a shuffled sequence.
const slots = ORDER_COUNT - orders.length;
const totalShare = EXTERNAL.reduce((s, e) => s + e.share, 0);
const quota = EXTERNAL.map((e) => ({ e, exact: (slots * e.share) / totalShare }));
quota.forEach((q) => (q.n = Math.floor(q.exact)));
[...quota]
  .sort((a, b) => b.exact - b.n - (a.exact - a.n))
  .slice(0, slots - quota.reduce((s, q) => s + q.n, 0))
  .forEach((q) => q.n++);
const sequence = quota.flatMap((q) => Array.from({ length: q.n }, () => q.e));
for (let i = sequence.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [sequence[i], sequence[j]] = [sequence[j], sequence[i]];
}
for (const spec of sequence) {
  const releaseDay = pickWeighted(RELEASE_DAYS);
  const due = dueAfter(releaseDay, between(2, 6), pick([14, 22, 22]));
  const [customer, customerWeight] = pick(CUSTOMERS);
  orders.push({
    product: spec.product,
    quantity: roundTo(between(spec.qty[0], spec.qty[1]), 10),
    releaseDay,
    release: at(releaseDay, pick([6, 6, 14])),
    due: at(due.day, due.hh),
    priority: pickWeighted([
      [3, 2],
      [4, 3],
      [5, 6],
      [6, 3],
      [7, 1],
    ]),
    weight: customerWeight,
    customer,
  });
}

// Ids in release order (orders on the floor first).
orders.sort((a, b) => {
  const wipA = a.progress ? 0 : 1;
  const wipB = b.progress ? 0 : 1;
  return (
    wipA - wipB || Date.parse(a.release) - Date.parse(b.release) || Date.parse(a.due) - Date.parse(b.due)
  );
});
orders.forEach((o, i) => (o.id = `SO-2611-${String(i + 1).padStart(3, '0')}`));

// ---------------------------------------------------------------------------------------------------------
// Output: the YAML block.

const lines = [];
lines.push(
  '# Generated by scripts/generate-demo-orders.mjs (seeded, deterministic): regenerate rather than edit.',
);
lines.push('orders:');
for (const o of orders) {
  const fields = [
    `id: ${o.id}`,
    `product: ${o.product}`,
    `quantity: ${o.quantity}`,
    `release: ${o.release}`,
    `due: ${o.due}`,
    `priority: ${o.priority}`,
    `weight: ${o.weight}`,
    `customer: "${o.customer}"`,
  ];
  if (!o.progress) {
    lines.push(`  - { ${fields.join(', ')} }`);
    continue;
  }
  lines.push(`  - ${fields[0]}`);
  for (const f of fields.slice(1)) lines.push(`    ${f}`);
  lines.push('    progress:');
  for (const p of o.progress) {
    const parts = Object.entries(p).map(([k, v]) => `${k}: ${v}`);
    lines.push(`      - { ${parts.join(', ')} }`);
  }
}
process.stdout.write(lines.join('\n') + '\n');

// ---------------------------------------------------------------------------------------------------------
// Check: load per machine over the horizon (to stderr).
//
// Each operation's remaining work is spread over its alternatives so that all of them finish together
// (machine i takes the share (1/tᵢ)/Σ(1/tⱼ) of the units: each gets q / Σ(1/tⱼ) seconds). Per-unit times are
// stretched by the rework rate; each lot adds one setup on a machine with a setup matrix, estimated as the
// mean of its default and same-family times. Batch operations load ⌈units of the family / (fill × maxUnits)⌉
// furnace cycles. Capacity is the working time of the machine's calendar in the horizon, less maintenance.

const load = new Map(Object.keys(MACHINES).map((m) => [m, 0]));
const batchUnits = new Map(); // `${opKey}` → { units, alts }
for (const o of orders) {
  const doneOps = new Map((o.progress ?? []).map((p) => [p.operation, p]));
  for (const op of PRODUCTS[o.product]) {
    const p = doneOps.get(op.id);
    if (p?.status === 'done') continue;
    if (p?.status === 'running' && op.batch) continue; // already in the furnace
    const units = o.quantity - (p?.completedUnits ?? 0);
    const alts = Object.entries(op.alts);
    const rate = alts.reduce((s, [, t]) => s + 1 / t, 0);
    if (op.batch) {
      const key = `${op.batch}|${alts.map(([m]) => m).join(',')}`;
      const entry = batchUnits.get(key) ?? { units: 0, alts };
      entry.units += units;
      batchUnits.set(key, entry);
      continue;
    }
    for (const [m, t] of alts) {
      const share = 1 / t / rate;
      const work = op.lot ? t * share : units * t * share * (1 + (op.rework ?? 0));
      const matrix = SETUP_MATRICES[MACHINES[m].setup];
      const setup = op.fam && matrix ? share * ((matrix.defaultS + matrix.sameFamilyS) / 2) : 0;
      load.set(m, load.get(m) + work + setup);
    }
  }
}
for (const { units, alts } of batchUnits.values()) {
  const maxUnits = MACHINES[alts[0][0]].batch;
  const cycles = Math.ceil(units / (BATCH_FILL * maxUnits));
  const rate = alts.reduce((s, [, t]) => s + 1 / t, 0);
  for (const [m] of alts) load.set(m, load.get(m) + cycles / rate);
}

/** Working minutes of a calendar in the horizon, less the given windows, as a minute bitmap. */
function capacityS(machine) {
  const { calendar, maintenance = [] } = MACHINES[machine];
  const minutes = HORIZON_DAYS * 1440;
  const open = new Uint8Array(minutes);
  const startMinuteOfDay = 6 * 60; // the start is 06:00 local time
  for (let day = -1; day <= HORIZON_DAYS; day++) {
    const date = at(day, 12).slice(0, 10);
    if (HOLIDAYS.includes(date)) continue;
    for (const shift of CALENDARS[calendar]) {
      if (!shift.days.includes(weekday(day))) continue;
      for (let m = shift.start; m < shift.end; m++) {
        if (shift.breaks.some(([b, e]) => m >= b && m < e)) continue;
        const i = day * 1440 + m - startMinuteOfDay;
        if (i >= 0 && i < minutes) open[i] = 1;
      }
    }
  }
  for (const [from, to] of maintenance) {
    const a = (Date.parse(from) - startMs) / 60_000;
    const b = (Date.parse(to) - startMs) / 60_000;
    for (let i = Math.max(0, a); i < Math.min(minutes, b); i++) open[i] = 0;
  }
  return open.reduce((s, v) => s + v, 0) * 60 * (MACHINES[machine].capacity ?? 1);
}

const rows = [...load]
  .map(([m, s]) => ({ m, loadH: s / 3600, capH: capacityS(m) / 3600 }))
  .map((r) => ({ ...r, util: r.loadH / r.capH }))
  .sort((a, b) => b.util - a.util);
const count = (pred) => orders.filter(pred).length;
process.stderr.write(
  `${orders.length} orders (${count((o) => o.progress)} in progress, ${count((o) => o.priority === 9)} rush, ` +
    `${count((o) => o.customer === INTERNAL)} internal), ${orders.reduce((s, o) => s + o.quantity, 0)} units\n`,
);
const byProduct = new Map();
for (const o of orders) byProduct.set(o.product, (byProduct.get(o.product) ?? 0) + o.quantity);
process.stderr.write([...byProduct].map(([p, q]) => `${p} ${q}`).join(', ') + '\n');
process.stderr.write('machine   load h   capacity h   utilisation\n');
for (const r of rows) {
  process.stderr.write(
    `${r.m.padEnd(8)} ${r.loadH.toFixed(1).padStart(7)} ${r.capH.toFixed(1).padStart(12)} ${(100 * r.util).toFixed(1).padStart(12)} %\n`,
  );
}
