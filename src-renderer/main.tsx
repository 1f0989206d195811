import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

// A file dropped outside a drop zone must not replace the page.
for (const type of ['dragover', 'drop'] as const) {
  window.addEventListener(type, (event) => event.preventDefault());
}

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
if (!('studio' in window)) {
  root.textContent = 'Voicemark Studio must be opened from the app: its bridge to the studio is missing.';
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
