import { StudioError } from '../../../src-shared/errors';
import { detectionFrameCount } from './analysis';
import { codedBitSnr, decodePayload, evidenceSpan, softBits } from './decode';
import { tileSigns, type PcmClip } from './embed';
import { cellFeatures } from './features';
import type { WatermarkKey } from './keys';
import { tileLayout } from './layout';
import * as params from './params';
import { payloadToHex } from './payload';
import { SegmentSignals, WEIGHTINGS } from './signals';
import { bestPayload, codedSigns, verificationEvidence, type VerificationEvidence } from './verify';
import { countCandidates, longWindows, searchWindows, slotStart, type GridCandidate } from './search';

// module-local copies: under some loaders imported bindings are getters, too slow in hot loops
const {
  ANCHOR_Z,
  DESIGN_FALSE_POSITIVE,
  DETECT_FRAMES_PER_SLOT,
  DETECT_HOP,
  FREQ_SCALES,
  LIST_SIZE,
  MAC_BITS,
  MIN_SYNC_Z,
  PERIOD_SLOTS,
  SEGMENT_SEC,
  WORK_RATE,
} = params;

export interface WatermarkMarkFound {
  /**
   * 'decoded': the payload was read blind (error correction + MAC). 'verified': nothing could be
   * read blind, but one of the caller's known payloads matched the whole mark pattern (verify.ts).
   */
  method: 'decoded' | 'verified';
  payload: string;
  keyId: string;
  score: number;
  falsePositiveProbability: number;
  startSec: number;
  endSec: number;
}

export interface WatermarkDetection {
  watermarked: boolean;
  score: number;
  falsePositiveProbability: number;
  payload: string | null;
  keyId: string | null;
  marks: WatermarkMarkFound[];
}

const FRAME_SEC = DETECT_HOP / WORK_RATE;
const SEGMENT_FRAMES = Math.round((SEGMENT_SEC * WORK_RATE) / DETECT_HOP);
/** Overlap between segments: one window at the slowest searched scale, plus margin. */
const SEGMENT_OVERLAP = Math.ceil(PERIOD_SLOTS * DETECT_FRAMES_PER_SLOT * 1.05) + 64;
/** ln of the chance that one decode attempt passes the MAC by luck: LIST_SIZE words per weighting, 2^−MAC_BITS each. */
const LN_MAC = MAC_BITS * Math.log(2) - Math.log(2 * LIST_SIZE);

/** One-period windows per segment and key kept for verification (the best by sync score), besides every longer window. */
const VERIFY_WINDOWS = 8;

/** Evidence (candidate × weighting) verified per file: ≈ 10 µs per item and known payload. */
const VERIFY_MAX_EVIDENCE = 48;

function verificationShortlist(tried: GridCandidate[]): GridCandidate[] {
  const single = tried.filter((c) => c.slots <= PERIOD_SLOTS).sort((a, b) => b.z - a.z).slice(0, VERIFY_WINDOWS);
  return [...single, ...tried.filter((c) => c.slots > PERIOD_SLOTS)];
}

/** Distinct grids whose longer windows are tried per segment and key. */
const MAX_ANCHOR_GROUPS = 6;
/** Two candidates describe the same grid when they place the anchor's slot within this many frames. */
const SAME_GRID_FRAMES = 3;

/** Whether `c` (a long window) follows the same tile grid as `anchor` at the anchor's centre. */
function sameGrid(c: GridCandidate, anchor: GridCandidate): boolean {
  const centreFrame = slotStart(anchor, anchor.centreSlot);
  if (centreFrame < slotStart(c, c.firstSlot) || centreFrame >= slotStart(c, c.firstSlot + c.slots)) return false;
  if (Math.abs(c.timeScale - anchor.timeScale) > 0.01) return false;
  const periodFrames = PERIOD_SLOTS * DETECT_FRAMES_PER_SLOT * c.timeScale;
  const diff = centreFrame - slotStart(c, anchor.centreSlot);
  const residual = diff - Math.round(diff / periodFrames) * periodFrames;
  return Math.abs(residual) <= SAME_GRID_FRAMES;
}

interface Segment {
  first: number;
  end: number;
}

function segments(totalFrames: number): Segment[] {
  const out: Segment[] = [];
  for (let first = 0; ; first += SEGMENT_FRAMES) {
    const end = Math.min(totalFrames, first + SEGMENT_FRAMES + SEGMENT_OVERLAP);
    out.push({ first, end });
    if (end >= totalFrames) break;
  }
  return out;
}

/**
 * Finds every mark of any of `keys`. A candidate is decoded only when its sync score z clears a
 * threshold set from the number N of candidates tried in the whole file, and it counts only if one
 * of the ≤ 2 × LIST_SIZE words it yields passes the MAC, so
 * P(false mark) ≤ N · exp(−z²/2) · 2 · LIST_SIZE · 2^−MAC_BITS ≤ DESIGN_FALSE_POSITIVE.
 * See docs/WATERMARK.md.
 */
