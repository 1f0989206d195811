/**
 * Typed error codes that cross every boundary (IPC, CLI, test host). Each has a message that is
 * safe to show: it never contains user text, file contents, paths or keys.
 */
export const ERROR_CATALOGUE = {
  TEXT_EMPTY: { message: 'The script is empty.', kind: 'invalid' },
  TEXT_TOO_LONG: { message: 'The script is longer than the limit of 20,000 characters.', kind: 'invalid' },
  TEXT_INVALID_ENCODING: { message: 'The script is not valid UTF-8 text.', kind: 'invalid' },
  TEXT_CONTROL_CHARS: { message: 'The script contains control characters.', kind: 'invalid' },
  TEXT_NO_SPEAKABLE_CONTENT: { message: 'The script has nothing that can be spoken.', kind: 'invalid' },
  POLICY_BLOCKED: { message: 'The script was refused by the content policy.', kind: 'policy' },
  POLICY_CONFIRMATION_REQUIRED: { message: 'The script has policy warnings that must be accepted first.', kind: 'policy' },
  POLICY_INVALID: { message: 'The content policy file is invalid.', kind: 'internal' },
  VOICE_NOT_FOUND: { message: 'No voice with that id is installed.', kind: 'not_found' },
  VOICE_INTEGRITY_FAILED: { message: 'The voice model file has changed since it was installed (checksum mismatch).', kind: 'invalid' },
  VOICE_INVALID: { message: 'The voice files are not a valid Piper-format voice.', kind: 'invalid' },
  VOICE_ALREADY_INSTALLED: { message: 'That voice is already installed.', kind: 'invalid' },
  FILE_NOT_FOUND: { message: 'The file does not exist.', kind: 'invalid' },
  FILE_NOT_REGULAR: { message: 'The path is not a regular file.', kind: 'invalid' },
  FILE_EMPTY: { message: 'The file is empty.', kind: 'invalid' },
  FILE_TOO_LARGE: { message: 'The file is larger than the limit.', kind: 'invalid' },
  FILE_UNREADABLE: { message: 'The file could not be read.', kind: 'invalid' },
  AUDIO_UNSUPPORTED_FORMAT: { message: 'The file is not a supported audio format (WAV, MP3, FLAC, Ogg Opus, Ogg Vorbis).', kind: 'invalid' },
  AUDIO_CORRUPT: { message: 'The audio file is damaged or truncated.', kind: 'invalid' },
  AUDIO_TOO_LONG: { message: 'The audio is longer than the 30-minute limit.', kind: 'invalid' },
  OUTPUT_DIR_MISSING: { message: 'The folder to save into does not exist.', kind: 'invalid' },
  OUTPUT_FORMAT_UNSUPPORTED: { message: 'Only .wav and .mp3 files can be written.', kind: 'invalid' },
  HISTORY_NOT_FOUND: { message: 'No generation with that id is in the history.', kind: 'not_found' },
  HISTORY_SCHEMA_TOO_NEW: { message: 'The history database was written by a newer version of the studio; update the studio to open it.', kind: 'internal' },
  WATERMARK_KEYS_INVALID: {
    message: 'The private watermark key file (watermark-keys.json in the data folder) is damaged, was edited, or can be read by other users; it was left untouched. Restore it from a key export or make it readable by you only.',
    kind: 'internal',
  },
  WATERMARK_KEY_FILE_INVALID: { message: 'The file is not a Voicemark private watermark key export.', kind: 'invalid' },
  WATERMARK_KEY_NOT_FOUND: { message: 'No private watermark key with that id is stored.', kind: 'not_found' },
  WATERMARK_KEY_EXISTS: { message: 'A different private watermark key with that id is already stored.', kind: 'invalid' },
  INVALID_REQUEST: { message: 'The request was malformed.', kind: 'invalid' },
  PAYLOAD_TOO_LARGE: { message: 'The request is too large.', kind: 'invalid' },
  RATE_LIMITED: { message: 'Too many requests; try again in a moment.', kind: 'invalid' },
  FORBIDDEN_SENDER: { message: 'The request came from an untrusted page.', kind: 'invalid' },
  CANCELLED: { message: 'The operation was cancelled.', kind: 'invalid' },
  SYNTHESIS_FAILED: { message: 'The voice engine failed; try again.', kind: 'internal' },
  TIMEOUT: { message: 'The operation took too long and was stopped.', kind: 'internal' },
  INTERNAL: { message: 'Something went wrong inside the studio.', kind: 'internal' },
} as const satisfies Record<string, { message: string; kind: ErrorKind }>;

export type ErrorKind = 'invalid' | 'policy' | 'not_found' | 'internal';
export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** The only error shape that crosses a boundary. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
  /** Optional structured, non-sensitive detail (e.g. rule ids of a policy block). */
  details?: Record<string, unknown>;
}

export class StudioError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: { details?: Record<string, unknown>; cause?: unknown; message?: string } = {}) {
    super(options.message ?? ERROR_CATALOGUE[code].message, { cause: options.cause });
    this.name = 'StudioError';
    this.code = code;
    this.details = options.details;
  }

  toJSON(): SerializedError {
    return serializeError(this);
  }
}

export function isStudioError(value: unknown): value is StudioError {
  return value instanceof StudioError;
}

/** Anything thrown becomes a safe, typed error; unknown failures become INTERNAL without detail. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof StudioError) {
    const out: SerializedError = { code: error.code, message: error.message };
    if (error.details) out.details = error.details;
    return out;
  }
  return { code: 'INTERNAL', message: ERROR_CATALOGUE.INTERNAL.message };
}

/** CLI exit codes: 0 ok, 1 internal, 2 invalid input/unreadable file, 3 refused by policy, 4 not found. */
export function exitCodeFor(code: ErrorCode): number {
  switch (ERROR_CATALOGUE[code].kind) {
    case 'invalid':
      return 2;
    case 'policy':
      return 3;
    case 'not_found':
      return 4;
    default:
      return 1;
  }
}
