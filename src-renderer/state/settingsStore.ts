import { create } from 'zustand';
import type { PolicyDecision, Settings, WatermarkKeyInfo } from '../../src-shared/domain';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';

interface SettingsState {
  settings: Settings | null;
  dataDir: string | null;
  policyProfile: Pick<PolicyDecision, 'policyVersion' | 'policyHash'> | null;
  error: string | null;
  /** Private watermark keys (ids and dates only; secrets never reach the window); null until loaded. */
  privateKeys: WatermarkKeyInfo[] | null;
  creatingKey: boolean;
  keysError: string | null;
  load(): Promise<void>;
  update(patch: Partial<Settings>): Promise<void>;
  loadPolicyProfile(): Promise<void>;
  loadPrivateKeys(): Promise<void>;
  createPrivateKey(): Promise<void>;
}

/** A neutral sentence: evaluating it reports which policy version and hash this build enforces. */
const POLICY_PROBE_TEXT = 'Hello.';

export const useSettings = create<SettingsState>((set, get) => ({
  settings: null,
  dataDir: null,
  policyProfile: null,
  error: null,
  privateKeys: null,
  creatingKey: false,
  keysError: null,
  async load() {
    try {
      const { settings, dataDir } = await unwrap(studioApi().settingsGet({}));
      set({ settings, dataDir, error: null });
    } catch (error) {
      set({ error: describeError(error).message });
    }
  },
  async update(patch) {
    try {
      const { settings } = await unwrap(studioApi().settingsSet({ settings: patch }));
      set({ settings, error: null });
    } catch (error) {
      set({ error: describeError(error).message });
    }
  },
  async loadPolicyProfile() {
    try {
      const decision = await unwrap(studioApi().policyEvaluate({ text: POLICY_PROBE_TEXT }));
      set({ policyProfile: { policyVersion: decision.policyVersion, policyHash: decision.policyHash } });
    } catch (error) {
      set({ error: describeError(error).message });
    }
  },
  async loadPrivateKeys() {
    try {
      const { keys } = await unwrap(studioApi().watermarkKeysList({}));
      set({ privateKeys: keys, keysError: null });
    } catch (error) {
      set({ keysError: describeError(error).message });
    }
  },
  async createPrivateKey() {
    if (get().creatingKey) return;
    set({ creatingKey: true });
    try {
      const { key } = await unwrap(studioApi().watermarkKeyCreate({}));
      const older = (get().privateKeys ?? []).map((existing) => ({ ...existing, active: false }));
      set({ privateKeys: [...older, key], keysError: null });
    } catch (error) {
      set({ keysError: describeError(error).message });
    } finally {
      set({ creatingKey: false });
    }
  },
}));