export interface DetectOptions {
  /**
   * Payloads the caller knows (the studio's history): when no mark can be read blind, each is
   * tested as a whole pattern at the aligned candidates, which traces clips too short or too
   * damaged to decode. Counted in the false-positive bound like every other candidate.
   */
  knownPayloads?: readonly string[];
}

export function detectWatermark(clip: PcmClip, keys: WatermarkKey[], options: DetectOptions = {}): WatermarkDetection {
  return detectWithDiagnostics(clip, keys, false, undefined, options).detection;
}

/** Evidence kept from each aligned candidate for verification against known payloads. */
interface VerificationCandidate {
  keyIndex: number;
  /** The candidate's sync score: only the best candidates of the whole file are verified. */
  z: number;
  evidence: VerificationEvidence;
  startSec: number;
  endSec: number;
}

/** One decoding attempt, for benchmarks and tuning (never logged: it says nothing secret, but it is noise). */
export interface DecodeAttempt {
  z: number;
  slots: number;
  timeScale: number;
  freqScale: number;
  startSec: number;
  payload: string | null;
  /** With a known payload (benchmarks only): the coded-bit SNR at this candidate. */
  codedBitSnr?: number;
}

export interface DetectionDiagnostics {
  detection: WatermarkDetection;
  candidates: number;
  threshold: number;
  attempts: DecodeAttempt[];
  windowScores: number[];
}

export function detectWithDiagnostics(
  clip: PcmClip,
  keys: WatermarkKey[],
  decodeBelowThreshold = false,
  knownPayload?: string,
  options: DetectOptions = {},
): DetectionDiagnostics {
  if (!clip || !(clip.samples instanceof Float32Array) || !Number.isFinite(clip.sampleRate) || clip.sampleRate < WORK_RATE) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'clip must be mono Float32 PCM at ≥ 8 kHz' } });
  }
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new StudioError('INVALID_REQUEST', { details: { reason: 'at least one watermark key is needed' } });
  }
  const totalFrames = detectionFrameCount(clip.samples, clip.sampleRate);
  const parts = segments(totalFrames);
  const candidates = keys.length * parts.reduce((n, s) => n + countCandidates(s.end - s.first), 0);
  const lnCandidates = Math.log(Math.max(1, candidates));
  // decode only above the sync score at which N · exp(−z²/2) · 2^−MAC reaches the design bound
  const known = options.knownPayloads ?? [];
  // with known payloads, blind decoding and verification each get half of the design bound
  const designBound = known.length > 0 ? DESIGN_FALSE_POSITIVE / 2 : DESIGN_FALSE_POSITIVE;
  const threshold = Math.max(MIN_SYNC_Z, Math.sqrt(Math.max(0, 2 * (lnCandidates - LN_MAC - Math.log(designBound)))));
  const durationSec = clip.samples.length / clip.sampleRate;

  const found: WatermarkMarkFound[] = [];
  const attempts: DecodeAttempt[] = [];
  const windowScores: number[] = [];
  let bestZ = 0;
  const toVerify: VerificationCandidate[] = [];
  for (const part of parts) {
    const features = cellFeatures(clip.samples, clip.sampleRate, part.first, part.end);
    for (const [keyIndex, key] of keys.entries()) {
      const layout = tileLayout(key);
      const signals = new SegmentSignals(features, layout);
      const { windows } = searchWindows(signals, layout);
      const tried: GridCandidate[] = [];
      const attempt = (c: GridCandidate) => {
        if (c.z > bestZ) bestZ = c.z;
        tried.push(c);
        if (!(c.z >= threshold) && !(decodeBelowThreshold && c.z >= ANCHOR_Z)) return;
        let soft: Float64Array = new Float64Array(0);
        let payload: Uint8Array | null = null;
        for (const weighting of WEIGHTINGS) {
          soft = softBits(signals, layout, c, weighting);
          payload = decodePayload(soft, key);
          if (payload) break;
        }
        attempts.push({
          z: c.z,
          slots: c.slots,
          timeScale: c.timeScale,
          freqScale: FREQ_SCALES[c.freqIndex],
          startSec: (part.first + slotStart(c, c.firstSlot)) * FRAME_SEC,
          payload: payload ? payloadToHex(payload) : null,
          codedBitSnr: knownPayload ? codedBitSnr(soft, knownPayload, key) : undefined,
        });
        if (!payload || !(c.z >= threshold)) return;
        const payloadHex = payloadToHex(payload);
        const [startFrame, endFrame] = evidenceSpan(signals, layout, c, tileSigns(payloadHex, key));
        const lnFalsePositive = lnCandidates - 0.5 * c.z * c.z - LN_MAC;
        found.push({
          method: 'decoded',
          payload: payloadHex,
          keyId: key.id,
          score: c.z,
          falsePositiveProbability: Math.min(1, Math.exp(lnFalsePositive)),
          startSec: Math.max(0, (part.first + startFrame) * FRAME_SEC),
          endSec: Math.min(durationSec, (part.first + endFrame) * FRAME_SEC),
        });
      };
      for (const w of windows) {
        if (!Number.isFinite(w.z)) continue;
        windowScores.push(w.z);
        attempt(w);
      }
      // longer windows around the strongest anchors, for long clips after heavy attacks
      const anchors = windows.filter((w) => w.z >= ANCHOR_Z).sort((a, b) => b.z - a.z);
      // each distinct grid once: an anchor that a longer window already follows adds nothing, but
      // one at another offset or scale (a splice, or the true grid behind a chance peak) does
      const covered: GridCandidate[] = [];
      let groups = 0;
      for (const anchor of anchors) {
        if (groups >= MAX_ANCHOR_GROUPS) break;
        if (covered.some((c) => sameGrid(c, anchor))) continue;
        groups++;
        for (const long of longWindows(signals, layout, anchor)) {
          attempt(long);
          covered.push(long);
        }
      }
      if (known.length > 0) {
        for (const c of verificationShortlist(tried)) {
          const startSec = Math.max(0, (part.first + slotStart(c, c.firstSlot)) * FRAME_SEC);
          const endSec = Math.min(durationSec, (part.first + slotStart(c, c.firstSlot + c.slots)) * FRAME_SEC);
          for (const weighting of WEIGHTINGS) toVerify.push({ keyIndex, z: c.z, evidence: verificationEvidence(signals, layout, c, weighting), startSec, endSec });
        }
      }
    }
  }
  if (found.length === 0 && known.length > 0) {
    // the file's best candidates only, so the cost stays bounded on hour-long files
    const best = toVerify.sort((a, b) => b.z - a.z).slice(0, VERIFY_MAX_EVIDENCE);
    const verified = verifyKnownPayloads(best, keys, known, designBound);
    if (verified) found.push(verified);
  }
  return { detection: summarize(found, bestZ, lnCandidates), candidates, threshold, attempts, windowScores };
}

