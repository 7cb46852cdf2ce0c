import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/context';
import { selectApi } from './api/select-api';
import { initI18n } from './i18n';
import { NotifyProvider } from './ui/notify';
import './styles.css';

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
