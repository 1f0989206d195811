import type { RendererStudioApi } from '../src-shared/rendererApi';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or the test host's bridge (browser e2e). */
    readonly studio: RendererStudioApi;
  }
}

export {};
