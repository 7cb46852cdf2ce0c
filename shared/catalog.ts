// The one catalog of Sinch products: auth model, hosts per region, a safe read-only test request and env var names.
// Facts come from ../shared/reference/sinch-auth.md; section numbers are cited where a choice follows it.

export const CREDENTIAL_KINDS = ['accessKey', 'applicationKey', 'servicePlan', 'mailgun'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** How a request is authorised: OAuth2 bearer from an access key, Basic, Application HMAC signing, or an API token. */
export const AUTH_SCHEMES = ['bearer', 'basic', 'signed', 'apiToken'] as const;
export type AuthScheme = (typeof AUTH_SCHEMES)[number];

export const PRODUCT_IDS = [
  'numbers',
  'conversation',
  'templates',
  'sms',
  'smsServicePlan',
  'fax',
  'elasticSipTrunking',
  'numberLookup',
  'provisioning',
  'tenDlc',
  'voice',
  'verification',
  'mailgun',
] as const;
export type ProductId = (typeof PRODUCT_IDS)[number];

export interface Region {
  id: string;
  /** Origin (scheme + host) used for this region. */
  origin: string;
}

export interface TestRequest {
  method: 'GET';
  /** Path template; placeholders: {projectId}, {servicePlanId}, {applicationKey}, {domain}, {probeId}. */
  path: string;
  /** Statuses that prove the credentials work even though they are not 2xx (Verification probe, docs/protocol.md#application-test-requests). */
  successStatuses?: number[];
}

export interface Product {
  id: ProductId;
  name: string;
  credentialKind: CredentialKind;
  /** Schemes this product accepts, the first being the default. */
  schemes: AuthScheme[];
  regions: Region[];
  defaultRegion: string;
  /** The product whose region setting this one follows (Template Management follows Conversation in every SDK). */
  regionFrom?: ProductId;
  /** The region is the credential's own (a service plan's, a Mailgun domain's), not a setting of the profile. */
  credentialHoldsRegion?: true;
  /** Paths that go to a fixed host whatever the region (Voice application management), by path prefix. */
  fixedRoutes?: ReadonlyArray<{ prefix: string; origin: string }>;
  /** Extra origins of the product that are not tied to a region (Voice's management host). */
  extraOrigins?: string[];
  /** null when the product has no read-only call; the token exchange is the test then. */
  testRequest: TestRequest | null;
  /** Env var that names the region in the official SDK examples, when the product is regional. */
  regionEnvVar?: string;
  docsUrl: string;
}

const single = (origin: string): Pick<Product, 'regions' | 'defaultRegion'> => ({
  regions: [{ id: 'global', origin }],
  defaultRegion: 'global',
});

const regional = (ids: string[], origin: (id: string) => string, defaultRegion: string) => ({
  regions: ids.map((id) => ({ id, origin: origin(id) })),
  defaultRegion,
});

const VOICE_MANAGEMENT_ORIGIN = 'https://callingapi.sinch.com';

export const PRODUCTS: Record<ProductId, Product> = {
  numbers: {
    id: 'numbers',
    name: 'Numbers',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://numbers.api.sinch.com'),
    testRequest: { method: 'GET', path: '/v1/projects/{projectId}/availableRegions' },
    docsUrl: 'https://developers.sinch.com/docs/numbers',
  },
  conversation: {
    id: 'conversation',
    name: 'Conversation',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...regional(['us', 'eu', 'br'], (r) => `https://${r}.conversation.api.sinch.com`, 'us'),
    testRequest: { method: 'GET', path: '/v1/projects/{projectId}/apps' },
    regionEnvVar: 'SINCH_CONVERSATION_REGION',
    docsUrl: 'https://developers.sinch.com/docs/conversation',
  },
  templates: {
    id: 'templates',
    name: 'Template Management',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...regional(['us', 'eu', 'br'], (r) => `https://${r}.template.api.sinch.com`, 'us'),
    regionFrom: 'conversation',
    testRequest: { method: 'GET', path: '/v2/projects/{projectId}/templates' },
    regionEnvVar: 'SINCH_CONVERSATION_REGION',
    docsUrl: 'https://developers.sinch.com/docs/conversation/templates',
  },
  // docs/protocol.md#sms: project access keys on SMS only in us/eu, on the "zt." stack, with the project ID in the path.
  sms: {
    id: 'sms',
    name: 'SMS (access key)',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...regional(['us', 'eu'], (r) => `https://zt.${r}.sms.api.sinch.com`, 'us'),
    testRequest: { method: 'GET', path: '/xms/v1/{projectId}/batches?page_size=1' },
    regionEnvVar: 'SINCH_SMS_REGION',
    docsUrl: 'https://developers.sinch.com/docs/sms',
  },
  smsServicePlan: {
    id: 'smsServicePlan',
    name: 'SMS (service plan)',
    credentialKind: 'servicePlan',
    schemes: ['apiToken'],
    ...regional(['us', 'eu', 'au', 'br', 'ca'], (r) => `https://${r}.sms.api.sinch.com`, 'us'),
    credentialHoldsRegion: true,
    testRequest: { method: 'GET', path: '/xms/v1/{servicePlanId}/batches?page_size=1' },
    regionEnvVar: 'SINCH_SMS_REGION',
    docsUrl: 'https://developers.sinch.com/docs/sms',
  },
  fax: {
    id: 'fax',
    name: 'Fax',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://fax.api.sinch.com'),
    testRequest: { method: 'GET', path: '/v3/projects/{projectId}/services' },
    docsUrl: 'https://developers.sinch.com/docs/fax',
  },
  elasticSipTrunking: {
    id: 'elasticSipTrunking',
    name: 'Elastic SIP Trunking',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://elastic-trunking.api.sinch.com'),
    testRequest: { method: 'GET', path: '/v1/projects/{projectId}/trunks' },
    docsUrl: 'https://developers.sinch.com/docs/est',
  },
  // docs/protocol.md#product-hosts-and-test-requests: Number Lookup has only a (billable) POST, so the token exchange is the test.
  numberLookup: {
    id: 'numberLookup',
    name: 'Number Lookup',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://lookup.api.sinch.com'),
    testRequest: null,
    docsUrl: 'https://developers.sinch.com/docs/number-lookup-api-v2',
  },
  provisioning: {
    id: 'provisioning',
    name: 'Provisioning',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://provisioning.api.sinch.com'),
    testRequest: { method: 'GET', path: '/v1/projects/{projectId}/whatsapp/senders' },
    docsUrl: 'https://developers.sinch.com/docs/provisioning-api',
  },
  // docs/protocol.md#product-hosts-and-test-requests: the 10DLC list path is unconfirmed, so the token exchange is the test.
  tenDlc: {
    id: 'tenDlc',
    name: '10DLC',
    credentialKind: 'accessKey',
    schemes: ['bearer', 'basic'],
    ...single('https://us10dlc.numbers.api.sinch.com'),
    testRequest: null,
    docsUrl: 'https://developers.sinch.com/docs/10dlc-registration',
  },
  // docs/protocol.md#voice-hosts, docs/protocol.md#differences-between-the-sdks: regional calling hosts; the SDKs' ApplicationsApi (configuration and number queries) always goes to
  // callingapi.sinch.com.
  voice: {
    id: 'voice',
    name: 'Voice',
    credentialKind: 'applicationKey',
    schemes: ['signed', 'basic'],
    regions: [
      { id: 'global', origin: 'https://calling.api.sinch.com' },
      ...['use1', 'euc1', 'sae1', 'apse1', 'apse2'].map((r) => ({ id: r, origin: `https://calling-${r}.api.sinch.com` })),
    ],
    defaultRegion: 'global',
    fixedRoutes: [
      { prefix: '/v1/configuration/', origin: VOICE_MANAGEMENT_ORIGIN },
      { prefix: '/v1/calling/query/number/', origin: VOICE_MANAGEMENT_ORIGIN },
    ],
    extraOrigins: [VOICE_MANAGEMENT_ORIGIN],
    testRequest: { method: 'GET', path: '/v1/configuration/numbers' },
    docsUrl: 'https://developers.sinch.com/docs/voice',
  },
  // docs/protocol.md#application-test-requests: no list endpoint; an unknown verification id answers 404 once the credentials are accepted.
  verification: {
    id: 'verification',
    name: 'Verification',
    credentialKind: 'applicationKey',
    schemes: ['signed', 'basic'],
    ...single('https://verification.api.sinch.com'),
    testRequest: { method: 'GET', path: '/verification/v1/verifications/id/{probeId}', successStatuses: [404] },
    docsUrl: 'https://developers.sinch.com/docs/verification',
  },
  // docs/protocol.md#mailgun: Basic with the literal username "api"; the region is the domain's.
  mailgun: {
    id: 'mailgun',
    name: 'Mailgun',
    credentialKind: 'mailgun',
    schemes: ['basic'],
    regions: [
      { id: 'us', origin: 'https://api.mailgun.net' },
      { id: 'eu', origin: 'https://api.eu.mailgun.net' },
    ],
    defaultRegion: 'us',
    credentialHoldsRegion: true,
    testRequest: { method: 'GET', path: '/v4/domains' },
    docsUrl: 'https://documentation.mailgun.com/docs/mailgun/api-reference',
  },
};

/** docs/protocol.md#token-endpoint: the global token endpoint issues tokens valid for every region; the aliases are an advanced override. */
export const DEFAULT_TOKEN_URL = 'https://auth.sinch.com/oauth2/token';
export const AUTH_ORIGINS = ['https://auth.sinch.com', 'https://us.auth.sinch.com', 'https://eu.auth.sinch.com'];

/** A random-looking but fixed id for the Verification probe: never a real verification. */
export const VERIFICATION_PROBE_ID = '00000000-0000-4000-8000-5170c4e75a1e';

export const productsForKind = (kind: CredentialKind): Product[] =>
  Object.values(PRODUCTS).filter((p) => p.credentialKind === kind);

/** The product whose safe test says whether a credential of this kind works: the catalog's first for the kind. */
export function productToTest(kind: CredentialKind): ProductId {
  const product = productsForKind(kind).find((p) => p.testRequest !== null) ?? productsForKind(kind)[0];
  if (!product) throw new Error(`catalog: no product for ${kind}`);
  return product.id;
}

export function regionOf(product: Product, regionId: string | undefined): Region {
  const region = product.regions.find((r) => r.id === regionId) ?? product.regions.find((r) => r.id === product.defaultRegion);
  if (!region) throw new Error(`catalog: ${product.id} has no default region`);
  return region;
}

/** The fixed host a path goes to whatever the region (Voice management), or undefined for the regional host. */
export const fixedOriginFor = (product: Product, path: string): string | undefined =>
  product.fixedRoutes?.find((route) => path.startsWith(route.prefix))?.origin;

/** Every origin a product's requests may go to (all regions plus extra hosts): where its secret may be sent. */
export const productOrigins = (product: Product): string[] => [
  ...product.regions.map((r) => r.origin),
  ...(product.extraOrigins ?? []),
];

/** Origins a secret of this kind may be sent to without the user's explicit confirmation. */
export function trustedOriginsForKind(kind: CredentialKind): Set<string> {
  const origins = new Set(productsForKind(kind).flatMap(productOrigins));
  if (kind === 'accessKey') for (const o of AUTH_ORIGINS) origins.add(o);
  return origins;
}

export const DASHBOARD_URLS = {
  accessKeys: 'https://dashboard.sinch.com/settings/access-keys',
  apps: 'https://dashboard.sinch.com/voice/apps',
  sms: 'https://dashboard.sinch.com/sms/api/services',
  mailgunKeys: 'https://app.mailgun.com/settings/api_security',
} as const;
