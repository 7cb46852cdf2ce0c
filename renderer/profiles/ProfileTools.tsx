// The tools for the selected credential, one tab each; the token tab exists only for access keys (OAuth2).
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CredentialMeta, type Profile, publicIdOf } from '../../shared/profile';
import { RegionSettings } from '../regions/RegionSettings';
import { SnippetPanel } from '../snippets/SnippetPanel';
import { TestPanel } from '../test-request/TestPanel';
import { TokenCard } from '../tokens/TokenCard';
import { type TabSpec, Tabs } from '../ui/Tabs';

type Tool = 'token' | 'test' | 'regions' | 'snippets';

interface ProfileToolsProps {
  profile: Profile;
  credential: CredentialMeta;
  onProfile(profile: Profile): void;
}

export function ProfileTools({ profile, credential, onProfile }: ProfileToolsProps) {
  const { t } = useTranslation();
  const [tool, setTool] = useState<Tool>(credential.kind === 'accessKey' ? 'token' : 'test');
  // Panels stay mounted once opened, so a test result or snippet choice survives a look at another tab.
  const [opened, setOpened] = useState<ReadonlySet<Tool>>(() => new Set([tool]));
  const open = (next: Tool) => {
    setTool(next);
    setOpened((set) => (set.has(next) ? set : new Set(set).add(next)));
  };
  const panel = (id: Tool, content: ReactNode) =>
    opened.has(id) && (
      <div hidden={tool !== id} key={id}>
        {content}
      </div>
    );
  const tabs: TabSpec<Tool>[] = [
    ...(credential.kind === 'accessKey' ? [{ id: 'token' as const, label: t('tools.token'), testId: 'tool-token' }] : []),
    { id: 'test', label: t('tools.test'), testId: 'tool-test' },
    { id: 'regions', label: t('tools.regions'), testId: 'tool-regions' },
    { id: 'snippets', label: t('tools.snippets'), testId: 'tool-snippets' },
  ];
  return (
    <section className="card tools" aria-labelledby="tools-heading">
      <h2 id="tools-heading">
        {t('tools.title')} <span className="muted">{credential.label || publicIdOf(credential)}</span>
      </h2>
      <Tabs label={t('tools.title')} tabs={tabs} active={tool} onChange={open}>
        {credential.kind === 'accessKey' && panel('token', <TokenCard profileId={profile.id} credential={credential} />)}
        {panel('test', <TestPanel profile={profile} credential={credential} />)}
        {panel('regions', <RegionSettings profile={profile} credential={credential} onProfile={onProfile} />)}
        {panel('snippets', <SnippetPanel profile={profile} credential={credential} />)}
      </Tabs>
    </section>
  );
}
