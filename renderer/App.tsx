// The window: header and banners on top; the profile list and the selected profile, or the debugger, below.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
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
import { useNotify } from './ui/notify';
import { ErrorBlock, Loading } from './ui/states';
import { useResource } from './ui/use-resource';

// The screens beside the list come in their own chunks: the first frame (header, search box, profile list) parses and
// renders without them, and the selected profile's page follows a moment later in its loading state.
const ProfilePage = lazy(() => import('./profiles/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const AgentsPage = lazy(() => import('./agents/AgentsPage').then((m) => ({ default: m.AgentsPage })));
const FleetPage = lazy(() => import('./fleet/FleetPage').then((m) => ({ default: m.FleetPage })));
const DebuggerPage = lazy(() => import('./debugger/DebuggerPage').then((m) => ({ default: m.DebuggerPage })));
const DoctorPage = lazy(() => import('./doctor/DoctorPage').then((m) => ({ default: m.DoctorPage })));
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

  const { revision, openProfileGone } = useLiveSettings(selectedId, profiles, info.reload);
  const notify = useNotify();
  useEffect(() => {
    if (openProfileGone) notify.success(t('live.deletedTitle'), t('live.deleted', { name: openProfileGone.name }));
  }, [openProfileGone, notify, t]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header info={info.data} keychain={keychain.data} view={view} onView={setView} onRecheckKeychain={keychain.reload} />
      <Banners info={info.data} keychain={keychain.data} onRecheck={keychain.reload} onDoctor={() => setView('doctor')} />
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
            ) : view === 'doctor' ? (
              <DoctorPage
                onRepaired={() => {
                  profiles.reload();
                  info.reload();
                }}
              />
            ) : selectedId ? (
              <ProfilePage
                key={selectedId}
                profileId={selectedId}
                defaultMaxKeyAgeDays={info.data?.maxKeyAgeDays ?? DEFAULT_MAX_KEY_AGE_DAYS}
                revision={revision}
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

/**
 * Changes made by another process (the CLI, browser mode, another window): the list and the app's state reload, the
 * open profile reloads (through `revision`), and when the open profile is gone, which one it was is returned once.
 */
function useLiveSettings(
  selectedId: string | undefined,
  profiles: { data: { id: string; name: string }[] | undefined; reload(): void },
  reloadInfo: () => void,
) {
  const api = useApi();
  const [revision, setRevision] = useState(0);
  const [openProfileGone, setGone] = useState<{ name: string }>();
  const openAtChange = useRef<{ id: string; name: string } | undefined>(undefined);
  const open = profiles.data?.find((p) => p.id === selectedId);
  const openRef = useRef(open);
  openRef.current = open;
  const { reload } = profiles;

  useEffect(
    () =>
      api.onSettingsChanged(() => {
        openAtChange.current = openRef.current;
        setRevision((n) => n + 1);
        reload();
        reloadInfo();
      }),
    [api, reload, reloadInfo],
  );
  useEffect(() => {
    const before = openAtChange.current;
    if (!before || !profiles.data) return;
    openAtChange.current = undefined;
    if (!profiles.data.some((p) => p.id === before.id)) setGone({ name: before.name });
  }, [profiles.data]);
  return { revision, openProfileGone };
}
