// One linter for the whole repo. Beyond style, it enforces the architecture of DESIGN.md §2:
// twin/, solver/ (outside solver/runtime/) and scenarios/ are pure, and imports point inward.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
// Libraries that do I/O or spawn threads: only connectors/ (and solver/runtime/ for the solver ones) may use them.
const ioLibraries = [
  'node-opcua',
  'node-opcua-*',
  'mqtt',
  '@influxdata/*',
  'fastify',
  '@fastify/*',
  'piscina',
  'tinypool',
  'glpk.js',
  'glpk.js/*',
  'highs',
  'playwright-core',
];

/** Our own top-level folders, as patterns that match any relative import reaching into them. */
const layer = (name) => [`**/${name}`, `**/${name}/**`];

/** no-restricted-imports options for a folder: what it may not import, with the reason. */
function restrictImports({ pure, forbiddenLayers, extraPatterns = [] }) {
  const patterns = forbiddenLayers.map((name) => ({
    group: layer(name),
    message: `imports point inward (DESIGN.md §2): this folder may not import ${name}/.`,
  }));
  if (pure) {
    patterns.push({
      group: ['node:*', ...ioLibraries],
      message: 'this folder is pure (no I/O, threads or clock): do I/O in connectors/ or solver/runtime/.',
    });
  }
  patterns.push(...extraPatterns);
  const paths = pure
    ? nodeBuiltins.map((name) => ({ name, message: 'this folder is pure: no Node built-in modules.' }))
    : [];
  return ['error', { paths, patterns }];
}

/** Each folder: what it may not import. Its tests may also do I/O (fixtures), but still point inward. */
const LAYERS = [
  {
    files: ['twin/**/*.ts'],
    ignores: [],
    pure: true,
    forbiddenLayers: ['solver', 'scenarios', 'connectors', 'viewer'],
  },
  {
    files: ['solver/**/*.ts'],
    ignores: ['solver/runtime/**'],
    pure: true,
    forbiddenLayers: ['scenarios', 'connectors', 'viewer', 'runtime'],
  },
  {
    files: ['solver/runtime/**/*.ts'],
    ignores: [],
    pure: false,
    forbiddenLayers: ['scenarios', 'connectors', 'viewer'],
  },
  {
    files: ['scenarios/**/*.ts'],
    ignores: [],
    pure: true,
    forbiddenLayers: ['connectors', 'viewer', 'runtime'],
  },
  { files: ['connectors/**/*.ts'], ignores: [], pure: false, forbiddenLayers: ['viewer'] },
];
const TEST_FILES = ['**/*.test.ts', '**/__fixtures__/**'];

function layerBlocks() {
  return LAYERS.flatMap(({ files, ignores, pure, forbiddenLayers }) => [
    {
      files,
      ignores: [...ignores, ...TEST_FILES],
      rules: { 'no-restricted-imports': restrictImports({ pure, forbiddenLayers }) },
    },
    {
      files: files.map((f) => f.replace('**/*.ts', '**/*.test.ts')),
      ignores,
      rules: { 'no-restricted-imports': restrictImports({ pure: false, forbiddenLayers }) },
    },
  ]);
}

const purityRules = {
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'pure code takes time as an argument.' },
    { object: 'Math', property: 'random', message: 'pure code takes a seeded random stream as an argument.' },
    { object: 'performance', property: 'now', message: 'pure code takes time as an argument.' },
    { object: 'crypto', property: 'getRandomValues', message: 'pure code takes a seeded random stream.' },
    { object: 'crypto', property: 'randomUUID', message: 'pure code takes ids from its caller.' },
  ],
  'no-restricted-globals': [
    'error',
    ...[
      'setTimeout',
      'setInterval',
      'setImmediate',
      'clearTimeout',
      'clearInterval',
      'clearImmediate',
      'queueMicrotask',
      'process',
      'fetch',
      'performance',
      'require',
    ].map((name) => ({ name, message: `pure code may not use ${name}: no timers, clock or I/O.` })),
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'pure code takes time as an argument: `new Date()` reads the clock.',
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: 'pure code takes time as an argument: `Date()` reads the clock.',
    },
    {
      selector: 'ImportExpression',
      message: 'pure code imports statically, so the import rules can see it.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'viewer/dist/', '.test-servers/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  ...layerBlocks(),
  {
    // Product code in the pure folders; their tests may read fixtures from disk.
    files: ['twin/**/*.ts', 'solver/**/*.ts', 'scenarios/**/*.ts'],
    ignores: ['solver/runtime/**', '**/*.test.ts', '**/__fixtures__/**'],
    rules: purityRules,
  },
  {
    // The viewer runs in the browser: its globals, and the rules of hooks.
    files: ['viewer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        WebSocket: 'readonly',
        MessageEvent: 'readonly',
        Storage: 'readonly',
        HTMLElement: 'readonly',
        HTMLCanvasElement: 'readonly',
        HTMLDivElement: 'readonly',
        ResizeObserver: 'readonly',
        requestAnimationFrame: 'readonly',
        cancelAnimationFrame: 'readonly',
        devicePixelRatio: 'readonly',
        getComputedStyle: 'readonly',
        PointerEvent: 'readonly',
        MouseEvent: 'readonly',
        WheelEvent: 'readonly',
        KeyboardEvent: 'readonly',
      },
    },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    // The viewer takes types only from the rest of the product.
    files: ['viewer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...layer('twin'), ...layer('solver'), ...layer('scenarios'), ...layer('connectors')],
              allowTypeImports: true,
              message: 'the viewer takes types only (`import type`) from the rest of the product.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
