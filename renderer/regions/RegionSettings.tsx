// Region and host per product the credential can call: pick the region, see the host it resolves to, and
// optionally override the base URL (and, for access keys, the token endpoint).
import { useTranslation } from 'react-i18next';
import { DEFAULT_TOKEN_URL, type Product, productsForKind } from '../../shared/catalog';
import type { CredentialMeta, OverrideTarget, Profile } from '../../shared/profile';
import { regionInForce } from '../../shared/regions';
import { useApi } from '../api/context';
import { Field } from '../ui/Field';
import { useCall } from '../ui/notify';
import { baseUrlFor, effectiveRegion } from './hosts';
import { OverrideEditor } from './OverrideEditor';

interface RegionSettingsProps {
  profile: Profile;
  credential: CredentialMeta;
  onProfile(profile: Profile): void;
}

export function RegionSettings({ profile, credential, onProfile }: RegionSettingsProps) {
  const { t } = useTranslation();
  const api = useApi();
  const call = useCall();

  // The region is saved where the rule reads it (shared/regions.ts): on the credential when it owns the region (a
  // service plan, a Mailgun domain), otherwise in the profile.
  const setRegion = async (product: Product, region: string) => {
    if (product.credentialHoldsRegion) {
      const patch = { region: region as 'us' };
      if (!(await call(api['credentials.update']({ profileId: profile.id, credentialId: credential.id, patch })))) return;
      const updated = await call(api['profiles.get']({ profileId: profile.id }));
      if (updated) onProfile(updated);
      return;
    }
    const updated = await call(
      api['profiles.update']({ profileId: profile.id, patch: { regions: { ...profile.regions, [product.id]: region } } }),
    );
    if (updated) onProfile(updated);
  };
  const setOverride = (target: OverrideTarget) => async (url: string | null, allowForeignHost: boolean) => {
    const updated = await call(api['profiles.setOverride']({ profileId: profile.id, target, url, allowForeignHost }));
    if (updated) onProfile(updated);
  };

  return (
    <div className="region-settings" data-testid="region-settings">
      <p className="muted">{t('regions.intro')}</p>
      {productsForKind(credential.kind).map((product) => {
        const { source } = regionInForce(product, profile, credential);
        const region = effectiveRegion(profile, credential, product);
        const base = baseUrlFor(profile, product, region);
        return (
          <section key={product.id} className="region-row" aria-label={t(`products.${product.id}`)}>
            <div className="region-row-main">
              <h3>{t(`products.${product.id}`)}</h3>
              {product.regions.length === 1 ? (
                <span className="muted small">{t('regions.single')}</span>
              ) : product.regionFrom ? (
                <span className="muted small" data-testid={`region-${product.id}`}>
                  {t('regionRule.follows', {
                    product: t(`products.${product.regionFrom}`),
                    region: t(`regionNames.${region}`),
                  })}
                </span>
              ) : (
                <Field label={t('regions.region')} className="field-inline">
                  {(control) => (
                    <select
                      {...control}
                      className="input"
                      value={region}
                      onChange={(e) => setRegion(product, e.target.value)}
                      data-testid={`region-${product.id}`}
                    >
                      {product.regions.map((r) => (
                        <option key={r.id} value={r.id}>
                          {t(`regionNames.${r.id}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <span className="host">
                <code data-testid={`host-${product.id}`}>{base.url}</code>
                {base.overridden && <span className="badge badge-warning">{t('regions.overridden')}</span>}
              </span>
            </div>
            {product.regions.length > 1 && (
              <p className="muted small" data-testid={`region-source-${product.id}`}>
                {t(`regionRule.source.${source}`)}
              </p>
            )}
            {product.fixedRoutes?.map((route) => (
              <p key={route.prefix} className="muted small">
                {t('regionRule.fixedRoute', { prefix: route.prefix, origin: route.origin })}
              </p>
            ))}
            <details className="disclosure">
              <summary>{t('regions.overrideSummary')}</summary>
              <OverrideEditor
                key={profile.baseUrls[product.id]?.url ?? ''}
                target={product.id}
                current={profile.baseUrls[product.id]}
                placeholder={product.regions[0]?.origin ?? ''}
                onSave={setOverride(product.id)}
              />
            </details>
          </section>
        );
      })}
      {credential.kind === 'accessKey' && (
        <section className="region-row" aria-label={t('regions.tokenEndpoint')}>
          <div className="region-row-main">
            <h3>{t('regions.tokenEndpoint')}</h3>
            <span className="host">
              <code data-testid="host-auth">{profile.baseUrls.auth?.url ?? DEFAULT_TOKEN_URL}</code>
              {profile.baseUrls.auth && <span className="badge badge-warning">{t('regions.overridden')}</span>}
            </span>
          </div>
          <details className="disclosure">
            <summary>{t('regions.overrideSummary')}</summary>
            <OverrideEditor
              key={profile.baseUrls.auth?.url ?? ''}
              target="auth"
              current={profile.baseUrls.auth}
              placeholder={DEFAULT_TOKEN_URL}
              onSave={setOverride('auth')}
            />
          </details>
        </section>
      )}
    </div>
  );
}
