import { useEffect, useId } from 'react';
import type { Settings } from '../../src-shared/domain';
import { POLICY_CATEGORY_TEXT } from '../components/policyCategories';
import { PrivateKeySection } from '../components/PrivateKeySection';
import { useSettings } from '../state/settingsStore';
import { useVoices } from '../state/voicesStore';
import { FormField } from '../components/FormField';

export function SettingsView() {
  const { settings, dataDir, policyProfile, error, update, loadPolicyProfile } = useSettings();
  const voices = useVoices((s) => s.voices);
  const ids = { theme: useId(), format: useId(), voice: useId(), data: useId() };

  useEffect(() => {
    void loadPolicyProfile();
  }, [loadPolicyProfile]);

  if (!settings) return <p className="muted">{error ?? 'Loading settings…'}</p>;
  return (
    <div className="settings-view">
      <section className="settings-section" aria-labelledby="settings-general">
        <h2 id="settings-general">General</h2>
        <FormField label="Theme" htmlFor={ids.theme}>
          <select id={ids.theme} value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}>
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </FormField>
        <FormField label="Preferred export format" htmlFor={ids.format}>
          <select
            id={ids.format}
            value={settings.exportFormat}
            onChange={(e) => void update({ exportFormat: e.target.value as Settings['exportFormat'] })}
          >
            <option value="wav">WAV (lossless)</option>
            <option value="mp3">MP3 (128 kbit/s)</option>
          </select>
        </FormField>
        <FormField label="Default voice" htmlFor={ids.voice}>
          <select
            id={ids.voice}
            value={settings.defaultVoiceId ?? ''}
            onChange={(e) => void update({ defaultVoiceId: e.target.value || null })}
          >
            <option value="">The studio’s default</option>
            {voices
              .filter((voice) => voice.integrity === 'ok')
              .map((voice) => (
                <option key={voice.id} value={voice.id}>
                  {voice.name} ({voice.language})
                </option>
              ))}
          </select>
        </FormField>
        <FormField label="Data folder" htmlFor={ids.data}>
          <input id={ids.data} className="mono" type="text" readOnly value={dataDir ?? ''} />
          <p className="muted small">History, imported voices and settings live here. Back it up to keep your records.</p>
        </FormField>
        {error && <p className="status-line error">{error}</p>}
      </section>

      <PrivateKeySection />

      <section className="settings-section" aria-labelledby="settings-policy">
        <h2 id="settings-policy">Content policy</h2>
        <p>
          Every script is checked before it is spoken. A <span className="badge block">block</span> refuses it; a{' '}
          <span className="badge warn">warning</span> needs your confirmation. The policy ships with the app and cannot be
          switched off.
        </p>
        <dl className="detail-grid">
          <dt>Version</dt>
          <dd>
            <code>{policyProfile?.policyVersion ?? '…'}</code>
          </dd>
          <dt>Rules hash</dt>
          <dd>
            <code className="hash">{policyProfile?.policyHash ?? '…'}</code>
          </dd>
        </dl>
        <ul className="category-list">
          {Object.entries(POLICY_CATEGORY_TEXT).map(([key, text]) => (
            <li key={key}>
              <strong>{text.title}</strong> — {text.description}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
