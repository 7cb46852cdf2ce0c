// Ready-to-paste curl, environment variables and SDK set-up. Snippets hold no secrets unless the user turns on
// "Include secrets"; a copy of one that does is wiped from the clipboard after 30 s.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Api } from '../../shared/contract';
import { curlModeSchema, envSetSchema, envSyntaxSchema, sdkLanguageSchema } from '../../shared/contract';
import type { Result } from '../../shared/errors';
import type { CredentialMeta, Profile } from '../../shared/profile';
import type { SnippetView } from '../../shared/views';
import { useApi } from '../api/context';
import { saySentence } from '../lib/engine-text';
import { customOf, initialChoice, type RequestChoice, RequestPicker } from '../test-request/RequestPicker';
import { CopyButton } from '../ui/CopyButton';
import { Check } from '../ui/Field';
import { SelectField } from '../ui/InputFields';
import { ErrorBlock, Loading } from '../ui/states';
import { Tabs } from '../ui/Tabs';
import { useResource } from '../ui/use-resource';

type Tab = 'curl' | 'env' | 'sdk';
type EnvSyntax = (typeof envSyntaxSchema.options)[number];
type EnvSet = (typeof envSetSchema.options)[number];
type SdkLanguage = (typeof sdkLanguageSchema.options)[number];

type CurlMode = (typeof curlModeSchema.options)[number];

interface Options {
  choice: RequestChoice;
  /** curl: $VAR references, **** for sharing, or the secret itself. */
  curlMode: CurlMode;
  /** env: the secret values instead of placeholders. */
  includeSecrets: boolean;
  syntax: EnvSyntax;
  set: EnvSet;
  onlyThis: boolean;
  language: SdkLanguage;
}

function request(api: Api, tab: Tab, profile: Profile, credential: CredentialMeta, o: Options): Promise<Result<SnippetView>> {
  const profileId = profile.id;
  if (tab === 'sdk') return api['snippets.sdk']({ profileId, language: o.language });
  if (tab === 'env')
    return api['snippets.env']({
      profileId,
      syntax: o.syntax,
      set: o.set,
      includeSecrets: o.includeSecrets,
      ...(o.onlyThis ? { credentialIds: [credential.id] } : {}),
    });
  const custom = customOf(o.choice);
  return api['snippets.curl']({
    profileId,
    credentialId: credential.id,
    productId: o.choice.productId,
    scheme: o.choice.scheme,
    mode: o.curlMode,
    ...(custom && custom !== 'invalid'
      ? { custom: { ...custom, contentType: custom.contentType || undefined, body: custom.body || undefined } }
      : {}),
  });
}

export function SnippetPanel({ profile, credential }: { profile: Profile; credential: CredentialMeta }) {
  const { t } = useTranslation();
  const api = useApi();
  const [tab, setTab] = useState<Tab>('curl');
  const [options, setOptions] = useState<Options>(() => ({
    choice: initialChoice(credential.kind),
    curlMode: 'env',
    includeSecrets: false,
    syntax: 'dotenv',
    set: 'sdk',
    onlyThis: false,
    language: 'node',
  }));
  const set = (patch: Partial<Options>) => setOptions((o) => ({ ...o, ...patch }));
  const snippet = useResource(
    () => request(api, tab, profile, credential, options),
    [api, tab, profile, credential, JSON.stringify(options)],
  );

  const select = <V extends string>(
    label: string,
    value: V,
    values: readonly V[],
    keyPrefix: string,
    onChange: (v: V) => void,
    testId: string,
  ) => (
    <SelectField
      label={label}
      value={value}
      options={values}
      optionLabel={(v) => t(`${keyPrefix}.${v}`)}
      onChange={onChange}
      testId={testId}
    />
  );

  return (
    <Tabs
      small
      label={t('snippets.label')}
      active={tab}
      onChange={setTab}
      tabs={[
        { id: 'curl', label: t('snippets.tab.curl'), testId: 'snippet-tab-curl' },
        { id: 'env', label: t('snippets.tab.env'), testId: 'snippet-tab-env' },
        { id: 'sdk', label: t('snippets.tab.sdk'), testId: 'snippet-tab-sdk' },
      ]}
    >
      <div className="snippet-options">
        {tab === 'curl' && (
          <RequestPicker
            profile={profile}
            credential={credential}
            choice={options.choice}
            onChange={(choice) => set({ choice })}
          />
        )}
        {tab === 'env' && (
          <div className="row">
            {select(
              t('snippets.syntax'),
              options.syntax,
              envSyntaxSchema.options,
              'snippets.syntaxes',
              (syntax) => set({ syntax }),
              'snippet-syntax',
            )}
            {select(t('snippets.set'), options.set, envSetSchema.options, 'snippets.sets', (s) => set({ set: s }), 'snippet-set')}
            <Check label={t('snippets.onlyThis')} checked={options.onlyThis} onChange={(onlyThis) => set({ onlyThis })} />
          </div>
        )}
        {tab === 'sdk' &&
          select(
            t('snippets.language'),
            options.language,
            sdkLanguageSchema.options,
            'snippets.languages',
            (language) => set({ language }),
            'snippet-language',
          )}
        {tab === 'curl' &&
          select(
            t('keyHygiene.curlMode.label'),
            options.curlMode,
            curlModeSchema.options,
            'keyHygiene.curlMode.modes',
            (curlMode) => set({ curlMode }),
            'snippet-curl-mode',
          )}
        {tab === 'env' && (
          <Check
            label={t('snippets.includeSecrets')}
            checked={options.includeSecrets}
            onChange={(includeSecrets) => set({ includeSecrets })}
            testId="snippet-include-secrets"
          />
        )}
        {tab === 'curl' && options.curlMode === 'masked' && (
          <p className="callout" role="note" data-testid="snippet-masked-note">
            {t('keyHygiene.curlMode.maskedNote')}
          </p>
        )}
      </div>
      {snippet.error && <ErrorBlock error={snippet.error} onRetry={snippet.reload} />}
      {!snippet.data && !snippet.error && <Loading />}
      {snippet.data && (
        <div className={snippet.loading ? 'snippet stale' : 'snippet'}>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it. */}
          <pre className="code-block scroll" data-testid="snippet-text" tabIndex={0}>
            {snippet.data.text}
          </pre>
          {/* The engine's warnings, the same ones the CLI prints: plain text inside, a token-only snippet. */}
          {snippet.data.warnings.length > 0 && (
            <ul className="plain-list callout callout-warning" role="note" data-testid="snippet-warnings">
              {snippet.data.warnings.map((w) => (
                <li key={w.id}>{saySentence(w, w.message, t)}</li>
              ))}
            </ul>
          )}
          <div className="card-actions">
            <CopyButton
              text={snippet.data.text}
              sensitive={snippet.data.containsSecrets}
              label={snippet.data.containsSecrets ? t('snippets.copyWithSecrets') : t('copy.copy')}
              testId="snippet-copy"
              className={snippet.data.containsSecrets ? 'button button-warning' : 'button'}
            />
            {snippet.data.containsSecrets && <span className="warn-text small">{t('snippets.containsSecrets')}</span>}
          </div>
        </div>
      )}
    </Tabs>
  );
}
