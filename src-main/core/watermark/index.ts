/** The watermark: blind, keyed, 64-bit payload + MAC, robust to codecs, resampling, crops and speed changes. */
export type { EmbedOptions, PcmClip } from './embed';
export { embedWatermark } from './embed';
export type { DetectOptions, WatermarkDetection, WatermarkMarkFound } from './detect';
export { detectWatermark } from './detect';
export type { WatermarkKey } from './keys';
export { defaultWatermarkKey, deriveWatermarkKey } from './keys';
export { measureSnrDb } from './quality';
import { WORK_RATE } from './params';

/** Rate the detector works at; decoding a dropped file straight to it saves memory (any rate still works). */
export const WATERMARK_DETECTION_RATE: number = WORK_RATE;
