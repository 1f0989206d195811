import { useState } from 'react';
import type { ExportFormat } from '../../src-shared/limits';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';
import { formatBytes } from '../format';

type ExportState =
  | { kind: 'idle' }
  | { kind: 'saving'; format: ExportFormat }
  | { kind: 'saved'; fileName: string; bytes: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Export through the native save dialog: main asks where, the page only learns the file name. */
export function ExportButtons({ generationId, onExported }: { generationId: string; onExported?: () => void }) {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });

  async function exportAs(format: ExportFormat): Promise<void> {
    setState({ kind: 'saving', format });
    try {
      const outcome = await unwrap(studioApi().historyExport({ id: generationId, format }));
      if (!outcome.saved) {
        setState({ kind: 'cancelled' });
        return;
      }
      setState({ kind: 'saved', fileName: outcome.fileName, bytes: outcome.bytes });
      onExported?.();
    } catch (error) {
      setState({ kind: 'failed', message: describeError(error).message });
    }
  }

  const busy = state.kind === 'saving';
  return (
    <div className="export-row">
      <button type="button" className="button" disabled={busy} onClick={() => void exportAs('wav')}>
        Export WAV…
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void exportAs('mp3')}>
        Export MP3…
      </button>
      <p className={`status-line${state.kind === 'failed' ? ' error' : ''}`} role="status" data-testid="export-status">
        {state.kind === 'saving' && `Saving ${state.format.toUpperCase()}…`}
        {state.kind === 'saved' && `Saved ${state.fileName} (${formatBytes(state.bytes)}).`}
        {state.kind === 'cancelled' && 'Export cancelled.'}
        {state.kind === 'failed' && state.message}
      </p>
    </div>
  );
}
