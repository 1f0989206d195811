import { useEffect, useId, useState } from 'react';
import type { GenerationRecord, UsageEvent } from '../../src-shared/domain';
import { describeError } from '../api/errorText';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ExportButtons } from '../components/ExportButtons';
import { FormField } from '../components/FormField';
import { POLICY_CATEGORY_TEXT } from '../components/policyCategories';
import { Waveform } from '../components/Waveform';
import { DECISION_LABELS, formatDateTime, formatDuration, formatSampleRate } from '../format';
import { useHistory } from '../state/historyStore';
import { useVoices } from '../state/voicesStore';

const SEARCH_DEBOUNCE_MS = 250;

export function HistoryView() {
  const history = useHistory();
  const voices = useVoices((s) => s.voices);
  const ids = { search: useId(), voice: useId(), decision: useId(), from: useId(), to: useId() };

  useEffect(() => {
    const timer = setTimeout(() => void useHistory.getState().load(), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [history.filters]);

  return (
    <div className="history-view">
      <div className="history-list-pane">
        <form className="filters" role="search" aria-label="Filter history" onSubmit={(event) => event.preventDefault()}>
          <FormField label="Search text" htmlFor={ids.search} wide>
            <input
              id={ids.search}
              type="search"
              value={history.filters.query}
              placeholder="Words from the script"
              onChange={(event) => history.setFilters({ query: event.target.value })}
            />
          </FormField>
          <FormField label="Voice" htmlFor={ids.voice}>
            <select id={ids.voice} value={history.filters.voiceId} onChange={(e) => history.setFilters({ voiceId: e.target.value })}>
              <option value="">All voices</option>
              {voices.map((voice) => (
                <option key={voice.id} value={voice.id}>
                  {voice.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Policy" htmlFor={ids.decision}>
            <select
              id={ids.decision}
              value={history.filters.decision}
              onChange={(e) => history.setFilters({ decision: e.target.value as '' | 'allow' | 'warn' })}
            >
              <option value="">Any decision</option>
              <option value="allow">Allowed</option>
              <option value="warn">Allowed after warning</option>
            </select>
          </FormField>
          <FormField label="From" htmlFor={ids.from}>
            <input id={ids.from} type="date" value={history.filters.fromDay} onChange={(e) => history.setFilters({ fromDay: e.target.value })} />
          </FormField>
          <FormField label="To" htmlFor={ids.to}>
            <input id={ids.to} type="date" value={history.filters.toDay} onChange={(e) => history.setFilters({ toDay: e.target.value })} />
          </FormField>
        </form>

        <p className="list-summary muted" aria-live="polite">
          {history.loading ? 'Searching…' : `${history.total} ${history.total === 1 ? 'generation' : 'generations'}`}
          {history.error && <span className="error"> {history.error}</span>}
        </p>
        <ul className="history-list" aria-label="Generations" data-testid="history-list">
          {history.items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                className={`history-item${history.selectedId === item.id ? ' selected' : ''}`}
                aria-pressed={history.selectedId === item.id}
                data-generation-id={item.id}
                onClick={() => void history.select(item.id)}
              >
                <span className="item-preview">{item.textPreview}</span>
                <span className="item-meta">
                  {formatDateTime(item.createdAt)} · {item.voice} · {formatDuration(item.durationSec)}{' '}
                  <span className={`badge ${item.decision}`}>{DECISION_LABELS[item.decision]}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        {history.items.length < history.total && (
          <button type="button" className="button" disabled={history.loading} onClick={() => void history.loadMore()}>
            Show more
          </button>
        )}
        {!history.loading && history.total === 0 && (
          <p className="muted placeholder">No generation matches. Clips you generate in Studio are listed here.</p>
        )}
      </div>

      <div className="history-detail-pane" aria-live="polite">
        {history.detail ? (
          <GenerationDetail record={history.detail.record} events={history.detail.events} />
        ) : (
          <p className="muted placeholder">{history.detailError ?? 'Select a generation to see its details.'}</p>
        )}
      </div>
    </div>
  );
}

function GenerationDetail({ record, events }: { record: GenerationRecord; events: UsageEvent[] }) {
  const remove = useHistory((s) => s.remove);
  const refreshDetail = useHistory((s) => s.refreshDetail);
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  return (
    <article className="generation-detail" aria-labelledby="detail-title" data-testid="history-detail">
      <header className="detail-header">
        <h2 id="detail-title">Generation {record.id}</h2>
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      </header>
      <blockquote className="detail-text">{record.text}</blockquote>
      <Waveform generationId={record.id} label={`generation ${record.id}`} />
      <ExportButtons generationId={record.id} onExported={() => void refreshDetail()} />
      {deleteError && (
        <p className="status-line error" role="alert">
          {deleteError}
        </p>
      )}

      <dl className="detail-grid">
        <dt>Created</dt>
        <dd>{formatDateTime(record.createdAt)}</dd>
        <dt>Voice</dt>
        <dd>
          {record.voiceName} <code>{record.voiceId}</code>
        </dd>
        <dt>Parameters</dt>
        <dd>
          speed {record.params.speed.toFixed(2)}× · {formatSampleRate(record.sampleRate)} · {formatDuration(record.durationSec)}
        </dd>
        <dt>Policy</dt>
        <dd>
          <span className={`badge ${record.policy.decision}`}>{DECISION_LABELS[record.policy.decision]}</span> version{' '}
          <code>{record.policy.policyVersion}</code> · hash <code className="hash">{record.policy.policyHash}</code>
          {record.policy.violations.length > 0 && (
            <ul className="violation-list compact">
              {record.policy.violations.map((v, i) => (
                <li key={i}>
                  {POLICY_CATEGORY_TEXT[v.category]?.title ?? v.category} (rule {v.ruleId}): {v.explanation}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Watermark</dt>
        <dd>
          payload <code data-testid="detail-payload">{record.watermark.payload}</code> · key <code>{record.watermark.keyId}</code>
        </dd>
        <dt>Text SHA-256</dt>
        <dd>
          <code className="hash">{record.textSha256}</code>
        </dd>
        <dt>Audio SHA-256</dt>
        <dd>
          <code className="hash">{record.audioSha256}</code>
        </dd>
        <dt>Model SHA-256</dt>
        <dd>
          <code className="hash">{record.modelSha256 ?? '— (built-in engine)'}</code>
        </dd>
      </dl>

      <h3>Usage</h3>
      {events.length === 0 ? (
        <p className="muted">Not exported or checked yet.</p>
      ) : (
        <table className="events-table">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">When</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{event.kind}</td>
                <td>{formatDateTime(event.at)}</td>
                <td className="muted">{summariseDetail(event.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <ConfirmDialog
        open={confirming}
        title="Delete this generation?"
        confirmLabel="Delete"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove(record.id).catch((error: unknown) => setDeleteError(describeError(error).message));
        }}
      >
        <p>
          The clip and its record are removed from this studio’s history. Files you exported stay where they are, but a
          check of them will no longer find this record.
        </p>
      </ConfirmDialog>
    </article>
  );
}

function summariseDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}
