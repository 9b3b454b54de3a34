import { describe, expect, it } from 'vitest';
import { redactConfig, resolveConfig } from './config.js';

describe('service configuration', () => {
  it('fills in defaults: the embedded plant, in-memory history, 127.0.0.1:8080', () => {
    const c = resolveConfig({}, {});
    expect(c.http).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(c.plant.embedded).toBe(true);
    expect(c.auth.tokens).toEqual([]);
    expect(Object.isFrozen(c.http)).toBe(true);
  });

  it('takes TWIN_* variables over the file, and tokens as role:token pairs', () => {
    const c = resolveConfig(
      { http: { port: 9000 } },
      { TWIN_HTTP_PORT: '9100', TWIN_TOKENS: 'viewer:0123456789abcdef,admin:fedcba9876543210', PATH: '/bin' },
    );
    expect(c.http.port).toBe(9100);
    expect(c.auth.tokens.map((t) => t.role)).toEqual(['viewer', 'admin']);
  });

  it('rejects unknown keys and unknown TWIN_* variables, naming them', () => {
    expect(() => resolveConfig({ htp: {} }, {})).toThrow(/htp/);
    expect(() => resolveConfig({ http: { prot: 1 } }, {})).toThrow(/prot/);
    expect(() => resolveConfig({}, { TWIN_HTTP_PROT: '1' })).toThrow(/TWIN_HTTP_PROT/);
    expect(() => resolveConfig({}, { TWIN_HTTP_PORT: 'eighty' })).toThrow(/TWIN_HTTP_PORT.*not a number/);
    expect(() => resolveConfig({ auth: { tokens: [{ token: 'short', role: 'admin' }] } }, {})).toThrow(
      /token/,
    );
  });

  it("takes the embedded plant's MQTT job orders (JSON, Sparkplug B), checked like the rest", () => {
    const mqtt = (jobOrders: unknown) => ({
      plant: { options: { mqtt: { url: 'mqtt://127.0.0.1:1883', jobOrders } } },
    });
    const c = resolveConfig(mqtt({ json: {}, sparkplug: { groupId: 'Plant1' } }), {});
    expect(c.plant.options?.mqtt?.jobOrders).toEqual({
      json: { prefix: 'shopfloor/dispatch' },
      sparkplug: { groupId: 'Plant1', edgeNode: 'embedded-plant' },
    });
    expect(() => resolveConfig(mqtt({}), {})).toThrow(/jobOrders/);
    expect(() => resolveConfig(mqtt({ sparkplug: { groupId: 'Plant/1' } }), {})).toThrow(/groupId/);
    expect(() => resolveConfig(mqtt({ json: { prefix: 'a/+/b' } }), {})).toThrow(/prefix/);
    expect(() => resolveConfig(mqtt({ jsn: {} }), {})).toThrow(/jsn/);
  });

  it('prints without secrets', () => {
    const c = resolveConfig({ auth: { tokens: [{ token: '0123456789abcdef', role: 'admin' }] } }, {});
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('***');
  });
});
