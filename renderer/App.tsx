// The window: header and banners on top; the profile list and the selected profile, or the debugger, below.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from './api/context';
import { DebuggerPage } from './debugger/DebuggerPage';
import { filterProfiles } from './profiles/filter';
import { ProfileDialog } from './profiles/ProfileDialog';
import { ProfilePage } from './profiles/ProfilePage';
import { Sidebar } from './profiles/Sidebar';
import { Banners } from './shell/Banners';
import { Header, type View } from './shell/Header';
import { Empty, ErrorBlock, Loading } from './ui/states';
import { useResource } from './ui/use-resource';

export function App() {
  const { t } = useTranslation();
  const api = useApi();
  const info = useResource(() => api['app.info']({}), [api]);
  const keychain = useResource(() => api['keychain.status']({}), [api]);
  const profiles = useResource(() => api['profiles.list']({}), [api]);
  const [view, setView] = useState<View>('profiles');
  const [chosenId, setChosenId] = useState<string>();
  const [creating, setCreating] = useState(false);

  // The chosen profile while it exists, else the first one in the sidebar's order.
  const selectedId = useMemo(() => {
    const list = profiles.data ?? [];
    return list.some((p) => p.id === chosenId) ? chosenId : filterProfiles(list, '')[0]?.id;
  }, [profiles.data, chosenId]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header info={info.data} keychain={keychain.data} view={view} onView={setView} onRecheckKeychain={keychain.reload} />
      <Banners info={info.data} keychain={keychain.data} onRecheck={keychain.reload} />
      <div className="app-body">
        {view === 'profiles' && (
          <Sidebar
            profiles={profiles.data}
            loading={profiles.loading}
            selectedId={selectedId}
            onSelect={setChosenId}
            onNew={() => setCreating(true)}
          />
        )}
        <main id="main" className="main" tabIndex={-1}>
          {view === 'debugger' ? (
            <DebuggerPage preferredProfileId={selectedId} />
          ) : selectedId ? (
            <ProfilePage
              key={selectedId}
              profileId={selectedId}
              onChanged={profiles.reload}
              onDeleted={() => {
                setChosenId(undefined);
                profiles.reload();
              }}
            />
          ) : profiles.data ? (
            <Empty title={t('welcome.title')} testId="welcome">
              <p>{t('welcome.body')}</p>
              <button
                type="button"
                className="button button-primary"
                onClick={() => setCreating(true)}
                data-testid="welcome-new-profile"
              >
                {t('sidebar.newProfile')}
              </button>
            </Empty>
          ) : profiles.error ? (
            <div className="page">
              <ErrorBlock error={profiles.error} onRetry={profiles.reload} />
            </div>
          ) : (
            <Loading />
          )}
        </main>
      </div>
      {creating && (
        <ProfileDialog
          onClose={() => setCreating(false)}
          onSaved={(profile) => {
            setCreating(false);
            setChosenId(profile.id);
            setView('profiles');
            profiles.reload();
          }}
        />
      )}
    </div>
  );
}
