// What the forms ask for per credential kind. Validation comes from shared/profile.ts; this only says which fields
// exist, how they are labelled (i18n keys) and which product's regions a region field offers.
import { type CredentialKind, PRODUCTS, type ProductId } from '../../shared/catalog';

export type CredentialFieldName = 'keyId' | 'applicationKey' | 'servicePlanId' | 'domain' | 'secret' | 'region';

export interface CredentialField {
  name: CredentialFieldName;
  /** Suffix of the label key (credential.field.*) and of the validation messages (validation.*). */
  key: string;
  secret?: boolean;
  /** A region field offers this product's regions. */
  regionsOf?: ProductId;
}

export const KIND_FIELDS: Record<CredentialKind, CredentialField[]> = {
  accessKey: [
    { name: 'keyId', key: 'keyId' },
    { name: 'secret', key: 'keySecret', secret: true },
  ],
  applicationKey: [
    { name: 'applicationKey', key: 'applicationKey' },
    { name: 'secret', key: 'applicationSecret', secret: true },
  ],
  servicePlan: [
    { name: 'servicePlanId', key: 'servicePlanId' },
    { name: 'secret', key: 'apiToken', secret: true },
    { name: 'region', key: 'servicePlanRegion', regionsOf: 'smsServicePlan' },
  ],
  mailgun: [
    { name: 'secret', key: 'mailgunKey', secret: true },
    { name: 'domain', key: 'domain' },
    { name: 'region', key: 'mailgunRegion', regionsOf: 'mailgun' },
  ],
};

export const regionIdsOf = (product: ProductId): string[] => PRODUCTS[product].regions.map((r) => r.id);

/** Message keys for useFieldErrors: field name → validation key, for one kind (plus the label every kind has). */
export const messageKeysOf = (kind: CredentialKind): Record<string, string> =>
  Object.fromEntries([...KIND_FIELDS[kind].map((f) => [f.name, f.key]), ['label', 'label']]);
