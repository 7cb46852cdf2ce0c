// The one rule for the region a product is used in, shared by the test request, the snippets, the .env export and
// the UI, so that all of them name the same host (they used to disagree for service plans and Mailgun).
import { PRODUCTS, type Product, type ProductId } from './catalog';
import type { CredentialMeta, Profile } from './profile';

/** Why a region is in force: asked for this once, the credential's own, the profile's setting, or the default. */
export type RegionSource = 'request' | 'credential' | 'profile' | 'default';

export interface RegionInForce {
  id: string;
  source: RegionSource;
  /** The product whose profile setting decides (Template Management reads Conversation's). */
  setting: ProductId;
}

/** The product whose region setting a product reads: its own, or the one it follows (Templates → Conversation). */
export const regionSettingOf = (product: Product): ProductId => product.regionFrom ?? product.id;

/** True when the profile holds a region for the product: it has several, follows no other, and no credential owns it. */
export const hasRegionSetting = (product: Product): boolean =>
  product.regions.length > 1 && product.regionFrom === undefined && product.credentialHoldsRegion !== true;

function credentialRegion(product: Product, credential: CredentialMeta | undefined): string | undefined {
  if (!product.credentialHoldsRegion || credential?.kind !== product.credentialKind) return undefined;
  return credential.kind === 'servicePlan' || credential.kind === 'mailgun' ? credential.region : undefined;
}

/**
 * A region asked for once wins; then the credential's own region (a service plan lives in one region, a Mailgun
 * domain in US or EU: another host would reject it); then the profile's setting (Conversation's for Templates, as
 * every SDK derives the Templates host from it); then the product's default. The id may be one the product does
 * not have (a value saved by an older version): callers that send a request check it.
 */
export function regionInForce(
  product: Product,
  profile: Pick<Profile, 'regions'>,
  credential?: CredentialMeta,
  requested?: string,
): RegionInForce {
  const setting = regionSettingOf(product);
  if (requested) return { id: requested, source: 'request', setting };
  const own = credentialRegion(product, credential);
  if (own) return { id: own, source: 'credential', setting };
  const saved = profile.regions[setting];
  if (saved) return { id: saved, source: 'profile', setting };
  return { id: product.defaultRegion, source: 'default', setting };
}

/** Why a profile cannot hold this region for this product, in words to act on; undefined when it can. */
export function regionSettingProblem(productId: string, region: string): string | undefined {
  const product = PRODUCTS[productId as ProductId];
  if (!product) return `There is no product "${productId}".`;
  if (product.regionFrom)
    return `${product.name} follows the ${PRODUCTS[product.regionFrom].name} region; set ${product.regionFrom}=${region} instead.`;
  if (product.credentialHoldsRegion)
    return `The ${product.name} region belongs to the credential; edit the credential's region instead.`;
  if (!hasRegionSetting(product)) return `${product.name} has a single host and no region to choose.`;
  if (!product.regions.some((r) => r.id === region))
    return `${product.name} has no region "${region}". Choose ${product.regions.map((r) => r.id).join(', ')}.`;
  return undefined;
}
