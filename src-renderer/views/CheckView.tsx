import type { CheckResult } from '../../src-shared/domain';
import { LIMITS, SUPPORTED_CHECK_EXTENSIONS } from '../../src-shared/limits';
import { DropZone } from '../components/DropZone';
import { formatBytes, formatDateTime, formatDuration, formatProbability, formatSampleRate } from '../format';
import { useCheck, type CheckEntry } from '../state/checkStore';
import { useHistory } from '../state/historyStore';
import { useNavigation } from '../state/navigation';

export function CheckView() {
  const { entries, notice, addFiles, clear } = useCheck();
  const busy = entries.some((entry) => entry.status === 'waiting' || entry.status === 'checking');

  return (
    <div className="check-view">
      <DropZone
        id="check-drop"
        title="Drop audio files here to check them for a Voicemark watermark"
        hint={`WAV, MP3, FLAC, Ogg Opus or Ogg Vorbis · up to ${LIMITS.maxCheckFilesPerBatch} files at once, ${formatBytes(LIMITS.maxCheckFileBytes)} each`}
        accept={[...SUPPORTED_CHECK_EXTENSIONS, 'audio/*'].join(',')}
        multiple
        buttonLabel="Choose audio files…"
        onFiles={(files) => void addFiles(files)}
      />
      {notice && <p className="status-line warn">{notice}</p>}
      <div className="check-toolbar">
        <p className="muted" aria-live="polite">
          {busy ? 'Checking…' : entries.length > 0 ? `${entries.length} checked` : 'No files checked yet.'}
        </p>
        {entries.length > 0 && (
          <button type="button" className="button small" disabled={busy} onClick={clear}>
            Clear results
          </button>
        )}
      </div>
      <ul className="check-results" aria-label="Check results" data-testid="check-results">
        {entries.map((entry) => (
          <li key={entry.key} className={`check-entry ${entry.status}`} data-status={entry.status}>
            <div className="check-entry-head">
              <span className="file-name">{entry.name}</span>
              <span className="muted small">{formatBytes(entry.size)}</span>
            </div>
            <CheckOutcome entry={entry} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function CheckOutcome({ entry }: { entry: CheckEntry }) {
  if (entry.status === 'waiting') return <p className="muted">Waiting…</p>;
  if (entry.status === 'checking') return <p className="muted">Decoding and looking for a watermark…</p>;
  if (entry.status === 'failed') {
    return (
      <p className="check-error" role="alert" data-error-code={entry.code}>
        <span className="badge block">Could not check</span> {entry.message} {entry.guidance}
      </p>
    );
  }
  return <CheckResultView result={entry.result} />;
}

function CheckResultView({ result }: { result: CheckResult }) {
  const showView = useNavigation((s) => s.show);
  const selectInHistory = useHistory((s) => s.select);
  const audio = `${result.audio.format.toUpperCase()} · ${formatDuration(result.audio.durationSec)} · ${formatSampleRate(result.audio.sampleRate)}`;

  if (!result.watermarked) {
    return (
      <div className="check-outcome" data-watermarked="false">
        <p>
          <span className="badge neutral">No watermark</span> No Voicemark watermark was found in this file.
        </p>
        <p className="muted small">
          Score {result.score.toFixed(3)} · {audio}
        </p>
      </div>
    );
  }
  return (
    <div className="check-outcome" data-watermarked="true">
      <p>
        <span className="badge allow">Watermarked</span> payload <code>{result.payload}</code>
      </p>
      {result.marks.some((mark) => mark.payload === result.payload && mark.method === 'verified') && (
        <p className="small" data-testid="check-verified">
          Verified against your history: the mark is too weak to read on its own, but it matches this generation.
        </p>
      )}
      {result.privateKeyId && (
        <p className="small" data-testid="check-private-key">
          Also carries the private mark of your key <code>{result.privateKeyId}</code>.
        </p>
      )}
      <p className="muted small">
        Score {result.score.toFixed(3)} · chance of a false match {formatProbability(result.falsePositiveProbability)} · {audio}
      </p>
      {result.marks.length > 1 && (
        <ul className="marks small">
          {result.marks.map((mark, index) => (
            <li key={index}>
              <code>{mark.payload}</code> ({mark.keyKind === 'private' ? `private key ${mark.keyId}` : 'public key'}) from{' '}
              {formatDuration(mark.startSec)} to {formatDuration(mark.endSec)} (score{' '}
              {mark.score.toFixed(3)})
            </li>
          ))}
        </ul>
      )}
      {result.generation ? (
        <div className="matched-record" data-testid="matched-record">
          <p className="small">
            Made in this studio on {formatDateTime(result.generation.createdAt)} with <strong>{result.generation.voice}</strong>:
          </p>
          <blockquote>{result.generation.text}</blockquote>
          <button
            type="button"
            className="button link"
            onClick={() => {
              void selectInHistory(result.generation!.id);
              showView('history');
            }}
          >
            Open generation {result.generation.id} in History
          </button>
        </div>
      ) : (
        <p className="muted small">The watermark is valid but its generation is not in this studio’s history.</p>
      )}
    </div>
  );
}
