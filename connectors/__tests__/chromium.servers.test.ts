// Smoke test of headless Chromium through playwright-core: a page served from loopback, a click, and WebGL
// (the 3D viewer needs it; without a GPU Chromium renders it with SwiftShader).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithServers, serverUrls } from '../../test/servers.js';

const page = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>shopfloor-twin smoke</title></head>
  <body>
    <p id="status">idle</p>
    <button id="start" type="button">Start</button>
    <canvas id="view" width="16" height="16"></canvas>
    <script>
      document.getElementById('start').addEventListener('click', () => {
        document.getElementById('status').textContent = 'running';
      });
      // Clears the canvas with WebGL and reads a pixel back: proves WebGL draws, not just hands out a context.
      function probeWebGL() {
        const webgl2 = document.createElement('canvas').getContext('webgl2') !== null;
        const gl = document.getElementById('view').getContext('webgl', { preserveDrawingBuffer: true });
        if (!gl) return { webgl: false, webgl2, renderer: '', pixel: [] };
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        gl.clearColor(1, 0.5, 0, 1);
        gl.clear(gl.COLOR_BUFFER_BIT);
        const pixel = new Uint8Array(4);
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
        const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
        return { webgl: true, webgl2, renderer, pixel: [...pixel] };
      }
    </script>
  </body>
</html>`;

const chromiumArgs = [
  '--no-sandbox',
  // Software WebGL (SwiftShader) when there is no GPU; playwright-core passes it too, but be explicit.
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

interface WebGLProbe {
  webgl: boolean;
  webgl2: boolean;
  renderer: string;
  pixel: number[];
}

describeWithServers('Chromium (playwright-core)', () => {
  let http: Server | undefined;
  let baseUrl = '';
  let browser: Browser | undefined;
  const open = (): Browser => {
    if (!browser) throw new Error('Chromium did not start');
    return browser;
  };

  beforeAll(async () => {
    http = createServer((request, response) => {
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      http?.once('error', reject).listen(0, '127.0.0.1', resolve);
    });
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: serverUrls().chromiumPath,
      headless: true,
      args: chromiumArgs,
      timeout: 60_000,
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (http) await new Promise<void>((resolve) => http?.close(() => resolve()));
  });

  it('loads a page and reacts to a click', async () => {
    const context = await open().newContext();
    try {
      const tab = await context.newPage();
      tab.setDefaultTimeout(10_000);
      const response = await tab.goto(baseUrl);
      expect(response?.status()).toBe(200);
      await expect(tab.title()).resolves.toBe('shopfloor-twin smoke');
      expect(await tab.textContent('#status')).toBe('idle');
      await tab.click('#start');
      await tab.waitForSelector('#status:text-is("running")');
      expect(await tab.textContent('#status')).toBe('running');
    } finally {
      await context.close();
    }
  });

  it('renders with WebGL and WebGL2', async () => {
    const context = await open().newContext();
    try {
      const tab = await context.newPage();
      tab.setDefaultTimeout(10_000);
      await tab.goto(baseUrl);
      // A string expression: the tsconfig has no DOM types (the page script is plain JS above).
      const result = (await tab.evaluate('probeWebGL()')) as WebGLProbe;
      expect(result.webgl, 'canvas.getContext("webgl") returned null').toBe(true);
      expect(result.webgl2, 'canvas.getContext("webgl2") returned null').toBe(true);
      expect(result.renderer).not.toBe('');
      // The cleared colour (1, 0.5, 0, 1) reads back.
      expect(result.pixel[0]).toBe(255);
      expect(result.pixel[1]).toBeGreaterThanOrEqual(127);
      expect(result.pixel[1]).toBeLessThanOrEqual(128);
      expect(result.pixel[2]).toBe(0);
      expect(result.pixel[3]).toBe(255);
    } finally {
      await context.close();
    }
  });
});
