import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './client.js';

// A real server over loopback: what the service (or a proxy in front of it) may answer.
let server: Server;
let base: URL;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
    } else if (req.url === '/missing') {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: 'TWIN_E_NOT_FOUND', message: 'no order SO-9' }));
    } else {
      res.statusCode = 502;
      res.end('<html>Bad Gateway</html>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?token=t0k`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ApiClient', () => {
  it('sends the bearer token from the URL and returns the JSON answer', async () => {
    expect(await createApiClient(base).get('/ok')).toEqual({ auth: 'Bearer t0k' });
  });

  it("turns the service's error answer into an ApiError with its code", async () => {
    const e = await createApiClient(base)
      .get('/missing')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 404, code: 'TWIN_E_NOT_FOUND', message: 'no order SO-9' });
  });

  it('names the request when the answer is not JSON', async () => {
    const e = await createApiClient(base)
      .get('/proxy')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 502, message: 'GET /proxy: the answer (HTTP 502) is not JSON' });
  });
});
