// The switch on a profile that opens it to AI agents (read-only) or closes it again; the engine stores it in the
// settings file, where a running agent server reads it on its next call.
import { useTranslation } from 'react-i18next';
import type { Profile } from '../../shared/profile';
import { useApi } from '../api/context';
import { Check } from '../ui/Field';
import { useCall } from '../ui/notify';

export function AgentSwitch({ profile, onChanged }: { profile: Profile; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();
  const access = profile.agent;
  const label = access?.enabled
    ? access.allowWrites
      ? t('agents.switchOnWrites')
      : t('agents.switchOnReadOnly')
    : t('agents.switchOff');
  return (
    <Check
      label={label}
      checked={access?.enabled === true}
      testId="agent-switch"
      onChange={async (enabled) => {
        if (await call(api['agent.setAccess']({ profileId: profile.id, patch: { enabled } }))) onChanged();
      }}
    />
  );
}
