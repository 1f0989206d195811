import { useEffect } from 'react';
import { formatDateTime } from '../format';
import { useSettings } from '../state/settingsStore';

/** Settings → the private watermark key: its state and a button to create one. Main holds the secret; this shows ids and dates. */
export function PrivateKeySection() {
  const { privateKeys, creatingKey, keysError, loadPrivateKeys, createPrivateKey } = useSettings();

  useEffect(() => {
    void loadPrivateKeys();
  }, [loadPrivateKeys]);

  const active = privateKeys?.find((key) => key.active) ?? null;
  const older = (privateKeys?.length ?? 0) - (active ? 1 : 0);
  return (
    <section className="settings-section" aria-labelledby="settings-keys">
      <h2 id="settings-keys">Private watermark key</h2>
      <p>
        Every clip carries the public Voicemark mark, which any copy of the studio can read. A private key adds a second mark
        that only a studio holding the key can read.
      </p>
      <div data-testid="private-key-state" aria-live="polite">
        {privateKeys === null ? (
          <p className="muted">{keysError ? null : 'Loading keys…'}</p>
        ) : active ? (
          <dl className="detail-grid">
            <dt>Active key</dt>
            <dd>
              <code data-testid="private-key-id">{active.id}</code>
            </dd>
            <dt>Created</dt>
            <dd>{formatDateTime(active.createdAt)}</dd>
            {older > 0 && (
              <>
                <dt>Older keys</dt>
                <dd>{older}, kept to read the clips they marked</dd>
              </>
            )}
          </dl>
        ) : (
          <p>No private key: new clips carry the public mark only.</p>
        )}
      </div>
      <button type="button" className="button" disabled={creatingKey || privateKeys === null} onClick={() => void createPrivateKey()}>
        Create private key
      </button>
      <p className="muted small">
        A new key marks every clip made from now on; older keys stay to read older clips. Back each key up with{' '}
        <code>voicemark keys export ID --out FILE</code>: a lost key means its private marks can never be read again.
      </p>
      {keysError && <p className="status-line error">{keysError}</p>}
    </section>
  );
}
