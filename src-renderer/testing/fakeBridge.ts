import type { SpeakProgress } from '../../src-shared/domain';
import type { RendererStudioApi, Result } from '../../src-shared/rendererApi';

/**
 * A window.studio for the renderer's store tests (as Electron Fiddle tests its renderer): each
 * test supplies only the methods it needs; anything else fails loudly.
 */
export function installFakeBridge(methods: Partial<RendererStudioApi>): { emitProgress(p: SpeakProgress): void } {
  const progressListeners = new Set<(p: SpeakProgress) => void>();
  const api = new Proxy(
    {
      ...methods,
      onSpeakProgress(listener: (p: SpeakProgress) => void) {
        progressListeners.add(listener);
        return () => progressListeners.delete(listener);
      },
    },
    {
      get(target, key: string) {
        if (key in target) return target[key as keyof typeof target];
        return () => Promise.reject(new Error(`fake bridge: ${key} not provided by this test`));
      },
    },
  );
  (globalThis as unknown as { window: { studio: unknown } }).window = { studio: api };
  return { emitProgress: (p) => progressListeners.forEach((listener) => listener(p)) };
}

export function ok<T>(value: T): Promise<Result<T>> {
  return Promise.resolve({ ok: true, value });
}
