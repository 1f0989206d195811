import { beforeEach, describe, expect, it } from 'vitest';
import type { RendererStudioApi } from '../../src-shared/rendererApi';
import { installFakeBridge, ok } from '../testing/fakeBridge';
import { scriptLength, useStudio } from './studioStore';

const ID = '0123456789abcdef';
const speakResult = {
  id: ID,
  voice: 'espeak-en-us',
  sampleRate: 22050,
  durationSec: 2,
  watermark: { payload: ID },
  policy: { decision: 'allow' as const, violations: [] },
  audioSha256: 'a'.repeat(64),
};
const initial = useStudio.getState();

beforeEach(() => useStudio.setState(initial, true));

describe('studio store', () => {
  it('counts characters as the core does (NFC code units)', () => {
    expect(scriptLength('e\u0301')).toBe(1);
    expect(scriptLength('😀')).toBe(2);
  });

  it('sends the script with its settings and a request id, and keeps the result', async () => {
    const requests: unknown[] = [];
    installFakeBridge({
      speak: (request) => {
        requests.push(request);
        return ok(speakResult);
      },
    });
    useStudio.getState().setText('Hello.');
    useStudio.getState().setSpeed(1.25);
    await useStudio.getState().generate();
    expect(requests).toEqual([
      { text: 'Hello.', voiceId: undefined, speed: 1.25, acceptWarnings: false, requestId: expect.stringMatching(/^[0-9a-f]{16}$/) },
    ]);
    expect(useStudio.getState()).toMatchObject({ phase: 'done', result: speakResult, requestId: null });
  });

  it('shows progress only for its own request', async () => {
    let finish: (() => void) | undefined;
    const bridge = installFakeBridge({
      speak: () => new Promise((resolve) => (finish = () => resolve({ ok: true, value: speakResult }))),
    });
    // As App does: progress events from the bridge feed the store.
    window.studio.onSpeakProgress((progress) => useStudio.getState().receiveProgress(progress));
    useStudio.getState().setText('One. Two.');
    const pending = useStudio.getState().generate();
    const requestId = useStudio.getState().requestId!;
    bridge.emitProgress({ requestId: 'someone-else', sentenceIndex: 5, sentenceCount: 9 });
    expect(useStudio.getState().progress).toBeNull();
    bridge.emitProgress({ requestId, sentenceIndex: 1, sentenceCount: 2 });
    expect(useStudio.getState().progress).toEqual({ index: 1, count: 2 });
    finish!();
    await pending;
  });

  it('keeps the rules of a policy block to explain it', async () => {
    const violation = {
      ruleId: 'fraud.gift-card',
      category: 'fraud_scam',
      severity: 'block',
      start: 0,
      end: 4,
      explanation: 'Asks for payment in gift cards.',
    };
    installFakeBridge({
      speak: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'POLICY_BLOCKED', message: 'refused', details: { violations: [violation] } },
        }),
      policyEvaluate: () => ok({ decision: 'block', violations: [violation], policyVersion: '1', policyHash: 'b'.repeat(64) }) as ReturnType<RendererStudioApi['policyEvaluate']>,
    });
    useStudio.getState().setText('Send gift cards now.');
    await useStudio.getState().generate();
    expect(useStudio.getState()).toMatchObject({ phase: 'failed', blockedBy: [violation] });
    expect(useStudio.getState().error?.code).toBe('POLICY_BLOCKED');
  });

  it('reports a cancelled generation as cancelled, not as an error', async () => {
    installFakeBridge({
      speak: () => Promise.resolve({ ok: false, error: { code: 'CANCELLED', message: 'The operation was cancelled.' } }),
    });
    useStudio.getState().setText('Hello.');
    await useStudio.getState().generate();
    expect(useStudio.getState()).toMatchObject({ phase: 'cancelled', error: null });
  });

  it('tells the user the engine crashed and that the next try starts fresh', async () => {
    installFakeBridge({
      speak: () => Promise.resolve({ ok: false, error: { code: 'SYNTHESIS_FAILED', message: 'The voice engine failed; try again.' } }),
    });
    useStudio.getState().setText('Hello.');
    await useStudio.getState().generate();
    expect(useStudio.getState().error?.guidance).toContain('next generation starts a fresh engine');
  });

  it('forgets an accepted warning when the text changes', () => {
    useStudio.getState().setText('a');
    useStudio.getState().setAcceptWarnings(true);
    useStudio.getState().setText('b');
    expect(useStudio.getState().acceptWarnings).toBe(false);
  });
});

describe('cancel', () => {
  it('asks again when the core had not started the request yet, and stops once it has cancelled', async () => {
    const answers = [false, false, true];
    const asked: string[] = [];
    let finish: ((value: unknown) => void) | undefined;
    installFakeBridge({
      speak: () => new Promise((resolve) => (finish = resolve)) as never,
      cancelSpeak: ({ requestId }) => {
        asked.push(requestId);
        return ok({ cancelled: answers.shift() ?? true });
      },
    });
    useStudio.getState().setText('Hello.');
    const pending = useStudio.getState().generate();
    const requestId = useStudio.getState().requestId!;
    await useStudio.getState().cancel();
    expect(asked).toEqual([requestId, requestId, requestId]);
    finish!({ ok: false, error: { code: 'CANCELLED', message: 'The operation was cancelled.' } });
    await pending;
    expect(useStudio.getState().phase).toBe('cancelled');
  });
});
