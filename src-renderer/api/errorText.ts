import { ERROR_CATALOGUE, type ErrorCode } from '../../src-shared/errors';
import { StudioClientError } from './client';

/** Where the app says more than the catalogue's one line, to tell the user what to do next. */
const GUIDANCE: Partial<Record<ErrorCode, string>> = {
  AUDIO_UNSUPPORTED_FORMAT: 'Drop a WAV, MP3, FLAC, Ogg Opus or Ogg Vorbis file.',
  AUDIO_CORRUPT: 'Try the original file, or export the clip again from History.',
  FILE_TOO_LARGE: 'Files up to 200 MB can be checked.',
  SYNTHESIS_FAILED: 'The voice engine stopped unexpectedly. The next generation starts a fresh engine.',
  TIMEOUT: 'The voice engine took too long. The next generation starts a fresh engine.',
  RATE_LIMITED: 'Wait a moment before trying again.',
  VOICE_INVALID: 'Choose a Piper voice: the .onnx model and its .onnx.json config.',
};

export function describeError(error: unknown): { code: ErrorCode; message: string; guidance?: string } {
  const code = error instanceof StudioClientError ? error.code : 'INTERNAL';
  const message = error instanceof StudioClientError ? error.message : ERROR_CATALOGUE.INTERNAL.message;
  return { code, message, guidance: GUIDANCE[code] };
}
