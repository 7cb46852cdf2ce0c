// Evaluated first (a bare import keeps its place): the start-up calls leave before React and the screens are evaluated.
import './api/startup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { ApiProvider } from './api/context';
import { startupApi, startupCalls } from './api/startup';
import { initI18n } from './i18n';
import { NotifyProvider } from './ui/notify';
import './styles.css';

/**
 * How long the first render waits for the profile list. It is normally back within a few milliseconds of the bundle
 * being evaluated; rendering before it paints a loading state that the list replaces a moment later, and that second
 * render, style and layout is what a thousand profiles' window waited on (docs/benchmarks.md). A slow engine still
 * gets the loading state after this long.
 */
const LIST_WAIT_MS = 250;

// zod probes `new Function` to speed up parsing; the CSP forbids eval, so skip the probe (and its CSP report).
z.config({ jitless: true });
initI18n();
const root = document.getElementById('root');
const listOrTimeout = new Promise((resolve) => {
  void startupCalls.profiles.reply.then(resolve);
  setTimeout(resolve, LIST_WAIT_MS);
});
if (root)
  void listOrTimeout.then(() =>
    createRoot(root).render(
      <StrictMode>
        <ApiProvider api={startupApi}>
          <NotifyProvider>
            <App startup={startupCalls} />
          </NotifyProvider>
        </ApiProvider>
      </StrictMode>,
    ),
  );
