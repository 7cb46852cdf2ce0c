// Which region and host a request for a product will use, by the same rule main uses (shared/regions.ts).
import { AUTH_ORIGINS, fixedOriginFor, PRODUCTS, type Product, productOrigins, regionOf } from '../../shared/catalog';
import type { CredentialMeta, OverrideTarget, Profile } from '../../shared/profile';
import { regionInForce } from '../../shared/regions';

export function effectiveRegion(profile: Profile, credential: CredentialMeta | undefined, product: Product): string {
  return regionOf(product, regionInForce(product, profile, credential).id).id;
}

/** Where the product's preset test request goes: the override, the fixed host of its path (Voice), or the region's. */
export function presetOriginFor(profile: Profile, product: Product, regionId: string): string {
  const fixed = product.testRequest && fixedOriginFor(product, product.testRequest.path);
  return profile.baseUrls[product.id]?.url ?? fixed ?? regionOf(product, regionId).origin;
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
