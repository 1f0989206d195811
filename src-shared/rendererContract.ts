import { z } from 'zod';
import { contract } from './contract';
import { checkResultSchema, generationIdSchema, voiceInfoSchema } from './domain';
import { SUPPORTED_EXPORT_FORMATS } from './limits';

/**
 * The renderer-facing variant of the contract: what crosses IPC (or the test host's loopback
 * socket) from the window. It differs from `contract` only where a file path is involved:
 *
 * - historyExport: the renderer sends {id, format}; main asks the user for the destination with
 *   the native save dialog, so the renderer never names a path.
 * - checkFile / voicesImport: the preload turns a dropped or picked File into a path
 *   (webUtils.getPathForFile); main re-checks it (regular file, size limit) before the core reads.
 *
 * Every other operation is the core contract unchanged. Of the private-key operations, only
 * listing and creating reach the window (ids and dates, never a secret); export and import name
 * paths and carry key material, so they stay with the command line.
 */
const localPath = z.string().min(1).max(4096);

export const exportOutcomeSchema = z.discriminatedUnion('saved', [
  z.object({
    saved: z.literal(true),
    /** Base name only: the renderer shows it, never the folder. */
    fileName: z.string(),
    bytes: z.number().int(),
    format: z.enum(SUPPORTED_EXPORT_FORMATS),
  }),
  z.object({ saved: z.literal(false) }),
]);
export type ExportOutcome = z.infer<typeof exportOutcomeSchema>;

export const rendererContract = {
  speak: contract.speak,
  cancelSpeak: contract.cancelSpeak,
  policyEvaluate: contract.policyEvaluate,
  historyList: contract.historyList,
  historyShow: contract.historyShow,
  historyDelete: contract.historyDelete,
  historyAudio: contract.historyAudio,
  historyExport: {
    request: z.strictObject({ id: generationIdSchema, format: z.enum(SUPPORTED_EXPORT_FORMATS) }),
    response: exportOutcomeSchema,
  },
  checkFile: {
    request: z.strictObject({ path: localPath }),
    response: checkResultSchema,
  },
  voicesList: contract.voicesList,
  voicesImport: {
    request: z.strictObject({ modelPath: localPath, configPath: localPath.optional() }),
    response: z.object({ voice: voiceInfoSchema }),
  },
  settingsGet: contract.settingsGet,
  settingsSet: contract.settingsSet,
  watermarkKeysList: contract.watermarkKeysList,
  watermarkKeyCreate: contract.watermarkKeyCreate,
} as const;

export type RendererContract = typeof rendererContract;
export type RendererOperation = keyof RendererContract;
export type RendererRequest<K extends RendererOperation> = z.input<RendererContract[K]['request']>;
export type RendererParsedRequest<K extends RendererOperation> = z.output<RendererContract[K]['request']>;
export type RendererResponse<K extends RendererOperation> = z.infer<RendererContract[K]['response']>;
