import type Database from 'better-sqlite3';
import type { AudioFolder } from './audioFolder';
import type { HistoryLogger, StartupCleanupReport } from './types';

/**
 * Reconciles the audio folder with the generations table.
 *
 * Runs under the database write lock (IMMEDIATE transaction). `saveGeneration` writes its audio
 * while holding the same lock, so a file without a row seen here can only be a leftover of a
 * crash, never another process's save that is about to commit.
 */
export function cleanAudioFolder(db: Database.Database, audio: AudioFolder): StartupCleanupReport {
  const selectFiles = db.prepare<[], { id: string; audio_file: string }>('SELECT id, audio_file FROM generations');
  return db
    .transaction((): StartupCleanupReport => {
      const { audioIds, tempFiles } = audio.scan();
      const rowsMissingAudio: string[] = [];
      for (const row of selectFiles.iterate()) {
        const hasFile = audioIds.delete(row.id);
        if (!hasFile || audio.resolveStored(row.audio_file) === null) rowsMissingAudio.push(row.id);
      }
      // What is left in audioIds has no row. A file that cannot be removed now is tried again at
      // the next start; it must not keep the history from opening.
      const removedOrphanAudio = [...audioIds].filter((id) => attempt(() => audio.removeById(id))).length;
      const removedTempFiles = tempFiles.filter((name) => attempt(() => audio.removeTempFile(name))).length;
      const removalFailures = audioIds.size + tempFiles.length - removedOrphanAudio - removedTempFiles;
      return { removedOrphanAudio, removedTempFiles, removalFailures, rowsMissingAudio };
    })
    .immediate();
}

function attempt(remove: () => void): boolean {
  try {
    remove();
    return true;
  } catch {
    return false;
  }
}

export function logCleanup(report: StartupCleanupReport, log: HistoryLogger): void {
  if (report.removedOrphanAudio > 0 || report.removedTempFiles > 0) {
    log('HISTORY_ORPHANS_REMOVED', { audioFiles: report.removedOrphanAudio, tempFiles: report.removedTempFiles });
  }
  if (report.removalFailures > 0) log('HISTORY_ORPHANS_NOT_REMOVED', { files: report.removalFailures });
  if (report.rowsMissingAudio.length > 0) {
    log('HISTORY_AUDIO_MISSING', { rows: report.rowsMissingAudio.length });
  }
}
