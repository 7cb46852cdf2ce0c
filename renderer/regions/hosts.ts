// Which region and host a request for a product will use, worked out the way main does (test-request.ts: the
// profile's region for the product, else the credential's own region, else the product's default).
import { AUTH_ORIGINS, PRODUCTS, type Product, productOrigins, regionOf } from '../../shared/catalog';
import type { CredentialMeta, OverrideTarget, Profile } from '../../shared/profile';

export function effectiveRegion(profile: Profile, credential: CredentialMeta | undefined, product: Product): string {
  const own = credential && (credential.kind === 'servicePlan' || credential.kind === 'mailgun') ? credential.region : undefined;
  return regionOf(product, profile.regions[product.id] ?? own).id;
}

/** The base URL requests go to: the override if one is set, else the region's origin. */
export function baseUrlFor(profile: Profile, product: Product, regionId: string): { url: string; overridden: boolean } {
  const override = profile.baseUrls[product.id];
  return override ? { url: override.url, overridden: true } : { url: regionOf(product, regionId).origin, overridden: false };
}

/** True when a URL's origin is not one of the target's own hosts: secrets may go there only with the user's word. */
export function isForeignHost(target: OverrideTarget, url: string): boolean {
  const own = target === 'auth' ? AUTH_ORIGINS : productOrigins(PRODUCTS[target]);
  try {
    return !own.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

export const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
