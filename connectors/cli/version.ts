import { existsSync, readFileSync } from 'node:fs';

// The same module runs from the sources (tests) and from dist/: look for package.json upwards.
const file = ['../../package.json', '../../../package.json']
  .map((rel) => new URL(rel, import.meta.url))
  .find((url) => existsSync(url));
const pkg = (
  file ? JSON.parse(readFileSync(file, 'utf8')) : { name: 'shopfloor-twin', version: '0.0.0' }
) as {
  name: string;
  version: string;
};

/** Name and version of the engine, reported with every result. */
export const ENGINE = `${pkg.name} ${pkg.version}`;
export const VERSION = pkg.version;
