import { basename, extname, isAbsolute } from 'node:path';
import type { StudioApi } from '../../src-shared/contract';
import { StudioError } from '../../src-shared/errors';
import { LIMITS, type ExportFormat } from '../../src-shared/limits';
import { assertReadableInputFile } from '../core/files';
import type { RendererHandlers } from './router';

/** The native dialogs main opens on the renderer's behalf (Electron's `dialog`, or the test host's shim). */
export interface NativeDialogs {
  /** Where to save an export; null when the user cancels. */
  chooseExportPath(request: { suggestedName: string; format: ExportFormat }): Promise<string | null>;
}

/**
 * Maps the renderer contract onto the core. Paths come only from the dialog (export) or from the
 * preload's drop/picker conversion (check, voice import), and are re-checked here before the core
 * sees them: absolute, an existing regular file, non-empty, within the size limit.
 */
export function createRendererHandlers(studio: StudioApi, dialogs: NativeDialogs): RendererHandlers {
  return {
    speak: (request) => studio.speak(request),
    cancelSpeak: (request) => studio.cancelSpeak(request),
    policyEvaluate: (request) => studio.policyEvaluate(request),
    historyList: (request) => studio.historyList(request),
    historyShow: (request) => studio.historyShow(request),
    historyDelete: (request) => studio.historyDelete(request),
    historyAudio: (request) => studio.historyAudio(request),
    async historyExport({ id, format }) {
      // Fail before any dialog opens if the generation is gone.
      await studio.historyShow({ id });
      const chosen = await dialogs.chooseExportPath({ suggestedName: `voicemark-${id}.${format}`, format });
      if (chosen === null) return { saved: false };
      const path = withExtension(chosen, format);
      const written = await studio.historyExport({ id, path });
      return { saved: true, fileName: basename(path), bytes: written.bytes, format: written.format };
    },
    async checkFile({ path }) {
      assertLocalFile(path, LIMITS.maxCheckFileBytes);
      return studio.check({ path });
    },
    voicesList: (request) => studio.voicesList(request),
    async voicesImport({ modelPath, configPath }) {
      assertLocalFile(modelPath, LIMITS.maxVoiceModelBytes);
      if (configPath !== undefined) assertLocalFile(configPath, LIMITS.maxVoiceConfigBytes);
      return studio.voicesImport({ modelPath, configPath });
    },
    settingsGet: (request) => studio.settingsGet(request),
    settingsSet: (request) => studio.settingsSet(request),
    watermarkKeysList: (request) => studio.watermarkKeysList(request),
    watermarkKeyCreate: (request) => studio.watermarkKeyCreate(request),
  };
}

function assertLocalFile(path: string, maxBytes: number): void {
  // A relative path would resolve against main's working folder, which no drop ever produces.
  if (!isAbsolute(path)) throw new StudioError('INVALID_REQUEST');
  assertReadableInputFile(path, maxBytes);
}

/** A save dialog may return a name without the extension the user picked in the filter. */
function withExtension(path: string, format: ExportFormat): string {
  return extname(path).toLowerCase() === `.${format}` ? path : `${path}.${format}`;
}
