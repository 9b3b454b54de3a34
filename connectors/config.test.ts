import path from 'node:path';
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

  it('gives the history writer a spill folder in the data directory unless it names one or there is none', () => {
    const influxWrite = { target: { kind: 'v2', url: 'http://127.0.0.1:8428', org: 'o', bucket: 'b' } };
    const byDefault = resolveConfig({ history: { influxWrite } }, {});
    expect(byDefault.history.influxWrite?.spill).toEqual({
      dir: path.join('data', 'influx-spill'),
      maxBytes: 256 * 1024 * 1024,
    });
    expect(byDefault.history.influxWrite?.maxInFlight).toBeGreaterThan(1);
    const beside = resolveConfig(
      { history: { influxWrite } },
      { TWIN_STATE_FILE: '/var/lib/twin/state.json' },
    );
    expect(beside.history.influxWrite?.spill?.dir).toBe(path.join('/var/lib/twin', 'influx-spill'));
    const own = resolveConfig({ history: { influxWrite: { ...influxWrite, spill: { dir: '/spill' } } } }, {});
    expect(own.history.influxWrite?.spill).toEqual({ dir: '/spill', maxBytes: 256 * 1024 * 1024 });
    const none = resolveConfig({ history: { influxWrite }, state: { file: null } }, {});
    expect(none.history.influxWrite?.spill).toBeUndefined();
    expect(resolveConfig({}, {}).history.influxWrite).toBeUndefined();
    expect(Object.isFrozen(byDefault.history.influxWrite?.spill)).toBe(true);
    expect(() => resolveConfig({ history: { influxWrite: { ...influxWrite, maxInFlight: 0 } } }, {})).toThrow(
      /maxInFlight/,
    );
  });

  it('prints without secrets', () => {
    const c = resolveConfig({ auth: { tokens: [{ token: '0123456789abcdef', role: 'admin' }] } }, {});
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toContain('0123456789abcdef');
    expect(text).toContain('***');
  });
});
