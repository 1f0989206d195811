import { create } from 'zustand';
import type { PolicyDecision, PolicyViolation, SpeakProgress, SpeakResult } from '../../src-shared/domain';
import { LIMITS } from '../../src-shared/limits';
import { StudioClientError, studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';

export type GeneratePhase = 'idle' | 'generating' | 'done' | 'failed' | 'cancelled';

interface StudioState {
  text: string;
  voiceId: string | null;
  speed: number;
  /** Live policy answer for the current text (null while typing or when empty). */
  policy: PolicyDecision | null;
  /** Warnings the user has explicitly accepted for exactly this text. */
  acceptWarnings: boolean;
  phase: GeneratePhase;
  requestId: string | null;
  progress: { index: number; count: number } | null;
  result: SpeakResult | null;
  error: { code: string; message: string; guidance?: string } | null;
  /** Rules that refused the last Generate (from the POLICY_BLOCKED details). */
  blockedBy: PolicyViolation[] | null;
  setText(text: string): void;
  setVoice(voiceId: string): void;
  setSpeed(speed: number): void;
  setAcceptWarnings(accept: boolean): void;
  evaluatePolicy(): Promise<void>;
  generate(): Promise<void>;
  cancel(): Promise<void>;
  receiveProgress(progress: SpeakProgress): void;
  /** The latest clip was deleted from History: stop showing it. */
  forgetGeneration(id: string): void;
}

/** Counted as the core counts: UTF-16 code units after NFC. */
export function scriptLength(text: string): number {
  return text.normalize('NFC').length;
}

function violationsFrom(error: StudioClientError): PolicyViolation[] | null {
  const violations = error.details?.violations;
  return Array.isArray(violations) ? (violations as PolicyViolation[]) : null;
}

let policySequence = 0;
const CANCEL_ATTEMPTS = 20;
const CANCEL_RETRY_MS = 250;

function newRequestId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const useStudio = create<StudioState>((set, get) => ({
  text: '',
  voiceId: null,
  speed: LIMITS.speed.default,
  policy: null,
  acceptWarnings: false,
  phase: 'idle',
  requestId: null,
  progress: null,
  result: null,
  error: null,
  blockedBy: null,
  setText: (text) => set({ text, acceptWarnings: false, blockedBy: null }),
  setVoice: (voiceId) => set({ voiceId }),
  setSpeed: (speed) => set({ speed }),
  setAcceptWarnings: (acceptWarnings) => set({ acceptWarnings }),
  async evaluatePolicy() {
    const text = get().text;
    const sequence = ++policySequence;
    const length = scriptLength(text);
    if (text.trim() === '' || length > LIMITS.maxTextChars) {
      set({ policy: null });
      return;
    }
    try {
      const policy = await unwrap(studioApi().policyEvaluate({ text }));
      if (sequence === policySequence) set({ policy });
    } catch {
      // Invalid text (control characters, nothing speakable) is reported when Generate is pressed.
      if (sequence === policySequence) set({ policy: null });
    }
  },
  async generate() {
    const { text, voiceId, speed, acceptWarnings, phase } = get();
    if (phase === 'generating') return;
    const requestId = newRequestId();
    set({ phase: 'generating', requestId, progress: null, error: null, blockedBy: null });
    try {
      const result = await unwrap(
        studioApi().speak({ text, voiceId: voiceId ?? undefined, speed, acceptWarnings, requestId }),
      );
      set({ phase: 'done', result, requestId: null });
    } catch (error) {
      const described = describeError(error);
      const clientError = error instanceof StudioClientError ? error : null;
      if (described.code === 'CANCELLED') {
        set({ phase: 'cancelled', requestId: null, error: null });
        return;
      }
      set({
        phase: 'failed',
        requestId: null,
        error: described,
        blockedBy: clientError && described.code === 'POLICY_BLOCKED' ? violationsFrom(clientError) : null,
      });
      if (described.code === 'POLICY_CONFIRMATION_REQUIRED' || described.code === 'POLICY_BLOCKED') {
        void get().evaluatePolicy();
      }
    }
  },
  async cancel() {
    const requestId = get().requestId;
    // A cancel that reaches the core before it has started the request finds nothing to stop;
    // keep asking (briefly) while this request is still running.
    for (let attempt = 0; attempt < CANCEL_ATTEMPTS && get().requestId === requestId && requestId; attempt++) {
      try {
        const { cancelled } = await unwrap(studioApi().cancelSpeak({ requestId }));
        if (cancelled) return;
      } catch {
        return; // The request may have just finished; its own answer settles the state.
      }
      await new Promise((resolve) => setTimeout(resolve, CANCEL_RETRY_MS));
    }
  },
  receiveProgress(progress) {
    if (progress.requestId !== get().requestId) return;
    set({ progress: { index: progress.sentenceIndex, count: progress.sentenceCount } });
  },
  forgetGeneration(id) {
    if (get().result?.id === id) set({ result: null, phase: 'idle' });
  },
}));
