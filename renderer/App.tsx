// The window: header and banners on top; the profile list and the selected profile, or the debugger, below.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetReport } from '../shared/fleet';
import { DEFAULT_MAX_KEY_AGE_DAYS } from '../shared/key-age';
import type { Profile } from '../shared/profile';
import { useApi } from './api/context';
import type { StartupCalls } from './api/startup';
import { filterProfiles } from './profiles/filter';
import { Sidebar } from './profiles/Sidebar';
import { QuickImport } from './quick-import/QuickImport';
import { Welcome } from './quick-import/Welcome';
import { Banners } from './shell/Banners';
import { Header, type View } from './shell/Header';
import { ErrorBlock, Loading } from './ui/states';
import { useResource } from './ui/use-resource';

// The screens beside the list come in their own chunks: the first frame (header, search box, profile list) parses and
// renders without them, and the selected profile's page follows a moment later in its loading state.
const ProfilePage = lazy(() => import('./profiles/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const AgentsPage = lazy(() => import('./agents/AgentsPage').then((m) => ({ default: m.AgentsPage })));
const FleetPage = lazy(() => import('./fleet/FleetPage').then((m) => ({ default: m.FleetPage })));
const DebuggerPage = lazy(() => import('./debugger/DebuggerPage').then((m) => ({ default: m.DebuggerPage })));
const ProfileDialog = lazy(() => import('./profiles/ProfileDialog').then((m) => ({ default: m.ProfileDialog })));

export function App({ startup }: { startup?: StartupCalls }) {
  const { t } = useTranslation();
  const api = useApi();
  const info = useResource(() => api['app.info']({}), [api], startup?.info);
  const keychain = useResource(() => api['keychain.status']({}), [api], startup?.keychain);
  const profiles = useResource(() => api['profiles.list']({}), [api], startup?.profiles);
  const [view, setView] = useState<View>('profiles');
  const [chosenId, setChosenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [fleet, setFleet] = useState<FleetReport>();

  // The chosen profile while it exists, else the first one in the sidebar's order.
  const selectedId = useMemo(() => {
    const list = profiles.data ?? [];
    return list.some((p) => p.id === chosenId) ? chosenId : filterProfiles(list, '')[0]?.id;
  }, [profiles.data, chosenId]);

  const showSaved = (profile: Profile) => {
    setChosenId(profile.id);
    setView('profiles');
    profiles.reload();
  };

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
          <Suspense fallback={<Loading />}>
            {view === 'debugger' ? (
              <DebuggerPage preferredProfileId={selectedId} />
            ) : view === 'fleet' ? (
              <FleetPage
                report={fleet}
                onReport={setFleet}
                onOpenProfile={(profileId) => {
                  setChosenId(profileId);
                  setView('profiles');
                }}
              />
            ) : view === 'agents' ? (
              <AgentsPage />
            ) : selectedId ? (
              <ProfilePage
                key={selectedId}
                profileId={selectedId}
                defaultMaxKeyAgeDays={info.data?.maxKeyAgeDays ?? DEFAULT_MAX_KEY_AGE_DAYS}
                onChanged={profiles.reload}
                onDeleted={() => {
                  setChosenId(undefined);
                  profiles.reload();
                }}
              />
            ) : profiles.data ? (
              <Welcome onNew={() => setCreating(true)} />
            ) : profiles.error ? (
              <div className="page">
                <ErrorBlock error={profiles.error} onRetry={profiles.reload} />
              </div>
            ) : (
              <Loading />
            )}
          </Suspense>
        </main>
      </div>
      <QuickImport onSaved={showSaved} />
      {creating && (
        <Suspense fallback={null}>
          <ProfileDialog
            onClose={() => setCreating(false)}
            onSaved={(profile) => {
              setCreating(false);
              showSaved(profile);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
