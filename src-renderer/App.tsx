import { useEffect, useRef, type ComponentType, type KeyboardEvent } from 'react';
import { studioApi } from './api/client';
import { useNavigation, VIEW_LABELS, VIEWS, type View } from './state/navigation';
import { useSettings } from './state/settingsStore';
import { useStudio } from './state/studioStore';
import { useVoices } from './state/voicesStore';
import { CheckView } from './views/CheckView';
import { HistoryView } from './views/HistoryView';
import { SettingsView } from './views/SettingsView';
import { StudioView } from './views/StudioView';
import { VoicesView } from './views/VoicesView';
import { useTheme } from './useTheme';

const VIEW_COMPONENTS: Record<View, ComponentType> = {
  studio: StudioView,
  history: HistoryView,
  check: CheckView,
  voices: VoicesView,
  settings: SettingsView,
};

export function App() {
  const view = useNavigation((s) => s.view);
  const show = useNavigation((s) => s.show);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useTheme();

  useEffect(() => {
    void useSettings.getState().load();
    void useVoices.getState().load();
    return studioApi().onSpeakProgress((progress) => useStudio.getState().receiveProgress(progress));
  }, []);

  // A view opened from inside another view ("Open in History") moves focus to the new view's
  // heading, telling keyboard and screen-reader users where they are. Changes made from the tabs
  // keep focus on the tabs (the ARIA tabs pattern).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (document.activeElement?.closest('[role="tablist"]')) return;
    headingRef.current?.focus();
  }, [view]);

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>): void {
    const index = VIEWS.indexOf(view);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length];
    show(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  const Current = VIEW_COMPONENTS[view];
  return (
    <div className="app-shell">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Voicemark Studio</span>
        </div>
        <nav aria-label="Views">
          <div role="tablist" aria-label="Views" className="tabs">
            {VIEWS.map((name) => (
              <button
                key={name}
                id={`tab-${name}`}
                type="button"
                role="tab"
                aria-selected={view === name}
                aria-controls="view-panel"
                tabIndex={view === name ? 0 : -1}
                className="tab"
                onClick={() => show(name)}
                onKeyDown={onTabKey}
              >
                {VIEW_LABELS[name]}
              </button>
            ))}
          </div>
        </nav>
      </header>
      <main id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`} className="view" data-view={view}>
        <h1 ref={headingRef} tabIndex={-1} className="view-title">
          {VIEW_LABELS[view]}
        </h1>
        <Current />
      </main>
    </div>
  );
}
