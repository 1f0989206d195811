import { describe, expect, it } from 'vitest';
import { StudioError } from '../../src-shared/errors';
import { LIMITS } from '../../src-shared/limits';
import { RENDERER_OPERATIONS } from '../../src-shared/rendererApi';
import { rendererContract } from '../../src-shared/rendererContract';
import type { LogFields } from '../core/log';
import { createRendererHandlers, type NativeDialogs } from './rendererHandlers';
import { createIpcRouter, type RendererHandlers } from './router';
import { createFakeStudio, FAKE_ID } from './testing/fakeStudio';

type Sender = { trusted: boolean };
const trusted: Sender = { trusted: true };
const noDialogs: NativeDialogs = { chooseExportPath: async () => null };

function setup(overrides: { handlers?: Partial<RendererHandlers>; now?: () => number } = {}) {
  const studio = createFakeStudio();
  const logs: Array<{ event: string; fields: LogFields }> = [];
  const router = createIpcRouter<Sender>({
    handlers: { ...createRendererHandlers(studio, noDialogs), ...overrides.handlers },
    isTrustedSender: (sender) => sender.trusted,
    now: overrides.now,
    log: (_level, event, fields) => logs.push({ event, fields }),
  });
  return { studio, router, logs };
}

describe('IPC router', () => {
  it('lists exactly the renderer contract operations', () => {
    const { router } = setup();
    expect([...router.operations]).toEqual(Object.keys(rendererContract));
    expect([...RENDERER_OPERATIONS]).toEqual(Object.keys(rendererContract));
  });

  it('passes a valid request from the app page to the core', async () => {
    const { router, studio } = setup();
    const result = await router.handle('policyEvaluate', { text: 'Hello.' }, trusted);
    expect(result.ok).toBe(true);
    expect(studio.calls).toEqual([{ operation: 'policyEvaluate', request: { text: 'Hello.' } }]);
  });

  it('refuses a sender that is not the app page, before anything else', async () => {
    const { router, studio } = setup();
    const result = await router.handle('speak', { text: 'Hello.' }, { trusted: false });
    expect(result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: 'The request came from an untrusted page.' },
    });
    expect(studio.calls).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const studio = createFakeStudio();
    const router = createIpcRouter<Sender>({
      handlers: createRendererHandlers(studio, noDialogs),
      isTrustedSender: () => {
        throw new Error('frame destroyed');
      },
    });
    const result = await router.handle('voicesList', {}, trusted);
    expect(result.ok || result.error.code).toBe('FORBIDDEN_SENDER');
    expect(studio.calls).toEqual([]);
  });

  it.each(['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'check'])(
    'refuses the unknown operation %s',
    async (name) => {
      const { router, studio } = setup();
      const result = await router.handle(name, {}, trusted);
      expect(result.ok || result.error.code).toBe('INVALID_REQUEST');
      expect(studio.calls).toEqual([]);
    },
  );

  it.each([
    ['an extra key', 'speak', { text: 'Hi.', voiceId: 'x', extra: 1 }],
    ['a wrong type', 'speak', { text: 42 }],
    ['a speed out of range', 'speak', { text: 'Hi.', speed: 9 }],
    ['a missing field', 'historyShow', {}],
    ['a malformed id', 'historyShow', { id: '../../etc/passwd' }],
    ['a non-object', 'voicesList', 'hello'],
    ['null', 'settingsGet', null],
    ['a path-bearing core request', 'historyExport', { id: FAKE_ID, path: '/tmp/x.wav' }],
  ])('refuses a schema-invalid request (%s) with INVALID_REQUEST', async (_label, operation, payload) => {
    const { router, studio } = setup();
    const result = await router.handle(operation, payload, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_REQUEST');
    expect(studio.calls).toEqual([]);
  });

  it('reports which fields were wrong without echoing their values', async () => {
    const { router } = setup();
    const secret = 'my private script text';
    const result = await router.handle('speak', { text: secret, speed: 'fast' }, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.details).toEqual({ issues: [{ path: ['speed'], code: 'invalid_type' }] });
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('refuses an oversized payload with PAYLOAD_TOO_LARGE', async () => {
    const { router, studio } = setup();
    const text = 'a'.repeat(LIMITS.maxIpcPayloadBytes + 1);
    const result = await router.handle('speak', { text }, trusted);
    expect(result.ok || result.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(studio.calls).toEqual([]);
  });

  it('counts multi-byte characters as UTF-8 bytes', async () => {
    const { router, studio } = setup();
    // 90k characters of 3-byte UTF-8: under the character count, over the byte limit.
    const text = '€'.repeat(90_000);
    const result = await router.handle('policyEvaluate', { text }, trusted);
    expect(result.ok || result.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(studio.calls).toEqual([]);
  });

  it('refuses a cyclic payload without recursing', async () => {
    const { router, studio } = setup();
    const payload: Record<string, unknown> = { text: 'Hi.' };
    payload.self = payload;
    const result = await router.handle('speak', payload, trusted);
    expect(result.ok || result.error.code).toBe('INVALID_REQUEST');
    expect(studio.calls).toEqual([]);
  });

  it('survives a deeply nested payload', async () => {
    const { router, studio } = setup();
    let payload: unknown = {};
    for (let depth = 0; depth < 200_000; depth++) payload = { a: payload };
    const result = await router.handle('voicesList', payload, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(['PAYLOAD_TOO_LARGE', 'INVALID_REQUEST']).toContain(result.error.code);
    expect(studio.calls).toEqual([]);
  });

  it('rate-limits each operation on its own budget and refills over time', async () => {
    let now = 1_000_000;
    const { router, studio } = setup({ now: () => now });
    const outcomes: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await router.handle('speak', { text: 'Hi.' }, trusted);
      outcomes.push(result.ok ? 'ok' : result.error.code);
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(studio.calls.filter((c) => c.operation === 'speak')).toHaveLength(5);

    // Another operation is unaffected.
    expect((await router.handle('voicesList', {}, trusted)).ok).toBe(true);

    now += 1_000; // one token back at 1 per second
    expect((await router.handle('speak', { text: 'Hi.' }, trusted)).ok).toBe(true);
    const again = await router.handle('speak', { text: 'Hi.' }, trusted);
    expect(again.ok || again.error.code).toBe('RATE_LIMITED');
    expect(studio.calls.filter((c) => c.operation === 'speak')).toHaveLength(6);
  });

  it('returns the core’s typed error with its details', async () => {
    const { router } = setup({
      handlers: {
        speak: async () => {
          throw new StudioError('POLICY_BLOCKED', { details: { violations: [{ ruleId: 'r1' }] } });
        },
      },
    });
    const result = await router.handle('speak', { text: 'Hi.' }, trusted);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'POLICY_BLOCKED',
        message: 'The script was refused by the content policy.',
        details: { violations: [{ ruleId: 'r1' }] },
      },
    });
  });

  it('turns an unexpected failure into INTERNAL with no stack trace or message, and logs no message', async () => {
    const secret = 'user text /home/someone/secret.wav';
    const { router, logs } = setup({
      handlers: {
        voicesList: async () => {
          throw new TypeError(secret);
        },
      },
    });
    const result = await router.handle('voicesList', {}, trusted);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the studio.' } });
    const internal = logs.find((entry) => entry.event === 'ipc.internal');
    expect(internal?.fields.errorName).toBe('TypeError');
    expect(String(internal?.fields.stack)).toContain('at ');
    expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('refuses a core answer that does not match the response schema', async () => {
    const { router } = setup({
      handlers: { voicesList: async () => ({ voices: [{ id: 1 }] }) as never },
    });
    const result = await router.handle('voicesList', {}, trusted);
    expect(result.ok || result.error.code).toBe('INTERNAL');
  });

  it('strips fields the response schema does not name', async () => {
    const { router } = setup({
      handlers: {
        settingsSet: async () =>
          ({ settings: { defaultVoiceId: null, exportFormat: 'wav', theme: 'dark' }, watermarkKey: 'k' }) as never,
      },
    });
    const result = await router.handle('settingsSet', { settings: { theme: 'dark' } }, trusted);
    expect(result).toEqual({ ok: true, value: { settings: { defaultVoiceId: null, exportFormat: 'wav', theme: 'dark' } } });
  });
});
