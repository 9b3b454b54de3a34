import { fileURLToPath } from 'node:url';

/**
 * Path of a worker module of this folder (`name` without extension). Under vitest the sources are
 * TypeScript; workers always run the compiled JavaScript from dist/.
 */
export function workerFile(name: string): string {
  const here = import.meta.url;
  const url = here.endsWith('.ts')
    ? new URL(`../../dist/solver/runtime/${name}.js`, here)
    : new URL(`./${name}.js`, here);
  return fileURLToPath(url);
}
