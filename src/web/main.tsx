// Entry point of the dashboard: theme and language first (no flash of the wrong theme), then the
// app, then the saved workspace is restored from IndexedDB (and the demo loaded on first start).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
// Base styles first, so that page styles (imported with their components) come after them.
import './styles/theme.css';
import './styles/base.css';
import { App } from './app/app.tsx';
import { startWorkspace } from './app/bootstrap.ts';
import { applyTheme, readThemeChoice } from './styles/theme.ts';

applyTheme(readThemeChoice());

const ROOT_ID = 'root';
const root = document.getElementById(ROOT_ID);
if (root) {
  root.dataset.state = 'loading';
  createRoot(root).render(
    <StrictMode>
      <App rootId={ROOT_ID} />
    </StrictMode>,
  );
  void startWorkspace();
}
