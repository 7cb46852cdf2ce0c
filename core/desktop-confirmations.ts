// The desktop app's confirmations are made by main, never taken from the renderer as given (SECURITY.md, item 8):
// a renderer-sent "yes, send my secret to this foreign host" only counts after main's own native dialog said yes,
// and an .env export goes only to a path main's own save dialog handed out in this session. Electron-free, so the
// policy is tested in Node with a fake confirmer; electron/main.ts supplies the dialog and the chosen-path set.
import { AUTH_ORIGINS, PRODUCTS, productOrigins } from '../shared/catalog';
import type { Handlers } from '../shared/contract';
import { AppError } from '../shared/errors';
import type { OverrideTarget, Profile } from '../shared/profile';

/** What main's dialog names: the exact host, and which secret would go there. */
export interface ForeignHostQuestion {
  host: string;
  secret: 'profileSecrets' | 'functionAccessKey';
}

export interface DesktopConfirmationDeps {
  /** Main's native dialog; true only when the user said yes to this exact host. */
  confirm: (question: ForeignHostQuestion) => Promise<boolean>;
  /** The paths main's own save dialog returned in this session. */
  chosenPaths: ReadonlySet<string>;
}

const declined = (host: string) =>
  new AppError('CANCELLED', `You did not allow sending secrets to ${host}; nothing was saved or sent.`);

const isForeign = (target: OverrideTarget, url: string): boolean =>
  URL.canParse(url) && !(target === 'auth' ? AUTH_ORIGINS : productOrigins(PRODUCTS[target])).includes(new URL(url).origin);

type Overrides = Profile['baseUrls'];

/** Asks main's dialog for every foreign override the renderer marks confirmed and the profile did not already hold. */
async function confirmOverrides(deps: DesktopConfirmationDeps, next: Overrides | undefined, stored: Overrides) {
  for (const [target, override] of Object.entries(next ?? {}) as [OverrideTarget, Overrides[OverrideTarget]][]) {
    if (!override?.allowForeignHost || !isForeign(target, override.url)) continue;
    const kept = stored[target];
    if (kept?.allowForeignHost && kept.url === override.url) continue;
    const host = new URL(override.url).host;
    if (!(await deps.confirm({ host, secret: 'profileSecrets' }))) throw declined(host);
  }
}

/** The engine's handlers with main's own confirmations in front of the operations that carry one. */
export function withDesktopConfirmations(handlers: Handlers, deps: DesktopConfirmationDeps): Handlers {
  return {
    ...handlers,
    'profiles.create': async (input) => {
      await confirmOverrides(deps, input.baseUrls, {});
      return handlers['profiles.create'](input);
    },
    'profiles.update': async (input) => {
      const stored = (await handlers['profiles.get']({ profileId: input.profileId })).baseUrls;
      await confirmOverrides(deps, input.patch.baseUrls, stored);
      return handlers['profiles.update'](input);
    },
    'profiles.setOverride': async (input) => {
      if (input.url !== null && input.allowForeignHost) {
        const stored = (await handlers['profiles.get']({ profileId: input.profileId })).baseUrls;
        await confirmOverrides(deps, { [input.target]: { url: input.url, allowForeignHost: true } }, stored);
      }
      return handlers['profiles.setOverride'](input);
    },
    'request.testFunction': async (input) => {
      if (input.allowForeignHost && URL.canParse(input.url)) {
        const host = new URL(input.url).host;
        const known = (await handlers['profiles.get']({ profileId: input.profileId })).functionHosts ?? [];
        if (!known.includes(host) && !(await deps.confirm({ host, secret: 'functionAccessKey' }))) throw declined(host);
      }
      return handlers['request.testFunction'](input);
    },
    'env.export': async (input) => {
      if (!deps.chosenPaths.has(input.path))
        throw new AppError(
          'UNAUTHORIZED',
          'Sinch Keys exports only to a file you picked in its own save dialog.',
          'Choose the file with "Choose…" and export again.',
        );
      return handlers['env.export'](input);
    },
  };
}
