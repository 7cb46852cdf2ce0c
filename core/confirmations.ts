// The user's word is asked for by the side that holds the secrets (SECURITY.md, "Who confirms"). Whenever a secret
// would go somewhere only the user may approve — a host outside the product's own, a Function host, an export file, a
// file behind a symbolic link, an AI client's config file that will start our CLI — the engine asks the door's
// Confirmer; a flag in the request is at most a request to ask. Each door answers from a place its caller cannot
// forge: the desktop from main's own native dialogs (mainConfirms), the CLI from the flags the user typed
// (callerConfirms). Browser mode has no place the page cannot reach, so there the page's word stands (callerConfirms;
// the limit is in SECURITY.md).
import { AUTH_ORIGINS, PRODUCTS, productOrigins } from '../shared/catalog';
import { engineError } from '../shared/engine-text';
import type { OverrideTarget, Profile } from '../shared/profile';

/** Which secret a foreign host would receive: the dialog names it. */
export type SecretDestination = 'profileSecrets' | 'functionAccessKey';

export interface Confirmer {
  /** Asked only when the caller requested it: may this profile's secret go to `host`? */
  foreignHost(question: { host: string; secret: SecretDestination }): Promise<boolean>;
  /** May exported secrets be written to `path`? Asked before a secret is read. */
  exportPath(path: string): Promise<boolean>;
  /** May an export write through the symbolic link `path` to `target` (resolved by the engine)? */
  linkTarget(question: { path: string; target: string; requested: string | undefined }): Promise<boolean>;
  /** May an AI client's MCP config be written into the project folder `dir` (Claude Code, VS Code)? */
  projectFolder(dir: string): Promise<boolean>;
  /** May the user-level MCP config `path` of an AI client (Claude Desktop, Cursor) be rewritten? */
  userConfigFile(path: string): Promise<boolean>;
}

/** A door whose caller is the user: the flags they typed are the answer (the CLI; browser mode, see SECURITY.md). */
export const callerConfirms: Confirmer = {
  foreignHost: async () => true,
  exportPath: async () => true,
  linkTarget: async ({ target, requested }) => requested === target,
  projectFolder: async () => true,
  userConfigFile: async () => true,
};

export type DialogTopic = SecretDestination | 'linkTarget' | 'userConfigFile';

export interface MainDialogs {
  /** Main's native dialog, modal to the app window; true only when the user chose the confirming button. */
  ask(topic: DialogTopic, values: Record<string, string>): Promise<boolean>;
  /** The paths main's own save dialog returned in this session. */
  chosenPaths: ReadonlySet<string>;
  /** The folders main's own folder dialog returned in this session. */
  chosenFolders: ReadonlySet<string>;
}

/** The desktop app: main asks in its own dialogs and never takes the renderer's answer (issue 11 item 8). */
export const mainConfirms = ({ ask, chosenPaths, chosenFolders }: MainDialogs): Confirmer => ({
  foreignHost: ({ host, secret }) => ask(secret, { host }),
  exportPath: async (path) => chosenPaths.has(path),
  // The renderer's named target is ignored: the dialog shows the target the engine resolved itself.
  linkTarget: ({ path, target }) => ask('linkTarget', { path, target }),
  projectFolder: async (dir) => chosenFolders.has(dir),
  userConfigFile: (path) => ask('userConfigFile', { path }),
});

/** Asks the confirmer; a no stops the whole action with nothing saved or sent. */
export async function confirmForeignHost(confirmer: Confirmer, host: string, secret: SecretDestination): Promise<true> {
  if (await confirmer.foreignHost({ host, secret })) return true;
  throw engineError('CANCELLED', 'foreignHostDeclined', { host });
}

type Overrides = Profile['baseUrls'];

const ownOrigins = (target: OverrideTarget): readonly string[] =>
  target === 'auth' ? AUTH_ORIGINS : productOrigins(PRODUCTS[target]);

/**
 * The overrides as they may be saved. An override to the product's own hosts needs no word; one to any other host
 * is allowed only when the caller asked and the confirmer said yes, or when the profile already allowed that exact
 * URL (saving it again grants nothing new). A no throws before anything is saved.
 */
export async function confirmOverrides(confirmer: Confirmer, next: Overrides, stored: Overrides): Promise<Overrides> {
  const result: Overrides = {};
  for (const [target, override] of Object.entries(next) as [OverrideTarget, Overrides[OverrideTarget]][]) {
    if (!override) continue;
    const url = URL.canParse(override.url) ? new URL(override.url) : undefined;
    const foreign = url !== undefined && !ownOrigins(target).includes(url.origin);
    const kept = stored[target];
    const allowForeignHost =
      foreign &&
      override.allowForeignHost &&
      ((kept?.allowForeignHost === true && kept.url === override.url) ||
        (await confirmForeignHost(confirmer, url.host, 'profileSecrets')));
    result[target] = { url: override.url, allowForeignHost };
  }
  return result;
}
