import type { RendererOperation } from '../../src-shared/rendererContract';
import type { RateBudgetSpec } from './rateBudget';

/**
 * How often the one window may call each operation. Generous for a person at the keyboard
 * (debounced search, a 100-file drop on Check), far below what a flooding page would send.
 */
export const DEFAULT_RATE_BUDGETS: Record<RendererOperation, RateBudgetSpec> = {
  speak: { burst: 5, perSecond: 1 },
  cancelSpeak: { burst: 10, perSecond: 2 },
  policyEvaluate: { burst: 20, perSecond: 10 },
  historyList: { burst: 30, perSecond: 10 },
  historyShow: { burst: 30, perSecond: 10 },
  historyDelete: { burst: 10, perSecond: 2 },
  historyAudio: { burst: 20, perSecond: 5 },
  historyExport: { burst: 5, perSecond: 1 },
  checkFile: { burst: 120, perSecond: 20 },
  voicesList: { burst: 20, perSecond: 5 },
  voicesImport: { burst: 5, perSecond: 1 },
  settingsGet: { burst: 20, perSecond: 5 },
  settingsSet: { burst: 20, perSecond: 5 },
  watermarkKeysList: { burst: 20, perSecond: 5 },
  // Each creation adds a key for good (keys are never removed): a flooding page must not fill the store.
  watermarkKeyCreate: { burst: 3, perSecond: 0.1 },
};
