import { z } from 'zod';
import { LIMITS } from './limits';
import {
  checkResultSchema,
  generationIdSchema,
  generationRecordSchema,
  historyListItemSchema,
  policyDecisionKindSchema,
  policyDecisionSchema,
  settingsSchema,
  speakResultSchema,
  usageEventSchema,
  voiceInfoSchema,
  watermarkKeyInfoSchema,
} from './domain';

/**
 * The studio's operations: one request schema and one response schema each. The Electron preload
 * builds `window.studio` from these names, the IPC router validates against these schemas, and
 * the CLI and the browser test host call the same core with the same shapes.
 *
 * Text is accepted up to a generous envelope here so the core can answer the precise code
 * (TEXT_TOO_LONG, TEXT_EMPTY, …) instead of a generic INVALID_REQUEST.
 */
const scriptText = z.string().max(LIMITS.maxTextChars * 4);
/** Paths enter only from native dialogs, drops or the CLI; main re-checks them. */
const filePath = z.string().min(1).max(4096);

export const contract = {
  speak: {
    request: z.strictObject({
      text: scriptText,
      voiceId: z.string().max(200).optional(),
      speed: z.number().min(LIMITS.speed.min).max(LIMITS.speed.max).optional(),
      acceptWarnings: z.boolean().optional(),
      requestId: z.string().max(64).optional(),
    }),
    response: speakResultSchema,
  },
  cancelSpeak: {
    request: z.strictObject({ requestId: z.string().max(64) }),
    response: z.object({ cancelled: z.boolean() }),
  },
  check: {
    request: z.strictObject({ path: filePath }),
    response: checkResultSchema,
  },
  historyList: {
    request: z.strictObject({
      query: z.string().max(LIMITS.maxSearchQueryChars).optional(),
      voiceId: z.string().max(200).optional(),
      decision: policyDecisionKindSchema.optional(),
      from: z.iso.datetime().optional(),
      to: z.iso.datetime().optional(),
      limit: z.number().int().min(1).max(LIMITS.maxHistoryPage).optional(),
      offset: z.number().int().min(0).optional(),
    }),
    response: z.object({ items: z.array(historyListItemSchema), total: z.number().int() }),
  },
  historyShow: {
    request: z.strictObject({ id: generationIdSchema }),
    response: z.object({ record: generationRecordSchema, events: z.array(usageEventSchema) }),
  },
  historyDelete: {
    request: z.strictObject({ id: generationIdSchema }),
    response: z.object({ deleted: z.boolean() }),
  },
  historyExport: {
    request: z.strictObject({ id: generationIdSchema, path: filePath }),
    response: z.object({ bytes: z.number().int(), format: z.enum(['wav', 'mp3']) }),
  },
  historyAudio: {
    request: z.strictObject({ id: generationIdSchema }),
    /** WAV bytes of the generation for playback in the renderer. */
    response: z.object({ mime: z.literal('audio/wav'), bytes: z.custom<Uint8Array>((value) => value instanceof Uint8Array) }),
  },
  voicesList: {
    request: z.strictObject({}),
    response: z.object({ voices: z.array(voiceInfoSchema) }),
  },
  voicesImport: {
    request: z.strictObject({ modelPath: filePath, configPath: filePath.optional() }),
    response: z.object({ voice: voiceInfoSchema }),
  },
  policyEvaluate: {
    request: z.strictObject({ text: scriptText }),
    response: policyDecisionSchema,
  },
  settingsGet: {
    request: z.strictObject({}),
    response: z.object({ settings: settingsSchema, dataDir: z.string() }),
  },
  settingsSet: {
    request: z.strictObject({ settings: settingsSchema.partial() }),
    response: z.object({ settings: settingsSchema }),
  },
  /** Private watermark keys: ids and dates only; a secret leaves the data folder only through an export file. */
  watermarkKeysList: {
    request: z.strictObject({}),
    response: z.object({ keys: z.array(watermarkKeyInfoSchema) }),
  },
  watermarkKeyCreate: {
    // Checked in the core, so a bad label gets its own message rather than a generic schema error.
    request: z.strictObject({ id: z.string().max(200).optional() }),
    response: z.object({ key: watermarkKeyInfoSchema }),
  },
  watermarkKeyExport: {
    request: z.strictObject({ id: z.string().max(200), path: filePath }),
    response: z.object({ key: watermarkKeyInfoSchema }),
  },
  watermarkKeyImport: {
    request: z.strictObject({ path: filePath }),
    response: z.object({ key: watermarkKeyInfoSchema }),
  },
} as const;

export type Contract = typeof contract;
export type OperationName = keyof Contract;
export type RequestOf<K extends OperationName> = z.input<Contract[K]['request']>;
export type ResponseOf<K extends OperationName> = z.infer<Contract[K]['response']>;
export const OPERATION_NAMES = Object.keys(contract) as OperationName[];

/** The API every front end talks to (Electron preload, browser test host client, CLI). */
export type StudioApi = { [K in OperationName]: (request: RequestOf<K>) => Promise<ResponseOf<K>> };
