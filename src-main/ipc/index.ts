export { createIpcRouter, type IpcRouter, type IpcRouterOptions, type RendererHandlers } from './router';
export { createRendererHandlers, type NativeDialogs } from './rendererHandlers';
export { DEFAULT_RATE_BUDGETS } from './budgets';
export type { RateBudgetSpec } from './rateBudget';
export { measurePayload, type PayloadMeasure } from './payloadSize';
export { APP_HOST, APP_ORIGIN, APP_SCHEME, isAppPageUrl, isTrustedAppFrame, type FrameInfo } from './senderCheck';
