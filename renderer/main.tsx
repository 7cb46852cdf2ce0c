import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { ApiProvider } from './api/context';
import { selectApi } from './api/select-api';
import { initI18n } from './i18n';
import { NotifyProvider } from './ui/notify';
import './styles.css';

// zod probes `new Function` to speed up parsing; the CSP forbids eval, so skip the probe (and its CSP report).
z.config({ jitless: true });
initI18n();
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={selectApi(window)}>
        <NotifyProvider>
          <App />
        </NotifyProvider>
      </ApiProvider>
    </StrictMode>,
  );
