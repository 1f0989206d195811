import { DropZone } from '../components/DropZone';
import { formatSampleRate, shortHash } from '../format';
import { useSettings } from '../state/settingsStore';
import { useVoices } from '../state/voicesStore';

const INTEGRITY_TEXT = { ok: 'Verified', failed: 'Checksum mismatch', missing: 'Files missing' } as const;

export function VoicesView() {
  const { voices, loaded, error, importStatus, importFiles } = useVoices();
  const settings = useSettings((s) => s.settings);
  const updateSettings = useSettings((s) => s.update);
  const load = useVoices((s) => s.load);

  return (
    <div className="voices-view">
      <table className="voices-table" aria-label="Installed voices" data-testid="voices-table">
        <thead>
          <tr>
            <th scope="col">Voice</th>
            <th scope="col">Language</th>
            <th scope="col">Sample rate</th>
            <th scope="col">Engine</th>
            <th scope="col">Source</th>
            <th scope="col">Licence</th>
            <th scope="col">Integrity</th>
            <th scope="col">
              <span className="visually-hidden">Default</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {voices.map((voice) => {
            const isDefault = settings?.defaultVoiceId ? settings.defaultVoiceId === voice.id : voice.default;
            return (
              <tr key={voice.id}>
                <td>
                  <strong>{voice.name}</strong>
                  <br />
                  <code className="small">{voice.id}</code>
                </td>
                <td>{voice.language}</td>
                <td>{formatSampleRate(voice.sampleRate)}</td>
                <td>{voice.engine === 'piper-onnx' ? 'Piper (ONNX)' : 'eSpeak NG'}</td>
                <td>{voice.source}</td>
                <td>{voice.licence}</td>
                <td>
                  <span className={`badge ${voice.integrity === 'ok' ? 'allow' : 'block'}`}>{INTEGRITY_TEXT[voice.integrity]}</span>
                  <br />
                  <code className="small" title={voice.sha256 ?? undefined}>
                    {shortHash(voice.sha256)}
                  </code>
                </td>
                <td>
                  {isDefault ? (
                    <span className="muted small">Default</span>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      disabled={voice.integrity !== 'ok'}
                      aria-label={`Make ${voice.name} the default voice`}
                      onClick={() => void updateSettings({ defaultVoiceId: voice.id }).then(load)}
                    >
                      Make default
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {loaded && voices.length === 0 && <p className="muted">No voices are installed.</p>}
      {error && <p className="status-line error">{error}</p>}

      <h2>Import a voice</h2>
      <DropZone
        id="voice-drop"
        title="Drop a Piper voice here: the .onnx model and its .onnx.json config"
        hint="The model is checked and its SHA-256 recorded; it must come with its licence in the config."
        accept=".onnx,.json"
        multiple
        buttonLabel="Choose voice files…"
        disabled={importStatus.kind === 'importing'}
        onFiles={(files) => void importFiles(files)}
      />
      <p className={`status-line${importStatus.kind === 'failed' ? ' error' : ''}`} role="status">
        {importStatus.kind === 'importing' && 'Importing and verifying the voice…'}
        {importStatus.kind === 'done' && `Imported ${importStatus.voice.name} (${importStatus.voice.language}).`}
        {importStatus.kind === 'failed' && `${importStatus.message} ${importStatus.guidance ?? ''}`}
      </p>
    </div>
  );
}
