/** Every input limit of the studio, in one place. Main enforces them; the renderer shows them. */
export const LIMITS = {
  /** Characters (UTF-16 code units after NFC) per generation. */
  maxTextChars: 20_000,
  /** Bytes of a file dropped on Check. */
  maxCheckFileBytes: 200 * 1024 * 1024,
  /** Seconds of decoded audio a check will look at. */
  maxCheckAudioSec: 30 * 60,
  /** Files in one batch check. */
  maxCheckFilesPerBatch: 100,
  /** Bytes of an imported voice model. */
  maxVoiceModelBytes: 512 * 1024 * 1024,
  /** Bytes of a voice's .onnx.json config. */
  maxVoiceConfigBytes: 4 * 1024 * 1024,
  /** Lines in a `policy check --batch` file. */
  maxPolicyBatchLines: 100_000,
  /** History page size. */
  maxHistoryPage: 500,
  /** Characters of a history search query. */
  maxSearchQueryChars: 200,
  speed: { min: 0.5, max: 2.0, default: 1.0 },
  /** Bytes of one serialized IPC request (audio never travels renderer → main). */
  maxIpcPayloadBytes: 256 * 1024,
} as const;

export const SUPPORTED_CHECK_EXTENSIONS = ['.wav', '.mp3', '.flac', '.ogg', '.opus', '.oga'] as const;
export const SUPPORTED_EXPORT_FORMATS = ['wav', 'mp3'] as const;
export type ExportFormat = (typeof SUPPORTED_EXPORT_FORMATS)[number];
