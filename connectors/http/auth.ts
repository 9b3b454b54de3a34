import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TwinError } from '../../twin/errors.js';

export const ROLES = ['viewer', 'planner', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** viewer reads; planner adds scenarios, schedules, validation; operator adds dispatch; admin everything. */
const RANK: Record<Role, number> = { viewer: 0, planner: 1, operator: 2, admin: 3 };

export interface TokenEntry {
  token: string;
  role: Role;
  name?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs; `public` routes (health) need none. */
    role?: Role | 'public';
  }
  interface FastifyRequest {
    principal?: { role: Role; name: string };
  }
}

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Bearer token from the Authorization header, or `?token=` (browsers cannot set headers on a WebSocket). */
function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

/**
 * Every route declares `config.role`; a route without one is refused (secure by default). Tokens are compared
 * by constant-time digest comparison and never logged.
 */
export function registerAuth(app: FastifyInstance, tokens: readonly TokenEntry[]): void {
  const known = tokens.map((t) => ({ ...t, digest: digest(t.token) }));
  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    if (url === undefined) return; // 404s go to the not-found handler
    // Secure by default: an API route that forgot its role needs admin; static pages (viewer, docs) are public.
    const role =
      request.routeOptions.config.role ?? (/^\/(api|metrics)(\/|$)/.test(url) ? 'admin' : 'public');
    if (role === 'public') return;
    const token = presentedToken(request);
    if (!token)
      throw new TwinError(
        'TWIN_E_UNAUTHORIZED',
        'a bearer token is required (Authorization: Bearer <token>)',
      );
    const d = digest(token);
    const entry = known.find((k) => timingSafeEqual(k.digest, d));
    if (!entry) throw new TwinError('TWIN_E_UNAUTHORIZED', 'the bearer token is not known');
    request.principal = { role: entry.role, name: entry.name ?? entry.role };
    const needed = role;
    if (RANK[entry.role] < RANK[needed]) {
      throw new TwinError('TWIN_E_FORBIDDEN', `this needs the role ${needed} (the token has ${entry.role})`, {
        needed,
        role: entry.role,
      });
    }
  });
}