/**
 * The best known payload over every kept candidate, if its score clears the threshold at which
 * (candidates × payloads) · exp(−z²/2) reaches the design bound.
 */
function verifyKnownPayloads(candidates: VerificationCandidate[], keys: WatermarkKey[], known: readonly string[], designBound: number): WatermarkMarkFound | null {
  if (candidates.length === 0) return null;
  const lnTried = Math.log(candidates.length) + Math.log(known.length);
  const threshold = Math.max(MIN_SYNC_Z, Math.sqrt(2 * (lnTried - Math.log(designBound))));
  const signsByKey = new Map<number, Int8Array>();
  let best: { candidate: VerificationCandidate; index: number; z: number } | null = null;
  for (const candidate of candidates) {
    const codedBits = candidate.evidence.soft.length;
    let signs = signsByKey.get(candidate.keyIndex);
    if (!signs) {
      signs = codedSigns(known, keys[candidate.keyIndex], codedBits);
      signsByKey.set(candidate.keyIndex, signs);
    }
    const { index, z } = bestPayload(candidate.evidence, signs, codedBits);
    if (index >= 0 && (!best || z > best.z)) best = { candidate, index, z };
  }
  if (!best || !(best.z >= threshold)) return null;
  return {
    method: 'verified',
    payload: known[best.index].toLowerCase(),
    keyId: keys[best.candidate.keyIndex].id,
    score: best.z,
    falsePositiveProbability: Math.min(1, Math.exp(lnTried - 0.5 * best.z * best.z)),
    startSec: best.candidate.startSec,
    endSec: best.candidate.endSec,
  };
}

function summarize(found: WatermarkMarkFound[], bestZ: number, lnCandidates: number): WatermarkDetection {
  const marks = mergeMarks(found);
  if (marks.length === 0) {
    return {
      watermarked: false,
      score: bestZ,
      falsePositiveProbability: Math.min(1, Math.exp(lnCandidates - 0.5 * bestZ * bestZ)),
      payload: null,
      keyId: null,
      marks: [],
    };
  }
  const top = marks.reduce((a, b) => (b.score > a.score ? b : a));
  return {
    watermarked: true,
    score: top.score,
    falsePositiveProbability: top.falsePositiveProbability,
    payload: top.payload,
    keyId: top.keyId,
    marks,
  };
}

/** Decodes of the same payload under the same key that overlap or touch become one mark. */
function mergeMarks(found: WatermarkMarkFound[]): WatermarkMarkFound[] {
  const sorted = [...found].sort((a, b) => a.startSec - b.startSec);
  const out: WatermarkMarkFound[] = [];
  for (const f of sorted) {
    const open = out.find((m) => m.payload === f.payload && m.keyId === f.keyId && f.startSec <= m.endSec + 0.6);
    if (open) {
      open.endSec = Math.max(open.endSec, f.endSec);
      if (f.score > open.score) {
        open.score = f.score;
        open.falsePositiveProbability = f.falsePositiveProbability;
      }
    } else {
      out.push({ method: f.method, payload: f.payload, keyId: f.keyId, score: f.score, falsePositiveProbability: f.falsePositiveProbability, startSec: f.startSec, endSec: f.endSec });
    }
  }
  return out.sort((a, b) => a.startSec - b.startSec);
}
