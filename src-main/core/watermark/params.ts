/**
 * Every parameter of the watermark, in one place. docs/WATERMARK.md explains each choice.
 * Changing any value marked [format] changes what the embedder writes: bump FORMAT_VERSION with it.
 */
export const FORMAT_VERSION = 1;

/** [format] Internal working rate: the mark lives below 3.4 kHz, which survives 16 kHz resampling, 4 kHz low-pass and speech codecs. */
export const WORK_RATE = 8000;
/** [format] STFT frame (32 ms at the working rate). */
export const FRAME = 256;
/** [format] Hop of the embedding STFT (sqrt-Hann analysis and synthesis at 50 % overlap reconstruct exactly). */
export const EMBED_HOP = 128;
/** Hop of the detection STFT: half the embedding hop, so offsets are searched at 8 ms resolution. */
export const DETECT_HOP = 64;
/** [format] One time slot of the tile grid (32 ms). */
export const SLOT_SAMPLES = 256;
export const EMBED_FRAMES_PER_SLOT = SLOT_SAMPLES / EMBED_HOP;
export const DETECT_FRAMES_PER_SLOT = SLOT_SAMPLES / DETECT_HOP;

/** [format] Marked FFT bins at the working rate (31.25 Hz each): 312.5 Hz to 3437.5 Hz. */
export const FIRST_BIN = 10;
export const END_BIN = 110;
export const MARKED_BINS = END_BIN - FIRST_BIN;
/** [format] Adjacent bins that share one chip (a "group"); a tile is one group during one slot. */
export const GROUP_BINS = 2;
export const GROUPS = MARKED_BINS / GROUP_BINS;

/** [format] Slots in one period of the repeating codeword (8.19 s): any window this long carries the whole codeword. */
export const PERIOD_SLOTS = 256;
export const TILES_PER_PERIOD = PERIOD_SLOTS * GROUPS;
/**
 * [format] Slots of each period that carry the synchronisation pattern (≈ 20 %). A sync slot's tiles
 * carry timeChip(slot) × freqChip(group): one spectral pattern whose sign flips pseudo-randomly in
 * time, so the search over offsets and time scales runs on a single number per frame.
 */
export const SYNC_SLOTS = 52;
/**
 * [format] The groups of a sync slot form SYNC_SUBSETS interleaved subsets, each with its own time
 * chips: the normalised sync score then has SYNC_SLOTS × SYNC_SUBSETS independent terms and does
 * not saturate on strongly marked audio, while the search still reads only this many numbers per frame.
 */
export const SYNC_SUBSETS = 4;

export const PAYLOAD_BITS = 64;
/** [format] Truncated HMAC-SHA256 of the payload: a random decode passes with probability 2^-40. */
export const MAC_BITS = 40;
export const INFO_BITS = PAYLOAD_BITS + MAC_BITS;
/** Words the list Viterbi decoder offers to the MAC check (each one a 2^−MAC_BITS chance of a false match). */
export const LIST_SIZE = 16;

/**
 * [format] Strength allocation per STFT cell (frame × bin): log-amplitude change δ = c · (P_bin / P_mean)^−GAMMA,
 * capped at DELTA_MAX, with c chosen per frame so that Σ P δ² is FRAME_SNR_DB below the frame's
 * energy (the synthesis window and overlap-add take another ≈ 1.6–1.9 dB off, so clips land at
 * ≈ 30.4–30.7 dB SNR). Bins between harmonics (masked by them) take larger relative changes;
 * every frame, pauses included, keeps the same SNR, so pauses stay quiet.
 */
export const FRAME_SNR_DB = 28.8;
/**
 * [format] Short generations carry the whole codeword only once, so they are marked this much
 * stronger (clips ≤ SHORT_CLIP_FULL_SEC: ≈ 28.4–28.7 dB SNR; ramping back to normal at SHORT_CLIP_NONE_SEC).
 */
export const SHORT_CLIP_EXTRA_DB = 2.0;
export const SHORT_CLIP_FULL_SEC = 12;
export const SHORT_CLIP_NONE_SEC = 24;
export const ALLOC_GAMMA = 0.5;
/** [format] Largest log-amplitude change of one bin (1 neper: deep valleys may rise or fall ≈ 8.7 dB). */
export const DELTA_MAX = 1.0;
/**
 * [format] No critical band's mark comes within this many dB of that band's own energy: the mark
 * stays under the band's masking threshold (≈ 10 dB below it) where the host is weak, and the
 * budget moves to bands where the host is strong.
 */
export const BAND_MARK_DB = 11;

/** Design false-positive probability per file, counting every candidate the detector tries. */
export const DESIGN_FALSE_POSITIVE = 1e-12;
/** Never decode below this sync score, whatever the candidate count. */
export const MIN_SYNC_Z = 4.5;
/** Time scales searched (received duration / original duration): ±4 % in 0.8 % steps. */
export const TIME_SCALES: readonly number[] = Array.from({ length: 11 }, (_, i) => 0.96 + 0.008 * i);
/** Frequency scales searched (received / original frequency): ±3.75 % in 0.75 % steps. */
export const FREQ_SCALES: readonly number[] = Array.from({ length: 11 }, (_, i) => 0.9625 + 0.0075 * i);
/** Refinement around the best coarse candidate: time scale ± this in REFINE_SCALE_STEP steps, offset ± REFINE_OFFSET frames. */
export const REFINE_SCALE_SPAN = 0.004;
export const REFINE_SCALE_STEP = 0.001;
export const REFINE_OFFSET = 2;
/** Window positions are tried every this many slots (0.51 s). */
export const WINDOW_STEP_SLOTS = 16;
/** Windows whose refined sync score reaches this anchor the longer windows tried around them. */
export const ANCHOR_Z = 3.5;
/** Longer windows (in periods) tried around anchors, for long clips after heavy attacks. */
export const LONG_WINDOW_PERIODS: readonly number[] = [2, 4, 8];
/** Per-tile values are clipped to this many robust standard deviations (onsets are outliers). */
export const TILE_CLIP = 2.5;
/** Detection processes long files in segments of this many seconds (plus one window of overlap). */
export const SEGMENT_SEC = 64;
