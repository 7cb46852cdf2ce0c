// Which request to send: a product's safe read-only preset, or a custom one. Shared by the test panel and the curl
// snippet, so both describe the same request.
import { useTranslation } from 'react-i18next';
import { type AuthScheme, type Product, type ProductId, productsForKind, VERIFICATION_PROBE_ID } from '../../shared/catalog';
import { customRequestSchema } from '../../shared/contract';
import { type CredentialMeta, type Profile, publicIdOf } from '../../shared/profile';
import { baseUrlFor, effectiveRegion, presetOriginFor } from '../regions/hosts';
import { Check } from '../ui/Field';
import { SelectField, TextAreaField, TextField } from '../ui/InputFields';
import { type Method, MethodField } from './MethodField';

export interface RequestChoice {
  productId: ProductId;
  scheme: AuthScheme;
  useCustom: boolean;
  custom: { method: Method; path: string; contentType: string; body: string };
}

export function initialChoice(kind: CredentialMeta['kind']): RequestChoice {
  const products = productsForKind(kind);
  const product = products.find((p) => p.testRequest) ?? products[0];
  if (!product) throw new Error(`catalog: no product for ${kind}`);
  return {
    productId: product.id,
    scheme: product.schemes[0] ?? 'bearer',
    useCustom: false,
    custom: { method: 'GET', path: '/', contentType: 'application/json', body: '' },
  };
}

/** The `custom` field of a request, or undefined for the preset; invalid custom input yields 'invalid'. */
export function customOf(choice: RequestChoice): RequestChoice['custom'] | undefined | 'invalid' {
  if (!choice.useCustom) return undefined;
  const { method, path, contentType, body } = choice.custom;
  const custom = { method, path, ...(contentType ? { contentType } : {}), ...(body ? { body } : {}) };
  return customRequestSchema.safeParse(custom).success ? { method, path, contentType, body } : 'invalid';
}

/** The preset's path with the profile's own IDs filled in, so the user sees the exact request. */
export function presetPath(template: string, profile: Profile, credential: CredentialMeta): string {
  const values: Record<string, string> = {
    projectId: profile.projectId || '{projectId}',
    servicePlanId: publicIdOf(credential),
    applicationKey: publicIdOf(credential),
    domain: publicIdOf(credential),
    probeId: VERIFICATION_PROBE_ID,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

interface RequestPickerProps {
  profile: Profile;
  credential: CredentialMeta;
  choice: RequestChoice;
  onChange(choice: RequestChoice): void;
  allowCustom?: boolean;
}

export function RequestPicker({ profile, credential, choice, onChange, allowCustom = true }: RequestPickerProps) {
  const { t } = useTranslation();
  const products = productsForKind(credential.kind);
  const product = products.find((p) => p.id === choice.productId) ?? (products[0] as Product);
  const region = effectiveRegion(profile, credential, product);
  const base = baseUrlFor(profile, product, region).url;
  const presetOrigin = presetOriginFor(profile, product, region);
  const setCustom = (patch: Partial<RequestChoice['custom']>) => onChange({ ...choice, custom: { ...choice.custom, ...patch } });
  const pathInvalid = choice.useCustom && !customRequestSchema.shape.path.safeParse(choice.custom.path).success;

  return (
    <div className="request-picker">
      <div className="row">
        <SelectField
          label={t('test.product')}
          value={product.id}
          options={products.map((p) => p.id)}
          optionLabel={(id) => t(`products.${id}`)}
          onChange={(id) => {
            const next = products.find((p) => p.id === id) ?? product;
            onChange({ ...choice, productId: next.id, scheme: next.schemes[0] ?? choice.scheme });
          }}
          testId="test-product"
        />
        {product.schemes.length > 1 && (
          <SelectField
            label={t('test.auth')}
            value={choice.scheme}
            options={product.schemes}
            optionLabel={(s) => t(`test.scheme.${s}`)}
            onChange={(scheme) => onChange({ ...choice, scheme })}
            testId="test-scheme"
          />
        )}
      </div>
      {!choice.useCustom && (
        <p className="preset" data-testid="test-preset">
          {product.testRequest ? (
            <code>
              {product.testRequest.method} {presetOrigin}
              {presetPath(product.testRequest.path, profile, credential)}
            </code>
          ) : (
            <span className="muted">{t('test.tokenOnly', { product: t(`products.${product.id}`) })}</span>
          )}
        </p>
      )}
      {allowCustom && (
        <Check
          label={t('test.custom')}
          checked={choice.useCustom}
          onChange={(useCustom) => onChange({ ...choice, useCustom })}
          testId="test-custom-toggle"
        />
      )}
      {choice.useCustom && (
        <div className="custom-request">
          <div className="row">
            <MethodField value={choice.custom.method} onChange={(method) => setCustom({ method })} testId="test-method" />
            <TextField
              label={t('test.path')}
              className="field-grow"
              hint={t('test.pathHint', { origin: base })}
              error={pathInvalid ? t('validation.path.invalid') : undefined}
              mono
              value={choice.custom.path}
              onChange={(path) => setCustom({ path })}
              spellCheck={false}
              testId="test-path"
            />
          </div>
          <TextField
            label={t('test.contentType')}
            mono
            value={choice.custom.contentType}
            onChange={(contentType) => setCustom({ contentType })}
            testId="test-content-type"
          />
          <TextAreaField
            label={t('test.requestBody')}
            hint={t('test.bodyHint')}
            mono
            rows={5}
            value={choice.custom.body}
            onChange={(body) => setCustom({ body })}
            spellCheck={false}
            testId="test-request-body"
          />
        </div>
      )}
    </div>
  );
}
