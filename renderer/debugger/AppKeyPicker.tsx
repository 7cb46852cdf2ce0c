// Choose an application key (Voice/Verification) from any profile: the signing debugger and the Voice/Verification
// callback check need one; its secret stays in main.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { publicIdOf } from '../../shared/profile';
import { useApi } from '../api/context';
import { Field } from '../ui/Field';
import { ErrorBlock, Loading } from '../ui/states';
import { useResource } from '../ui/use-resource';

export interface AppKeyRef {
  profileId: string;
  credentialId: string;
}

interface AppKeyPickerProps {
  value: AppKeyRef | undefined;
  onChange(value: AppKeyRef | undefined): void;
  preferredProfileId: string | undefined;
}

export function AppKeyPicker({ value, onChange, preferredProfileId }: AppKeyPickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useResource(() => api['profiles.list']({}), [api]);
  const withKeys = (list.data ?? []).filter((p) => p.credentialKinds.includes('applicationKey'));
  const profileId = value?.profileId ?? withKeys.find((p) => p.id === preferredProfileId)?.id ?? withKeys[0]?.id;
  const profile = useResource(
    () => (profileId ? api['profiles.get']({ profileId }) : Promise.resolve({ ok: true as const, value: undefined })),
    [api, profileId],
  );
  const loaded = profile.data?.id === profileId ? profile.data : undefined;
  const keys = (loaded?.credentials ?? []).filter((c) => c.kind === 'applicationKey');
  const first = keys[0];

  // Once a profile's keys are known, pick its first key unless the user already picked one of them.
  useEffect(() => {
    if (!profileId || !first) return;
    if (value?.profileId !== profileId || !value.credentialId) onChange({ profileId, credentialId: first.id });
  }, [profileId, first, value, onChange]);

  if (list.error) return <ErrorBlock error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (withKeys.length === 0) return <p className="callout callout-info">{t('debugger.noAppKeys')}</p>;
  return (
    <div className="row">
      <Field label={t('debugger.profile')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={profileId}
            onChange={(e) => onChange({ profileId: e.target.value, credentialId: '' })}
            data-testid="debugger-profile"
          >
            {withKeys.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('debugger.appKey')}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={value?.credentialId ?? ''}
            onChange={(e) => profileId && onChange({ profileId, credentialId: e.target.value })}
            data-testid="debugger-app-key"
          >
            {keys.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label ? `${c.label} (${publicIdOf(c)})` : publicIdOf(c)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
