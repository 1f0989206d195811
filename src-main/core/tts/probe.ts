import { StudioError } from '../../../src-shared/errors';
import type { ProbeRequest } from './protocol';
import { createChildProcessTransport, type SynthesisTransport } from './transport';

export interface ProbeOptions {
  /** Default: a Node child process, so a model that crashes onnxruntime kills only the child. */
  transportFactory?: () => SynthesisTransport;
  timeoutMs?: number;
}

/**
 * Proves a Piper model loads and runs: a fresh, isolated worker verifies the sha256, creates the
 * ONNX session, checks the input/output signature and synthesises one phoneme. Resolves when
 * the model is usable; otherwise VOICE_INVALID (or VOICE_INTEGRITY_FAILED, TIMEOUT).
 */
export async function probePiperModel(request: ProbeRequest, options: ProbeOptions = {}): Promise<void> {
  const transport = (options.transportFactory ?? (() => createChildProcessTransport()))();
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new StudioError('TIMEOUT')), timeoutMs);
      const done = (error?: unknown): void => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      transport.onMessage((message) => {
        if (message.id !== 1) return;
        if (message.type === 'probed') done();
        else if (message.type === 'failed') {
          const code = message.code === 'SYNTHESIS_FAILED' ? 'VOICE_INVALID' : message.code;
          done(new StudioError(code, message.reason ? { details: { reason: message.reason } } : {}));
        }
      });
      transport.onExit(() => done(new StudioError('VOICE_INVALID', { details: { reason: 'the model crashed the runtime' } })));
      transport.postMessage({ type: 'probe', id: 1, ...request });
    });
  } finally {
    await transport.terminate().catch(() => undefined);
  }
}
