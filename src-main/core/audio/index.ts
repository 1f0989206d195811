/**
 * Audio for the studio: PCM clips, WAV/MP3 encoding, decoding of dropped files (WAV, MP3, FLAC,
 * Ogg Opus, Ogg Vorbis — WebAssembly/pure JS only) and band-limited resampling.
 */
export type { PcmClip, AudioFormat, DecodedAudio, DecodeOptions } from './types';
export { MIN_SAMPLE_RATE, MAX_SAMPLE_RATE } from './types';
export { clipDurationSec } from './pcm';
export { encodeWav, type WavBitDepth, type WavEncodeOptions } from './wavEncode';
export { encodeMp3, type Mp3EncodeOptions } from './mp3Encode';
export { decodeAudioFile, decodeAudioBytes } from './decode';
export { resample, resampledLength, StreamingResampler } from './resample';
