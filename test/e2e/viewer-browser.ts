// Debian's chromium driven by playwright-core for the viewer's end-to-end tests: where the browser is, how it
// starts (software WebGL through SwiftShader; never a downloaded browser), pages with their errors recorded,
// and bounded polling that says what it waited for and what it last saw.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--no-sandbox',
];
export const VIEWPORT = { width: 1400, height: 900 };

/** CHROMIUM_PATH from the environment, else the one the servers' set-up found, else Debian's. */
export function chromiumPath(fromSetup: string | undefined): string {
  return process.env.CHROMIUM_PATH || fromSetup || DEFAULT_CHROMIUM;
}

export function chromiumFound(executable: string): boolean {
  return existsSync(executable);
}

export async function launchChromium(executable: string): Promise<Browser> {
  if (!chromiumFound(executable)) {
    throw new Error(
      `chromium not found at ${executable}: install it (sudo bash scripts/test-servers.sh install) ` +
        'or set CHROMIUM_PATH; the tests never download a browser',
    );
  }
  return chromium.launch({ executablePath: executable, args: CHROMIUM_ARGS });
}

/** A page in a context of its own (its own session storage, so its own token), with its errors recorded. */
export interface ViewerPage {
  page: Page;
  /** Uncaught exceptions and console errors, each with the page's name. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPage(browser: Browser, name: string, url: string): Promise<ViewerPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${name}: uncaught ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${name}: console error ${m.text()} (${m.location().url})`);
  });
  await page.goto(url);
  return { page, errors, close: () => context.close() };
}

/**
 * Calls `read` every `everyMs` until `done(value)` holds and returns that value; after `ms` it fails, naming
 * what it waited for and the last value it read.
 */
export async function poll<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `error ${String(lastError)}` : JSON.stringify(last);
      throw new Error(`timed out after ${ms} ms waiting for ${what}; last seen: ${seen?.slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
