import { useEffect, useId, useMemo } from 'react';
import type { VoiceInfo } from '../../src-shared/domain';
import { LIMITS } from '../../src-shared/limits';
import { ExportButtons } from '../components/ExportButtons';
import { FormField } from '../components/FormField';
import { PolicyPanel } from '../components/PolicyPanel';
import { Waveform } from '../components/Waveform';
import { formatCount, formatDuration, formatSampleRate, formatSampleRateShort } from '../format';
import { useHistory } from '../state/historyStore';
import { useNavigation } from '../state/navigation';
import { useSettings } from '../state/settingsStore';
import { scriptLength, useStudio } from '../state/studioStore';
import { useVoices } from '../state/voicesStore';

const POLICY_DEBOUNCE_MS = 350;

function defaultVoice(voices: VoiceInfo[], preferredId: string | null | undefined): VoiceInfo | undefined {
  return voices.find((v) => v.id === preferredId) ?? voices.find((v) => v.default) ?? voices[0];
}

export function StudioView() {
  const studio = useStudio();
  const voices = useVoices((s) => s.voices);
  const settings = useSettings((s) => s.settings);
  const showView = useNavigation((s) => s.show);
  const selectInHistory = useHistory((s) => s.select);
  const ids = { script: useId(), count: useId(), language: useId(), voice: useId(), speed: useId() };

  const usableVoices = useMemo(() => voices.filter((v) => v.integrity === 'ok'), [voices]);
  const currentVoice = usableVoices.find((v) => v.id === studio.voiceId) ?? defaultVoice(usableVoices, settings?.defaultVoiceId);
  const languages = useMemo(() => [...new Set(usableVoices.map((v) => v.language))].sort(), [usableVoices]);
  const voicesInLanguage = usableVoices.filter((v) => v.language === currentVoice?.language);

  const length = scriptLength(studio.text);
  const overLimit = length > LIMITS.maxTextChars;
  const generating = studio.phase === 'generating';
  const blocked = studio.policy?.decision === 'block';
  const needsConfirmation = studio.policy?.decision === 'warn' && !studio.acceptWarnings;
  const canGenerate = !generating && studio.text.trim() !== '' && !overLimit && !blocked && !needsConfirmation;

  useEffect(() => {
    const timer = setTimeout(() => void useStudio.getState().evaluatePolicy(), POLICY_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [studio.text]);

  const progressFraction = studio.progress ? (studio.progress.index + 1) / Math.max(1, studio.progress.count) : 0;

  return (
    <div className="studio-view">
      <div className="studio-grid">
        <div className="editor-pane">
          <label className="field-label" htmlFor={ids.script}>
            Script
          </label>
          <textarea
            id={ids.script}
            className={`script-editor${overLimit ? ' invalid' : ''}`}
            value={studio.text}
            spellCheck={false}
            readOnly={generating}
            aria-describedby={ids.count}
            aria-invalid={overLimit}
            placeholder="Type or paste the text to speak."
            onChange={(event) => studio.setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canGenerate) {
                event.preventDefault();
                void studio.generate();
              }
            }}
          />
          <div className="editor-footer">
            <span id={ids.count} className={`char-count${overLimit ? ' over' : ''}`} data-testid="char-count">
              {formatCount(length)} / {formatCount(LIMITS.maxTextChars)} characters
              {overLimit && ' — shorten the script to generate it'}
            </span>
            <span className="muted">Ctrl+Enter generates</span>
          </div>
          <PolicyPanel
            text={studio.text}
            decision={studio.policy}
            blockedBy={studio.blockedBy}
            acceptWarnings={studio.acceptWarnings}
            onAcceptWarnings={studio.setAcceptWarnings}
          />
        </div>

        <aside className="controls-pane" aria-label="Voice and generation">
          <FormField label="Language" htmlFor={ids.language}>
            <select
              id={ids.language}
              value={currentVoice?.language ?? ''}
              disabled={generating || languages.length === 0}
              onChange={(event) => {
                const first = usableVoices.find((v) => v.language === event.target.value);
                if (first) studio.setVoice(first.id);
              }}
            >
              {languages.map((language) => (
                <option key={language} value={language}>
                  {language}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Voice" htmlFor={ids.voice}>
            <select
              id={ids.voice}
              value={currentVoice?.id ?? ''}
              disabled={generating || voicesInLanguage.length === 0}
              onChange={(event) => studio.setVoice(event.target.value)}
            >
              {voicesInLanguage.map((voice) => (
                <option key={voice.id} value={voice.id}>
                  {voice.name} · {formatSampleRateShort(voice.sampleRate)}
                </option>
              ))}
            </select>
            <p className="muted small">
              {currentVoice
                ? `${currentVoice.engine === 'piper-onnx' ? 'Neural (Piper)' : 'eSpeak NG'} · ${formatSampleRate(currentVoice.sampleRate)} · ${currentVoice.licence}`
                : 'No usable voice is installed.'}
            </p>
          </FormField>
          <FormField label="Speed" htmlFor={ids.speed}>
            <div className="speed-row">
              <input
                id={ids.speed}
                type="range"
                min={LIMITS.speed.min}
                max={LIMITS.speed.max}
                step={0.05}
                value={studio.speed}
                disabled={generating}
                aria-valuetext={`${studio.speed.toFixed(2)} times`}
                onChange={(event) => studio.setSpeed(Number(event.target.value))}
              />
              <output htmlFor={ids.speed}>{studio.speed.toFixed(2)}×</output>
            </div>
          </FormField>
          <button
            type="button"
            className="button primary large"
            disabled={!canGenerate || !currentVoice}
            onClick={() => {
              if (currentVoice && studio.voiceId !== currentVoice.id) studio.setVoice(currentVoice.id);
              void useStudio.getState().generate();
            }}
          >
            Generate
          </button>
          <div className="progress-area" aria-live="polite" data-testid="generate-status">
            {generating && (
              <>
                <progress
                  max={1}
                  value={studio.progress ? progressFraction : undefined}
                  aria-label="Generation progress"
                />
                <div className="progress-row">
                  <span>
                    {studio.progress
                      ? `Sentence ${studio.progress.index + 1} of ${studio.progress.count}`
                      : 'Preparing the voice…'}
                  </span>
                  <button type="button" className="button small" onClick={() => void studio.cancel()}>
                    Cancel
                  </button>
                </div>
              </>
            )}
            {studio.phase === 'cancelled' && <p className="status-line">Generation cancelled.</p>}
            {studio.phase === 'failed' && studio.error && studio.error.code !== 'POLICY_BLOCKED' && (
              <p className="status-line error" role="alert">
                {studio.error.message} {studio.error.guidance}
              </p>
            )}
            {studio.phase === 'failed' && studio.error?.code === 'POLICY_BLOCKED' && (
              <p className="status-line error" role="alert">
                Refused by the content policy; see the rules beside the script.
              </p>
            )}
          </div>
        </aside>
      </div>

      <section className="result-pane" aria-label="Result" data-testid="result-pane">
        {studio.result ? (
          <>
            <div className="result-header">
              <h2>Latest clip</h2>
              <p className="muted">
                {formatDuration(studio.result.durationSec)} · {studio.result.voice} · {formatSampleRate(studio.result.sampleRate)}{' '}
                · watermark <code>{studio.result.watermark.payload}</code>
              </p>
              <button
                type="button"
                className="button link"
                onClick={() => {
                  void selectInHistory(studio.result!.id);
                  showView('history');
                }}
              >
                Show in History
              </button>
            </div>
            <Waveform generationId={studio.result.id} label="the latest clip" />
            <ExportButtons generationId={studio.result.id} />
          </>
        ) : (
          <p className="muted placeholder">The waveform of your clip appears here after Generate.</p>
        )}
      </section>
    </div>
  );
}
